import type { RealMachineExercise } from '../schemas/real-machine.ts';
import type { TaskState } from './checks.ts';
import type { BootStage, BootTimes, MachineAssets } from './machine.ts';

/** A file the worker downloads before starting, with its size for the progress bar and its checksum. */
export interface AssetFile {
  name: keyof MachineAssets | 'wasm' | 'state';
  url: string;
  bytes: number;
  /** The manifest's SHA-256, checked before use (v86's own WebAssembly comes hashed by the build). */
  sha256?: string;
}

/** The console's size in characters, as the page's terminal has it. */
export interface ConsoleSize {
  rows: number;
  cols: number;
}

/** Milliseconds each step of a resume took, in the worker. */
export interface ResumeTimes {
  /** Downloading and checking the saved state and v86's WebAssembly. */
  fetch: number;
  decompress: number;
  /** v86 restoring the state, until the emulator runs. */
  restore: number;
  /** Setting the guest's clock and console size, until the shell's first prompt. */
  prompt: number;
}

/** Messages from the page to the real machine's worker. */
export type MachineToWorker =
  | { type: 'boot'; files: AssetFile[]; size: ConsoleSize }
  | { type: 'resume'; files: AssetFile[]; size: ConsoleSize }
  | { type: 'input'; text: string }
  | { type: 'resize'; size: ConsoleSize }
  | { type: 'check'; id: number; exercise: RealMachineExercise; done: string[] };

/** Messages from the worker to the page. */
export type MachineFromWorker =
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'stage'; stage: BootStage | 'shell' }
  | { type: 'restoring' }
  | { type: 'output'; text: string }
  | { type: 'booted'; times: BootTimes }
  | { type: 'resumed'; times: ResumeTimes }
  | { type: 'container'; ms: number }
  | { type: 'checked'; id: number; states: Record<string, TaskState> }
  | { type: 'failed'; reason: string };
