/// <reference lib="webworker" />

import { evaluate } from '../grading/checks.ts';
import { ENGINE_VERSION, Sandbox } from '../sandbox/sandbox.ts';
import type { FromWorker, TaskChecks, ToWorker } from './protocol.ts';

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
  if (tasks.length > 0) {
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

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    switch (message.type) {
      case 'start': {
        const options = { tty: true, columns: message.columns, pace };
        tasks = message.checks ?? [];
        const saved = message.saved;
        // A state with running background processes, or from an older engine, cannot be restored
        // as data: the learner's own transcript is replayed instead, quietly and at full speed.
        const rebuild = saved && (saved.state.engine !== ENGINE_VERSION || (saved.state.live ?? 0) > 0);
        sandbox =
          saved && !rebuild
            ? Sandbox.restore(saved.state, options)
            : Sandbox.create({
                ...options,
                seed: message.seed,
                ...(message.machine ? { machine: message.machine } : {}),
              });
        if (saved && rebuild) {
          speed = 1_000_000;
          await sandbox.replay(saved.transcript);
          speed = 1;
          learnerStart = saved.learnerStart ?? 0;
          if (saved.state.engine !== ENGINE_VERSION) post({ type: 'notice', kind: 'engine-updated' });
        } else if (saved) {
          sandbox.transcript.push(...saved.transcript);
          learnerStart = saved.learnerStart ?? 0;
        } else if (message.setup?.length) {
          speed = 1_000_000;
          await sandbox.run(message.setup.join('\n'));
          speed = 1;
          learnerStart = sandbox.transcript.length;
        } else learnerStart = 0;
        sandbox.onOutput((chunk) => post({ type: 'output', text: chunk.text }));
        await idle();
        break;
      }
      case 'input':
        sandbox?.input(message.text, { wait: message.wait });
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
        if (sandbox) sandbox.terminal.columns = message.columns;
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
