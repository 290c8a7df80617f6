import { canonicalize } from './case.ts';
import type { CharMatcher } from './char-matcher.ts';
import { PatternBudgetError } from './errors.ts';
import { Op, openSlot, type Program, slotCount } from './program.ts';
import { Subject } from './subject.ts';

/** Steps one search may take before giving up: a fixed number, so results are deterministic. */
export const STEP_BUDGET = 1_000_000;

/**
 * A depth-first backtracking search, for programs with backreferences (whose outcome depends on
 * captures, so no memo of failed states is valid). Exponential in the worst case, so it counts
 * instructions and throws PatternBudgetError after `budget` of them.
 * Returns the leftmost-first match at or after `from` as capture slots (see slotCount), or null.
 */
export function backtrackSearch(
  program: Program,
  text: string,
  from: number,
  budget: number = STEP_BUDGET,
): number[] | null {
  const subject = new Subject(text, program.unicode);
  const counter = { steps: 0, budget };
  for (let start = from; start <= text.length; start = subject.advance(start)) {
    const slots = runFrom(program, subject, start, counter);
    if (slots) return slots;
  }
  return null;
}

/** Tries to match at exactly `start`. The stack holds pairs: (pc, pos) jobs, or (-2 - slot, value) undo entries. */
function runFrom(
  p: Program,
  subject: Subject,
  start: number,
  counter: { steps: number; budget: number },
): number[] | null {
  const slots = new Array<number>(slotCount(p.groupCount)).fill(-1);
  slots[0] = start;
  const stack: number[] = [p.start, start];
  const set = (slot: number, value: number) => {
    stack.push(-2 - slot, slots[slot] as number);
    slots[slot] = value;
  };
  while (stack.length > 0) {
    const b = stack.pop() as number;
    const a = stack.pop() as number;
    if (a < -1) {
      slots[-2 - a] = b;
      continue;
    }
    let pc = a;
    let pos = b;
    while (pc >= 0) {
      if (++counter.steps > counter.budget) throw new PatternBudgetError(counter.budget);
      const next = p.next[pc] as number;
      switch (p.op[pc]) {
        case Op.Char:
        case Op.Set: {
          const code = subject.codeAt(pos);
          const ok =
            code >= 0 &&
            (p.op[pc] === Op.Char
              ? (p.ignoreCase ? canonicalize(code) : code) === p.arg[pc]
              : (p.matchers[p.arg[pc] as number] as CharMatcher).matches(code));
          pos += code > 0xffff ? 2 : 1;
          pc = ok ? next : -1;
          break;
        }
        case Op.Split:
          if ((p.alt[pc] as number) >= 0) stack.push(p.alt[pc] as number, pos);
          pc = next;
          break;
        case Op.Open:
          set(openSlot(p.groupCount, p.arg[pc] as number), pos);
          pc = next;
          break;
        case Op.Close: {
          const k = p.arg[pc] as number;
          set(2 * k, slots[openSlot(p.groupCount, k)] as number);
          set(2 * k + 1, pos);
          pc = next;
          break;
        }
        case Op.Clear:
          for (let g = p.arg[pc] as number; g <= (p.alt[pc] as number); g++) {
            if ((slots[2 * g] as number) >= 0) set(2 * g, -1);
            if ((slots[2 * g + 1] as number) >= 0) set(2 * g + 1, -1);
          }
          pc = next;
          break;
        case Op.Assert:
          pc = subject.assert(p.arg[pc] as number, pos) ? next : -1;
          break;
        case Op.Look:
          pc = subject.look(p.matchers[p.arg[pc] as number] as CharMatcher, p.alt[pc] as number, pos)
            ? next
            : -1;
          break;
        case Op.Backreference: {
          const length = backreferenceLength(p, subject, pc, pos, slots);
          pc = length < 0 ? -1 : length === 0 ? (p.alt[pc] as number) : next;
          pos += Math.max(length, 0);
          break;
        }
        default: {
          const match = slots.slice();
          match[1] = pos;
          return match;
        }
      }
    }
  }
  return null;
}

/** How much text group `arg` matches again at `pos` (0 for an undefined or empty group), or -1. */
function backreferenceLength(p: Program, subject: Subject, pc: number, pos: number, slots: number[]): number {
  const k = p.arg[pc] as number;
  const start = slots[2 * k] as number;
  const end = slots[2 * k + 1] as number;
  if (start < 0 || end < 0 || start === end) return 0;
  const length = end - start;
  if (pos + length > subject.length) return -1;
  const text = subject.text;
  for (let i = 0; i < length; i++) {
    const a = text.charCodeAt(start + i);
    const b = text.charCodeAt(pos + i);
    if (a !== b && !(p.ignoreCase && canonicalize(a) === canonicalize(b))) return -1;
  }
  return length;
}
