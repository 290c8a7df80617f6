import { describe, expect, it } from 'vitest';
import { POST as verify } from '../../../src/pages/api/real-machine/[id]/verify';
import { GET as status } from '../../../src/pages/api/real-machine/jobs/[job]';
import { claimGrading, finishGrading } from '../../../src/server/grader/queue';
import { databaseFor, ENGINES } from '../../setup/databases';
import { Client } from './client';

// The machine itself is tested in test/system/; here a test plays the grader, so nothing boots.
process.env.QUAYSIDE_GRADER = 'off';

describe.each(ENGINES)('real-machine gradings through the queue on %s', (engine) => {
  const db = databaseFor(engine, { serve: true });

  const submit = (client = new Client()) =>
    client.call(verify, { params: { id: 'container-from-scratch' }, body: { input: 'ls\r' } });
  const follow = (job: string) => new Client().call(status, { params: { job } });

  it('queues a grading and says where it stands until a grader has done it', async () => {
    const first = await submit();
    const second = await submit();
    expect(first.status).toBe(202);
    const [a, b] = [first.body.job as string, second.body.job as string];
    expect(await follow(a)).toMatchObject({ status: 200, body: { status: 'queued', position: 0 } });
    expect(await follow(b)).toMatchObject({ status: 200, body: { status: 'queued', position: 1 } });

    const claimed = await claimGrading(db(), 'test-grader');
    expect(claimed).toMatchObject({
      id: a,
      exercise: 'container-from-scratch',
      input: 'ls\r',
      status: 'running',
    });
    expect(claimed?.spec.tasks.length).toBeGreaterThan(0);
    expect((await follow(a)).body).toMatchObject({ status: 'running', runningMs: expect.any(Number) });
    expect((await follow(b)).body).toMatchObject({ status: 'queued', position: 0 });

    await finishGrading(db(), a, { result: { done: ['layers'], tampered: true } });
    expect((await follow(a)).body).toMatchObject({
      status: 'done',
      passed: 1,
      total: 3,
      tasks: [
        { id: 'layers', pass: true },
        { id: 'namespaces', pass: false },
        { id: 'memory-limit', pass: false },
      ],
      machine: 'real',
      tampered: true,
    });
    await finishGrading(db(), b, { error: "the real machine's vmlinuz is missing: run npm run vm-image" });
    expect((await follow(b)).body).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/vm-image/),
    });
  });

  it('refuses bad requests before queueing anything, and answers 404 for unknown jobs', async () => {
    const client = new Client();
    expect((await client.call(verify, { params: { id: 'nope' }, body: { input: '' } })).status).toBe(404);
    expect(
      (
        await client.call(verify, {
          params: { id: 'container-from-scratch' },
          body: { input: 'x'.repeat(20_001) },
        })
      ).status,
    ).toBe(400);
    expect((await follow('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await follow('not-a-uuid')).status).toBe(404);
    const rows = await db().query<{ count: number }>(
      'select count(*)::int as count from grading_jobs where input <> $1',
      ['ls\r'],
    );
    expect(rows[0]?.count).toBe(0);
  });

  it('limits how many gradings one address may queue', async () => {
    const client = new Client();
    expect((await submit(client)).status).toBe(202);
    expect((await submit(client)).status).toBe(202);
    const third = await submit(client);
    expect(third.status).toBe(429);
  });
});
