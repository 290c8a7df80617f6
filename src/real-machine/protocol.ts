import type { RealMachineExercise } from '../schemas/real-machine.ts';
import type { TaskState } from './checks.ts';
import type { BootStage, BootTimes, MachineAssets } from './machine.ts';

/** A file the worker downloads before booting, with its size for the progress bar. */
export interface AssetFile {
  name: keyof MachineAssets | 'wasm';
  url: string;
  bytes: number;
}

/** Messages from the page to the real machine's worker. */
export type MachineToWorker =
  | { type: 'boot'; files: AssetFile[] }
  | { type: 'input'; text: string }
  | { type: 'check'; id: number; exercise: RealMachineExercise; done: string[] };

/** Messages from the worker to the page. */
export type MachineFromWorker =
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'stage'; stage: BootStage | 'shell' }
  | { type: 'output'; text: string }
  | { type: 'booted'; times: BootTimes }
  | { type: 'container'; ms: number }
  | { type: 'checked'; id: number; states: Record<string, TaskState> }
  | { type: 'failed'; reason: string };
