import { describe, expect, it } from 'vitest';
import { realMachineExercises } from '../../../src/real-machine/exercises';
import {
  claimGrading,
  enqueueGrading,
  finishGrading,
  gradingStatus,
  heartbeat,
  STALE_MS,
  WANTED_MS,
} from '../../../src/server/grader/queue';
import { databaseFor, ENGINES } from '../../setup/databases';

const spec = realMachineExercises().get('container-from-scratch');
if (!spec) throw new Error('container-from-scratch is missing');

describe.each(ENGINES)('the grading queue on %s', (engine) => {
  const db = databaseFor(engine);
  const clear = () => db().query('delete from grading_jobs');

  it('gives each job to exactly one of several graders claiming at once, oldest first', async () => {
    await clear();
    const queued = [];
    for (let i = 0; i < 6; i++) queued.push((await enqueueGrading(db(), { spec, input: `job ${i}\r` }))?.id);
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => claimGrading(db(), `grader-${i}`)));
    const got = claims.filter(Boolean).map((j) => j?.id);
    expect(got).toHaveLength(6);
    expect(new Set(got).size).toBe(6);
    expect([...got].sort()).toEqual([...queued].sort());
  });

  it('drops a job nobody waits for any more, and keeps one the page still asks about', async () => {
    await clear();
    const t0 = new Date('2026-12-06T10:00:00Z');
    const left = await enqueueGrading(db(), { spec, input: 'left\r' }, t0);
    const kept = await enqueueGrading(db(), { spec, input: 'kept\r' }, t0);
    await gradingStatus(db(), kept?.id as string, new Date(t0.getTime() + WANTED_MS - 1_000));
    const later = new Date(t0.getTime() + WANTED_MS + 1_000);
    expect((await claimGrading(db(), 'g', later))?.id).toBe(kept?.id);
    expect(await gradingStatus(db(), left?.id as string, later)).toMatchObject({
      status: 'failed',
      error: 'nobody was waiting for this grading any more',
    });
    // While it runs, the heartbeat tells the grader whether anyone still waits.
    expect(await heartbeat(db(), kept?.id as string, later)).toBe(true);
    expect(await heartbeat(db(), kept?.id as string, new Date(later.getTime() + WANTED_MS * 2))).toBe(false);
  });

  it('gives the job of a grader that stopped reporting to another, twice at most', async () => {
    await clear();
    const t0 = new Date('2026-12-06T11:00:00Z');
    const job = await enqueueGrading(db(), { spec, input: 'x\r' }, t0);
    let now = t0;
    for (const grader of ['a', 'b']) {
      await gradingStatus(db(), job?.id as string, now);
      expect((await claimGrading(db(), grader, now))?.id).toBe(job?.id);
      now = new Date(now.getTime() + STALE_MS + 1_000);
    }
    await gradingStatus(db(), job?.id as string, now);
    expect(await claimGrading(db(), 'c', now)).toBeUndefined();
    expect(await gradingStatus(db(), job?.id as string, now)).toMatchObject({
      status: 'failed',
      error: 'the grader stopped twice while grading this',
    });
  });

  it('keeps a finished job’s result', async () => {
    await clear();
    const job = await enqueueGrading(db(), { spec, input: 'y\r' });
    await claimGrading(db(), 'g');
    await finishGrading(db(), job?.id as string, { result: { done: ['layers'], stopped: 'deadline' } });
    expect(await gradingStatus(db(), job?.id as string)).toMatchObject({
      status: 'done',
      result: { done: ['layers'], stopped: 'deadline' },
      worker: 'g',
    });
  });

  it('counts a finished grading towards the progress of the learner who asked, and a tampered one as nothing', async () => {
    await clear();
    const [learner] = await db().query<{ id: string }>(
      `insert into users (email, name, password_hash, role) values ($1, 'Grace', 'x', 'learner') returning id`,
      [`grace-${engine}-${Date.now()}@example.com`],
    );
    const userId = learner?.id as string;
    const progress = () =>
      db().query<{ score: number; done: boolean }>(
        'select score::float8 as score, done_at is not null as done from progress where user_id = $1',
        [userId],
      );
    const grade = async (result: { done: string[]; tampered?: boolean }) => {
      const job = await enqueueGrading(db(), { spec, input: 'z\r', userId });
      await claimGrading(db(), 'g');
      await finishGrading(db(), job?.id as string, { result });
    };
    const all = spec.tasks.map((t) => t.id);
    await grade({ done: all, tampered: true });
    expect(await progress()).toEqual([{ score: 0, done: false }]);
    await grade({ done: all.slice(0, 1) });
    expect(await progress()).toEqual([{ score: 1 / all.length, done: false }]);
    await grade({ done: all });
    expect(await progress()).toEqual([{ score: 1, done: true }]);
  });
});
