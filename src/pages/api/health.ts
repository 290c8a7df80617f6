import type { APIRoute } from 'astro';
import { database } from '../../server/db/open.ts';
import { startScoreSender } from '../../server/lti/scores.ts';

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
    // The server asks this once it listens: a good moment to start sending scores owed to platforms.
    startScoreSender(database);
    return answer(200, { status: 'ok' });
  } catch {
    return answer(503, { status: 'unavailable', error: 'the database cannot be opened' });
  }
};
