import type { APIContext } from 'astro';
import type { QuizAttempt } from '../grading/quiz-attempt.ts';
import type { Quiz } from '../schemas/quiz.ts';
import { attempts } from './attempts.ts';
import { problem, readValid, tooMany } from './json.ts';
import { quizzes } from './quizzes.ts';
import { RateLimiter } from './rate-limit.ts';

// Thirty requests at once, then one every two seconds: plenty to read and think, too slow to enumerate.
const limiter = new RateLimiter(30, 1 / 2);

/**
 * What every quiz endpoint does first: finds the quiz, limits the client's rate, then reads the JSON
 * body (Origin checked) and validates it. Returns the quiz and body, or the error Response.
 */
export async function quizRequest<T>(
  context: APIContext,
  schema: Parameters<typeof readValid<T>>[1],
): Promise<{ ok: true; quiz: Quiz; body: T } | { ok: false; response: Response }> {
  const quiz = quizzes().get(context.params.id ?? '');
  if (!quiz) return { ok: false, response: problem(404, `no quiz "${context.params.id}"`) };
  const wait = limiter.take(`${context.clientAddress}`);
  if (wait > 0) return { ok: false, response: tooMany(wait, 'too many answers too quickly') };
  const body = await readValid(context.request, schema);
  if (!body.ok) return body;
  return { ok: true, quiz, body: body.value };
}

/** The attempt a request names, if it belongs to this quiz and version. */
export function findAttempt(
  quiz: Quiz,
  id: string,
): { ok: true; attempt: QuizAttempt } | { ok: false; response: Response } {
  const attempt = attempts.get(id);
  if (!attempt || attempt.quiz !== quiz.id)
    return {
      ok: false,
      response: problem(404, 'no such attempt (it may have expired); start a new attempt'),
    };
  if (attempt.version !== quiz.version)
    return {
      ok: false,
      response: problem(409, `quiz "${quiz.id}" changed since this attempt began; start a new attempt`),
    };
  return { ok: true, attempt };
}
