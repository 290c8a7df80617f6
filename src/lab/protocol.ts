import type { SandboxState, TranscriptEvent } from '../sandbox/sandbox.ts';

/** Messages the page sends to the lab worker. */
export type ToWorker =
  | { type: 'start'; seed: string; columns: number; saved?: SavedLab; setup?: string[] }
  | { type: 'input'; text: string; wait: number }
  | { type: 'interrupt' }
  | { type: 'complete'; id: number; line: string; cursor: number }
  | { type: 'resize'; columns: number }
  | { type: 'speed'; factor: number };

/** Messages the lab worker sends back. */
export type FromWorker =
  | { type: 'output'; text: string }
  | { type: 'idle'; prompt: string; saved: SavedLab }
  | { type: 'completion'; id: number; start: number; candidates: string[] }
  | { type: 'error'; message: string };

/** What the browser keeps of a lab between visits. */
export interface SavedLab {
  state: SandboxState;
  transcript: TranscriptEvent[];
  history: string[];
}
