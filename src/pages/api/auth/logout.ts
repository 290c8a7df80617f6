import type { APIRoute } from 'astro';
import { clearSessionCookie, SESSION_COOKIE, tokenHash } from '../../../server/auth/session.ts';
import { database } from '../../../server/db/open.ts';
import { readJson } from '../../../server/json.ts';
import { deleteSession } from '../../../server/queries/users.ts';

export const prerender = false;

/** Ends the session on the server, not only in the browser. */
export const POST: APIRoute = async ({ request, cookies }) => {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const token = cookies.get(SESSION_COOKIE)?.value;
  if (token) await deleteSession(await database(), tokenHash(token));
  clearSessionCookie(cookies);
  return new Response(null, { status: 204 });
};
