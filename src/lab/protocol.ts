import type { SandboxState, TranscriptEvent } from '../sandbox/sandbox.ts';
import type { ResourceSnapshot } from '../sandbox/vm/resources.ts';
import type { Check } from '../schemas/exercise.ts';

/** Messages the page sends to the lab worker. */
export type ToWorker =
  | {
      type: 'start';
      seed: string;
      columns: number;
      rows?: number;
      saved?: SavedLab;
      setup?: string[];
      machine?: 'server' | 'desktop';
      checks?: TaskChecks[];
    }
  /**
   * Make the scenario's fresh sandbox now, from `start` when the page has it; a `start` with the same
   * scenario and no saved lab takes it.
   */
  | ({ type: 'prepare'; start?: FreshStart } & LabScenario)
  | { type: 'input'; text: string; wait: number }
  /**
   * Keystrokes for the full-screen program that has the terminal in raw mode, as typed: `epoch` is the
   * raw spell the page believes it is in, `seq` numbers the message within the page's session.
   */
  | { type: 'keys'; data: string; epoch: number; seq: number }
  | { type: 'interrupt' }
  | { type: 'complete'; id: number; line: string; cursor: number }
  | { type: 'resize'; columns: number; rows?: number }
  | { type: 'speed'; factor: number }
  | { type: 'ls'; id: number; path: string }
  | { type: 'read'; id: number; path: string }
  | { type: 'write'; id: number; path: string; text: string }
  | { type: 'resources' };

/** Messages the lab worker sends back. */
export type FromWorker =
  /** The worker's code has loaded and run. */
  | { type: 'loaded' }
  | { type: 'output'; text: string }
  | { type: 'idle'; prompt: string; cwd: string; saved: SavedLab }
  /**
   * A full-screen program took the terminal (raw mode: send keystrokes as typed) for the spell
   * `epoch`, or gave it back. On the way back, `taken` is the last `keys` message the program
   * accepted (later ones the worker drops) and `unread` what it accepted but left unread: both go
   * back to the line editor, in order.
   */
  | { type: 'raw'; on: true; epoch: number }
  | { type: 'raw'; on: false; epoch: number; taken: number; unread: string }
  | {
      type: 'listing';
      id: number;
      path: string;
      entries: { name: string; dir: boolean }[] | { error: string };
    }
  | { type: 'file'; id: number; path: string; result: { text: string } | { error: string } }
  | { type: 'written'; id: number; path: string; result: { ok: true } | { error: string } }
  | { type: 'completion'; id: number; start: number; candidates: string[] }
  | { type: 'resources'; snapshot: ResourceSnapshot }
  | { type: 'tasks'; results: { id: string; pass: boolean }[] }
  /**
   * When the worker reached each phase of its first start, in milliseconds since the epoch, so the
   * page can mark them on its own timeline (see `markLabPhase`).
   */
  | { type: 'trace'; phases: { name: WorkerPhase; at: number }[] }
  /** The saved lab came from an older engine and was rebuilt by replaying its transcript. */
  | { type: 'notice'; kind: 'engine-updated' }
  | { type: 'error'; message: string };

/** What a lab starts from when the learner has no saved lab. */
export interface LabScenario {
  seed: string;
  setup?: string[];
  machine?: 'server' | 'desktop';
}

/** A scenario's fresh start as data (see `freshStart`): restored instead of built. */
export interface FreshStart {
  state: SandboxState;
  transcript: TranscriptEvent[];
}

/** The worker's phases of a lab's first start, in order. */
export type WorkerPhase = 'worker-script' | 'engine' | 'setup';

/** What the browser keeps of a lab between visits. */
export interface SavedLab {
  state: SandboxState;
  transcript: TranscriptEvent[];
  history: string[];
  /** Where the learner's own events start in the transcript (after the scenario's setup). */
  learnerStart?: number;
  /** Tasks whose solution the learner has seen. */
  revealed?: string[];
}

/** A task's checks, for ticking it off live in the lab (grading itself happens on the server). */
export interface TaskChecks {
  id: string;
  checks: Check[];
  /** The task has checks the page is not told (the commands to run): only the server ticks it. */
  sealed?: boolean;
}
