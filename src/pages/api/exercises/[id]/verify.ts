import type { APIRoute } from 'astro';
import type { Verification } from '../../../../grading/exercises.ts';
import { exercises } from '../../../../server/exercises.ts';
import { json, problem, readJson, tooMany } from '../../../../server/json.ts';
import { recordForSignedIn } from '../../../../server/progress.ts';
import { RateLimiter } from '../../../../server/rate-limit.ts';
import { ReplayFailed, replayPool } from '../../../../server/replay/pool.ts';

export const prerender = false;

/**
 * Practice grading, anonymous: ten at once, then one every five seconds from one address (its /64 for
 * IPv6). A class's graded work goes through assignments, limited per learner instead.
 */
const limiter = new RateLimiter('verify', 10, 1 / 5);

/**
 * Grades a practice submission by replaying its transcript on the server, in a worker thread under a
 * deadline. It never trusts a score; the result counts towards the progress of whoever is signed in
 * (assignments have their own route).
 */
export const POST: APIRoute = async ({ params, request, clientAddress, cookies }) => {
  const exercise = exercises().get(params.id ?? '');
  if (!exercise) return problem(404, `no exercise "${params.id}"`);
  const wait = await limiter.takeForAddress(clientAddress);
  if (wait > 0) return tooMany(wait, 'too many submissions too quickly');
  const body = await readJson(request);
  if (!body.ok) return body.response;
  let result: Verification;
  try {
    result = await replayPool().verify(exercise, body.value, { signal: request.signal });
  } catch (error) {
    if (error instanceof ReplayFailed) return problem(error.status, error.message);
    throw error;
  }
  if (!result.ok) return problem(result.status, result.reason);
  await recordForSignedIn(
    { cookies },
    {
      kind: 'exercise',
      id: exercise.id,
      version: exercise.version,
      score: result.score,
      done: result.score === 1,
    },
  );
  return json(200, {
    exercise: exercise.id,
    version: exercise.version,
    score: result.score,
    solutionsShown: result.revealed,
    tasks: result.tasks.map((t) => ({
      id: t.id,
      pass: t.pass,
      messages: t.verdicts.filter((v) => !v.pass).map((v) => v.message),
    })),
  });
};
