import type { APIRoute } from 'astro';
import { database, databaseReadiness } from '../../server/db/open.ts';
import { startScoreSender } from '../../server/lti/scores.ts';

export const prerender = false;

const answer = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });

/**
 * Readiness probe: 200 once the process that serves the pages has its database open, a 503 saying
 * why until then. It never waits: `scripts/start.mjs` asks as soon as it listens, which starts the
 * open, and asks again until this says ready.
 */
export const GET: APIRoute = () => {
  const readiness = databaseReadiness();
  if (readiness === 'open') {
    // The server is ready: a good moment to start sending scores owed to platforms.
    startScoreSender(database);
    return answer(200, { status: 'ok' });
  }
  return readiness === 'opening'
    ? answer(503, { status: 'starting', error: 'The database is still opening.' }, { 'retry-after': '1' })
    : answer(503, {
        status: 'unavailable',
        error: 'The database cannot be opened: the server log says why.',
      });
};
