import type { APIRoute } from 'astro';

export const prerender = false;

/** Liveness probe: proves the same process that serves the pages also answers the API. */
export const GET: APIRoute = () =>
  new Response(JSON.stringify({ status: 'ok' }), {
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
