import type { APIRoute } from 'astro';
import { exercises } from '../../../../server/exercises.ts';
import { serveSolution } from '../../../../server/solutions.ts';

export const prerender = false;

/** A task's reference solution, on request and on the record (see `serveSolution`). */
export const POST: APIRoute = (context) =>
  serveSolution(context, exercises().get(context.params.id ?? ''), context.params.id ?? '');
