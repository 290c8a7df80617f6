import { hostname } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Database } from '../db/database.ts';
import { threadScript } from '../threads.ts';
import type { FromMachineThread, ToMachineThread } from './machine-thread.ts';
import { claimGrading, finishGrading, type GradingJob, heartbeat } from './queue.ts';

/** How often an idle grader looks for work, and a busy one reports that it is alive. */
const POLL_MS = 500;
const HEARTBEAT_MS = 5_000;
/** A grading's machine may run this long in all before the thread is ended (the replay stops itself at 180 s). */
const HARD_DEADLINE_MS = 240_000;
/**
 * A machine thread with no grading for this long is ended: the emulator's memory (the guest's RAM, the
 * saved state, the WebAssembly instance) goes back to the system instead of staying with the server
 * that serves pages. Starting the next one costs about a second.
 */
export const IDLE_THREAD_MS = 30_000;

/**
 * Takes real-machine gradings from the database's queue, one at a time, and runs each on a machine
 * thread of its own process. Any number of graders on one PostgreSQL share the queue; with the
 * embedded database the app runs one itself.
 */
export class Grader {
  readonly name: string;
  private readonly db: () => Promise<Database>;
  private thread: Worker | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly idleMs: number;

  constructor(
    db: () => Promise<Database>,
    name = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 6)}`,
    idleMs = IDLE_THREAD_MS,
  ) {
    this.db = db;
    this.name = name;
    this.idleMs = idleMs;
  }

  /** Starts taking jobs (once). */
  start(): void {
    if (this.loop) return;
    this.loop = this.run();
  }

  /** Whether a machine thread is alive now (it ends when idle). */
  get hasThread(): boolean {
    return this.thread !== undefined;
  }

  /** Looks for a job now instead of at the next poll. */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.poke();
    await this.loop;
    await this.thread?.terminate();
  }

  private async run(): Promise<void> {
    let lastJob = Date.now();
    while (!this.stopped) {
      const job = await this.db()
        .then((db) => claimGrading(db, this.name))
        .catch(() => undefined);
      if (job) {
        await this.grade(job);
        lastJob = Date.now();
        continue;
      }
      if (this.thread && Date.now() - lastJob >= this.idleMs) {
        const idle = this.thread;
        this.thread = undefined;
        await idle.terminate();
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, POLL_MS).unref();
      });
    }
  }

  private machineThread(): Worker {
    if (!this.thread) {
      const script = threadScript(
        'grader-thread.mjs',
        new URL('./machine-thread.ts', import.meta.url),
        import.meta.url,
      );
      const thread = new Worker(script);
      thread.on('exit', () => {
        if (this.thread === thread) this.thread = undefined;
      });
      this.thread = thread;
    }
    return this.thread;
  }

  /** Runs one job to its end, whatever happens to the thread; records the outcome. */
  private async grade(job: GradingJob): Promise<void> {
    const db = await this.db();
    const thread = this.machineThread();
    const outcome = await new Promise<FromMachineThread>((resolve) => {
      const done = (reply: FromMachineThread) => {
        clearInterval(beat);
        clearTimeout(hard);
        thread.off('message', onMessage);
        thread.off('exit', onExit);
        resolve(reply);
      };
      const onMessage = (reply: FromMachineThread) => {
        if (reply.id === job.id) done(reply);
      };
      const onExit = () => done({ type: 'failed', id: job.id, error: 'the grader’s machine stopped' });
      const beat = setInterval(async () => {
        const wanted = await heartbeat(db, job.id).catch(() => true);
        if (!wanted) thread.postMessage({ type: 'cancel', id: job.id } satisfies ToMachineThread);
      }, HEARTBEAT_MS);
      const hard = setTimeout(() => void thread.terminate(), HARD_DEADLINE_MS);
      thread.on('message', onMessage);
      thread.on('exit', onExit);
      thread.postMessage({
        type: 'grade',
        id: job.id,
        spec: job.spec,
        input: job.input,
      } satisfies ToMachineThread);
    });
    await finishGrading(
      db,
      job.id,
      outcome.type === 'graded'
        ? {
            result: {
              done: outcome.done,
              ...(outcome.stopped ? { stopped: outcome.stopped } : {}),
              ...(outcome.tampered ? { tampered: true } : {}),
            },
          }
        : { error: outcome.error },
    ).catch(() => {});
  }
}

let inProcess: Grader | undefined;

/**
 * The app's own grader, started on first use unless `QUAYSIDE_GRADER=off` (when separate
 * `npm run grader` processes do the work on a shared PostgreSQL).
 */
export function appGrader(db: () => Promise<Database>): Grader | undefined {
  if (process.env.QUAYSIDE_GRADER === 'off') return undefined;
  inProcess ??= new Grader(db);
  inProcess.start();
  return inProcess;
}
