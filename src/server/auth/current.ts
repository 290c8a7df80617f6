import type { APIContext } from 'astro';
import { database } from '../db/open.ts';
import { problem } from '../json.ts';
import { type Role, type User, userForSession } from '../queries/users.ts';
import { SESSION_COOKIE, tokenHash } from './session.ts';

/** The signed-in user, from the session cookie; undefined when there is none or it expired. */
export async function currentUser(context: Pick<APIContext, 'cookies'>): Promise<User | undefined> {
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (!token) return undefined;
  return userForSession(await database(), tokenHash(token));
}

/** The signed-in user with this role, or the 401/403 Response to send. */
export async function requireUser(
  context: Pick<APIContext, 'cookies'>,
  role?: Role,
): Promise<{ ok: true; user: User } | { ok: false; response: Response }> {
  const user = await currentUser(context);
  if (!user) return { ok: false, response: problem(401, 'sign in first') };
  if (role && user.role !== role) return { ok: false, response: problem(403, `only ${role}s may do this`) };
  return { ok: true, user };
}
