import type { APIRoute } from 'astro';
import { verifySubmission } from '../../../../grading/exercises.ts';
import { exercises } from '../../../../server/exercises.ts';
import { json, problem, readJson } from '../../../../server/json.ts';

export const prerender = false;

/**
 * Grades a submission by replaying its transcript on the server. Recording the verified result
 * against an account arrives with accounts and classes; this endpoint already never trusts a score.
 */
export const POST: APIRoute = async ({ params, request }) => {
  const exercise = exercises().get(params.id ?? '');
  if (!exercise) return problem(404, `no exercise "${params.id}"`);
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const result = await verifySubmission(exercise, body.value);
  if (!result.ok) return problem(result.status, result.reason);
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
