import type { APIRoute } from 'astro';
import { deleteClassRequest, updateClassRequest } from '../../../../schemas/class.ts';
import { requireUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { isUuid } from '../../../../server/ids.ts';
import { json, problem, readValid } from '../../../../server/json.ts';
import { deleteClass, updateClass } from '../../../../server/queries/classes.ts';

export const prerender = false;

const NOT_FOUND = 'no such class among yours';

/** Renames one of the instructor's classes, or archives or restores it. */
export const PATCH: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const body = await readValid(context.request, updateClassRequest);
  if (!body.ok) return body.response;
  const id = context.params.id;
  const updated = isUuid(id)
    ? await updateClass(await database(), signedIn.user.id, id, body.value)
    : undefined;
  if (!updated) return problem(404, NOT_FOUND);
  return json(200, { class: updated });
};

/** Deletes one of the instructor's classes: only once archived, unless nobody has submitted anything. */
export const DELETE: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const body = await readValid(context.request, deleteClassRequest);
  if (!body.ok) return body.response;
  const id = context.params.id;
  const outcome = isUuid(id) ? await deleteClass(await database(), signedIn.user.id, id) : 'not-found';
  if (outcome === 'not-found') return problem(404, NOT_FOUND);
  if (outcome === 'keeps-submissions')
    return problem(409, 'this class holds submissions: archive it first, then delete it');
  return json(200, { deleted: id });
};
