import type { APIRoute } from 'astro';
import { taskTable } from '../../../../grading/task-results.ts';
import { requireUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { exercises } from '../../../../server/exercises.ts';
import { problem } from '../../../../server/json.ts';
import { assignmentForInstructor } from '../../../../server/queries/assignments.ts';
import { taskVerdicts } from '../../../../server/queries/submissions.ts';
import { csv } from '../../../../utils/csv.ts';
import { percentOf } from '../../../../utils/display.ts';

export const prerender = false;

/**
 * An exercise assignment's tasks as CSV, one row per learner: the attempt the grade counts (the
 * latest for an average), its score and, in a column per task id, whether it passed that task.
 */
export const GET: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const db = await database();
  const id = context.params.id;
  const assignment = await assignmentForInstructor(db, signedIn.user.id, id);
  if (!assignment) return problem(404, 'no such assignment among yours');
  const verdicts = await taskVerdicts(db, signedIn.user.id, assignment.id);
  if (!verdicts) return problem(409, 'task results are kept for exercise assignments only');
  const exerciseTasks =
    exercises()
      .get(assignment.contentId)
      ?.tasks.map((t) => t.id) ?? [];
  const table = taskTable(exerciseTasks, verdicts.learners, verdicts.attempts, assignment.grading);
  const body = csv([
    ['name', 'email', 'attempt', 'attempt_percent', ...table.tasks],
    ...table.rows.map((row) => [
      row.learner.name,
      row.learner.email,
      row.attempt,
      row.finalScore === null ? null : percentOf(row.finalScore),
      ...table.tasks.map((t) => row.passed[t]),
    ]),
  ]);
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="tasks.csv"',
      'cache-control': 'no-store',
    },
  });
};
