import { z } from 'zod';

/** What a learner can finish: a graded exercise (lab or real machine) or a quiz. */
export const progressKind = z.enum(['exercise', 'quiz']);

/** One exercise or quiz as far as a learner got with it: the best score and when it was first done. */
export const progressItem = z.object({
  kind: progressKind,
  id: z.string().regex(/^[a-z0-9-]{1,80}$/),
  /** The score when it was first done; until then the best so far. 0 to 1. */
  score: z.number().min(0).max(1),
  /** When it was first done (an exercise fully passed, a quiz finished), or null while it is not. */
  doneAt: z.iso.datetime().nullable(),
  /** Reference solutions of an exercise the learner had opened when it was first done. */
  solutionsOpened: z.number().int().min(0).max(1000).default(0),
  /** How many times it was done: a quiz finished again after its key was seen counts here, not in the score. */
  finished: z.number().int().min(0).default(0),
});

/** `GET /api/me/progress`. */
export const progressResponse = z.object({
  signedIn: z.boolean(),
  items: z.array(progressItem),
  /** The address part of the shared record, when the learner shares one. */
  share: z.string().nullable(),
});

/** `POST /api/me/progress/share`: share the record (a new address each time) or stop sharing. */
export const shareRequest = z.object({ share: z.boolean() }).strict();

export type ProgressKind = z.output<typeof progressKind>;
export type ProgressItemInput = z.input<typeof progressItem>;
export type ProgressItem = z.output<typeof progressItem>;
export type ProgressResponseInput = z.input<typeof progressResponse>;
export type ProgressResponse = z.output<typeof progressResponse>;
export type ShareRequestInput = z.input<typeof shareRequest>;
export type ShareRequest = z.output<typeof shareRequest>;
