import type { APIRoute } from 'astro';
import { requireUser } from '../../../../../server/auth/current.ts';
import { database } from '../../../../../server/db/open.ts';
import { json, problem } from '../../../../../server/json.ts';
import { assignmentForInstructor } from '../../../../../server/queries/assignments.ts';
import { attemptsOf } from '../../../../../server/queries/submissions.ts';

export const prerender = false;

/** The instructor's drill-down: one learner's attempts with their evidence (answers or transcript). */
export const GET: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const { id, learner } = context.params;
  const db = await database();
  const assignment = await assignmentForInstructor(db, signedIn.user.id, id);
  const attempts = assignment ? await attemptsOf(db, signedIn.user.id, assignment.id, learner) : undefined;
  if (!assignment || !attempts) return problem(404, 'no such assignment or learner among your classes');
  return json(200, { assignment, attempts });
};
