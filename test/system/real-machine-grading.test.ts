import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as verify } from '../../src/pages/api/real-machine/[id]/verify';
import { GET as status } from '../../src/pages/api/real-machine/jobs/[job]';
import { realMachineExercises } from '../../src/real-machine/exercises';
import { replayInput } from '../../src/real-machine/replay';
import { database, useDatabase } from '../../src/server/db/open';
import { appGrader, Grader } from '../../src/server/grader/grader';
import { enqueueGrading, gradingStatus } from '../../src/server/grader/queue';
import { restoredMachine } from '../../src/server/real-machine';
import { Client } from '../pages/api/client';
import { freshDatabase } from '../setup/databases';

describe('grading a real-machine exercise on the server', () => {
  const exercise = realMachineExercises().get('container-from-scratch');
  if (!exercise) throw new Error('container-from-scratch is missing');
  const solution = exercise.tasks.flatMap((t) => t.solution.map((line) => `${line}\r`)).join('');
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabase('pglite');
    useDatabase(fresh.db);
    drop = fresh.drop;
  });
  afterAll(async () => {
    await appGrader(database)?.stop();
    await drop();
  });

  it('starts each grading from a saved booted machine in seconds, not a boot', async () => {
    const started = performance.now();
    const machine = await restoredMachine();
    const elapsed = performance.now() - started;
    try {
      expect((await machine.agent.run('cat /proc/sys/kernel/hostname')).output).toBe('quayside\n');
    } finally {
      await machine.destroy();
    }
    // A boot takes 15 s or more here; a restore about one. Generous, for a loaded CI machine.
    expect(elapsed).toBeLessThan(10_000);
  });

  it('gives nothing to input that takes the check agent’s place', async () => {
    const fake = `(while read -r id cmd; do printf ':start%s:\\n\\n:end%s: 0 -\\n' "$id" "$id"; done < /dev/ttyS1 > /dev/ttyS1 &)`;
    // The agent is whichever process has quayside-agent in its command line.
    const kill =
      'for p in /proc/[0-9]*; do grep -q quayside-agent $p/cmdline 2>/dev/null && kill -9 $(basename $p); done';
    const machine = await restoredMachine();
    try {
      // The impostor starts first, so the port always has a reader; once the agent is gone, it alone
      // answers. The kill loop is slow under emulation: give it time.
      const replayed = await replayInput(machine, exercise, `${fake}\r${kill}\r`, { lineMs: 60_000 });
      // No credit, whichever answered: the agent's signatures (test/real-machine/agent.test.ts) make
      // an impostor's statuses count for nothing. Whether it is caught in the act depends on timing
      // under emulation, so `tampered` is not asserted here.
      expect(replayed.done.size).toBe(0);
    } finally {
      await machine.destroy();
    }
  }, 120_000);

  it('ends a grading that a learner keeps busy within its budget, and when the client goes away', async () => {
    const flood = `sleep 999999\r${'\r'.repeat(19_987)}`;
    const machine = await restoredMachine();
    try {
      const started = performance.now();
      const replayed = await replayInput(machine, exercise, flood, { totalMs: 20_000, lineMs: 2_000 });
      expect(replayed.done.size).toBe(0);
      expect(performance.now() - started).toBeLessThan(40_000);
      const abort = new AbortController();
      abort.abort();
      expect(await replayInput(machine, exercise, solution, { signal: abort.signal })).toMatchObject({
        stopped: 'cancelled',
      });
    } finally {
      await machine.destroy();
    }
  }, 120_000);

  /** Submits through the API and follows the queued grading (the app's own grader thread runs it). */
  async function grade(input: string) {
    const client = new Client();
    const queued = await client.call(verify, { params: { id: exercise?.id as string }, body: { input } });
    expect(queued.status).toBe(202);
    for (;;) {
      const now = await client.call(status, { params: { job: queued.body.job as string } });
      if (now.body.status === 'done' || now.body.status === 'failed') return now;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  it('grades on its own machine, restored from the saved boot, and counts the tasks its checks pass', async () => {
    const response = await grade(solution);
    expect(response.body).toMatchObject({
      status: 'done',
      passed: exercise.tasks.length,
      total: exercise.tasks.length,
      machine: 'real',
    });
    expect(response.body.tampered).toBeUndefined();
  }, 300_000);

  it('gives no credit for input that does not do the work, whatever the page showed', async () => {
    const response = await grade('echo all tasks done\rmkdir -p /tmp/box/merged\r');
    expect(response.body).toMatchObject({ status: 'done', passed: 0, total: exercise.tasks.length });
  }, 300_000);

  it('ends its machine thread once idle, so the emulator’s memory goes back to the system', async () => {
    await appGrader(database)?.stop();
    const grader = new Grader(database, 'idle-test', 1_000);
    grader.start();
    try {
      const job = await enqueueGrading(await database(), { spec: exercise, input: 'true\r' });
      grader.poke();
      let seenThread = false;
      for (;;) {
        seenThread ||= grader.hasThread;
        const now = await gradingStatus(await database(), job?.id as string);
        if (now?.status === 'done' || now?.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(seenThread).toBe(true);
      await expect.poll(() => grader.hasThread, { timeout: 10_000 }).toBe(false);
    } finally {
      await grader.stop();
    }
  }, 300_000);
});
