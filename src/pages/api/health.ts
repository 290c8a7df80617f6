import type { APIRoute } from 'astro';
import { database } from '../../server/db/open.ts';

export const prerender = false;

const answer = (status: number, body: object) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

/**
 * Readiness probe: proves the process that serves the pages answers the API and has its database
 * open (the server opens it at start-up; until then this waits, and a failure is a 503).
 */
export const GET: APIRoute = async () => {
  try {
    await database();
    return answer(200, { status: 'ok' });
  } catch {
    return answer(503, { status: 'unavailable', error: 'the database cannot be opened' });
  }
};
