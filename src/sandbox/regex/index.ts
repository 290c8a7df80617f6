/**
 * A regular expression engine for user-supplied patterns, without catastrophic backtracking.
 * It reads JavaScript regex source (the subset the sandbox generates) and matches with JS's
 * semantics, in time linear in pattern × text; patterns with backreferences run under a step budget.
 */
import { backtrackSearch } from './backtrack.ts';
import { compileProgram } from './compile.ts';
import { PatternSyntaxError } from './errors.ts';
import { parsePattern } from './parse.ts';
import { PikeVm } from './pike.ts';
import type { Program } from './program.ts';

export { PatternBudgetError, PatternSyntaxError, PatternTooLargeError } from './errors.ts';

/** Flags, as in `new RegExp(source, flags)`. */
export interface PatternOptions {
  /** The `i` flag. */
  ignoreCase?: boolean;
  /** The `u` flag: read pattern and text by code point. Cannot be combined with ignoreCase. */
  unicode?: boolean;
  /** The `m` flag: `^` and `$` also match at line breaks. */
  multiline?: boolean;
}

/** One match. */
export interface PatternMatch {
  /** Where the match starts. */
  index: number;
  /** Where it ends (exclusive). */
  end: number;
  /** Like a RegExp exec array: `groups[0]` is the matched text, `groups[k]` capture k or undefined. */
  groups: (string | undefined)[];
}

/** A compiled pattern. Throws PatternBudgetError from a search that backtracks too much. */
export interface Pattern {
  readonly source: string;
  readonly groupCount: number;
  /** The leftmost match starting at or after `from`, or null. */
  exec(text: string, from?: number): PatternMatch | null;
  /** Whether the pattern matches anywhere in `text`. */
  test(text: string): boolean;
  /** Successive matches, as `String.prototype.matchAll` with the `g` flag finds them. */
  matchAll(text: string): IterableIterator<PatternMatch>;
  /** `text` with the first (or every) match replaced, as `String.prototype.replace` does. */
  replace(text: string, replacer: (match: PatternMatch) => string, all?: boolean): string;
}

/**
 * Compiles JavaScript regex source. Throws PatternSyntaxError for a malformed or unsupported
 * pattern (PatternTooLargeError when its program would be too big).
 */
export function compilePattern(source: string, options: PatternOptions = {}): Pattern {
  const ignoreCase = options.ignoreCase ?? false;
  const unicode = options.unicode ?? false;
  if (ignoreCase && unicode) throw new PatternSyntaxError(source, 'Unsupported: ignoreCase with unicode');
  const multiline = options.multiline ?? false;
  const program = compileProgram(parsePattern(source, { unicode, multiline }), source, {
    ignoreCase,
    unicode,
  });
  return new CompiledPattern(source, program);
}

class CompiledPattern implements Pattern {
  readonly source: string;
  readonly groupCount: number;
  private readonly program: Program;
  private vm: PikeVm | undefined;

  constructor(source: string, program: Program) {
    this.source = source;
    this.program = program;
    this.groupCount = program.groupCount;
  }

  exec(text: string, from = 0): PatternMatch | null {
    if (from > text.length) return null;
    const slots = this.search(text, Math.max(0, from), false);
    if (!slots) return null;
    const groups: (string | undefined)[] = [];
    for (let k = 0; k <= this.groupCount; k++) {
      const start = slots[2 * k] as number;
      const end = slots[2 * k + 1] as number;
      groups.push(start >= 0 && end >= 0 ? text.slice(start, end) : undefined);
    }
    return { index: slots[0] as number, end: slots[1] as number, groups };
  }

  test(text: string): boolean {
    return this.search(text, 0, true) !== null;
  }

  *matchAll(text: string): IterableIterator<PatternMatch> {
    let from = 0;
    for (;;) {
      const match = this.exec(text, from);
      if (!match) return;
      yield match;
      from = match.end > match.index ? match.end : this.advance(text, match.end);
    }
  }

  replace(text: string, replacer: (match: PatternMatch) => string, all = false): string {
    let out = '';
    let last = 0;
    for (const match of all ? this.matchAll(text) : [this.exec(text)]) {
      if (!match) break;
      out += text.slice(last, match.index) + replacer(match);
      last = match.end;
    }
    return out + text.slice(last);
  }

  private search(text: string, from: number, anyMatch: boolean): number[] | null {
    if (this.program.hasBackreferences) return backtrackSearch(this.program, text, from);
    this.vm ??= new PikeVm(this.program);
    return this.vm.search(text, from, anyMatch);
  }

  /** Past an empty match: one code unit, or one code point in unicode mode. */
  private advance(text: string, pos: number): number {
    const code = this.program.unicode ? text.codePointAt(pos) : undefined;
    return pos + (code !== undefined && code > 0xffff ? 2 : 1);
  }
}
