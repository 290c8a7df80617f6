import { z } from 'zod';

/** `POST /api/classes`: an instructor's new class. */
export const createClassRequest = z
  .object({ name: z.string().trim().min(1, 'name the class').max(120) })
  .strict();

/** `PATCH /api/classes/:id`: renames the class, or archives or restores it. */
export const updateClassRequest = z
  .object({ name: createClassRequest.shape.name, archived: z.boolean() })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, 'change the name or archived');

/** `DELETE /api/classes/:id`: no fields; a JSON body, so the Origin check applies. */
export const deleteClassRequest = z.object({}).strict();

/** `POST /api/classes/join`: a learner joins with a code. */
export const joinRequest = z
  .object({ code: z.string().trim().min(1, 'enter the join code').max(40) })
  .strict();

/** `POST /api/classes/:id/join-code`: rotate, disable or enable the code, and set or clear its expiry. */
export const joinCodeRequest = z
  .object({
    action: z.enum(['rotate', 'disable', 'enable']),
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();

export type CreateClassRequestInput = z.input<typeof createClassRequest>;
export type CreateClassRequest = z.output<typeof createClassRequest>;
export type UpdateClassRequestInput = z.input<typeof updateClassRequest>;
export type UpdateClassRequest = z.output<typeof updateClassRequest>;
export type JoinRequestInput = z.input<typeof joinRequest>;
export type JoinRequest = z.output<typeof joinRequest>;
export type JoinCodeRequestInput = z.input<typeof joinCodeRequest>;
export type JoinCodeRequest = z.output<typeof joinCodeRequest>;
