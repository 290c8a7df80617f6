/**
 * Grading benchmark: how fast the server replays honest transcripts (in this thread and on the
 * replay pool's worker threads), what the worst hostile transcripts cost before they are stopped,
 * and how quickly a real-machine grading starts from the saved booted state and how many run a
 * minute. Medians of several runs; the figures go to docs/PERFORMANCE.md.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { parse } from 'yaml';
import { parseExercise, verifySubmission } from '../src/grading/exercises.ts';
import { replayInput } from '../src/real-machine/replay.ts';
import { ENGINE_VERSION } from '../src/sandbox/sandbox.ts';
import { realMachineExercise } from '../src/schemas/real-machine.ts';
import type { FromMachineThread, ToMachineThread } from '../src/server/grader/machine-thread.ts';
import { bootedState, restoredMachine } from '../src/server/real-machine.ts';
import { ReplayPool } from '../src/server/replay/pool.ts';
import { median } from './support/median.ts';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const loaded = parseExercise(
  parse(readFileSync('exercises/first-web-server.yaml', 'utf8')),
  'first-web-server',
);
if (!loaded.ok) throw new Error(loaded.error);
const exercise = loaded.exercise;
const body = (lines: string[]) => ({
  exercise: exercise.id,
  exerciseVersion: exercise.version,
  engine: ENGINE_VERSION,
  transcript: lines.map((text) => ({ type: 'input', text })),
});

const MIX = [
  'docker ps -a',
  'docker images',
  'docker run --rm alpine echo hi',
  'ls -la /etc',
  'for i in 1 2 3; do echo $i; done | wc -l',
  'docker inspect -f "{{.State.Status}}" web',
  'curl -s localhost:8080 | head -n 1',
];
const honest = [
  'docker run -d --name web -p 8080:80 nginx',
  ...Array.from({ length: 999 }, (_, i) => MIX[i % MIX.length] as string),
];

/** Wall time and this thread's CPU time of one call, in ms. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, value };
}

await verifySubmission(exercise, body(honest.slice(0, 100))); // warm-up
const inThread: number[] = [];
for (let i = 0; i < runs; i++)
  inThread.push((await timed(() => verifySubmission(exercise, body(honest)))).ms);

const loop = 'for i in $(seq 1000); do for j in $(seq 1000); do :; done; done';
const HOSTILE: Record<string, string[]> = {
  'nested loop 1000x1000': [loop],
  'self-running script': ['echo "sh s.sh; sh s.sh" > s.sh', 'sh s.sh'],
  'doubling string': ['x=a; while true; do x=$x$x; done'],
  'backtracking regex': ["printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\n' | grep -E '^(a+)+$'"],
  'the whole replay budget (10 nested loops)': Array(10).fill(loop),
  // A transcript holds at most 5,000 events: 10,000 lines are refused before any replay (400).
  '5,000 docker run lines (the most a transcript may hold)': Array(5_000).fill('docker run alpine true'),
};
const hostile: Record<string, { cpuMs: number; outcome: string }> = {};
for (const [name, lines] of Object.entries(HOSTILE)) {
  const pool = new ReplayPool({ size: 1, deadlineMs: 5_000 });
  const cpu: number[] = [];
  let outcome = '';
  for (let i = 0; i < 3; i++) {
    const result = await timed(() =>
      pool.verify(exercise, body(lines)).then(
        (r) => (r.ok ? `graded, score ${r.score}` : `refused ${r.status}`),
        (e: Error & { status?: number }) => `stopped ${e.status}`,
      ),
    );
    cpu.push(result.ms);
    outcome = result.value;
  }
  await pool.close();
  hostile[name] = { cpuMs: Math.round(median(cpu)), outcome };
}

const throughput: Record<string, number> = {};
for (const size of [1, 2]) {
  const pool = new ReplayPool({ size });
  // Warm every worker (loading the engine and JIT), not just the first.
  await Promise.all(Array.from({ length: size }, () => pool.verify(exercise, body(honest.slice(0, 50)))));
  const jobs = 8;
  const { ms } = await timed(() =>
    Promise.all(Array.from({ length: jobs }, () => pool.verify(exercise, body(honest)))),
  );
  throughput[`${size} worker${size > 1 ? 's' : ''}`] = Math.round((jobs * honest.length) / (ms / 1000));
  await pool.close();
}

const rm = realMachineExercise.parse(
  parse(readFileSync('exercises/real-machine/container-from-scratch.yaml', 'utf8')),
);
const solution = rm.tasks.flatMap((t) => t.solution.map((l) => `${l}\r`)).join('');
const state = await timed(async () => bootedState());
const starts: number[] = [];
const gradings: number[] = [];
for (let i = 0; i < runs; i++) {
  const started = await timed(() => restoredMachine());
  starts.push(started.ms);
  gradings.push((await timed(() => replayInput(started.value, rm, solution))).ms);
  await started.value.destroy();
}

/** Gradings a minute with `threads` grader threads (as `npm run grader` runs them), each booted first. */
async function gradingsPerMinute(threads: number, jobs: number): Promise<number> {
  const script = new URL('../src/server/grader/machine-thread.ts', import.meta.url);
  const workers = Array.from({ length: threads }, () => new Worker(script));
  const ask = (worker: Worker, message: ToMachineThread) =>
    new Promise<FromMachineThread>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage(message);
    });
  // Warm: each thread boots and saves its machine by grading once.
  await Promise.all(
    workers.map((w, i) => ask(w, { type: 'grade', id: `warm-${i}`, spec: rm, input: 'true\r' })),
  );
  const started = performance.now();
  let next = 0;
  await Promise.all(
    workers.map(async (w) => {
      while (next < jobs) {
        const id = `job-${next++}`;
        const reply = await ask(w, { type: 'grade', id, spec: rm, input: solution });
        if (reply.type !== 'graded' || reply.done.length !== rm.tasks.length)
          throw new Error(`${id} failed: ${JSON.stringify(reply)}`);
      }
    }),
  );
  const minutes = (performance.now() - started) / 60_000;
  await Promise.all(workers.map((w) => w.terminate()));
  return Math.round((jobs / minutes) * 10) / 10;
}
const perMinute = { '1 grader': await gradingsPerMinute(1, 4), '2 graders': await gradingsPerMinute(2, 4) };

console.log(
  JSON.stringify({
    benchmark: 'grading',
    runs,
    replay1000LinesInThreadMs: Math.round(median(inThread)),
    replayLinesPerSecond: throughput,
    hostileWallMsOnOneWorker: hostile,
    realMachine: {
      readSavedStateMs: Math.round(state.ms),
      savedStateBytes: state.value.byteLength,
      gradingStartMs: Math.round(median(starts)),
      gradingStartMinMaxMs: [Math.round(Math.min(...starts)), Math.round(Math.max(...starts))],
      referenceGradingMs: Math.round(median(gradings)),
      gradingsPerMinute: perMinute,
    },
  }),
);
process.exit(0);
