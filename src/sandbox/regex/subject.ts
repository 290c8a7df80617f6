import type { CharMatcher } from './char-matcher.ts';
import { LOOK_BEHIND, LOOK_NEGATE } from './program.ts';

/** The text being searched, read by UTF-16 code unit or (unicode mode) by code point. */
export class Subject {
  readonly text: string;
  readonly length: number;
  private readonly unicode: boolean;

  constructor(text: string, unicode: boolean) {
    this.text = text;
    this.length = text.length;
    this.unicode = unicode;
  }

  /** The character starting at `pos`, or -1 at the end. */
  codeAt(pos: number): number {
    if (pos >= this.length) return -1;
    return this.unicode ? (this.text.codePointAt(pos) as number) : this.text.charCodeAt(pos);
  }

  /** The character ending at `pos`, or -1 at the start. */
  codeBefore(pos: number): number {
    if (pos <= 0) return -1;
    const low = this.text.charCodeAt(pos - 1);
    if (this.unicode && pos >= 2 && low >= 0xdc00 && low <= 0xdfff) {
      const high = this.text.charCodeAt(pos - 2);
      if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    }
    return low;
  }

  /** The position after the character at `pos`. */
  advance(pos: number): number {
    return pos + (this.codeAt(pos) > 0xffff ? 2 : 1);
  }

  /** `^`, `$`, `\b`, `\B`, and multiline `^` and `$` (by index into ASSERTIONS) at `pos`. */
  assert(kind: number, pos: number): boolean {
    if (kind === 0) return pos === 0;
    if (kind === 1) return pos === this.length;
    if (kind === 4) return pos === 0 || isLineTerminator(this.codeBefore(pos));
    if (kind === 5) return pos === this.length || isLineTerminator(this.codeAt(pos));
    const boundary = isWordChar(this.codeBefore(pos)) !== isWordChar(this.codeAt(pos));
    return kind === 2 ? boundary : !boundary;
  }

  /** A single-character lookaround at `pos`. */
  look(matcher: CharMatcher, flags: number, pos: number): boolean {
    const code = flags & LOOK_BEHIND ? this.codeBefore(pos) : this.codeAt(pos);
    const found = code >= 0 && matcher.matches(code);
    return found !== ((flags & LOOK_NEGATE) !== 0);
  }
}

/** What JavaScript counts as ending a line: `\n`, `\r`, U+2028, U+2029. */
function isLineTerminator(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

/** `[A-Za-z0-9_]`: what `\b` and `\w` count as word characters. */
function isWordChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f
  );
}
