import type { APIRoute } from 'astro';
import { signupRequest } from '../../../schemas/account.ts';
import { signupWait } from '../../../server/auth/limits.ts';
import { hashPassword } from '../../../server/auth/password.ts';
import { database } from '../../../server/db/open.ts';
import { json, readValid, tooMany } from '../../../server/json.ts';
import { createUser } from '../../../server/queries/users.ts';

export const prerender = false;

/**
 * Creates a learner account (instructors are created with `npm run instructor`). It answers the same
 * 202, in the same time, whether the email was new or already had an account, and signs no one in:
 * the form then signs in with the same email and password, so a taken email shows only as a failed
 * sign-in, which is rate limited. New accounts are limited per client address.
 */
export const POST: APIRoute = async ({ request, clientAddress }) => {
  const body = await readValid(request, signupRequest);
  if (!body.ok) return body.response;
  const wait = await signupWait(clientAddress);
  if (wait > 0) return tooMany(wait, 'too many new accounts from this address');
  // Hashed whether or not the email is taken, so both answers take as long.
  const passwordHash = await hashPassword(body.value.password);
  await createUser(await database(), { ...body.value, passwordHash, role: 'learner' });
  return json(202, {
    message:
      'unless this email already has an account, it is ready: sign in with the same email and password',
  });
};
