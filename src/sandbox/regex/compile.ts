import type { Node, ParsedPattern } from './ast.ts';
import { canonicalize } from './case.ts';
import { CharMatcher } from './char-matcher.ts';
import { CharSet } from './charset.ts';
import { PatternTooLargeError } from './errors.ts';
import { ASSERTIONS, LOOK_BEHIND, LOOK_NEGATE, Op, type Program, slotCount } from './program.ts';

/** Programs longer than this are refused (bounding memory for patterns like `(a{1000}){1000}`). */
export const MAX_PROGRAM_SIZE = 100_000;
/**
 * Bound on instructions × capture slots: the Pike VM keeps at most one thread per instruction, each
 * with its own slots, so this caps its memory (only patterns with hundreds of groups reach it).
 */
export const MAX_THREAD_SLOTS = 1 << 22;

/** The failing continuation. */
const FAIL = -1;

/** Compilation settings. */
export interface CompileOptions {
  ignoreCase?: boolean;
  unicode?: boolean;
}

/**
 * Compiles a parsed pattern to a program with JS's leftmost-first priorities and capture rules.
 *
 * JS fails an optional quantifier iteration that matched the empty string. Rather than compare
 * positions at run time (state that would defeat linear-time matching), each node is compiled
 * against two continuations: `same`, taken when the current iteration has consumed nothing yet,
 * and `moved`, taken once it has. An iteration's `same` exit is FAIL, so a program never loops
 * without consuming and its future depends only on (instruction, position).
 */
export function compileProgram(parsed: ParsedPattern, source: string, options: CompileOptions = {}): Program {
  return new Compiler(parsed, source, options.ignoreCase ?? false, options.unicode ?? false).compile();
}

class Compiler {
  private readonly op: number[] = [];
  private readonly arg: number[] = [];
  private readonly next: number[] = [];
  private readonly alt: number[] = [];
  private readonly matchers: CharMatcher[] = [];
  private readonly memo = new Map<Node, Map<string, number>>();
  private readonly nullableMemo = new Map<Node, boolean>();
  /** Instructions emitted plus quantifier iterations unrolled: bounds the work, too. */
  private work = 0;
  private readonly parsed: ParsedPattern;
  private readonly source: string;
  private readonly ignoreCase: boolean;
  private readonly unicode: boolean;

  constructor(parsed: ParsedPattern, source: string, ignoreCase: boolean, unicode: boolean) {
    this.parsed = parsed;
    this.source = source;
    this.ignoreCase = ignoreCase;
    this.unicode = unicode;
  }

  compile(): Program {
    const match = this.emit(Op.Match, 0, FAIL, FAIL);
    const start = this.node(this.parsed.root, match, match);
    if (this.op.length * slotCount(this.parsed.groupCount) > MAX_THREAD_SLOTS) {
      throw new PatternTooLargeError(this.source);
    }
    return {
      op: Uint8Array.from(this.op),
      arg: Int32Array.from(this.arg),
      next: Int32Array.from(this.next),
      alt: Int32Array.from(this.alt),
      start,
      matchers: this.matchers,
      groupCount: this.parsed.groupCount,
      ignoreCase: this.ignoreCase,
      unicode: this.unicode,
      hasBackreferences: this.parsed.hasBackreferences,
    };
  }

  private charge(): void {
    if (++this.work > 2 * MAX_PROGRAM_SIZE || this.op.length >= MAX_PROGRAM_SIZE) {
      throw new PatternTooLargeError(this.source);
    }
  }

  private emit(op: number, arg: number, next: number, alt: number): number {
    this.charge();
    this.op.push(op);
    this.arg.push(arg);
    this.next.push(next);
    this.alt.push(alt);
    return this.op.length - 1;
  }

  private matcher(set: CharSet, negated: boolean): number {
    this.matchers.push(new CharMatcher(set, negated, this.ignoreCase));
    return this.matchers.length - 1;
  }

  /** Code for `node` followed by the continuations; identical requests share code. */
  private node(node: Node, same: number, moved: number): number {
    let byContinuation = this.memo.get(node);
    if (!byContinuation) {
      byContinuation = new Map();
      this.memo.set(node, byContinuation);
    }
    const key = `${same},${moved}`;
    let pc = byContinuation.get(key);
    if (pc === undefined) {
      pc = this.emitNode(node, same, moved);
      byContinuation.set(key, pc);
    }
    return pc;
  }

  private emitNode(node: Node, same: number, moved: number): number {
    switch (node.type) {
      case 'empty':
        return same;
      case 'char':
        return this.emit(Op.Char, this.ignoreCase ? canonicalize(node.code) : node.code, moved, FAIL);
      case 'set':
        return this.emit(Op.Set, this.matcher(node.set, node.negated), moved, FAIL);
      case 'sequence':
        return this.sequence(node.items, same, moved);
      case 'alternation':
        return this.alternation(node.options, same, moved);
      case 'group':
        return this.group(node.index, node.body, same, moved);
      case 'repeat':
        return this.repeat(node, same, moved);
      case 'assertion':
        return same === FAIL ? FAIL : this.emit(Op.Assert, ASSERTIONS.indexOf(node.kind), same, FAIL);
      case 'look': {
        if (same === FAIL) return FAIL;
        const atom = node.atom;
        const index =
          atom.type === 'char'
            ? this.matcher(CharSet.of([atom.code, atom.code]), false)
            : this.matcher(atom.set, atom.negated);
        const flags = (node.behind ? LOOK_BEHIND : 0) | (node.negate ? LOOK_NEGATE : 0);
        return this.emit(Op.Look, index, same, flags);
      }
      case 'backreference':
        return this.emit(Op.Backreference, node.index, moved, same);
    }
  }

  /** Compiles right to left: each suffix has an entry for either state of the iteration. */
  private sequence(items: Node[], same: number, moved: number): number {
    let suffixSame = same;
    let suffixMoved = moved;
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i] as Node;
      const entrySame = this.node(item, suffixSame, suffixMoved);
      if (i > 0 && suffixSame !== suffixMoved) suffixMoved = this.node(item, suffixMoved, suffixMoved);
      else if (i > 0) suffixMoved = entrySame;
      suffixSame = entrySame;
    }
    return suffixSame;
  }

  private alternation(options: Node[], same: number, moved: number): number {
    const entries = options.map((o) => this.node(o, same, moved)).filter((pc) => pc !== FAIL);
    let pc = entries.pop() ?? FAIL;
    while (entries.length > 0) pc = this.emit(Op.Split, 0, entries.pop() as number, pc);
    return pc;
  }

  private group(index: number, body: Node, same: number, moved: number): number {
    const closeMoved = this.emit(Op.Close, index, moved, FAIL);
    const closeSame =
      same === moved ? closeMoved : same === FAIL ? FAIL : this.emit(Op.Close, index, same, FAIL);
    const entry = this.node(body, closeSame, closeMoved);
    return entry === FAIL ? FAIL : this.emit(Op.Open, index, entry, FAIL);
  }

  /** Unrolls `min` mandatory iterations; the optional ones become a loop or a chain of choices. */
  private repeat(node: Node & { type: 'repeat' }, same: number, moved: number): number {
    const { body, min, max, greedy } = node;
    if (body.type === 'empty' || max === 0) return same;
    const checkEmpty = this.nullable(body);
    let tailSame = same;
    let tailMoved = moved;
    if (max === Number.POSITIVE_INFINITY) {
      const head = this.emit(Op.Split, 0, FAIL, FAIL);
      const entry = this.iteration(node, checkEmpty ? FAIL : head, head);
      this.patchChoice(head, entry, moved, greedy);
      tailMoved = head;
      tailSame = same === moved ? head : this.choice(entry, same, greedy);
    } else if (max > min) {
      // `X{0,3}` is `(?:X(?:X(?:X)?)?)?`: each choice exits the whole quantifier. Only the first
      // choice can be reached before anything was consumed.
      let entry = FAIL;
      for (let i = min; i < max; i++) {
        this.charge();
        entry = this.iteration(node, checkEmpty ? FAIL : tailMoved, tailMoved);
        tailMoved = this.choice(entry, moved, greedy);
      }
      tailSame = same === moved ? tailMoved : this.choice(entry, same, greedy);
    }
    for (let i = min - 1; i >= 0; i--) {
      this.charge();
      const entrySame = this.iteration(node, tailSame, tailMoved);
      if (i > 0 && tailSame !== tailMoved) tailMoved = this.iteration(node, tailMoved, tailMoved);
      else if (i > 0) tailMoved = entrySame;
      tailSame = entrySame;
    }
    return tailSame;
  }

  /** One iteration: JS forgets the captures inside the quantified atom before each. */
  private iteration(node: Node & { type: 'repeat' }, same: number, moved: number): number {
    const entry = this.node(node.body, same, moved);
    if (entry === FAIL || node.lastGroup < node.firstGroup) return entry;
    return this.emit(Op.Clear, node.firstGroup, entry, node.lastGroup);
  }

  /** A greedy (body first) or lazy (exit first) choice. */
  private choice(body: number, exit: number, greedy: boolean): number {
    if (body === FAIL) return exit;
    if (exit === FAIL) return body;
    return greedy ? this.emit(Op.Split, 0, body, exit) : this.emit(Op.Split, 0, exit, body);
  }

  private patchChoice(pc: number, body: number, exit: number, greedy: boolean): void {
    this.next[pc] = greedy ? body : exit;
    this.alt[pc] = greedy ? exit : body;
  }

  /** Whether some path through `node` consumes nothing (conservative: backreferences may be empty). */
  private nullable(node: Node): boolean {
    let result = this.nullableMemo.get(node);
    if (result !== undefined) return result;
    switch (node.type) {
      case 'char':
      case 'set':
        result = false;
        break;
      case 'sequence':
        result = node.items.every((item) => this.nullable(item));
        break;
      case 'alternation':
        result = node.options.some((option) => this.nullable(option));
        break;
      case 'group':
        result = this.nullable(node.body);
        break;
      case 'repeat':
        result = node.min === 0 || this.nullable(node.body);
        break;
      default:
        result = true;
    }
    this.nullableMemo.set(node, result);
    return result;
  }
}
