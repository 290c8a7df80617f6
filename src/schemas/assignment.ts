import { z } from 'zod';
import { localized } from './exercise.ts';
import { answer, answers } from './quiz.ts';

const percent = z.number().min(0).max(100);
/** A moment with its offset, between 1970 and 9999: what both databases store without complaint. */
const instant = z.iso.datetime({ offset: true }).refine(
  (text) => {
    const year = new Date(text).getUTCFullYear();
    return year >= 1970 && year <= 9999;
  },
  { message: 'a date between 1970 and 9999' },
);

/** What an instructor sets about an assignment, besides the exercise or quiz it assigns. */
const settings = z.object({
  title: z.string().trim().min(1, 'give the assignment a title').max(200),
  opensAt: instant,
  /** Null: no due date. */
  dueAt: instant.nullable(),
  /** Null: any number of attempts. */
  maxAttempts: z.number().int().positive().max(100).nullable(),
  grading: z.enum(['highest', 'last', 'first', 'average']),
  latePercentPerDay: percent,
  lateFloorPercent: percent,
});

/** A due date, when both dates are given, comes after the opening date. */
const dueAfterOpening = (a: { opensAt?: string | undefined; dueAt?: string | null | undefined }) =>
  !a.opensAt || !a.dueAt || new Date(a.dueAt) > new Date(a.opensAt);
const dueAfterOpeningIssue = { message: 'the due date must come after the opening date', path: ['dueAt'] };

/** `POST /api/classes/:id/assignments`: an exercise or quiz set for a class, pinned to its version. */
export const createAssignmentRequest = settings
  .partial()
  .extend({
    kind: z.enum(['exercise', 'quiz']),
    contentId: z.string().regex(/^[a-z0-9-]+$/, 'name an exercise or quiz by its id'),
    grading: settings.shape.grading.default('highest'),
    latePercentPerDay: percent.default(0),
    lateFloorPercent: percent.default(0),
  })
  .strict()
  .refine(dueAfterOpening, dueAfterOpeningIssue);

/**
 * `PATCH /api/assignments/:id`: changes some settings (a field left out stays as it is; null clears
 * the due date or the attempt limit), and archives or restores the assignment. What it assigns
 * stays pinned.
 */
export const updateAssignmentRequest = settings
  .extend({ archived: z.boolean() })
  .partial()
  .strict()
  .refine((a) => Object.keys(a).length > 0, 'change at least one setting')
  .refine(dueAfterOpening, dueAfterOpeningIssue);

/** `DELETE /api/assignments/:id`: no fields; a JSON body, so the Origin check applies. */
export const deleteAssignmentRequest = z.object({}).strict();

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

/**
 * A graded quiz attempt as stored (`QuestionReport`s): each question's score and verdict, the
 * feedback on the answer, the key in an answer's shape and the explanation. Read back to review it.
 */
export const quizResult = z.object({
  questions: z.array(
    z.object({
      id: z.string(),
      score: z.number(),
      correct: z.boolean(),
      feedback: z.array(localized),
      solution: z.object({ explanation: localized, answer }),
    }),
  ),
});

/** Props of `<AssignedNotice>`: the exercise or quiz a lesson shows, which may be assigned to its reader. */
export const assignedNoticeProps = z
  .object({ kind: z.enum(['exercise', 'quiz']), contentId: z.string().regex(/^[a-z0-9-]+$/) })
  .strict();

export type CreateAssignmentRequestInput = z.input<typeof createAssignmentRequest>;
export type CreateAssignmentRequest = z.output<typeof createAssignmentRequest>;
export type UpdateAssignmentRequestInput = z.input<typeof updateAssignmentRequest>;
export type UpdateAssignmentRequest = z.output<typeof updateAssignmentRequest>;
export type ExtensionRequestInput = z.input<typeof extensionRequest>;
export type ExtensionRequest = z.output<typeof extensionRequest>;
export type SubmissionRequestInput = z.input<typeof submissionRequest>;
export type SubmissionRequest = z.output<typeof submissionRequest>;
export type QuizEvidenceInput = z.input<typeof quizEvidence>;
export type QuizEvidence = z.output<typeof quizEvidence>;
export type QuizResultInput = z.input<typeof quizResult>;
export type QuizResult = z.output<typeof quizResult>;
export type AssignedNoticePropsInput = z.input<typeof assignedNoticeProps>;
export type AssignedNoticeProps = z.output<typeof assignedNoticeProps>;
