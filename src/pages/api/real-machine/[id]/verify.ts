import type { APIRoute } from 'astro';
import { z } from 'zod';
import { realMachineExercises } from '../../../../real-machine/exercises.ts';
import { MAX_INPUT, replayInput } from '../../../../real-machine/replay.ts';
import { json, problem, readValid, tooMany } from '../../../../server/json.ts';
import { RateLimiter } from '../../../../server/rate-limit.ts';
import { withMachine } from '../../../../server/real-machine.ts';

export const prerender = false;

/** A grading boots a machine: two at once per client, then one a minute. */
const limiter = new RateLimiter(2, 1 / 60);

const request = z
  .object({ input: z.string().max(MAX_INPUT, `at most ${MAX_INPUT} characters of console input`) })
  .strict();

/**
 * Grades a real-machine exercise from evidence: the server boots its own copy of the machine, types
 * the learner's console input into it and runs the checks there. The page's ticks are never trusted.
 */
export const POST: APIRoute = async ({ params, request: req, clientAddress }) => {
  const exercise = realMachineExercises().get(params.id ?? '');
  if (!exercise) return problem(404, `no real-machine exercise "${params.id}"`);
  const body = await readValid(req, request);
  if (!body.ok) return body.response;
  const wait = limiter.take(clientAddress);
  if (wait > 0) return tooMany(wait, 'each grading boots a machine of its own, so they are limited');
  let done: Set<string> | undefined;
  try {
    done = await withMachine((machine) => replayInput(machine, exercise, body.value.input));
  } catch (error) {
    return problem(
      503,
      `the grader could not run its machine: ${error instanceof Error ? error.message : error}`,
    );
  }
  if (!done) return problem(503, 'the grader is busy with other learners; try again in a minute');
  return json(200, {
    exercise: exercise.id,
    version: exercise.version,
    passed: done.size,
    total: exercise.tasks.length,
    tasks: exercise.tasks.map((t) => ({ id: t.id, pass: done.has(t.id) })),
  });
};
