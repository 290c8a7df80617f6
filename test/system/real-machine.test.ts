import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTasks } from '../../src/real-machine/checks';
import { realMachineExercises } from '../../src/real-machine/exercises';
import { KERNEL_RELEASE } from '../../src/real-machine/image/packages';
import type { BootTimes, RunningMachine } from '../../src/real-machine/machine';
import { startNodeMachine } from '../../src/server/real-machine';

describe('the real machine, booted in v86 under Node', () => {
  let machine: RunningMachine;
  let times: BootTimes;

  beforeAll(async () => {
    machine = startNodeMachine();
    times = await machine.booted;
  }, 300_000);

  afterAll(async () => {
    await machine?.destroy();
  });

  it('boots Debian’s kernel through firmware, kernel and init to a shell', async () => {
    expect(times.firmware).toBeGreaterThan(0);
    expect(times.kernel).toBeGreaterThan(0);
    expect(times.init).toBeGreaterThan(0);
    const uname = await machine.console.run('uname -r');
    expect(uname).toEqual({ output: `${KERNEL_RELEASE}\n`, status: 0 });
  });

  it('starts a process in new PID and UTS namespaces: PID 1, its own hostname, the same kernel', async () => {
    const inside = await machine.console.run(
      "unshare --pid --fork --mount-proc --uts sh -c 'hostname box; echo pid=$$; hostname; uname -r; ps -o pid,comm | wc -l'",
    );
    expect(inside.status).toBe(0);
    const [pid, hostname, release, processes] = inside.output.trim().split('\n');
    expect(pid).toBe('pid=1');
    expect(hostname).toBe('box');
    expect(release).toBe(KERNEL_RELEASE);
    // The header, sh and ps: the host's processes are out of sight.
    expect(Number(processes)).toBeLessThanOrEqual(4);
    expect((await machine.console.run('hostname')).output).toBe('quayside\n');
  });

  it('mounts an overlay whose writes land in the upper layer and leave the lower one alone', async () => {
    const steps = [
      'mkdir -p /tmp/o/lower /tmp/o/upper /tmp/o/work /tmp/o/merged',
      'echo base > /tmp/o/lower/file',
      'mount -t overlay overlay -o lowerdir=/tmp/o/lower,upperdir=/tmp/o/upper,workdir=/tmp/o/work /tmp/o/merged',
      'echo changed > /tmp/o/merged/file',
      'echo new > /tmp/o/merged/added',
    ];
    for (const step of steps) expect((await machine.console.run(step)).status).toBe(0);
    expect((await machine.console.run('cat /tmp/o/lower/file')).output).toBe('base\n');
    expect((await machine.console.run('cat /tmp/o/upper/file /tmp/o/upper/added')).output).toBe(
      'changed\nnew\n',
    );
    expect((await machine.console.run('grep -c "^overlay /tmp/o/merged overlay" /proc/mounts')).output).toBe(
      '1\n',
    );
  });

  it('answers the lab on the second serial port without a word on the learner’s console', async () => {
    const before = machine.console.output.length;
    const answer = await machine.agent.run('cat /proc/sys/kernel/hostname; readlink /proc/1/ns/pid');
    expect(answer.status).toBe(0);
    expect(answer.output).toMatch(/^quayside\npid:\[\d+\]\n$/);
    expect((await machine.agent.run('false')).status).toBe(1);
    expect(machine.console.output.slice(before)).toBe('');
  });

  it('kills a process that goes over its cgroup’s memory.max', async () => {
    const setup = await machine.console.run(
      'mkdir /sys/fs/cgroup/hog && echo 8M > /sys/fs/cgroup/hog/memory.max && echo 0 > /sys/fs/cgroup/hog/memory.swap.max; cat /sys/fs/cgroup/hog/memory.max',
    );
    expect(setup.output).toBe('8388608\n');
    const hog = await machine.console.run(
      "sh -c 'echo $$ > /sys/fs/cgroup/hog/cgroup.procs; exec tail /dev/zero'",
      120_000,
    );
    expect(hog.status).toBe(137);
    const events = await machine.console.run('grep oom_kill /sys/fs/cgroup/hog/memory.events');
    expect(events.output).toMatch(/^oom_kill 1\n/m);
  }, 150_000);

  it('checks every real-machine exercise: nothing passes at the start, each task passes after its solution', async () => {
    for (const exercise of realMachineExercises().values()) {
      const start = await checkTasks(machine.agent, exercise);
      for (const task of exercise.tasks)
        expect(start[task.id], `${exercise.id}/${task.id} at the start`).toMatchObject({ done: false });
      const done = new Set<string>();
      for (const task of exercise.tasks) {
        for (const line of task.solution) await machine.console.type(line, 120_000);
        const states = await checkTasks(machine.agent, exercise, done);
        expect(states[task.id], `${exercise.id}/${task.id} after its solution`).toEqual({ done: true });
        done.add(task.id);
      }
    }
  }, 240_000);
});
