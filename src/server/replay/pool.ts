import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Verification } from '../../grading/exercises.ts';
import type { ReplayStep } from '../../grading/replay.ts';
import type { Exercise } from '../../schemas/exercise.ts';
import type { Submission } from '../../schemas/transcript.ts';
import { threadScript } from '../threads.ts';
import type { ReplayJob } from './jobs.ts';

/** Why a replay gave no result: the pool is full (503), or the job ran past its deadline or heap (422). */
export class ReplayFailed extends Error {
  readonly status: 422 | 503;
  constructor(status: 422 | 503, message: string) {
    super(message);
    this.status = status;
  }
}

export interface PoolOptions {
  /** Worker threads (default: one core less than the machine has, for the event loop; 1 to 4). */
  size: number;
  /** Wall-clock time one job may run once a worker has it, in ms. */
  deadlineMs: number;
  /** Heap one worker may use, in MB. */
  heapMb: number;
  /** Jobs that may wait for a worker before new ones are turned away. */
  maxWaiting: number;
}

const DEFAULTS: PoolOptions = {
  size: Math.max(1, Math.min(4, availableParallelism() - 1)),
  deadlineMs: Number(process.env.QUAYSIDE_REPLAY_DEADLINE_MS) || 5_000,
  heapMb: 256,
  maxWaiting: 200,
};

/** Who waits for a job: graded work (assignments, instructors) goes before anonymous practice. */
export interface JobOptions {
  priority?: 'graded' | 'practice';
  /** Aborts when the client has gone: a waiting job leaves the queue, a running one is stopped. */
  signal?: AbortSignal | undefined;
}

interface Pending {
  id: number;
  job: ReplayJob;
  priority: 'graded' | 'practice';
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy?: { pending: Pending; timer: ReturnType<typeof setTimeout> } | undefined;
}

/**
 * Worker threads that replay transcripts, so the event loop that answers every other request never
 * runs a learner's shell. Each job gets a deadline and each worker a heap cap; a worker that passes
 * either is terminated and replaced, and its job fails with a clear reason.
 */
export class ReplayPool {
  private readonly options: PoolOptions;
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private nextId = 1;

  constructor(options: Partial<PoolOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Grades a submission (see `verifySubmission`) on a worker; rejects with `ReplayFailed` when it cannot. */
  verify(exercise: Exercise, body: unknown, options: JobOptions = {}): Promise<Verification> {
    return this.run({ kind: 'verify', exercise, body }, options) as Promise<Verification>;
  }

  /** A transcript's lines with their output (see `replaySteps`), replayed on a worker. */
  steps(
    exercise: Exercise,
    transcript: Submission['transcript'],
    options: JobOptions = {},
  ): Promise<ReplayStep[]> {
    return this.run({ kind: 'steps', exercise, transcript }, options) as Promise<ReplayStep[]>;
  }

  private run(job: ReplayJob, { priority = 'practice', signal }: JobOptions): Promise<unknown> {
    if (this.waiting.length >= this.options.maxWaiting)
      return Promise.reject(
        new ReplayFailed(503, 'the grader is busy with other learners; try again in a minute'),
      );
    if (signal?.aborted) return Promise.reject(new ReplayFailed(422, 'the client went away'));
    return new Promise((resolve, reject) => {
      const pending: Pending = {
        id: this.nextId++,
        job,
        priority,
        resolve: resolve as (value: unknown) => void,
        reject,
      };
      // Graded work waits only behind graded work.
      const first = priority === 'graded' ? this.waiting.findIndex((p) => p.priority === 'practice') : -1;
      if (first === -1) this.waiting.push(pending);
      else this.waiting.splice(first, 0, pending);
      signal?.addEventListener('abort', () => this.abandon(pending), { once: true });
      this.dispatch();
    });
  }

  /** A job whose client went away: out of the queue, or its worker stopped. */
  private abandon(pending: Pending): void {
    const index = this.waiting.indexOf(pending);
    if (index !== -1) {
      this.waiting.splice(index, 1);
      pending.reject(new ReplayFailed(422, 'the client went away'));
      return;
    }
    const slot = this.slots.find((s) => s.busy?.pending === pending);
    if (slot) this.fail(slot, 'grading stopped: the client went away');
  }

  /** Stops every worker; waiting jobs fail. */
  async close(): Promise<void> {
    for (const pending of this.waiting.splice(0)) pending.reject(new ReplayFailed(503, 'the grader stopped'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.options.size) slot = this.spawn();
      if (!slot) return;
      const pending = this.waiting.shift() as Pending;
      const timer = setTimeout(
        () =>
          this.fail(
            slot as Slot,
            `grading stopped: replaying this transcript took longer than ${this.options.deadlineMs / 1000} s`,
          ),
        this.options.deadlineMs,
      );
      slot.busy = { pending, timer };
      slot.worker.postMessage({ id: pending.id, job: pending.job });
    }
  }

  private spawn(): Slot {
    const script = threadScript(
      'replay-worker.mjs',
      new URL('./worker.ts', import.meta.url),
      import.meta.url,
    );
    const worker = new Worker(script, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb, maxYoungGenerationSizeMb: 32 },
    });
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (message: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const busy = slot.busy;
      if (!busy || busy.pending.id !== message.id) return;
      clearTimeout(busy.timer);
      slot.busy = undefined;
      if (message.ok) busy.pending.resolve(message.value);
      else busy.pending.reject(new Error(`replay failed: ${message.error}`));
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) =>
      this.fail(
        slot,
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `grading stopped: replaying this transcript needed more than ${this.options.heapMb} MB`
          : `grading stopped: ${error.message}`,
      ),
    );
    worker.on('exit', () => this.fail(slot, 'grading stopped: the replay worker exited'));
    this.slots.push(slot);
    return slot;
  }

  /** Ends a worker's job with `reason`, and the worker with it; a fresh one takes its place on demand. */
  private fail(slot: Slot, reason: string): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    const busy = slot.busy;
    slot.busy = undefined;
    if (busy) {
      clearTimeout(busy.timer);
      busy.pending.reject(new ReplayFailed(422, reason));
    }
    void slot.worker.terminate();
    this.dispatch();
  }
}

let shared: ReplayPool | undefined;

/** The process's pool, made on first use. */
export function replayPool(): ReplayPool {
  shared ??= new ReplayPool();
  return shared;
}
