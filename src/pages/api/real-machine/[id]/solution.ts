import type { APIRoute } from 'astro';
import { realMachineExercises } from '../../../../real-machine/exercises.ts';
import { serveSolution } from '../../../../server/solutions.ts';

export const prerender = false;

/** A real-machine task's reference solution, on request and on the record (see `serveSolution`). */
export const POST: APIRoute = (context) =>
  serveSolution(context, realMachineExercises().get(context.params.id ?? ''), context.params.id ?? '');
