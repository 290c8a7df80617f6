/// <reference lib="webworker" />

import { ENGINE_VERSION, Sandbox } from '../sandbox/sandbox.ts';
import { buildFresh, restoreFresh } from './fresh-start.ts';
import type { FreshStart, FromWorker, LabScenario, TaskChecks, ToWorker, WorkerPhase } from './protocol.ts';

const now = () => performance.timeOrigin + performance.now();
/** The first start's phases, sent once with its first prompt (the lab benchmark reads them). */
let trace: { name: WorkerPhase; at: number }[] | undefined = [{ name: 'worker-script', at: now() }];

// The sandbox runs here so a long command never freezes the page.
let sandbox: Sandbox | undefined;
let tasks: TaskChecks[] = [];
let learnerStart = 0;
let speed = 1;
const post = (message: FromWorker) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);
const pace = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms / speed));

async function idle(): Promise<void> {
  if (!sandbox) return;
  await sandbox.whenIdle();
  // A full-screen program is reading keys: the prompt, and a state to save, come once it ends.
  if (sandbox.terminal.isRaw) return;
  if (tasks.length > 0) {
    // The checks load with the first exercise that needs them, not with every lab.
    const { evaluate } = await import('../grading/checks.ts');
    const current = sandbox;
    post({
      type: 'tasks',
      results: tasks.map((t) => ({ id: t.id, pass: t.checks.every((c) => evaluate(c, current).pass) })),
    });
  }
  post({
    type: 'idle',
    prompt: sandbox.prompt(),
    cwd: sandbox.cwd(),
    saved: { state: sandbox.snapshot(), transcript: sandbox.transcript, history: [], learnerStart },
  });
}

const scenarioKey = (s: LabScenario) => JSON.stringify([s.seed, s.setup ?? [], s.machine ?? 'server']);

/**
 * The scenario's fresh sandbox, restored from the page's fresh start when it has one, else built,
 * its set-up run quietly at full speed. Columns do not enter a sandbox's state, so one made before
 * the terminal knew its width is the same sandbox.
 */
async function fresh(
  scenario: LabScenario & { start?: FreshStart },
): Promise<{ sandbox: Sandbox; learnerStart: number }> {
  let fast = !scenario.start;
  const options = {
    tty: true,
    pace: (ms: number) =>
      new Promise<void>((resolve) => setTimeout(resolve, ms / (fast ? 1_000_000 : speed))),
  };
  const made =
    scenario.start?.state.engine === ENGINE_VERSION
      ? restoreFresh(scenario.start, options)
      : await buildFresh(scenario, options);
  fast = false;
  trace?.push({ name: 'engine', at: now() });
  return { sandbox: made, learnerStart: made.transcript.length };
}

// Tells the page this worker has its code, so the next lab's worker can take it from the cache.
post({ type: 'loaded' });

/** The terminal's raw spells so far, and the last keys message the current one accepted. */
const raw = { epoch: 0, taken: 0 };

/** A fresh sandbox built ahead of `start`, while the page was still loading the terminal. */
let prepared: { key: string; ready: ReturnType<typeof fresh> } | undefined;

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    switch (message.type) {
      case 'prepare':
        prepared = { key: scenarioKey(message), ready: fresh(message) };
        break;
      case 'start': {
        const options = { tty: true, columns: message.columns, rows: message.rows ?? 24, pace };
        tasks = message.checks ?? [];
        const saved = message.saved;
        // A state with running background processes, or from an older engine, cannot be restored
        // as data: the learner's own transcript is replayed instead, quietly and at full speed.
        const rebuild = saved && (saved.state.engine !== ENGINE_VERSION || (saved.state.live ?? 0) > 0);
        if (!saved) {
          const ready = prepared?.key === scenarioKey(message) ? prepared.ready : fresh(message);
          prepared = undefined;
          ({ sandbox, learnerStart } = await ready);
          sandbox.terminal.columns = message.columns;
          sandbox.terminal.rows = options.rows;
        } else {
          prepared = undefined;
          sandbox = rebuild
            ? Sandbox.create({
                ...options,
                seed: message.seed,
                ...(message.machine ? { machine: message.machine } : {}),
              })
            : Sandbox.restore(saved.state, options);
          trace?.push({ name: 'engine', at: now() });
          if (rebuild) {
            speed = 1_000_000;
            await sandbox.replay(saved.transcript);
            speed = 1;
            if (saved.state.engine !== ENGINE_VERSION) post({ type: 'notice', kind: 'engine-updated' });
          } else sandbox.transcript.push(...saved.transcript);
          learnerStart = saved.learnerStart ?? 0;
        }
        trace?.push({ name: 'setup', at: now() });
        if (trace) post({ type: 'trace', phases: trace });
        trace = undefined;
        sandbox.onOutput((chunk) => post({ type: 'output', text: chunk.text }));
        sandbox.terminal.onMode((on, unread) => {
          if (on) {
            raw.taken = 0;
            post({ type: 'raw', on, epoch: ++raw.epoch });
          } else post({ type: 'raw', on, epoch: raw.epoch, taken: raw.taken, unread });
        });
        await idle();
        break;
      }
      case 'input':
        sandbox?.input(message.text, { wait: message.wait });
        await idle();
        break;
      case 'keys':
        // Keys from an ended spell are the page's again: it took them back with the spell's end.
        if (!sandbox || message.epoch !== raw.epoch || !sandbox.keys(message.data)) break;
        raw.taken = message.seq;
        await idle();
        break;
      case 'interrupt':
        sandbox?.interrupt();
        break;
      case 'complete': {
        const result = sandbox?.complete(message.line, message.cursor) ?? {
          start: message.cursor,
          candidates: [],
        };
        post({ type: 'completion', id: message.id, ...result });
        break;
      }
      case 'resize':
        sandbox?.resize(message.columns, message.rows ?? sandbox.terminal.rows);
        break;
      case 'speed':
        speed = message.factor;
        break;
      case 'resources':
        if (sandbox) post({ type: 'resources', snapshot: sandbox.resources() });
        break;
      case 'ls':
        if (sandbox)
          post({
            type: 'listing',
            id: message.id,
            path: message.path,
            entries: sandbox.listDirectory(message.path),
          });
        break;
      case 'read':
        if (sandbox)
          post({ type: 'file', id: message.id, path: message.path, result: sandbox.readFile(message.path) });
        break;
      case 'write':
        if (sandbox)
          post({
            type: 'written',
            id: message.id,
            path: message.path,
            result: sandbox.writeFile(message.path, message.text),
          });
        break;
    }
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
