import type { APIRoute } from 'astro';
import { submitAssessment } from '../../../../grading/quiz-attempt.ts';
import { drawQuiz } from '../../../../grading/quiz-draw.ts';
import { submitRequest } from '../../../../schemas/quiz-api.ts';
import { json, problem } from '../../../../server/json.ts';
import { recordForSignedIn } from '../../../../server/progress.ts';
import { quizRequest, withAttempt } from '../../../../server/quiz-route.ts';

export const prerender = false;

/** Assessment: grades all answers once; per-question results only as the reveal policy allows. */
export const POST: APIRoute = async (context) => {
  const request = await quizRequest(context, submitRequest);
  if (!request.ok) return request.response;
  const { quiz, body } = request;
  const done = await withAttempt(quiz, body.attempt, (attempt) =>
    submitAssessment(drawQuiz(quiz, attempt.seed, 'practice'), attempt, body.answers, Date.now()),
  );
  if (!done.ok) return done.response;
  const outcome = done.value;
  if (!outcome.ok) return problem(outcome.status, outcome.error);
  await recordForSignedIn(context, {
    kind: 'quiz',
    id: quiz.id,
    version: quiz.version,
    score: outcome.score,
    done: true,
  });
  const { ok: _, ...result } = outcome;
  return json(200, result);
};
