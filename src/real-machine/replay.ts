import type { RealMachineExercise } from '../schemas/real-machine.ts';
import { checkTasks } from './checks.ts';
import type { RunningMachine } from './machine.ts';

/** The longest console input the server replays, in characters. */
export const MAX_INPUT = 20_000;

/** Each typed line with its Enter, as the terminal sent it (raw keys, so line editing replays too). */
export function inputLines(input: string): string[] {
  return input.match(/[^\r]*\r|[^\r]+$/g) ?? [];
}

/**
 * Types a learner's console input into a freshly booted machine, line by line, waiting for the shell
 * after each, and runs the exercise's checks after each line. A task counts once its checks have all
 * passed at some point, as in the page. Returns the tasks done.
 */
export async function replayInput(
  machine: RunningMachine,
  exercise: RealMachineExercise,
  input: string,
  lineTimeoutMs = 30_000,
): Promise<Set<string>> {
  const done = new Set<string>();
  for (const line of inputLines(input)) {
    await machine.console.type(line.replace(/\r$/, ''), lineTimeoutMs).catch(() => {
      // A line that never gives the prompt back (a program still running) is left running.
    });
    const states = await checkTasks(machine.agent, exercise, done);
    for (const [id, state] of Object.entries(states)) if (state.done) done.add(id);
    if (done.size === exercise.tasks.length) break;
  }
  return done;
}
