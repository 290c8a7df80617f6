import type { APIContext } from 'astro';
import { z } from 'zod';
import { currentUser } from './auth/current.ts';
import { database } from './db/open.ts';
import { json, problem, readValid, tooMany } from './json.ts';
import { assignedUntil } from './queries/assignments.ts';
import { hasExerciseAssigned, recordSolutionView } from './queries/solutions.ts';
import { assignedProblem } from './quiz-route.ts';
import { RateLimiter } from './rate-limit.ts';

const limiter = new RateLimiter('solution', 30, 1 / 5);

const request = z.object({ task: z.string().max(100) }).strict();

/** What has solutions: an exercise of either kind, with its tasks. */
interface WithSolutions {
  id: string;
  tasks: { id: string; solution: string[] }[];
}

/**
 * Answers a request for one task's reference solution, sent only when the learner asks: the page
 * never holds it. A signed-in learner's request is recorded (the gradebook shows it). While the
 * exercise is assigned in a class, only learners it is assigned to may see it, and on the record.
 */
export async function serveSolution(
  context: Pick<APIContext, 'request' | 'cookies' | 'clientAddress'>,
  exercise: WithSolutions | undefined,
  name: string,
): Promise<Response> {
  if (!exercise) return problem(404, `no exercise "${name}"`);
  const wait = await limiter.takeForAddress(context.clientAddress);
  if (wait > 0) return tooMany(wait, 'too many solutions asked for too quickly');
  const body = await readValid(context.request, request);
  if (!body.ok) return body.response;
  const task = exercise.tasks.find((t) => t.id === body.value.task);
  if (!task) return problem(404, `exercise "${exercise.id}" has no task "${body.value.task}"`);
  const db = await database();
  const user = await currentUser(context);
  const until = await assignedUntil(db, 'exercise', exercise.id);
  if (until !== undefined && !(user && (await hasExerciseAssigned(db, user.id, exercise.id))))
    return assignedProblem(until);
  if (user) await recordSolutionView(db, user.id, exercise.id, task.id);
  return json(200, { task: task.id, solution: task.solution, recorded: user !== undefined });
}
