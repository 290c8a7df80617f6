import type { APIRoute } from 'astro';
import { loginRequest } from '../../../schemas/account.ts';
import { loginFailed, loginWait } from '../../../server/auth/limits.ts';
import { DECOY_HASH, verifyPassword } from '../../../server/auth/password.ts';
import { newToken, SESSION_DAYS, setSessionCookie } from '../../../server/auth/session.ts';
import { database } from '../../../server/db/open.ts';
import { json, problem, readValid, tooMany } from '../../../server/json.ts';
import { createSession, findLogin } from '../../../server/queries/users.ts';

export const prerender = false;

/**
 * Signs in with email and password; the same answer for an unknown email and a wrong password.
 * Failures back off per client address: the guesser waits, and the account's owner, signing in
 * from their own address, does not (no one can lock an account by failing on purpose).
 */
export const POST: APIRoute = async ({ request, cookies, url, clientAddress }) => {
  const body = await readValid(request, loginRequest);
  if (!body.ok) return body.response;
  const wait = await loginWait(clientAddress);
  if (wait > 0) return tooMany(wait, 'too many failed sign-in attempts; try again later');
  const db = await database();
  const found = await findLogin(db, body.value.email);
  const matches = await verifyPassword(body.value.password, found?.passwordHash ?? (await DECOY_HASH));
  if (!found || !matches) {
    await loginFailed(clientAddress);
    return problem(401, 'wrong email or password');
  }
  const { token, hash } = newToken();
  const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await createSession(db, found.id, hash, expires);
  setSessionCookie(cookies, url, token, expires);
  const { passwordHash: _, ...user } = found;
  return json(200, { user });
};
