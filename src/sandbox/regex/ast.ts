import type { CharSet } from './charset.ts';

/** Zero-width tests at a position. */
export type AssertionKind = 'start' | 'end' | 'wordBoundary' | 'notWordBoundary' | 'lineStart' | 'lineEnd';

/** One character (a code unit, or a code point in unicode mode). */
export interface CharNode {
  type: 'char';
  code: number;
}

/** A bracket class, `.` or a class escape; `negated` is `[^…]`, applied after case folding as JS does. */
export interface SetNode {
  type: 'set';
  set: CharSet;
  negated: boolean;
}

/** A parsed pattern: the tree the compiler turns into a program. */
export type Node =
  | { type: 'empty' }
  | CharNode
  | SetNode
  | { type: 'sequence'; items: Node[] }
  | { type: 'alternation'; options: Node[] }
  /** A capturing group (index from 1). Non-capturing groups leave no node. */
  | { type: 'group'; index: number; body: Node }
  /** `body{min,max}`; groups `firstGroup..lastGroup` inside it are reset on every iteration. */
  | {
      type: 'repeat';
      body: Node;
      min: number;
      max: number;
      greedy: boolean;
      firstGroup: number;
      lastGroup: number;
    }
  | { type: 'assertion'; kind: AssertionKind }
  /** `(?=X)`, `(?!X)`, `(?<=X)`, `(?<!X)` with X a single character or class. */
  | { type: 'look'; behind: boolean; negate: boolean; atom: CharNode | SetNode }
  | { type: 'backreference'; index: number };

/** A parsed pattern and the number of its capturing groups. */
export interface ParsedPattern {
  root: Node;
  groupCount: number;
  hasBackreferences: boolean;
}
