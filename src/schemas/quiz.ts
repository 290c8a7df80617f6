import { z } from 'zod';
import { localized } from './exercise.ts';

const id = z.string().regex(/^[a-z0-9-]+$/, 'ids are lowercase words joined by hyphens');
const scoring = z.enum(['all-or-nothing', 'partial']).default('all-or-nothing');

const option = z.object({
  id,
  text: localized,
  correct: z.boolean().default(false),
  /** Why this option is right or wrong; shown after a check. */
  feedback: localized.optional(),
});

/**
 * Rows of values an attempt draws one of: their `{name}` placeholders fill the question's texts and
 * accepted answers, so one learner's answer is not another's.
 */
const params = z
  .array(
    z.record(
      z.string().regex(/^\w+$/, 'parameter names are letters, digits and _'),
      z.union([z.string(), z.number()]),
    ),
  )
  .min(2, 'parameters need at least two rows to draw from');

const common = {
  prompt: localized,
  /** Shown once the question is settled (answered right, or out of tries). */
  explanation: localized,
  params: params.optional(),
};

const uniqueIds = (items: { id: string }[]) => new Set(items.map((i) => i.id)).size === items.length;

/** One form of a question, without its id; see docs/QUIZZES.md for what each type's key means. */
export const questionForm = z.discriminatedUnion('type', [
  z.object({
    ...common,
    type: z.literal('single'),
    options: z
      .array(option)
      .min(2)
      .refine(
        (o) => o.filter((x) => x.correct).length === 1,
        'a single-choice question has exactly one correct option',
      )
      .refine(uniqueIds, 'option ids must be unique'),
  }),
  z.object({
    ...common,
    type: z.literal('multiple'),
    scoring,
    options: z
      .array(option)
      .min(2)
      .refine((o) => o.some((x) => x.correct), 'a multiple-choice question needs a correct option')
      .refine(uniqueIds, 'option ids must be unique'),
  }),
  z.object({ ...common, type: z.literal('true-false'), answer: z.boolean() }),
  z.object({
    ...common,
    type: z.literal('ordering'),
    /** In the correct order; the page shows them shuffled. */
    items: z
      .array(z.object({ id, text: localized }))
      .min(2)
      .refine(uniqueIds, 'item ids must be unique'),
  }),
  z
    .object({
      ...common,
      type: z.literal('matching'),
      scoring,
      targets: z
        .array(z.object({ id, text: localized }))
        .min(2)
        .refine(uniqueIds, 'target ids must be unique'),
      items: z
        .array(z.object({ id, text: localized, match: id }))
        .min(2)
        .refine(uniqueIds, 'item ids must be unique'),
    })
    .refine((q) => q.items.every((i) => q.targets.some((t) => t.id === i.match)), {
      message: 'every item must match one of the targets',
    }),
  z.object({
    ...common,
    type: z.literal('numeric'),
    answer: z.number(),
    tolerance: z.number().min(0).default(0),
    unit: z.string().optional(),
  }),
  z.object({ ...common, type: z.literal('text'), accept: z.array(z.string().min(1)).min(1) }),
  z.object({ ...common, type: z.literal('command'), accept: z.array(z.string().min(1)).min(1) }),
]);

/** A question another attempt may ask instead; `reserved` forms are drawn only for graded copies. */
const variant = z.intersection(z.object({ reserved: z.boolean().default(false) }), questionForm);

/** One question: its form, and the variants an attempt may draw instead (docs/QUIZZES.md). */
export const question = z.intersection(
  z.object({ id, variants: z.array(variant).min(1).optional() }),
  questionForm,
);

export const quiz = z
  .object({
    id,
    /** Bumped when keys change, so a result always names the key it was graded by. */
    version: z.number().int().positive().default(1),
    title: localized,
    mode: z.enum(['practice', 'assessment']).default('practice'),
    practice: z
      .object({
        tries: z.number().int().min(1).max(10).default(3),
        penalty: z.number().min(0).max(1).default(0.25),
      })
      .default({ tries: 3, penalty: 0.25 }),
    /** When an assessment shows what was right: at once, after its due date, or never. */
    reveal: z.enum(['immediately', 'after-due', 'never']).default('immediately'),
    questions: z.array(question).min(1).refine(uniqueIds, 'question ids must be unique'),
  })
  .strict();

export type QuestionFormInput = z.input<typeof questionForm>;
export type QuestionForm = z.output<typeof questionForm>;
export type QuestionInput = z.input<typeof question>;
export type Question = z.output<typeof question>;
export type QuizInput = z.input<typeof quiz>;
export type Quiz = z.output<typeof quiz>;

/** A learner's answer to one question, by type. */
export const answer = z.union([
  z.object({ choice: z.string().max(100) }),
  z.object({ choices: z.array(z.string().max(100)).max(50) }),
  z.object({ value: z.boolean() }),
  z.object({ order: z.array(z.string().max(100)).max(50) }),
  z.object({ pairs: z.record(z.string().max(100), z.string().max(100)) }),
  z.object({ number: z.number() }),
  z.object({ text: z.string().max(1000) }),
]);

/** Answers to a whole quiz, by question id. */
export const answers = z
  .record(z.string().max(100), answer)
  .refine((a) => Object.keys(a).length <= 200, 'too many answers');

export type AnswerInput = z.input<typeof answer>;
export type Answer = z.output<typeof answer>;

/** Props of the `<Quiz>` component. */
export const quizProps = z.object({
  id,
  /** An assignment the quiz is answered for: answers go to its submissions, once per attempt. */
  assignment: z.uuid().optional(),
  /** The seed of the learner's next graded attempt (`gradedSeed`), which draws its questions. */
  seed: z.string().max(200).optional(),
  /** The number of that attempt, sent with its answers. */
  attempt: z.number().int().min(1).optional(),
  /** How many attempts the assignment allows; null or absent: any number. */
  maxAttempts: z.number().int().min(1).nullable().optional(),
});

export type QuizPropsInput = z.input<typeof quizProps>;
export type QuizProps = z.output<typeof quizProps>;
