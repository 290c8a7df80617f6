import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '../../../src/pages/api/exercises/[id]/verify';
import { ENGINE_VERSION } from '../../../src/sandbox/sandbox';

import { useDatabase } from '../../../src/server/db/open';
import { replayPool } from '../../../src/server/replay/pool';
import { freshDatabase } from '../../setup/databases';

let drop: () => Promise<void>;
beforeAll(async () => {
  const fresh = await freshDatabase('pglite');
  useDatabase(fresh.db);
  drop = fresh.drop;
});
afterAll(async () => {
  await replayPool().close();
  await drop();
});

const url = 'http://localhost:4321/api/exercises/out-of-memory/verify';
let client = 0;

function call(body: unknown, init: { origin?: string | null; type?: string; id?: string } = {}) {
  const headers = new Headers({ 'content-type': init.type ?? 'application/json' });
  if (init.origin !== null) headers.set('origin', init.origin ?? 'http://localhost:4321');
  const request = new Request(url, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return POST({
    params: { id: init.id ?? 'out-of-memory' },
    request,
    clientAddress: `10.1.0.${++client}`,
    // A visitor: nobody signed in.
    cookies: { get: () => undefined },
  } as never) as Promise<Response>;
}

const submission = (lines: string[]) => ({
  exercise: 'out-of-memory',
  exerciseVersion: 1,
  engine: ENGINE_VERSION,
  transcript: lines.map((text) => ({ type: 'input', text })),
});

describe('POST /api/exercises/:id/verify', () => {
  it('grades by replaying the transcript', async () => {
    const response = await call(submission(['docker run --name hog -m 64m alpine tail /dev/zero']));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      exercise: 'out-of-memory',
      version: 1,
      score: 1,
      solutionsShown: [],
      tasks: [{ id: 'oom', pass: true, messages: [] }],
    });
  });

  it('reports which solutions the learner chose to see', async () => {
    const response = await call({ ...submission([]), revealed: ['oom', 'not-a-task'] });
    expect((await response.json()).solutionsShown).toEqual(['oom']);
  });

  it('says what is missing when the evidence falls short', async () => {
    const response = await call(submission(['docker run --name hog alpine true']));
    const body = await response.json();
    expect(body.score).toBe(0);
    expect(body.tasks[0].messages[0].en).toBe('"hog" exited, but not because it ran out of memory.');
  });

  it('refuses cross-site requests, other content types, bad JSON and unknown exercises', async () => {
    expect((await call(submission([]), { origin: 'https://evil.example' })).status).toBe(403);
    expect((await call(submission([]), { origin: null })).status).toBe(403);
    expect((await call(submission([]), { type: 'text/plain' })).status).toBe(415);
    expect((await call('{not json')).status).toBe(400);
    expect((await call(submission([]), { id: 'nope' })).status).toBe(404);
    const stale = await call({ ...submission([]), engine: 'old' });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toContain('engine version old');
  });
});
