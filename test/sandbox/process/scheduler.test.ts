import { describe, expect, it } from 'vitest';
import { Scheduler, type Task } from '../../../src/sandbox/process/scheduler';

function setup() {
  let now = 0;
  const scheduler = new Scheduler({
    now: () => now,
    set: (ms) => {
      now = ms;
    },
  });
  return { scheduler, now: () => now };
}

describe('Scheduler', () => {
  it('interleaves waiting tasks by wake-up time, then by when they began to wait', async () => {
    const { scheduler, now } = setup();
    const log: string[] = [];
    const ticker = (name: string, period: number, turns: number) =>
      scheduler.spawn(name, async (task) => {
        for (let i = 0; i < turns; i++) {
          log.push(`${name}@${now()}`);
          await scheduler.sleep(task, period);
        }
        return 0;
      });
    ticker('a', 300, 3);
    ticker('b', 200, 4);
    expect(log).toEqual([]);
    await scheduler.advance(1_000);
    expect(log).toEqual(['a@0', 'b@0', 'b@200', 'a@300', 'b@400', 'a@600', 'b@600']);
    expect(now()).toBe(1_000);
  });

  it('runs a new task only at its next turn, and reports its end', async () => {
    const { scheduler } = setup();
    const task = scheduler.spawn('quick', async () => 3);
    expect(task.done).toBe(false);
    const ended: number[] = [];
    task.onEnd.push((status) => ended.push(status));
    await scheduler.advance(0);
    expect(task.done).toBe(true);
    expect(ended).toEqual([3]);
    expect(scheduler.tasks()).toEqual([]);
  });

  it('ends a task with a signal at its wait: status 128 + n', async () => {
    const { scheduler, now } = setup();
    let after = false;
    const task = scheduler.spawn('sleeper', async (t) => {
      await scheduler.sleep(t, 60_000);
      after = true;
      return 0;
    });
    await scheduler.advance(1_000);
    scheduler.signal(task, 15);
    await scheduler.advance(1_000);
    expect(task.done).toBe(true);
    expect(task.status).toBe(143);
    expect(after).toBe(false);
    expect(now()).toBe(1_000);
  });

  it('lets a handler decide what a signal does, but never SIGKILL', async () => {
    const { scheduler } = setup();
    const seen: number[] = [];
    const task: Task = scheduler.spawn('stubborn', async (t) => {
      await scheduler.sleep(t, Number.POSITIVE_INFINITY);
      return 0;
    });
    task.onSignal = (n) => seen.push(n);
    await scheduler.advance(10);
    scheduler.signal(task, 15);
    scheduler.signal(task, 2);
    await scheduler.advance(20);
    expect(seen).toEqual([15, 2]);
    expect(task.done).toBe(false);
    scheduler.signal(task, 9);
    await scheduler.advance(30);
    expect(task.status).toBe(137);
  });

  it('wakes a task that waits until woken, at the next turn', async () => {
    const { scheduler, now } = setup();
    let wokenAt = -1;
    const task = scheduler.spawn('waiter', async (t) => {
      await scheduler.sleep(t, Number.POSITIVE_INFINITY);
      wokenAt = now();
      return 0;
    });
    await scheduler.advance(500);
    expect(scheduler.nextWake()).toBeUndefined();
    scheduler.wake(task);
    expect(scheduler.nextWake()).toBe(500);
    await scheduler.advance(800);
    expect(wokenAt).toBe(500);
  });

  it('gives the same interleaving every time', async () => {
    const run = async () => {
      const { scheduler, now } = setup();
      const log: string[] = [];
      for (const [name, period] of [
        ['x', 70],
        ['y', 110],
        ['z', 70],
      ] as const)
        scheduler.spawn(name, async (t) => {
          for (;;) {
            log.push(`${name}${now()}`);
            await scheduler.sleep(t, period);
          }
        });
      for (let to = 0; to <= 2_000; to += 130) await scheduler.advance(to);
      return log.join(' ');
    };
    const first = await run();
    expect(first.split(' ').length).toBeGreaterThan(60);
    expect(await run()).toBe(first);
  });
});
