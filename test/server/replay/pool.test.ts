import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Verification } from '../../../src/grading/exercises';
import { parseExercise } from '../../../src/grading/exercises';
import { REPLAY_STEPS } from '../../../src/grading/replay';
import { ENGINE_VERSION } from '../../../src/sandbox/sandbox';
import { ReplayFailed, ReplayPool } from '../../../src/server/replay/pool';

const parsed = parseExercise(
  parse(readFileSync('exercises/out-of-memory.yaml', 'utf8')),
  'out-of-memory.yaml',
);
if (!parsed.ok) throw new Error(parsed.error);
const exercise = parsed.exercise;

const body = (lines: string[]) => ({
  exercise: exercise.id,
  exerciseVersion: exercise.version,
  engine: ENGINE_VERSION,
  transcript: lines.map((text) => ({ type: 'input', text })),
});

/** How late a 10 ms timer fires on this thread while `work` runs: the event loop's responsiveness. */
async function worstLag<T>(work: Promise<T>): Promise<{ value: T; lag: number }> {
  let lag = 0;
  let done = false;
  const probe = (async () => {
    while (!done) {
      const start = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 10));
      lag = Math.max(lag, performance.now() - start - 10);
    }
  })();
  const value = await work;
  done = true;
  await probe;
  return { value, lag };
}

describe('ReplayPool', () => {
  const pool = new ReplayPool({ size: 2 });
  afterAll(() => pool.close());

  it('grades on a worker thread, as verifySubmission would', async () => {
    const result = await pool.verify(exercise, body(['docker run --name hog -m 64m alpine tail /dev/zero']));
    expect(result).toMatchObject({ ok: true, score: 1 });
  });

  it('replays hostile transcripts to a bounded end while this thread stays responsive', async () => {
    const hostile = [
      'for i in $(seq 1000); do for j in $(seq 1000); do :; done; done',
      'echo "sh s.sh; sh s.sh" > s.sh; sh s.sh',
      'x=a; while true; do x=$x$x; done',
      "printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\n' | grep -E '^(a+)+$'",
    ];
    const { value, lag } = await worstLag(
      Promise.all(hostile.map((line) => pool.verify(exercise, body([line])))),
    );
    for (const result of value) expect(result).toMatchObject({ ok: true, score: 0 });
    expect(lag).toBeLessThan(250);
  });

  it('refuses a transcript that spends the whole replay budget, line after line', async () => {
    const loop = 'for i in $(seq 1000); do for j in $(seq 1000); do :; done; done';
    const result = (await pool.verify(exercise, body(Array(10).fill(loop)))) as Verification;
    expect(result).toEqual({
      ok: false,
      status: 422,
      reason: `the transcript does more work than a grading replays (over ${REPLAY_STEPS} shell steps in all)`,
    });
  });

  it('terminates a worker past its deadline and answers with a clear error; the next job still runs', async () => {
    const strict = new ReplayPool({ size: 1, deadlineMs: 50 });
    try {
      const slow = strict.verify(exercise, body(Array(200).fill('docker run alpine true')));
      await expect(slow).rejects.toThrow(ReplayFailed);
      await expect(slow).rejects.toMatchObject({
        status: 422,
        message: expect.stringContaining('longer than 0.05 s'),
      });
    } finally {
      await strict.close();
    }
    expect(await pool.verify(exercise, body([]))).toMatchObject({ ok: true, score: 0 });
  });

  it('turns work away with 503 when too many jobs wait', async () => {
    const tiny = new ReplayPool({ size: 1, maxWaiting: 1 });
    try {
      const jobs = [1, 2, 3].map(() => tiny.verify(exercise, body(['docker run alpine true'])));
      const settled = await Promise.allSettled(jobs);
      const refused = settled.filter((s) => s.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ status: 503 });
    } finally {
      await tiny.close();
    }
  });
});
