import type { APIRoute } from 'astro';
import { z } from 'zod';
import { drawQuiz } from '../../../../grading/quiz-draw.ts';
import { publicQuiz } from '../../../../grading/quiz-public.ts';
import { createAttempt } from '../../../../server/attempts.ts';
import { database } from '../../../../server/db/open.ts';
import { json } from '../../../../server/json.ts';
import { quizRequest } from '../../../../server/quiz-route.ts';

export const prerender = false;

/** Starts an attempt: its id, the seed that shuffles the options, and the questions it drew. */
export const POST: APIRoute = async (context) => {
  const request = await quizRequest(
    context,
    z.object({ lang: z.enum(['en', 'zh-cn']).default('en') }).strict(),
  );
  if (!request.ok) return request.response;
  const attempt = await createAttempt(await database(), request.quiz.id, request.quiz.version);
  return json(201, {
    attempt: attempt.id,
    seed: attempt.seed,
    mode: request.quiz.mode,
    version: attempt.version,
    quiz: publicQuiz(drawQuiz(request.quiz, attempt.seed, 'practice'), request.body.lang),
  });
};
