import type { APIRoute } from 'astro';
import { joinCodeRequest } from '../../../../schemas/class.ts';
import { requireUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { isUuid } from '../../../../server/ids.ts';
import { json, problem, readValid } from '../../../../server/json.ts';
import { updateJoinCode } from '../../../../server/queries/classes.ts';

export const prerender = false;

/** Rotates, disables or enables a class's join code; only its own instructor finds the class. */
export const POST: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const body = await readValid(context.request, joinCodeRequest);
  if (!body.ok) return body.response;
  const id = context.params.id;
  const updated = isUuid(id)
    ? await updateJoinCode(await database(), signedIn.user.id, id, body.value)
    : undefined;
  if (!updated) return problem(404, 'no such class among yours');
  return json(200, { class: updated });
};
