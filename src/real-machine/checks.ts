import type { Localized } from '../schemas/exercise.ts';
import type { RealMachineExercise } from '../schemas/real-machine.ts';
import type { CheckAgent } from './agent.ts';

/** Where a task stands: done, or what is still missing (the first failing check's explanation). */
export type TaskState = { done: true } | { done: false; missing: Localized };

/**
 * Runs the checks of every task not in `done` in the guest, through the lab's own serial port,
 * one after the other (the port carries one command at a time).
 */
export async function checkTasks(
  agent: Pick<CheckAgent, 'run'>,
  exercise: RealMachineExercise,
  done: ReadonlySet<string> = new Set(),
): Promise<Record<string, TaskState>> {
  const states: Record<string, TaskState> = {};
  for (const task of exercise.tasks) {
    if (done.has(task.id)) {
      states[task.id] = { done: true };
      continue;
    }
    let state: TaskState = { done: true };
    for (const check of task.checks) {
      const { status } = await agent.run(check.run);
      if (status !== 0) {
        state = { done: false, missing: check.explain };
        break;
      }
    }
    states[task.id] = state;
  }
  return states;
}
