import type { APIRoute } from 'astro';
import { attemptScore, checkPractice } from '../../../../grading/quiz-attempt.ts';
import { drawQuiz } from '../../../../grading/quiz-draw.ts';
import { checkRequest } from '../../../../schemas/quiz-api.ts';
import { json, problem } from '../../../../server/json.ts';
import { recordForSignedIn } from '../../../../server/progress.ts';
import { quizRequest, withAttempt } from '../../../../server/quiz-route.ts';

export const prerender = false;

/**
 * Practice: checks one answer. The solution comes back only once the question is settled; once
 * every question is, the quiz is finished and counts towards the progress of whoever is signed in.
 */
export const POST: APIRoute = async (context) => {
  const request = await quizRequest(context, checkRequest);
  if (!request.ok) return request.response;
  const { quiz, body } = request;
  let finished: number | undefined;
  const done = await withAttempt(quiz, body.attempt, (attempt) => {
    const drawn = drawQuiz(quiz, attempt.seed, 'practice');
    const outcome = checkPractice(drawn, attempt, body.question, body.answer);
    if (outcome.ok && outcome.solution && drawn.questions.every((q) => attempt.settled.includes(q.id)))
      finished = attemptScore(drawn, attempt);
    return outcome;
  });
  if (!done.ok) return done.response;
  const outcome = done.value;
  if (!outcome.ok) return problem(outcome.status, outcome.error);
  if (finished !== undefined)
    await recordForSignedIn(context, {
      kind: 'quiz',
      id: quiz.id,
      version: quiz.version,
      score: finished,
      done: true,
    });
  const { ok: _, ...result } = outcome;
  return json(200, result);
};
