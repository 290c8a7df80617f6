import { canonicalize } from './case.ts';
import type { CharMatcher } from './char-matcher.ts';
import { Op, openSlot, type Program, slotCount } from './program.ts';
import { Subject } from './subject.ts';

/** The instructions live at one position, in priority order, each with its capture slots. */
class ThreadList {
  readonly pcs: Int32Array;
  readonly slots: number[][] = [];
  private readonly index: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.pcs = new Int32Array(capacity);
    this.index = new Int32Array(capacity);
  }

  has(pc: number): boolean {
    const i = this.index[pc] as number;
    return i < this.size && this.pcs[i] === pc;
  }

  add(pc: number, slots: number[]): void {
    this.index[pc] = this.size;
    this.pcs[this.size] = pc;
    this.slots[this.size] = slots;
    this.size++;
  }
}

/** Shared by all threads when captures are not wanted. */
const NO_SLOTS: number[] = [];

/**
 * A Pike VM: runs every thread in lockstep over the text, keeping at most one thread per
 * instruction (the one with the highest priority), so time is O(program × text) and memory
 * O(program), whatever the pattern. Gives JS's leftmost-first match and captures for programs
 * without backreferences.
 */
export class PikeVm {
  private current: ThreadList;
  private following: ThreadList;
  private readonly stackPcs: number[] = [];
  private readonly stackSlots: number[][] = [];
  private readonly program: Program;

  constructor(program: Program) {
    this.program = program;
    this.current = new ThreadList(program.op.length);
    this.following = new ThreadList(program.op.length);
  }

  /**
   * The leftmost-first match starting at or after `from`, as capture slots (see slotCount), or null.
   * With `anyMatch`, returns as soon as any match is certain, with empty slots.
   */
  search(text: string, from: number, anyMatch: boolean): number[] | null {
    const p = this.program;
    const subject = new Subject(text, p.unicode);
    const track = !anyMatch;
    const slotTotal = slotCount(p.groupCount);
    let list = this.current;
    let nextList = this.following;
    list.size = 0;
    let matched: number[] | null = null;
    for (let pos = from; ; ) {
      if (matched === null) {
        const slots = track ? new Array<number>(slotTotal).fill(-1) : NO_SLOTS;
        if (track) slots[0] = pos;
        this.addThread(list, p.start, pos, slots, subject, track);
      }
      const code = subject.codeAt(pos);
      const key = p.ignoreCase && code >= 0 ? canonicalize(code) : code;
      const after = code > 0xffff ? pos + 2 : pos + 1;
      nextList.size = 0;
      for (let i = 0; i < list.size; i++) {
        const pc = list.pcs[i] as number;
        const op = p.op[pc];
        if (op === Op.Match) {
          if (!track) return NO_SLOTS;
          matched = (list.slots[i] as number[]).slice();
          matched[1] = pos;
          break; // threads after this one have lower priority
        }
        const consumes =
          code >= 0 &&
          ((op === Op.Char && key === p.arg[pc]) ||
            (op === Op.Set && (p.matchers[p.arg[pc] as number] as CharMatcher).matches(code)));
        if (consumes)
          this.addThread(nextList, p.next[pc] as number, after, list.slots[i] as number[], subject, track);
      }
      [list, nextList] = [nextList, list];
      if (code < 0 || (matched !== null && list.size === 0)) break;
      pos = after;
    }
    this.current = list;
    this.following = nextList;
    return matched;
  }

  /** Adds `pc` and everything reachable from it without consuming, depth first in priority order. */
  private addThread(
    list: ThreadList,
    pc0: number,
    pos: number,
    slots0: number[],
    subject: Subject,
    track: boolean,
  ): void {
    const p = this.program;
    const pcs = this.stackPcs;
    const stackSlots = this.stackSlots;
    let top = 0;
    pcs[top] = pc0;
    stackSlots[top++] = slots0;
    while (top > 0) {
      top--;
      let pc = pcs[top] as number;
      let slots = stackSlots[top] as number[];
      while (pc >= 0 && !list.has(pc)) {
        list.add(pc, slots);
        switch (p.op[pc]) {
          case Op.Split:
            pcs[top] = p.alt[pc] as number;
            stackSlots[top++] = slots;
            pc = p.next[pc] as number;
            break;
          case Op.Open:
          case Op.Close:
          case Op.Clear:
            if (track) slots = updateSlots(p, pc, pos, slots);
            pc = p.next[pc] as number;
            break;
          case Op.Assert:
            pc = subject.assert(p.arg[pc] as number, pos) ? (p.next[pc] as number) : -1;
            break;
          case Op.Look: {
            const matcher = p.matchers[p.arg[pc] as number] as CharMatcher;
            pc = subject.look(matcher, p.alt[pc] as number, pos) ? (p.next[pc] as number) : -1;
            break;
          }
          default:
            pc = -1; // Char, Set and Match wait on the list for the next step
        }
      }
    }
  }
}

/** A copy of `slots` after an Open, Close or Clear instruction at `pos`. */
function updateSlots(p: Program, pc: number, pos: number, slots: number[]): number[] {
  const out = slots.slice();
  const k = p.arg[pc] as number;
  if (p.op[pc] === Op.Open) out[openSlot(p.groupCount, k)] = pos;
  else if (p.op[pc] === Op.Close) {
    out[2 * k] = out[openSlot(p.groupCount, k)] as number;
    out[2 * k + 1] = pos;
  } else {
    for (let g = k; g <= (p.alt[pc] as number); g++) out[2 * g] = out[2 * g + 1] = -1;
  }
  return out;
}
