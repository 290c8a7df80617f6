import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { realMachineExercises } from '../../src/real-machine/exercises';
import { openPostgres } from '../../src/server/db/postgres';
import { freePort } from '../setup/port';
import { address, send } from './http';
import { freshStore, type Store, startGrader, startServer, stopServer } from './server';

const LEARNERS = 4;

describe('two app servers and two grader processes on one PostgreSQL', () => {
  const exercise = realMachineExercises().get('container-from-scratch');
  if (!exercise) throw new Error('container-from-scratch is missing');
  const solution = exercise.tasks.flatMap((t) => t.solution.map((line) => `${line}\r`)).join('');
  let store: Store & { kind: 'postgres' };
  const servers: { process: ChildProcess; base: string }[] = [];
  const graders: ChildProcess[] = [];

  beforeAll(async () => {
    store = (await freshStore('postgres', inject('databaseUrl'))) as Store & { kind: 'postgres' };
    // The app servers queue gradings only; the grader processes run them.
    for (let i = 0; i < 2; i++)
      servers.push(await startServer(store, await freePort(), { QUAYSIDE_GRADER: 'off' }));
    for (let i = 0; i < 2; i++) graders.push(await startGrader(store));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...servers.map((s) => stopServer(s.process)), ...graders.map((g) => stopServer(g))]);
  });

  it('grades a class’s real-machine submissions, shared between the graders, followed from either server', async () => {
    const results = await Promise.all(
      Array.from({ length: LEARNERS }, async (_, i) => {
        const from = address(500 + i);
        const here = servers[i % 2] as { base: string };
        const there = servers[(i + 1) % 2] as { base: string };
        const queued = await send(`${here.base}/api/real-machine/${exercise.id}/verify`, {
          headers: { 'content-type': 'application/json', origin: here.base },
          body: JSON.stringify({ input: solution }),
          from,
        });
        expect(queued.status).toBe(202);
        const { job } = JSON.parse(queued.text) as { job: string };
        const seen = new Set<string>();
        for (;;) {
          const now = await send(`${there.base}/api/real-machine/jobs/${job}`, { method: 'GET', from });
          const body = JSON.parse(now.text) as { status: string; passed?: number; total?: number };
          seen.add(body.status);
          if (body.status === 'done' || body.status === 'failed') return { job, body, seen };
          await new Promise((r) => setTimeout(r, 1_000));
        }
      }),
    );
    for (const { body } of results) {
      expect(body).not.toHaveProperty('stopped');
      expect(body).toMatchObject({ status: 'done', passed: 3, total: 3 });
    }
    // Four gradings, two graders at a time: someone waited in the queue, and both graders worked.
    expect(results.some(({ seen }) => seen.has('queued'))).toBe(true);
    const db = await openPostgres(store.url);
    try {
      const rows = await db.query<{ worker: string }>(
        "select distinct worker from grading_jobs where status = 'done'",
      );
      expect(rows).toHaveLength(2);
    } finally {
      await db.close();
    }
  }, 600_000);
});
