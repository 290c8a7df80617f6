/**
 * One deterministic scheduler of processes on the virtual clock. A task is an async body that runs
 * until it waits (`sleep`, `block`) or ends; the scheduler resumes waiting tasks in order of wake-up
 * time, then of when they began to wait, as the clock moves. Nothing here reads a real clock, so the
 * same tasks and the same moves of the clock always interleave the same way.
 */

/** Unwinds a task that a signal ended; its status is 128 + the signal's number. */
export class Terminated extends Error {
  readonly signal: number;
  constructor(signal: number) {
    super(`terminated by signal ${signal}`);
    this.signal = signal;
  }
}

interface Timer {
  at: number;
  seq: number;
  task: Task;
  resolve(): void;
  reject(error: unknown): void;
}

/** A process the scheduler runs. */
export class Task {
  readonly id: number;
  readonly name: string;
  done = false;
  /** Exit status, once done. */
  status = 0;
  /** Decides what a signal does; without it every signal but 0 ends the task. */
  onSignal: ((signal: number) => void) | undefined;
  /** What ended the task, when its body threw something other than `Terminated`. */
  error: unknown;
  /** Called once when the task ends. */
  readonly onEnd: ((status: number) => void)[] = [];
  /** @internal the wait the task is in, if any. */
  timer: Timer | undefined;
  /** @internal resolves the slice the task is running now. */
  yielded: (() => void) | undefined;
  /** @internal a signal that must end the task at its next wait. */
  doomed: number | undefined;
  constructor(id: number, name: string) {
    this.id = id;
    this.name = name;
  }
}

export interface Clock {
  now(): number;
  set(ms: number): void;
}

/** Orders timers by time, then by when they were set. */
function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export class Scheduler {
  private readonly clock: Clock;
  /** Pending waits, sorted by `before`. */
  private readonly timers: Timer[] = [];
  private seq = 0;
  private nextId = 1;
  private readonly live = new Set<Task>();

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** Tasks that have not ended. */
  tasks(): Task[] {
    return [...this.live];
  }

  /** When the next waiting task wakes, if any will. */
  nextWake(): number | undefined {
    const first = this.timers[0];
    return first && Number.isFinite(first.at) ? first.at : undefined;
  }

  /**
   * Starts `body` as a task. It first runs at the scheduler's next turn, as a new process runs once
   * its parent goes on, so a job that ends at once is still reported at the next prompt.
   */
  spawn(name: string, body: (task: Task) => Promise<number>): Task {
    const task = new Task(this.nextId++, name);
    this.live.add(task);
    new Promise<void>((resolve, reject) => {
      task.timer = { at: this.clock.now(), seq: this.seq++, task, resolve, reject };
      this.insert(task.timer);
    })
      .then(() => body(task))
      .then(
        (status) => this.end(task, status),
        (error) => {
          if (error instanceof Terminated) this.end(task, 128 + error.signal);
          else {
            task.error = error;
            this.end(task, 1);
          }
        },
      );
    return task;
  }

  /** The task waits `ms` of virtual time (Infinity: until woken). */
  sleep(task: Task, ms: number): Promise<void> {
    if (task.doomed !== undefined) return Promise.reject(new Terminated(task.doomed));
    return new Promise((resolve, reject) => {
      const timer: Timer = { at: this.clock.now() + Math.max(0, ms), seq: this.seq++, task, resolve, reject };
      this.insert(timer);
      task.timer = timer;
      this.yieldFrom(task);
    });
  }

  /** Runs every wait that falls due up to `to`, in order, then sets the clock to `to`. */
  async advance(to: number): Promise<void> {
    for (;;) {
      const timer = this.timers[0];
      if (!timer || timer.at > to) break;
      this.timers.shift();
      timer.task.timer = undefined;
      if (timer.at > this.clock.now()) this.clock.set(timer.at);
      const { task } = timer;
      await this.slice(task, () =>
        task.doomed === undefined ? timer.resolve() : timer.reject(new Terminated(task.doomed)),
      );
    }
    if (to > this.clock.now() && Number.isFinite(to)) this.clock.set(to);
  }

  /**
   * Cuts a task's wait short: it carries on at the scheduler's next turn. Like a real signal, this
   * is asynchronous: the caller goes on, and the task runs when the clock next moves.
   */
  wake(task: Task): void {
    const timer = this.take(task);
    if (!timer) return;
    timer.at = this.clock.now();
    timer.seq = this.seq++;
    this.insert(timer);
    task.timer = timer;
  }

  /** Ends a task with a signal at its next turn (at once if it waits, else at its next wait). */
  terminate(task: Task, signal: number): void {
    if (task.done) return;
    task.doomed ??= signal;
    this.wake(task);
  }

  /** Delivers a signal: the task's handler decides, else the signal ends it. */
  signal(task: Task, signal: number): void {
    if (task.done || signal === 0) return;
    if (task.onSignal && signal !== 9) task.onSignal(signal);
    else this.terminate(task, signal);
  }

  private end(task: Task, status: number): void {
    if (task.done) return;
    task.done = true;
    task.status = status;
    this.live.delete(task);
    this.take(task);
    for (const callback of task.onEnd.splice(0)) callback(status);
    this.yieldFrom(task);
  }

  /** Runs one slice of a task: from `start` until the task waits again or ends. */
  private slice(task: Task, start: () => void): Promise<void> {
    return new Promise((resolve) => {
      const outer = task.yielded;
      task.yielded = () => {
        task.yielded = outer;
        resolve();
      };
      start();
    });
  }

  private yieldFrom(task: Task): void {
    const done = task.yielded;
    if (done) done();
  }

  private take(task: Task): Timer | undefined {
    const timer = task.timer;
    if (!timer) return undefined;
    task.timer = undefined;
    const index = this.timers.indexOf(timer);
    if (index >= 0) this.timers.splice(index, 1);
    return timer;
  }

  private insert(timer: Timer): void {
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(this.timers[mid] as Timer, timer)) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, timer);
  }
}
