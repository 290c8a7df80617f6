import type { APIRoute } from 'astro';
import { requireUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { isUuid } from '../../../../server/ids.ts';
import { json, problem } from '../../../../server/json.ts';
import { gradebook } from '../../../../server/queries/submissions.ts';

export const prerender = false;

/** Learners against assignments: grades by each assignment's method, attempts and late flags. */
export const GET: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const id = context.params.id;
  const book = isUuid(id) ? await gradebook(await database(), signedIn.user.id, id) : undefined;
  if (!book) return problem(404, 'no such class among yours');
  return json(200, book);
};
