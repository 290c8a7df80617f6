import { z } from 'zod';
import { answer } from './quiz.ts';

const attemptId = z.uuid();

/** `POST /api/quizzes/:id/check`: one practice answer. */
export const checkRequest = z.object({ attempt: attemptId, question: z.string().max(100), answer }).strict();

/** `POST /api/quizzes/:id/submit`: every assessment answer, once. */
export const submitRequest = z
  .object({
    attempt: attemptId,
    answers: z
      .record(z.string().max(100), answer)
      .refine((a) => Object.keys(a).length <= 200, 'too many answers'),
  })
  .strict();

export type CheckRequestInput = z.input<typeof checkRequest>;
export type CheckRequest = z.output<typeof checkRequest>;
export type SubmitRequestInput = z.input<typeof submitRequest>;
export type SubmitRequest = z.output<typeof submitRequest>;
