import { z } from 'zod';
import { answers } from './quiz.ts';

const percent = z.number().min(0).max(100);
/** A moment with its offset, between 1970 and 9999: what both databases store without complaint. */
const instant = z.iso.datetime({ offset: true }).refine(
  (text) => {
    const year = new Date(text).getUTCFullYear();
    return year >= 1970 && year <= 9999;
  },
  { message: 'a date between 1970 and 9999' },
);

/** `POST /api/classes/:id/assignments`: an exercise or quiz set for a class, pinned to its version. */
export const createAssignmentRequest = z
  .object({
    kind: z.enum(['exercise', 'quiz']),
    contentId: z.string().regex(/^[a-z0-9-]+$/, 'name an exercise or quiz by its id'),
    title: z.string().trim().min(1).max(200).optional(),
    opensAt: instant.optional(),
    dueAt: instant.nullable().optional(),
    maxAttempts: z.number().int().positive().max(100).nullable().optional(),
    grading: z.enum(['highest', 'last', 'first', 'average']).default('highest'),
    latePercentPerDay: percent.default(0),
    lateFloorPercent: percent.default(0),
  })
  .strict()
  .refine((a) => !a.opensAt || !a.dueAt || a.dueAt > a.opensAt, {
    message: 'the due date must come after the opening date',
    path: ['dueAt'],
  });

/** `POST /api/assignments/:id/extensions`: a later due date for one learner. */
export const extensionRequest = z.object({ learnerId: z.uuid(), dueAt: instant }).strict();

/**
 * `POST /api/assignments/:id/submissions`: evidence, never a score. `idempotencyKey` is made by the
 * browser once per submission, so a retry never counts twice.
 */
export const submissionRequest = z
  .object({
    idempotencyKey: z.string().min(8).max(100),
    /** An exercise's transcript (see transcript.ts), or a quiz's answers. */
    evidence: z.unknown(),
  })
  .strict();

/**
 * A quiz's evidence: the answers, by question id, and the attempt whose drawn questions they answer
 * (the page's view; the server refuses answers to an attempt that is no longer the next one).
 */
export const quizEvidence = z
  .object({ answers, attempt: z.number().int().min(1).max(1000).optional() })
  .strict();

export type CreateAssignmentRequestInput = z.input<typeof createAssignmentRequest>;
export type CreateAssignmentRequest = z.output<typeof createAssignmentRequest>;
export type ExtensionRequestInput = z.input<typeof extensionRequest>;
export type ExtensionRequest = z.output<typeof extensionRequest>;
export type SubmissionRequestInput = z.input<typeof submissionRequest>;
export type SubmissionRequest = z.output<typeof submissionRequest>;
export type QuizEvidenceInput = z.input<typeof quizEvidence>;
export type QuizEvidence = z.output<typeof quizEvidence>;
