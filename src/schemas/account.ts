import { z } from 'zod';

const email = z.email('enter an email address such as ada@example.com').max(254);
const password = z.string().min(10, 'use a password of at least 10 characters').max(200);

/** `POST /api/auth/signup`: a learner's new account. */
export const signupRequest = z
  .object({ email, name: z.string().trim().min(1, 'enter your name').max(100), password })
  .strict();

/** `POST /api/auth/login`. */
export const loginRequest = z.object({ email: z.string().max(254), password: z.string().max(200) }).strict();

export type SignupRequestInput = z.input<typeof signupRequest>;
export type SignupRequest = z.output<typeof signupRequest>;
export type LoginRequestInput = z.input<typeof loginRequest>;
export type LoginRequest = z.output<typeof loginRequest>;
