import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  parseExercise,
  replaySteps,
  selfCheck,
  startExercise,
  verifySubmission,
} from '../../src/grading/exercises';
import { REPLAY_STEPS, replayTranscript } from '../../src/grading/replay';
import { ENGINE_VERSION } from '../../src/sandbox/sandbox';

const files = readdirSync('exercises').filter((f) => f.endsWith('.yaml'));
const load = (file: string) => {
  const parsed = parseExercise(parse(readFileSync(`exercises/${file}`, 'utf8')), file);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.exercise;
};

describe('exercise files', () => {
  it.each(files)('%s: the start fails every task and the reference solution passes each', async (file) => {
    expect(await selfCheck(load(file))).toEqual([]);
  });

  it('rejects a malformed exercise with the path of the problem', () => {
    const result = parseExercise({ id: 'Bad Id', title: { en: 'x' } }, 'bad.yaml');
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/^bad\.yaml: id: exercise ids are lowercase/),
    });
  });
});

describe('the rollback exercise', () => {
  it('can be followed by eye: curl shows which release answers at each step', async () => {
    const rollback = load('rollback.yaml');
    const s = await startExercise(rollback);
    const page = () => s.run('curl -s localhost:8080');
    const steps = rollback.tasks.map((t) => t.solution.join('\n'));
    await s.run(steps[0] as string);
    expect(await page()).toBe('release 1\n');
    await s.run(steps[1] as string);
    expect(await page()).toBe('release 2 (broken)\n');
    for (const step of steps.slice(2)) await s.run(step);
    expect(await page()).toBe('release 1\n');
    expect(await s.run('docker exec web cat /data/orders.txt')).toContain('order-1002');
  });
});

describe('verifySubmission', () => {
  const exercise = load('first-web-server.yaml');

  it('gives no credit for a release that never ran: a failed docker run is not a rollout', async () => {
    const rollback = load('rollback.yaml');
    const lines = [
      'docker run -d --name web -p 8080:80 -v orders:/data web:1',
      'docker exec web sh -c "echo order-1001 >> /data/orders.txt"',
      'docker build -q -t web:2 web',
      // The name is still taken by release 1, so this fails: release 2 never runs.
      'docker run -d --name web -p 8080:80 -v orders:/data web:2',
      'docker exec web sh -c "echo order-1002 >> /data/orders.txt"',
    ];
    const result = await verifySubmission(rollback, {
      exercise: rollback.id,
      exerciseVersion: rollback.version,
      engine: ENGINE_VERSION,
      transcript: lines.map((text) => ({ type: 'input', text })),
    });
    expect(result.ok && result.score).toBeLessThan(1);
  });

  const input = (text: string) => ({ type: 'input' as const, text });

  it('grades a real transcript by replaying it', async () => {
    const result = await verifySubmission(exercise, {
      exercise: exercise.id,
      exerciseVersion: exercise.version,
      engine: ENGINE_VERSION,
      transcript: [
        input('docker run -d --name web -p 8080:80 nginx'),
        input('curl -s localhost:8080 | head -n 1'),
        input('curl -s localhost:8080 > page.html'),
      ],
    });
    expect(result.ok && result.tasks.map((t) => t.pass)).toEqual([true, true, false]);
    expect(result.ok && result.score).toBeCloseTo(2 / 3);
  });

  it('grades a transcript that writes a script in nano, then runs it', async () => {
    const keys = (...chunks: string[]) => ({ type: 'keys' as const, keys: chunks });
    const result = await verifySubmission(exercise, {
      exercise: exercise.id,
      exerciseVersion: exercise.version,
      engine: ENGINE_VERSION,
      transcript: [
        input('nano start.sh'),
        keys(...'docker run -d --name web -p 8080:80 nginx'.split(''), '\x0f', '\r', '\x18'),
        input('sh start.sh'),
      ],
    });
    expect(result.ok && result.tasks.map((t) => t.pass)).toEqual([true, false, false]);
    // Keystrokes typed into no program (nano has not started) change nothing.
    const early = await verifySubmission(exercise, {
      exercise: exercise.id,
      exerciseVersion: exercise.version,
      engine: ENGINE_VERSION,
      transcript: [keys('docker run -d --name web -p 8080:80 nginx\r'), input('sh start.sh')],
    });
    expect(early.ok && early.tasks.map((t) => t.pass)).toEqual([false, false, false]);
  });

  it('explains what is missing', async () => {
    const result = await verifySubmission(exercise, {
      exercise: exercise.id,
      exerciseVersion: exercise.version,
      engine: ENGINE_VERSION,
      transcript: [input('docker run -d --name web nginx')],
    });
    expect(result.ok && result.tasks[0]?.verdicts[0]?.message.en).toBe(
      'The container "web" is running, but port 8080 on the host is not published to its port 80.',
    );
  });

  it('cannot be fooled by a claimed result: only the replayed state counts', async () => {
    const forged = {
      exercise: exercise.id,
      exerciseVersion: exercise.version,
      engine: ENGINE_VERSION,
      transcript: [input('echo "docker run -d --name web -p 8080:80 nginx"')],
      score: 1,
      tasks: [{ id: 'run-nginx', pass: true }],
    };
    const result = await verifySubmission(exercise, forged);
    expect(result.ok && result.score).toBe(0);
  });

  it('rejects transcripts from another engine or exercise version, and malformed ones', async () => {
    const base = {
      exercise: exercise.id,
      exerciseVersion: exercise.version,
      engine: ENGINE_VERSION,
      transcript: [],
    };
    expect(await verifySubmission(exercise, { ...base, engine: '0' })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await verifySubmission(exercise, { ...base, exerciseVersion: 99 })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await verifySubmission(exercise, { ...base, transcript: [{ type: 'input' }] })).toMatchObject({
      ok: false,
      status: 400,
      reason: expect.stringContaining('transcript.0.text'),
    });
    expect(await verifySubmission(exercise, 'not json')).toMatchObject({ ok: false, status: 400 });
  });
});

describe('replaySteps', () => {
  it('replays a transcript line by line with what the terminal printed for each', async () => {
    const exercise = load('out-of-memory.yaml');
    const steps = await replaySteps(exercise, [
      { type: 'input', text: 'echo hello' },
      { type: 'input', text: 'docker run --name hog -m 64m alpine tail /dev/zero; echo $?' },
    ]);
    expect(steps).toEqual([
      { prompt: 'learner@quayside:~$ ', input: 'echo hello', output: 'hello\n' },
      {
        prompt: 'learner@quayside:~$ ',
        input: 'docker run --name hog -m 64m alpine tail /dev/zero; echo $?',
        output: '137\n',
      },
    ]);
  });

  it('replays on a terminal, as the lab ran: docker exec -it opens a shell in the container', async () => {
    const exercise = load('out-of-memory.yaml');
    const steps = await replaySteps(exercise, [
      { type: 'input', text: 'docker run -d --name box alpine sleep 600 >/dev/null' },
      { type: 'input', text: 'docker exec -it box sh' },
      { type: 'input', text: 'cat /etc/alpine-release' },
    ]);
    expect(steps[1]?.output).not.toContain('not a TTY');
    expect(steps[2]?.prompt).toMatch(/^\/ # $/);
  });
});

describe('the capstone', () => {
  const capstone = load('capstone.yaml');
  const solution = capstone.tasks.flatMap((t) => t.solution);
  const submit = (lines: string[]) =>
    verifySubmission(capstone, {
      exercise: capstone.id,
      exerciseVersion: capstone.version,
      engine: ENGINE_VERSION,
      transcript: lines.map((text) => ({ type: 'input', text })),
    });

  it('replays its whole solution within the replay budget, and every task passes', async () => {
    const replay = await replayTranscript(
      capstone,
      solution.map((text) => ({ type: 'input', text })),
    );
    expect(replay.ok && replay.sandbox.meter.total).toBeLessThan(REPLAY_STEPS / 2);
    const result = await submit(solution);
    expect(result.ok && result.tasks.map((t) => t.pass)).toEqual(capstone.tasks.map(() => true));
  });

  it('takes the orders away from a rollback that went through `down -v`', async () => {
    const rollback = solution.slice(0, -2);
    const result = await submit([
      ...rollback,
      'docker compose down -v',
      'echo APP_TAG=1.0 > .env',
      'docker compose up -d',
    ]);
    const last = result.ok ? result.tasks.at(-1) : undefined;
    expect(last?.pass).toBe(false);
    expect(last?.verdicts.filter((v) => !v.pass).map((v) => v.message.en)).toEqual([
      '/dump.rdb does not exist in volume "shop_cache-data".',
      '/dump.rdb does not exist in volume "shop_cache-data".',
    ]);
    // The deploy task observes the same volume, so it loses its order too.
    expect(result.ok && result.tasks.map((t) => t.pass)).toEqual([true, true, true, false, true, false]);
  });

  it('gives no credit for the compose file until the cache has a health check the app waits for', async () => {
    const deploy = capstone.tasks.findIndex((t) => t.id === 'deploy');
    const before = capstone.tasks.slice(0, deploy).flatMap((t) => t.solution);
    const result = await submit([
      ...before,
      'echo APP_TAG=1.0 > shop/.env',
      'cd shop',
      'docker compose up -d',
    ]);
    expect(result.ok && result.tasks.map((t) => t.pass)).toEqual([true, true, true, false, false, false]);
    const verdicts = result.ok ? (result.tasks[deploy]?.verdicts ?? []) : [];
    expect(verdicts.find((v) => !v.pass)?.message.en).toBe(
      'The container "shop-app-1" exists but is not running.',
    );
  });
});
