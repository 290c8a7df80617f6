import type { APIRoute } from 'astro';
import { createAssignmentRequest } from '../../../../schemas/assignment.ts';
import { requireUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { exercises } from '../../../../server/exercises.ts';
import { isUuid } from '../../../../server/ids.ts';
import { json, problem, readValid } from '../../../../server/json.ts';
import { assignmentsOfClass, createAssignment } from '../../../../server/queries/assignments.ts';
import { quizzes } from '../../../../server/quizzes.ts';

export const prerender = false;

/** A class's assignments, for its instructor and its learners. */
export const GET: APIRoute = async (context) => {
  const signedIn = await requireUser(context);
  if (!signedIn.ok) return signedIn.response;
  const id = context.params.id;
  const list = isUuid(id) ? await assignmentsOfClass(await database(), signedIn.user.id, id) : undefined;
  if (!list) return problem(404, 'no such class among yours');
  return json(200, { assignments: list });
};

/** Sets an exercise or a quiz for one of the instructor's classes, pinned to its current version. */
export const POST: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const body = await readValid(context.request, createAssignmentRequest);
  if (!body.ok) return body.response;
  const input = body.value;
  const content =
    input.kind === 'exercise' ? exercises().get(input.contentId) : quizzes().get(input.contentId);
  if (!content)
    return problem(400, `invalid request: contentId: there is no ${input.kind} "${input.contentId}"`);
  const id = context.params.id;
  const created = isUuid(id)
    ? await createAssignment(await database(), signedIn.user.id, id, {
        ...input,
        title: input.title ?? content.title.en,
        contentVersion: content.version,
      })
    : undefined;
  if (!created) return problem(404, 'no such class among yours');
  return json(201, { assignment: created });
};
