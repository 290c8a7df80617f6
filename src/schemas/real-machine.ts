import { z } from 'zod';
import { localized } from './exercise.ts';

/**
 * A check on the real machine: a shell command run in the guest, on the lab's own serial port,
 * that exits 0 when the task is done. `explain` says what is missing when it does not.
 */
export const guestCheck = z.object({
  run: z.string().min(1),
  explain: localized,
});

export const realMachineTask = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: localized,
  hints: z.array(localized).default([]),
  checks: z.array(guestCheck).min(1),
  /** Lines typed at the console that complete the task from where the previous tasks leave it. */
  solution: z.array(z.string().min(1)).min(1),
});

/** An exercise done on the real machine (Linux in v86), in `exercises/real-machine/`. */
export const realMachineExercise = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'exercise ids are lowercase words joined by hyphens'),
  version: z.number().int().positive().default(1),
  title: localized,
  instructions: localized,
  tasks: z.array(realMachineTask).min(1),
});

/** Props of the `<RealMachine>` component. */
export const realMachineProps = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lab ids are lowercase words joined by hyphens'),
  /** An exercise id from exercises/real-machine/: its tasks tick as the guest's state satisfies them. */
  exercise: z.string().optional(),
});

export type GuestCheck = z.output<typeof guestCheck>;
export type RealMachineTaskInput = z.input<typeof realMachineTask>;
export type RealMachineTask = z.output<typeof realMachineTask>;
export type RealMachineExerciseInput = z.input<typeof realMachineExercise>;
export type RealMachineExercise = z.output<typeof realMachineExercise>;
export type RealMachinePropsInput = z.input<typeof realMachineProps>;
export type RealMachineProps = z.output<typeof realMachineProps>;
