import type { CharNode, Node, ParsedPattern, SetNode } from './ast.ts';
import {
  CharSet,
  DIGITS,
  LINE_TERMINATORS,
  MAX_CODE_POINT,
  MAX_CODE_UNIT,
  WHITESPACE,
  WORD_CHARS,
} from './charset.ts';
import { PatternSyntaxError } from './errors.ts';

/** How to read a pattern. */
export interface ParseOptions {
  /** Read literals by code point (like the `u` flag); otherwise by UTF-16 code unit. */
  unicode?: boolean;
  /** `^` and `$` match at every line's start and end too (the `m` flag). */
  multiline?: boolean;
}

/** Deeper group nesting is refused, so parsing and compiling cannot overflow the call stack. */
const MAX_NESTING = 500;

/**
 * Parses JavaScript regular expression source (the web-compatible, non-`v` grammar: Annex B) into a tree.
 * Supported beyond the basics: backreferences, and lookarounds whose body is one character or class.
 * Named groups, general lookarounds and `\p{…}` are refused with a PatternSyntaxError.
 */
export function parsePattern(source: string, options: ParseOptions = {}): ParsedPattern {
  return new Parser(source, options.unicode ?? false, options.multiline ?? false).parse();
}

/** Counts capturing groups up front: a `\N` is a backreference only when N is at most this count. */
function countCapturingGroups(source: string): number {
  let count = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i++;
      if (source[i] === '^') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    } else if (c === '(' && source[i + 1] !== '?') count++;
  }
  return count;
}

const SYNTAX_QUANTIFIERS = '*+?';
/** `\f \n \r \t \v`. */
const CONTROL_ESCAPES = [0x0c, 0x0a, 0x0d, 0x09, 0x0b];
const BRACED_QUANTIFIER = /\{(\d+)(,(\d*))?\}/y;

class Parser {
  private pos = 0;
  private groupCount = 0;
  private depth = 0;
  private hasBackreferences = false;
  private readonly source: string;
  private readonly unicode: boolean;
  private readonly multiline: boolean;
  private readonly totalGroups: number;
  private readonly maxCode: number;

  constructor(source: string, unicode: boolean, multiline: boolean) {
    this.source = source;
    this.unicode = unicode;
    this.multiline = multiline;
    this.totalGroups = countCapturingGroups(source);
    this.maxCode = unicode ? MAX_CODE_POINT : MAX_CODE_UNIT;
  }

  parse(): ParsedPattern {
    const root = this.disjunction();
    if (this.pos < this.source.length) throw this.error("Unmatched ')'");
    return { root, groupCount: this.groupCount, hasBackreferences: this.hasBackreferences };
  }

  private error(reason: string): PatternSyntaxError {
    return new PatternSyntaxError(this.source, reason);
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.pos + offset];
  }

  private atEnd(): boolean {
    return this.pos >= this.source.length;
  }

  private disjunction(): Node {
    const options = [this.alternative()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.alternative());
    }
    return options.length === 1 ? (options[0] as Node) : { type: 'alternation', options };
  }

  private alternative(): Node {
    const items: Node[] = [];
    while (!this.atEnd() && this.peek() !== '|' && this.peek() !== ')') {
      const term = this.term();
      if (term.type === 'sequence') items.push(...term.items);
      else if (term.type !== 'empty') items.push(term);
    }
    if (items.length === 0) return { type: 'empty' };
    return items.length === 1 ? (items[0] as Node) : { type: 'sequence', items };
  }

  /** An assertion, or an atom with an optional quantifier. */
  private term(): Node {
    const c = this.peek();
    if (c === '^' || c === '$') {
      this.pos++;
      const line = this.multiline;
      const kind = c === '^' ? (line ? 'lineStart' : 'start') : line ? 'lineEnd' : 'end';
      return this.unquantifiable({ type: 'assertion', kind });
    }
    if (c === '\\' && (this.peek(1) === 'b' || this.peek(1) === 'B')) {
      this.pos += 2;
      const kind = this.source[this.pos - 1] === 'b' ? 'wordBoundary' : 'notWordBoundary';
      return this.unquantifiable({ type: 'assertion', kind });
    }
    const groupsBefore = this.groupCount;
    const lookbehind = this.source.startsWith('(?<=', this.pos) || this.source.startsWith('(?<!', this.pos);
    const atom = c === '(' ? this.group() : this.atom();
    if (lookbehind) return this.unquantifiable(atom);
    return this.quantified(atom, groupsBefore + 1);
  }

  /** Refuses a quantifier after an assertion, as JS does. */
  private unquantifiable(node: Node): Node {
    if (this.quantifierAhead()) throw this.error('Nothing to repeat');
    return node;
  }

  /** Whether a quantifier starts here: `*`, `+`, `?`, or a well-formed `{m}`, `{m,}`, `{m,n}`. */
  private quantifierAhead(): boolean {
    const c = this.peek();
    if (c !== undefined && SYNTAX_QUANTIFIERS.includes(c)) return true;
    return c === '{' && this.bracedQuantifier() !== null;
  }

  /** The `{m}`, `{m,}` or `{m,n}` starting here, or null. */
  private bracedQuantifier(): RegExpExecArray | null {
    BRACED_QUANTIFIER.lastIndex = this.pos;
    return BRACED_QUANTIFIER.exec(this.source);
  }

  private quantified(atom: Node, firstGroup: number): Node {
    if (!this.quantifierAhead()) return atom;
    let min: number;
    let max: number;
    const c = this.source[this.pos];
    if (c !== '{') this.pos++;
    if (c === '*') [min, max] = [0, Number.POSITIVE_INFINITY];
    else if (c === '+') [min, max] = [1, Number.POSITIVE_INFINITY];
    else if (c === '?') [min, max] = [0, 1];
    else {
      const m = this.bracedQuantifier() as RegExpExecArray;
      this.pos += m[0].length;
      min = Math.min(Number(m[1]), Number.MAX_SAFE_INTEGER);
      max = m[2] === undefined ? min : m[3] ? Math.min(Number(m[3]), Number.MAX_SAFE_INTEGER) : Infinity;
      if (max < min) throw this.error('numbers out of order in {} quantifier');
    }
    const greedy = this.peek() !== '?';
    if (!greedy) this.pos++;
    return { type: 'repeat', body: atom, min, max, greedy, firstGroup, lastGroup: this.groupCount };
  }

  /** `( … )`, `(?: … )` and the lookarounds. */
  private group(): Node {
    if (++this.depth > MAX_NESTING) throw this.error('Groups nested too deeply');
    this.pos++;
    let node: Node;
    if (this.peek() === '?') {
      const kind = this.source.slice(this.pos, this.pos + 3);
      if (kind.startsWith('?:')) {
        this.pos += 2;
        node = this.disjunction();
      } else if (kind.startsWith('?=') || kind.startsWith('?!')) {
        this.pos += 2;
        node = this.look(false, kind[1] === '!');
      } else if (kind === '?<=' || kind === '?<!') {
        this.pos += 3;
        node = this.look(true, kind[2] === '!');
      } else if (kind.startsWith('?<')) throw this.error('Unsupported: named groups');
      else throw this.error('Invalid group');
    } else {
      const index = ++this.groupCount;
      node = { type: 'group', index, body: this.disjunction() };
    }
    if (this.peek() !== ')') throw this.error('Unterminated group');
    this.pos++;
    this.depth--;
    return node;
  }

  private look(behind: boolean, negate: boolean): Node {
    const body = this.disjunction();
    if (body.type !== 'char' && body.type !== 'set') {
      throw this.error('Unsupported: a lookaround may hold only one character or class');
    }
    return { type: 'look', behind, negate, atom: body };
  }

  /** One character, `.`, a class or an escape. */
  private atom(): Node {
    const c = this.peek() as string;
    if (SYNTAX_QUANTIFIERS.includes(c) || (c === '{' && this.quantifierAhead())) {
      throw this.error('Nothing to repeat');
    }
    if (c === '.') {
      this.pos++;
      return { type: 'set', set: LINE_TERMINATORS.complement(this.maxCode), negated: false };
    }
    if (c === '[') return this.bracketClass();
    if (c === '\\') return this.atomEscape();
    return { type: 'char', code: this.literal() };
  }

  /** The next source character as a code (a whole surrogate pair in unicode mode). */
  private literal(): number {
    const code = this.unicode
      ? (this.source.codePointAt(this.pos) as number)
      : this.source.charCodeAt(this.pos);
    this.pos += code > 0xffff ? 2 : 1;
    return code;
  }

  private atomEscape(): CharNode | SetNode | Node {
    this.pos++;
    const c = this.peek();
    if (c === undefined) throw this.error('\\ at end of pattern');
    if (c >= '1' && c <= '9') {
      const digits = /^\d+/.exec(this.source.slice(this.pos))?.[0] as string;
      if (Number(digits) <= this.totalGroups) {
        this.pos += digits.length;
        this.hasBackreferences = true;
        return { type: 'backreference', index: Number(digits) };
      }
    }
    const set = this.classEscape();
    if (set) return set;
    return { type: 'char', code: this.characterEscape() };
  }

  /** `\d \D \s \S \w \W` after the backslash, or undefined. */
  private classEscape(): SetNode | undefined {
    const c = this.peek();
    const base =
      c === 'd' || c === 'D'
        ? DIGITS
        : c === 's' || c === 'S'
          ? WHITESPACE
          : c === 'w' || c === 'W'
            ? WORD_CHARS
            : undefined;
    if (!base) return undefined;
    this.pos++;
    const set = c === (c as string).toUpperCase() ? base.complement(this.maxCode) : base;
    return { type: 'set', set, negated: false };
  }

  /** A character escape after the backslash (which was consumed). */
  private characterEscape(): number {
    const c = this.peek() as string;
    const control = 'fnrtv'.indexOf(c);
    if (control >= 0) {
      this.pos++;
      return CONTROL_ESCAPES[control] as number;
    }
    if (c === 'c') {
      const letter = this.peek(1);
      if (letter !== undefined && /[A-Za-z]/.test(letter)) {
        this.pos += 2;
        return letter.charCodeAt(0) % 32;
      }
      // `\c` without a letter is a literal backslash; the `c` is read next.
      return 0x5c;
    }
    if (c >= '0' && c <= '7') return this.octal();
    const hex = c === 'x' ? 2 : c === 'u' ? 4 : 0;
    if (hex > 0) {
      const digits = this.source.slice(this.pos + 1, this.pos + 1 + hex);
      if (digits.length === hex && /^[0-9A-Fa-f]+$/.test(digits)) {
        this.pos += 1 + hex;
        return Number.parseInt(digits, 16);
      }
    }
    return this.literal();
  }

  /** A legacy octal escape: up to three digits, at most 0o377. */
  private octal(): number {
    const first = this.source.charCodeAt(this.pos++) - 48;
    let value = first;
    const maxDigits = first <= 3 ? 3 : 2;
    for (let n = 1; n < maxDigits; n++) {
      const d = this.peek();
      if (d === undefined || d < '0' || d > '7') break;
      value = value * 8 + (d.charCodeAt(0) - 48);
      this.pos++;
    }
    return value;
  }

  /** `[…]` and `[^…]`. */
  private bracketClass(): SetNode {
    this.pos++;
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const pairs: [number, number][] = [];
    let set = CharSet.of();
    const add = (atom: number | CharSet) => {
      if (typeof atom === 'number') pairs.push([atom, atom]);
      else set = set.union(atom);
    };
    for (;;) {
      if (this.atEnd()) throw this.error('Unterminated character class');
      if (this.peek() === ']') break;
      const from = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const to = this.classAtom();
        if (typeof from === 'number' && typeof to === 'number') {
          if (from > to) throw this.error('Range out of order in character class');
          pairs.push([from, to]);
        } else {
          // Annex B: a range with a class escape at either end is just its parts and a dash.
          add(from);
          add(0x2d);
          add(to);
        }
      } else add(from);
    }
    this.pos++;
    return { type: 'set', set: set.union(CharSet.of(...pairs)), negated };
  }

  /** One member of a bracket class: a code, or a set for a class escape. */
  private classAtom(): number | CharSet {
    if (this.peek() !== '\\') return this.literal();
    this.pos++;
    const c = this.peek();
    if (c === undefined) throw this.error('\\ at end of pattern');
    if (c === 'b') {
      this.pos++;
      return 0x08;
    }
    if (c === '-') {
      this.pos++;
      return 0x2d;
    }
    if (c === 'c' && this.peek(1) !== undefined && /[0-9_]/.test(this.peek(1) as string)) {
      this.pos += 2;
      return this.source.charCodeAt(this.pos - 1) % 32;
    }
    const set = this.classEscape();
    if (set) return set.set;
    return this.characterEscape();
  }
}
