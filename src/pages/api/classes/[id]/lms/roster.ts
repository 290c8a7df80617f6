import type { APIRoute } from 'astro';
import { z } from 'zod';
import { requireUser } from '../../../../../server/auth/current.ts';
import { database } from '../../../../../server/db/open.ts';
import { isUuid } from '../../../../../server/ids.ts';
import { json, problem, readValid, tooMany } from '../../../../../server/json.ts';
import { syncRoster } from '../../../../../server/lti/roster.ts';
import { RateLimiter } from '../../../../../server/rate-limit.ts';

export const prerender = false;

/** Each sync costs the platform a roster read: a few in a row, then one a minute. */
const limiter = new RateLimiter('roster-sync', 3, 1 / 60);

/** Reads the class's roster from its learning platform (NRPS) and enrols its learners. */
export const POST: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const body = await readValid(context.request, z.object({}).strict());
  if (!body.ok) return body.response;
  const id = context.params.id;
  if (!isUuid(id)) return problem(404, 'no class of yours is linked to a learning platform');
  const wait = await limiter.take(signedIn.user.id);
  if (wait > 0) return tooMany(wait, 'the roster was synced a moment ago');
  const synced = await syncRoster(await database(), signedIn.user.id, id);
  if (!synced.ok) return problem(synced.status, synced.error);
  return json(200, synced);
};
