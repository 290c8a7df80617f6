import type { APIRoute } from 'astro';
import { checkPractice } from '../../../../grading/quiz-attempt.ts';
import { drawQuiz } from '../../../../grading/quiz-draw.ts';
import { checkRequest } from '../../../../schemas/quiz-api.ts';
import { json, problem } from '../../../../server/json.ts';
import { quizRequest, withAttempt } from '../../../../server/quiz-route.ts';

export const prerender = false;

/** Practice: checks one answer. The solution comes back only once the question is settled. */
export const POST: APIRoute = async (context) => {
  const request = await quizRequest(context, checkRequest);
  if (!request.ok) return request.response;
  const { quiz, body } = request;
  const done = await withAttempt(quiz, body.attempt, (attempt) =>
    checkPractice(drawQuiz(quiz, attempt.seed, 'practice'), attempt, body.question, body.answer),
  );
  if (!done.ok) return done.response;
  const outcome = done.value;
  if (!outcome.ok) return problem(outcome.status, outcome.error);
  const { ok: _, ...result } = outcome;
  return json(200, result);
};
