import { describe, expect, it } from 'vitest';
import { CheckAgent } from '../../src/real-machine/agent';
import { checkTasks } from '../../src/real-machine/checks';
import { realMachineExercises } from '../../src/real-machine/exercises';
import { SerialConsole } from '../../src/real-machine/serial-console';
import { realMachineExercise } from '../../src/schemas/real-machine';

/** A fake guest behind the check agent's port: a command passes when `passing` says so. */
function agent(passing: (command: string) => boolean) {
  const ran: string[] = [];
  const port: SerialConsole = new SerialConsole((text) => {
    const [, id, command] = /^(\d+) (.*)\n$/s.exec(text) ?? [];
    ran.push(command as string);
    setTimeout(() => port.receive(`:start${id}:\n\n:end${id}: ${passing(command as string) ? 0 : 1} -\n`), 1);
  });
  return { serial: new CheckAgent(port), ran };
}

describe('real-machine exercises', () => {
  it('load from exercises/real-machine/, each in both languages', () => {
    const all = realMachineExercises();
    expect(all.has('container-from-scratch')).toBe(true);
    for (const exercise of all.values()) {
      expect(exercise.tasks.length).toBeGreaterThan(0);
      for (const task of exercise.tasks)
        for (const check of task.checks) expect(check.explain['zh-cn']).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('refuse a task without checks', () => {
    const bad = {
      id: 'x',
      title: { en: 'x', 'zh-cn': 'x' },
      instructions: { en: 'x', 'zh-cn': 'x' },
      tasks: [{ id: 't', title: { en: 't', 'zh-cn': 't' }, checks: [], solution: ['true'] }],
    };
    expect(realMachineExercise.safeParse(bad).success).toBe(false);
  });
});

describe('checkTasks', () => {
  const exercise = realMachineExercises().get('container-from-scratch');
  if (!exercise) throw new Error('container-from-scratch is missing');

  it('says what is missing: the first failing check of each task', async () => {
    const { serial } = agent((command) => command.includes('/proc/mounts'));
    const states = await checkTasks(serial, exercise);
    expect(states.layers).toEqual({ done: false, missing: exercise.tasks[0]?.checks[1]?.explain });
    expect(states.namespaces).toEqual({ done: false, missing: exercise.tasks[1]?.checks[0]?.explain });
  });

  it('does not run the checks of tasks already done', async () => {
    const { serial, ran } = agent(() => true);
    const states = await checkTasks(serial, exercise, new Set(['layers', 'namespaces']));
    expect(Object.values(states).every((s) => s.done)).toBe(true);
    expect(ran).toEqual(exercise.tasks[2]?.checks.map((c) => c.run));
  });
});
