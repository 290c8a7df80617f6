import type { APIRoute } from 'astro';
import { joinRequest } from '../../../schemas/class.ts';
import { requireUser } from '../../../server/auth/current.ts';
import { joinLimiter } from '../../../server/auth/limits.ts';
import { database } from '../../../server/db/open.ts';
import { json, problem, readValid, tooMany } from '../../../server/json.ts';
import { joinClass } from '../../../server/queries/classes.ts';

export const prerender = false;

const REASONS = {
  unknown: 'no class has this join code; check it with your instructor',
  disabled: 'this class is not taking new learners; ask your instructor for a new code',
  expired: 'this join code has expired; ask your instructor for a new one',
} as const;

/** A learner joins a class with its code. */
export const POST: APIRoute = async (context) => {
  const signedIn = await requireUser(context);
  if (!signedIn.ok) return signedIn.response;
  const keys = [context.clientAddress, `user:${signedIn.user.id}`];
  const wait = Math.max(...keys.map((key) => joinLimiter.peek(key)));
  if (wait > 0) return tooMany(wait, 'too many wrong join codes; try again later');
  const body = await readValid(context.request, joinRequest);
  if (!body.ok) return body.response;
  const result = await joinClass(await database(), signedIn.user.id, body.value.code);
  if (!result.ok && result.reason === 'unknown') for (const key of keys) joinLimiter.take(key);
  if (!result.ok) return problem(result.reason === 'unknown' ? 404 : 410, REASONS[result.reason]);
  return json(result.already ? 200 : 201, { class: result.class });
};
