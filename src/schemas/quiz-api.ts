import { z } from 'zod';
import { answer, answers } from './quiz.ts';

const attemptId = z.uuid();

/** `POST /api/quizzes/:id/check`: one practice answer. */
export const checkRequest = z.object({ attempt: attemptId, question: z.string().max(100), answer }).strict();

/** `POST /api/quizzes/:id/submit`: every assessment answer, once. */
export const submitRequest = z.object({ attempt: attemptId, answers }).strict();

export type CheckRequestInput = z.input<typeof checkRequest>;
export type CheckRequest = z.output<typeof checkRequest>;
export type SubmitRequestInput = z.input<typeof submitRequest>;
export type SubmitRequest = z.output<typeof submitRequest>;
