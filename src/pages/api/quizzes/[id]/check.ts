import type { APIRoute } from 'astro';
import { checkPractice } from '../../../../grading/quiz-attempt.ts';
import { checkRequest } from '../../../../schemas/quiz-api.ts';
import { json, problem } from '../../../../server/json.ts';
import { findAttempt, quizRequest } from '../../../../server/quiz-route.ts';

export const prerender = false;

/** Practice: checks one answer. The solution comes back only once the question is settled. */
export const POST: APIRoute = async (context) => {
  const request = await quizRequest(context, checkRequest);
  if (!request.ok) return request.response;
  const found = findAttempt(request.quiz, request.body.attempt);
  if (!found.ok) return found.response;
  const outcome = checkPractice(request.quiz, found.attempt, request.body.question, request.body.answer);
  if (!outcome.ok) return problem(outcome.status, outcome.error);
  const { ok: _, ...result } = outcome;
  return json(200, result);
};
