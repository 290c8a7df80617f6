import type { AssertionKind } from './ast.ts';
import type { CharMatcher } from './char-matcher.ts';

/** Instruction opcodes. `next` and `alt` are instruction indexes; -1 means the thread fails. */
export const Op = {
  /** Consume the character `arg` (its canonical form when ignoring case), then go to `next`. */
  Char: 0,
  /** Consume a character accepted by `matchers[arg]`, then go to `next`. */
  Set: 1,
  /** Try `next`, then (with lower priority) `alt`. */
  Split: 2,
  /** Remember the position where group `arg` opens. */
  Open: 3,
  /** Close group `arg` at this position: its capture becomes defined. */
  Close: 4,
  /** Forget the captures of groups `arg` to `alt` (a quantifier starts another iteration). */
  Clear: 5,
  /** Zero-width test `ASSERTIONS[arg]`. */
  Assert: 6,
  /** Lookaround: the character after (or before, `alt & LOOK_BEHIND`) passes `matchers[arg]`. */
  Look: 7,
  /** Match group `arg` again: go to `next` after consuming text, to `alt` when it is empty. */
  Backreference: 8,
  /** The whole pattern matched. */
  Match: 9,
} as const;

/** Assertion kinds by their `arg` in an Assert instruction. */
export const ASSERTIONS: readonly AssertionKind[] = [
  'start',
  'end',
  'wordBoundary',
  'notWordBoundary',
  'lineStart',
  'lineEnd',
];
/** Flag bits of a Look instruction's `alt`. */
export const LOOK_BEHIND = 1;
export const LOOK_NEGATE = 2;

/** A compiled pattern: a flat instruction array that both matchers run. */
export interface Program {
  op: Uint8Array;
  arg: Int32Array;
  next: Int32Array;
  alt: Int32Array;
  /** The first instruction. */
  start: number;
  matchers: CharMatcher[];
  groupCount: number;
  ignoreCase: boolean;
  unicode: boolean;
  hasBackreferences: boolean;
}

/**
 * Capture slots: `[2k, 2k+1]` are the start and end of group k (k = 0 is the whole match), -1 when
 * undefined; after them, one slot per group holds where it last opened (committed when it closes).
 */
export function slotCount(groupCount: number): number {
  return 3 * groupCount + 2;
}

/** The slot remembering where group `k` (from 1) opened. */
export function openSlot(groupCount: number, k: number): number {
  return 2 * groupCount + 1 + k;
}
