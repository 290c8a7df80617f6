import type { APIRoute } from 'astro';
import { requireUser } from '../../../server/auth/current.ts';
import { json } from '../../../server/json.ts';

export const prerender = false;

/** Who is signed in. */
export const GET: APIRoute = async (context) => {
  const signedIn = await requireUser(context);
  if (!signedIn.ok) return signedIn.response;
  return json(200, { user: signedIn.user });
};
