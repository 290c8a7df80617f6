import type { APIRoute } from 'astro';
import { signupRequest } from '../../../schemas/account.ts';
import { hashPassword } from '../../../server/auth/password.ts';
import { newToken, SESSION_DAYS, setSessionCookie } from '../../../server/auth/session.ts';
import { database } from '../../../server/db/open.ts';
import { json, problem, readValid } from '../../../server/json.ts';
import { createSession, createUser } from '../../../server/queries/users.ts';

export const prerender = false;

/** Creates a learner account and signs it in. Instructors are created with `npm run instructor`. */
export const POST: APIRoute = async ({ request, cookies, url }) => {
  const body = await readValid(request, signupRequest);
  if (!body.ok) return body.response;
  const db = await database();
  const passwordHash = await hashPassword(body.value.password);
  const user = await createUser(db, { ...body.value, passwordHash, role: 'learner' });
  if (user === 'taken') return problem(409, 'an account with this email already exists; sign in instead');
  const { token, hash } = newToken();
  const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await createSession(db, user.id, hash, expires);
  setSessionCookie(cookies, url, token, expires);
  return json(201, { user });
};
