import type { APIRoute } from 'astro';
import { z } from 'zod';
import { requireUser } from '../../../../../server/auth/current.ts';
import { database } from '../../../../../server/db/open.ts';
import { isUuid } from '../../../../../server/ids.ts';
import { json, problem, readValid } from '../../../../../server/json.ts';
import { retryFailedPosts } from '../../../../../server/lti/scores.ts';

export const prerender = false;

/** Sends the class's failed score posts again, now. */
export const POST: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const body = await readValid(context.request, z.object({}).strict());
  if (!body.ok) return body.response;
  const id = context.params.id;
  if (!isUuid(id)) return problem(404, 'no such class among yours');
  return json(200, { requeued: await retryFailedPosts(await database(), signedIn.user.id, id) });
};
