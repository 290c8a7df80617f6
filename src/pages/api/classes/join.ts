import type { APIRoute } from 'astro';
import { joinRequest } from '../../../schemas/class.ts';
import { requireUser } from '../../../server/auth/current.ts';
import { joinFailed, joinWait } from '../../../server/auth/limits.ts';
import { database } from '../../../server/db/open.ts';
import { json, problem, readValid, tooMany } from '../../../server/json.ts';
import { joinClass } from '../../../server/queries/classes.ts';

export const prerender = false;

const REASONS: Record<'unknown' | 'disabled' | 'expired' | 'instructor', [number, string]> = {
  unknown: [404, 'no class has this join code; check it with your instructor'],
  disabled: [410, 'this class is not taking new learners; ask your instructor for a new code'],
  expired: [410, 'this join code has expired; ask your instructor for a new one'],
  instructor: [403, 'instructors cannot join classes as learners; use a learner account to try a class'],
};

/**
 * A learner joins a class with its code. Instructors may too only where the deployment sets
 * QUAYSIDE_INSTRUCTORS_MAY_JOIN=true, a deliberate choice (say, colleagues trying each other's classes).
 */
export const POST: APIRoute = async (context) => {
  const signedIn = await requireUser(context);
  if (!signedIn.ok) return signedIn.response;
  const wait = await joinWait(context.clientAddress, signedIn.user.id);
  if (wait > 0) return tooMany(wait, 'too many wrong join codes; try again later');
  const body = await readValid(context.request, joinRequest);
  if (!body.ok) return body.response;
  const result = await joinClass(await database(), signedIn.user.id, body.value.code, {
    instructorsMayJoin: process.env.QUAYSIDE_INSTRUCTORS_MAY_JOIN === 'true',
  });
  if (!result.ok && result.reason === 'unknown') await joinFailed(context.clientAddress, signedIn.user.id);
  if (!result.ok) return problem(...REASONS[result.reason]);
  return json(result.already ? 200 : 201, { class: result.class });
};
