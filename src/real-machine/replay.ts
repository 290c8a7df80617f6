import type { RealMachineExercise } from '../schemas/real-machine.ts';
import { checkTasks } from './checks.ts';
import type { RunningMachine } from './machine.ts';

/** The longest console input the server replays, in characters. */
export const MAX_INPUT = 20_000;

/** How long one grading may take, and one typed line may keep the shell from prompting again. */
export const GRADING_BUDGET = { totalMs: 180_000, lineMs: 15_000, settleMs: 30_000 } as const;

/** Each typed line with its Enter, as the terminal sent it (raw keys, so line editing replays too). */
export function inputLines(input: string): string[] {
  return input.match(/[^\r]*\r|[^\r]+$/g) ?? [];
}

export interface ReplayedInput {
  /** Tasks whose checks all passed at some point. */
  done: Set<string>;
  /** Why the replay ended early, if it did: the grading's deadline, or the client went away. */
  stopped?: 'deadline' | 'cancelled';
  /** A reply from the guest was not signed by the agent: someone answered in its place. */
  tampered: boolean;
}

/**
 * Types a learner's console input into a booted machine, line by line, waiting for the shell after
 * each, and runs the exercise's checks after each line. A task counts once its checks have all
 * passed at some point, as in the page. The agent is locked with a fresh secret first, so nothing
 * the learner types can answer for it. Once a line keeps the shell busy past `lineMs`, the rest is
 * typed ahead as a terminal would and the shell gets `settleMs` to catch up before the last checks;
 * the whole replay stops at `totalMs` or when `signal` aborts.
 */
export async function replayInput(
  machine: RunningMachine,
  exercise: RealMachineExercise,
  input: string,
  options: { signal?: AbortSignal; totalMs?: number; lineMs?: number; key?: string } = {},
): Promise<ReplayedInput> {
  const { totalMs = GRADING_BUDGET.totalMs, lineMs = GRADING_BUDGET.lineMs } = options;
  const deadline = performance.now() + totalMs;
  machine.agent.lock(options.key ?? randomKey());
  const done = new Set<string>();
  let busy = false;
  const stop = (): ReplayedInput['stopped'] =>
    options.signal?.aborted ? 'cancelled' : performance.now() > deadline ? 'deadline' : undefined;
  for (const line of inputLines(input)) {
    const stopped = stop();
    if (stopped) return { done, stopped, tampered: machine.agent.tampered };
    const text = line.replace(/\r$/, '');
    if (busy) {
      machine.type(`${text}\n`);
      continue;
    }
    const wait = Math.max(0, Math.min(lineMs, deadline - performance.now()));
    await machine.console.type(text, wait).catch(() => {
      // A line that never gives the prompt back (a program still running) is left running.
      busy = true;
    });
    if (busy) continue;
    await checkAll(machine, exercise, done);
    if (done.size === exercise.tasks.length) break;
  }
  if (busy && !stop()) {
    // Typed ahead: give the shell a while to work through it (a slow line on a busy grader is
    // honest work) before the last checks, but not forever (a flood of `sleep`s is not).
    const wait = Math.max(0, Math.min(GRADING_BUDGET.settleMs, deadline - performance.now()));
    await machine.console.type('', wait).catch(() => {});
    await checkAll(machine, exercise, done);
  }
  const stopped = stop();
  return { done, tampered: machine.agent.tampered, ...(stopped ? { stopped } : {}) };
}

async function checkAll(machine: RunningMachine, exercise: RealMachineExercise, done: Set<string>) {
  machine.agent.listen();
  const states = await checkTasks(machine.agent, exercise, done);
  for (const [id, state] of Object.entries(states)) if (state.done) done.add(id);
}

/** 128 random bits as hex, from the platform's CSPRNG (Node and browsers both have it). */
function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}
