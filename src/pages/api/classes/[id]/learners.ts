import type { APIRoute } from 'astro';
import { requireUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { isUuid } from '../../../../server/ids.ts';
import { json, problem } from '../../../../server/json.ts';
import { roster } from '../../../../server/queries/classes.ts';

export const prerender = false;

/** The learners of one of the signed-in instructor's classes. */
export const GET: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const id = context.params.id;
  const learners = isUuid(id) ? await roster(await database(), signedIn.user.id, id) : undefined;
  if (!learners) return problem(404, 'no such class among yours');
  return json(200, { learners });
};
