import type { APIContext } from 'astro';
import type { QuizAttempt } from '../grading/quiz-attempt.ts';
import type { Quiz } from '../schemas/quiz.ts';
import { updateAttempt } from './attempts.ts';
import type { Queryable } from './db/database.ts';
import { database } from './db/open.ts';
import { problem, readValid, tooMany } from './json.ts';
import { assignedUntil } from './queries/assignments.ts';
import { quizzes } from './quizzes.ts';
import { RateLimiter } from './rate-limit.ts';

// Thirty requests at once, then one every two seconds: plenty to read and think, too slow to enumerate.
const limiter = new RateLimiter('quiz', 30, 1 / 2);

/**
 * What every public quiz endpoint does first: finds the quiz, limits the client's rate, refuses while
 * the quiz is assigned in a class (its keys must not leak before the assignment closes), then reads
 * the JSON body (Origin checked) and validates it. Returns the quiz and body, or the error Response.
 */
export async function quizRequest<T>(
  context: APIContext,
  schema: Parameters<typeof readValid<T>>[1],
): Promise<{ ok: true; quiz: Quiz; body: T } | { ok: false; response: Response }> {
  const quiz = quizzes().get(context.params.id ?? '');
  if (!quiz) return { ok: false, response: problem(404, `no quiz "${context.params.id}"`) };
  const wait = await limiter.takeForAddress(context.clientAddress);
  if (wait > 0) return { ok: false, response: tooMany(wait, 'too many answers too quickly') };
  const until = await assignedUntil(await database(), 'quiz', quiz.id);
  if (until !== undefined) return { ok: false, response: assignedProblem(until) };
  const body = await readValid(context.request, schema);
  if (!body.ok) return body;
  return { ok: true, quiz, body: body.value };
}

/** 423 for public practice of content that a class has assigned and not yet closed. */
export function assignedProblem(until: Date | null): Response {
  return problem(
    423,
    until
      ? `this is assigned in a class until ${until.toISOString()}; practice opens again after that (do it from your assignment if it is yours)`
      : 'this is assigned in a class with no due date; practice opens again once the assignment is removed (do it from your assignment if it is yours)',
  );
}

/**
 * Runs `change` on the attempt a request names, locked in a transaction, if it belongs to this quiz
 * and version; stores what it changed. Returns its value or the error Response.
 */
export async function withAttempt<T>(
  quiz: Quiz,
  id: string,
  change: (attempt: QuizAttempt) => T,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  const db = await database();
  let mismatch: Response | undefined;
  const updated = await db.transaction((tx: Queryable) =>
    updateAttempt(tx, id, (attempt) => {
      if (attempt.quiz !== quiz.id)
        mismatch = problem(404, 'no such attempt (it may have expired); start a new attempt');
      else if (attempt.version !== quiz.version)
        mismatch = problem(409, `quiz "${quiz.id}" changed since this attempt began; start a new attempt`);
      return mismatch ? undefined : change(attempt);
    }),
  );
  if (mismatch) return { ok: false, response: mismatch };
  if (!updated)
    return {
      ok: false,
      response: problem(404, 'no such attempt (it may have expired); start a new attempt'),
    };
  return { ok: true, value: updated.value as T };
}
