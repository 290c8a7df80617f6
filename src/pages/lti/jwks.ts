import type { APIRoute } from 'astro';
import { database } from '../../server/db/open.ts';
import { publicJwks } from '../../server/lti/keys.ts';

export const prerender = false;

/** The tool's public keys, which platforms verify its deep-linking answers and service requests with. */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await publicJwks(await database())), {
    headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
  });
