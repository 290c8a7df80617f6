// A grader's machine thread: v86 emulates a whole computer, which would hold the event loop of the
// process that serves pages for a minute, so it runs here. One grading at a time.
import { parentPort } from 'node:worker_threads';
import { replayInput } from '../../real-machine/replay.ts';
import type { RealMachineExercise } from '../../schemas/real-machine.ts';
import { restoredMachine } from '../real-machine.ts';

export type ToMachineThread =
  | { type: 'grade'; id: string; spec: RealMachineExercise; input: string }
  | { type: 'cancel'; id: string };

export type FromMachineThread =
  | { type: 'graded'; id: string; done: string[]; stopped?: 'deadline' | 'cancelled'; tampered: boolean }
  | { type: 'failed'; id: string; error: string };

const running = new Map<string, AbortController>();

parentPort?.on('message', async (message: ToMachineThread) => {
  if (message.type === 'cancel') {
    running.get(message.id)?.abort();
    return;
  }
  const abort = new AbortController();
  running.set(message.id, abort);
  try {
    const machine = await restoredMachine();
    try {
      const replayed = await replayInput(machine, message.spec, message.input, { signal: abort.signal });
      const reply: FromMachineThread = {
        type: 'graded',
        id: message.id,
        done: [...replayed.done],
        tampered: replayed.tampered,
        ...(replayed.stopped ? { stopped: replayed.stopped } : {}),
      };
      parentPort?.postMessage(reply);
    } finally {
      await machine.destroy();
    }
  } catch (error) {
    parentPort?.postMessage({
      type: 'failed',
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    } satisfies FromMachineThread);
  } finally {
    running.delete(message.id);
  }
});
