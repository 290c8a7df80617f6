import type { APIRoute } from 'astro';
import { z } from 'zod';
import { realMachineExercises } from '../../../../real-machine/exercises.ts';
import { MAX_INPUT } from '../../../../real-machine/replay.ts';
import { currentUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { appGrader } from '../../../../server/grader/grader.ts';
import { enqueueGrading } from '../../../../server/grader/queue.ts';
import { json, problem, readValid, tooMany } from '../../../../server/json.ts';
import { RateLimiter } from '../../../../server/rate-limit.ts';

export const prerender = false;

/** A grading runs a machine of its own: two at once per client, then one a minute. */
const limiter = new RateLimiter('real-machine', 2, 1 / 60);

const request = z
  .object({ input: z.string().max(MAX_INPUT, `at most ${MAX_INPUT} characters of console input`) })
  .strict();

/**
 * Queues a real-machine grading from evidence: a grader restores its own booted machine, types the
 * learner's console input into it and runs the checks there. The page's ticks are never trusted.
 * Answers 202 with the job to follow at `/api/real-machine/jobs/:job`.
 */
export const POST: APIRoute = async (context) => {
  const exercise = realMachineExercises().get(context.params.id ?? '');
  if (!exercise) return problem(404, `no real-machine exercise "${context.params.id}"`);
  const body = await readValid(context.request, request);
  if (!body.ok) return body.response;
  const wait = await limiter.takeForAddress(context.clientAddress);
  if (wait > 0) return tooMany(wait, 'each grading runs a machine of its own, so they are limited');
  const db = await database();
  const user = await currentUser(context);
  const job = await enqueueGrading(db, { spec: exercise, input: body.value.input, userId: user?.id });
  if (!job) return problem(503, 'the grader has too many learners waiting; try again in a few minutes');
  appGrader(database)?.poke();
  return json(202, { job: job.id, status: 'queued', poll: `/api/real-machine/jobs/${job.id}` });
};
