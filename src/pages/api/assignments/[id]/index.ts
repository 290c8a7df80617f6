import type { APIRoute } from 'astro';
import { deleteAssignmentRequest, updateAssignmentRequest } from '../../../../schemas/assignment.ts';
import { requireUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { json, problem, readValid } from '../../../../server/json.ts';
import {
  assignmentForInstructor,
  deleteAssignment,
  updateAssignment,
} from '../../../../server/queries/assignments.ts';

export const prerender = false;

const NOT_FOUND = 'no such assignment among yours';

/**
 * Changes an assignment's settings (title, dates, attempts, grading, late policy), or archives or
 * restores it. A new due date must still come after the opening date, stored or sent.
 */
export const PATCH: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const body = await readValid(context.request, updateAssignmentRequest);
  if (!body.ok) return body.response;
  const id = context.params.id;
  const db = await database();
  const current = await assignmentForInstructor(db, signedIn.user.id, id);
  if (!current) return problem(404, NOT_FOUND);
  const change = body.value;
  const opens = change.opensAt ?? current.opensAt;
  const due = change.dueAt === undefined ? current.dueAt : change.dueAt;
  if (due !== null && new Date(due) <= new Date(opens))
    return problem(400, 'invalid request: dueAt: the due date must come after the opening date');
  const updated = await updateAssignment(db, signedIn.user.id, current.id, change);
  if (!updated) return problem(404, NOT_FOUND);
  return json(200, { assignment: updated });
};

/** Deletes an assignment: only once archived, unless nobody has submitted to it. */
export const DELETE: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const body = await readValid(context.request, deleteAssignmentRequest);
  if (!body.ok) return body.response;
  const id = context.params.id;
  const outcome = await deleteAssignment(await database(), signedIn.user.id, id);
  if (outcome === 'not-found') return problem(404, NOT_FOUND);
  if (outcome === 'keeps-submissions')
    return problem(409, 'this assignment holds submissions: archive it first, then delete it');
  return json(200, { deleted: id });
};
