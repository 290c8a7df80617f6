/**
 * A YAML reader for Compose files, ported from go-yaml v3 (the library Compose v2 reads with):
 * libyaml's scanner (tokens, simple keys, indentation), its parser (events), go-yaml's composer
 * (nodes, anchors) and its decoder into plain values (`<<` merge keys, duplicate keys, aliases).
 * Errors are worded and numbered as go-yaml reports them, quirks included: `yaml: line N: …`, where
 * parser errors give the 0-based line of their context mark and scanner errors the 1-based line.
 *
 * Budgets: flow and block nesting stop at go-yaml's limits, and alias expansion obeys go-yaml's
 * "excessive aliasing" ratio plus a hard cap, so an alias bomb fails instead of hanging.
 */

export interface Mark {
  index: number;
  /** 0-based. */
  line: number;
  /** 0-based. */
  column: number;
}

/** A YAML syntax or decoding error with go-yaml's message (`yaml: line 3: …`). */
export class YamlError extends Error {
  /** 1-based line of the problem, for tools; go-yaml's own number is in the message. */
  readonly line: number;
  /** 1-based column of the problem. */
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

const T = {
  StreamStart: 0,
  StreamEnd: 1,
  DocumentStart: 2,
  DocumentEnd: 3,
  BlockSequenceStart: 4,
  BlockMappingStart: 5,
  BlockEnd: 6,
  FlowSequenceStart: 7,
  FlowSequenceEnd: 8,
  FlowMappingStart: 9,
  FlowMappingEnd: 10,
  BlockEntry: 11,
  FlowEntry: 12,
  Key: 13,
  Value: 14,
  Alias: 15,
  Anchor: 16,
  Tag: 17,
  Scalar: 18,
  Directive: 19,
} as const;
type T = (typeof T)[keyof typeof T];

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

interface Token {
  type: T;
  start: Mark;
  end: Mark;
  value?: string;
  suffix?: string;
  style?: ScalarStyle;
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;

/** Raised inside the scanner and parser; turned into a YamlError with go-yaml's line rules. */
class Problem {
  readonly scanner: boolean;
  readonly contextMark: Mark | undefined;
  readonly problem: string;
  readonly problemMark: Mark;
  constructor(scanner: boolean, contextMark: Mark | undefined, problem: string, problemMark: Mark) {
    this.scanner = scanner;
    this.contextMark = contextMark;
    this.problem = problem;
    this.problemMark = problemMark;
  }
}

const isBreak = (c: string | undefined) => c === '\n' || c === '\r';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isZ = (c: string | undefined) => c === undefined || c === '\0';
const isBreakZ = (c: string | undefined) => isBreak(c) || isZ(c);
const isBlankZ = (c: string | undefined) => isBlank(c) || isBreakZ(c);
const isAlpha = (c: string | undefined) => c !== undefined && /[0-9A-Za-z_-]/.test(c);
const isHex = (c: string | undefined) => c !== undefined && /[0-9A-Fa-f]/.test(c);

class Scanner {
  private readonly src: string;
  private pos = 0;
  private mark: Mark = { index: 0, line: 0, column: 0 };
  private tokens: Token[] = [];
  private tokensParsed = 0;
  private streamStartProduced = false;
  private streamEndProduced = false;
  private indent = -1;
  private indents: number[] = [];
  private simpleKeyAllowed = false;
  private simpleKeys: SimpleKey[] = [];
  private simpleKeysByTok = new Map<number, number>();
  private flowLevel = 0;

  constructor(text: string) {
    this.src = text.replace(/\r\n?/g, '\n');
  }

  private ch(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  private skip(): void {
    this.pos++;
    this.mark = { index: this.mark.index + 1, line: this.mark.line, column: this.mark.column + 1 };
  }

  private skipLine(): void {
    if (isBreak(this.ch())) {
      this.pos++;
      this.mark = { index: this.mark.index + 1, line: this.mark.line + 1, column: 0 };
    }
  }

  private read(): string {
    const c = this.ch() as string;
    this.skip();
    return c;
  }

  private readLine(): string {
    this.skipLine();
    return '\n';
  }

  private error(context: string, contextMark: Mark, problem: string): never {
    throw new Problem(true, context ? contextMark : contextMark, problem, this.mark);
  }

  private available = false;

  /** The next token, without consuming it. */
  peek(): Token {
    if (!this.available) {
      this.fetchMoreTokens();
      this.available = true;
    }
    return this.tokens[0] as Token;
  }

  next(): void {
    this.tokens.shift();
    this.tokensParsed++;
    this.available = false;
  }

  /** go-yaml keeps two tokens of lookahead, and more while the head may still be a simple key. */
  private fetchMoreTokens(): void {
    for (;;) {
      if (this.streamEndProduced && this.tokens.length > 0) break;
      if (this.tokens.length > 2) {
        const head = this.simpleKeysByTok.get(this.tokensParsed);
        if (head === undefined) break;
        if (!this.simpleKeyValid(this.simpleKeys[head] as SimpleKey)) break;
      }
      if (this.streamEndProduced) break;
      this.fetchNextToken();
    }
  }

  private insert(at: number, token: Token): void {
    if (at < 0 || at > this.tokens.length) this.tokens.push(token);
    else this.tokens.splice(at, 0, token);
  }

  private simpleKeyValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.mark.line || key.mark.index + 1024 < this.mark.index) {
      if (key.required) throw new Problem(true, key.mark, "could not find expected ':'", this.mark);
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.mark.column;
    if (this.simpleKeyAllowed) {
      const key: SimpleKey = {
        possible: true,
        required,
        tokenNumber: this.tokensParsed + this.tokens.length,
        mark: { ...this.mark },
      };
      this.removeSimpleKey();
      this.simpleKeys[this.simpleKeys.length - 1] = key;
      this.simpleKeysByTok.set(key.tokenNumber, this.simpleKeys.length - 1);
    }
  }

  private removeSimpleKey(): void {
    const i = this.simpleKeys.length - 1;
    const key = this.simpleKeys[i] as SimpleKey;
    if (key.possible) {
      if (key.required) throw new Problem(true, key.mark, "could not find expected ':'", this.mark);
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.tokensParsed + this.tokens.length,
      mark: { ...this.mark },
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL)
      this.error('while increasing flow level', this.mark, `exceeded max depth of ${MAX_FLOW_LEVEL}`);
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const last = this.simpleKeys.pop() as SimpleKey;
      this.simpleKeysByTok.delete(last.tokenNumber);
    }
  }

  private rollIndent(column: number, number: number, type: T, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_INDENTS)
        this.error('while increasing indent level', this.mark, `exceeded max depth of ${MAX_INDENTS}`);
      const token: Token = { type, start: mark, end: mark };
      this.insert(number > -1 ? number - this.tokensParsed : -1, token);
    }
  }

  private unrollIndent(column: number, scanMark: Mark): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.tokens.push({ type: T.BlockEnd, start: scanMark, end: scanMark });
      this.indent = this.indents.pop() as number;
    }
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) {
      this.indent = -1;
      this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: { ...this.mark } });
      this.simpleKeyAllowed = true;
      this.streamStartProduced = true;
      this.tokens.push({ type: T.StreamStart, start: { ...this.mark }, end: { ...this.mark } });
      return;
    }
    const scanMark = { ...this.mark };
    this.scanToNextToken();
    this.unrollIndent(this.mark.column, scanMark);
    const c = this.ch();
    if (isZ(c)) {
      this.fetchStreamEnd();
      return;
    }
    if (this.mark.column === 0 && c === '%') {
      this.fetchDirective();
      return;
    }
    const three = this.src.slice(this.pos, this.pos + 3);
    if (this.mark.column === 0 && three === '---' && isBlankZ(this.ch(3))) {
      this.fetchDocumentIndicator(T.DocumentStart);
      return;
    }
    if (this.mark.column === 0 && three === '...' && isBlankZ(this.ch(3))) {
      this.fetchDocumentIndicator(T.DocumentEnd);
      return;
    }
    const n = this.ch(1);
    switch (c) {
      case '[': {
        this.fetchFlowCollectionStart(T.FlowSequenceStart);
        return;
      }
      case '{': {
        this.fetchFlowCollectionStart(T.FlowMappingStart);
        return;
      }
      case ']': {
        this.fetchFlowCollectionEnd(T.FlowSequenceEnd);
        return;
      }
      case '}': {
        this.fetchFlowCollectionEnd(T.FlowMappingEnd);
        return;
      }
      case ',': {
        this.fetchFlowEntry();
        return;
      }
    }
    if (c === '-' && isBlankZ(n)) {
      this.fetchBlockEntry();
      return;
    }
    if (c === '?' && (this.flowLevel > 0 || isBlankZ(n))) {
      this.fetchKey();
      return;
    }
    if (c === ':' && (this.flowLevel > 0 || isBlankZ(n))) {
      this.fetchValue();
      return;
    }
    if (c === '*') {
      this.fetchAnchor(T.Alias);
      return;
    }
    if (c === '&') {
      this.fetchAnchor(T.Anchor);
      return;
    }
    if (c === '!') {
      this.fetchTag();
      return;
    }
    if (c === '|' && this.flowLevel === 0) {
      this.fetchBlockScalar(true);
      return;
    }
    if (c === '>' && this.flowLevel === 0) {
      this.fetchBlockScalar(false);
      return;
    }
    if (c === "'") {
      this.fetchFlowScalar(true);
      return;
    }
    if (c === '"') {
      this.fetchFlowScalar(false);
      return;
    }
    if (
      !(isBlankZ(c) || '-?:,[]{}#&*!|>\'"%@`'.includes(c as string)) ||
      (c === '-' && !isBlank(n)) ||
      (this.flowLevel === 0 && (c === '?' || c === ':') && !isBlankZ(n))
    ) {
      this.fetchPlainScalar();
      return;
    }
    this.error('while scanning for the next token', this.mark, 'found character that cannot start any token');
  }

  private scanToNextToken(): void {
    for (;;) {
      if (this.mark.column === 0 && this.ch() === '\uFEFF') this.skip();
      while (this.ch() === ' ' || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.ch() === '\t'))
        this.skip();
      if (this.ch() === '#') while (!isBreakZ(this.ch())) this.skip();
      if (isBreak(this.ch())) {
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else break;
    }
  }

  private fetchStreamEnd(): void {
    if (this.mark.column !== 0) this.mark = { ...this.mark, column: 0, line: this.mark.line + 1 };
    this.unrollIndent(-1, this.mark);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.streamEndProduced = true;
    this.tokens.push({ type: T.StreamEnd, start: { ...this.mark }, end: { ...this.mark } });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1, this.mark);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = { ...this.mark };
    // Directives (%YAML, %TAG) carry nothing Compose needs: skip the line.
    while (!isBreakZ(this.ch())) this.skip();
    this.tokens.push({ type: T.Directive, start, end: { ...this.mark } });
  }

  private fetchDocumentIndicator(type: T): void {
    this.unrollIndent(-1, this.mark);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = { ...this.mark };
    this.skip();
    this.skip();
    this.skip();
    this.tokens.push({ type, start, end: { ...this.mark } });
  }

  private simpleToken(type: T): void {
    const start = { ...this.mark };
    this.skip();
    this.tokens.push({ type, start, end: { ...this.mark } });
  }

  private fetchFlowCollectionStart(type: T): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    this.simpleToken(type);
  }

  private fetchFlowCollectionEnd(type: T): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    this.simpleToken(type);
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.simpleToken(T.FlowEntry);
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed)
        this.error('', this.mark, 'block sequence entries are not allowed in this context');
      this.rollIndent(this.mark.column, -1, T.BlockSequenceStart, { ...this.mark });
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.simpleToken(T.BlockEntry);
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.error('', this.mark, 'mapping keys are not allowed in this context');
      this.rollIndent(this.mark.column, -1, T.BlockMappingStart, { ...this.mark });
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.simpleToken(T.Key);
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1] as SimpleKey;
    if (this.simpleKeyValid(key)) {
      this.insert(key.tokenNumber - this.tokensParsed, { type: T.Key, start: key.mark, end: key.mark });
      this.rollIndent(key.mark.column, key.tokenNumber, T.BlockMappingStart, key.mark);
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed)
          this.error('', this.mark, 'mapping values are not allowed in this context');
        this.rollIndent(this.mark.column, -1, T.BlockMappingStart, { ...this.mark });
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.simpleToken(T.Value);
  }

  private fetchAnchor(type: T): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = { ...this.mark };
    this.skip();
    let value = '';
    while (isAlpha(this.ch())) value += this.read();
    const c = this.ch();
    if (!value || !(isBlankZ(c) || '?:,]}%@`'.includes(c as string))) {
      this.error(
        type === T.Anchor ? 'while scanning an anchor' : 'while scanning an alias',
        start,
        'did not find expected alphabetic or numeric character',
      );
    }
    this.tokens.push({ type, start, end: { ...this.mark }, value });
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = { ...this.mark };
    let handle = '';
    let suffix = '';
    if (this.ch(1) === '<') {
      this.skip();
      this.skip();
      while (!isBlankZ(this.ch()) && this.ch() !== '>') suffix += this.read();
      if (this.ch() !== '>') this.error('while scanning a tag', start, "did not find the expected '>'");
      this.skip();
    } else {
      let text = '';
      while (!isBlankZ(this.ch()) && !(this.flowLevel > 0 && ',[]{}'.includes(this.ch() as string)))
        text += this.read();
      const second = text.indexOf('!', 1);
      if (second > 0) {
        handle = text.slice(0, second + 1);
        suffix = text.slice(second + 1);
      } else {
        handle = '!';
        suffix = text.slice(1);
        if (!suffix) {
          handle = '';
          suffix = '!';
        }
      }
    }
    if (!isBlankZ(this.ch()) && !(this.flowLevel > 0 && this.ch() === ','))
      this.error('while scanning a tag', start, 'did not find expected whitespace or line break');
    this.tokens.push({ type: T.Tag, start, end: { ...this.mark }, value: handle, suffix });
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = { ...this.mark };
    this.skip();
    let chomping = 0;
    let increment = 0;
    const chomp = () => {
      if (this.ch() === '+' || this.ch() === '-') {
        chomping = this.ch() === '+' ? 1 : -1;
        this.skip();
        return true;
      }
      return false;
    };
    const digit = () => {
      const c = this.ch();
      if (c !== undefined && c >= '0' && c <= '9') {
        if (c === '0')
          this.error('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
        increment = Number(c);
        this.skip();
      }
    };
    if (chomp()) digit();
    else {
      digit();
      chomp();
    }
    while (isBlank(this.ch())) this.skip();
    if (this.ch() === '#') while (!isBreakZ(this.ch())) this.skip();
    if (!isBreakZ(this.ch()))
      this.error('while scanning a block scalar', start, 'did not find expected comment or line break');
    if (isBreak(this.ch())) this.skipLine();
    let end = { ...this.mark };
    let indent = increment > 0 ? (this.indent >= 0 ? this.indent + increment : increment) : 0;
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    const breaks = () => {
      end = { ...this.mark };
      let maxIndent = 0;
      for (;;) {
        while ((indent === 0 || this.mark.column < indent) && this.ch() === ' ') this.skip();
        if (this.mark.column > maxIndent) maxIndent = this.mark.column;
        if ((indent === 0 || this.mark.column < indent) && this.ch() === '\t')
          this.error(
            'while scanning a block scalar',
            start,
            'found a tab character where an indentation space is expected',
          );
        if (!isBreak(this.ch())) break;
        trailingBreaks += this.readLine();
        end = { ...this.mark };
      }
      if (indent === 0) {
        indent = Math.max(maxIndent, this.indent + 1, 1);
      }
    };
    breaks();
    let leadingBlank = false;
    while (this.mark.column === indent && !isZ(this.ch())) {
      const trailingBlank = isBlank(this.ch());
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.startsWith('\n')) {
        if (trailingBreaks.length === 0) s += ' ';
      } else s += leadingBreak;
      leadingBreak = '';
      s += trailingBreaks;
      trailingBreaks = '';
      leadingBlank = isBlank(this.ch());
      while (!isBreakZ(this.ch())) s += this.read();
      if (isZ(this.ch())) break;
      leadingBreak = this.readLine();
      breaks();
    }
    if (chomping !== -1) s += leadingBreak;
    if (chomping === 1) s += trailingBreaks;
    this.tokens.push({ type: T.Scalar, start, end, value: s, style: literal ? 'literal' : 'folded' });
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = { ...this.mark };
    this.skip();
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    for (;;) {
      const three = this.src.slice(this.pos, this.pos + 3);
      if (this.mark.column === 0 && (three === '---' || three === '...') && isBlankZ(this.ch(3)))
        this.error('while scanning a quoted scalar', start, 'found unexpected document indicator');
      if (isZ(this.ch()))
        this.error('while scanning a quoted scalar', start, 'found unexpected end of stream');
      let leadingBlanks = false;
      while (!isBlankZ(this.ch())) {
        const c = this.ch();
        if (single && c === "'" && this.ch(1) === "'") {
          s += "'";
          this.skip();
          this.skip();
        } else if (single && c === "'") break;
        else if (!single && c === '"') break;
        else if (!single && c === '\\' && isBreak(this.ch(1))) {
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === '\\') {
          const e = this.ch(1);
          const simple: Record<string, string> = {
            '0': '\0',
            a: '\x07',
            b: '\b',
            t: '\t',
            '\t': '\t',
            n: '\n',
            v: '\v',
            f: '\f',
            r: '\r',
            e: '\x1b',
            ' ': ' ',
            '"': '"',
            "'": "'",
            '\\': '\\',
            '/': '/',
            N: '\u0085',
            _: '\u00a0',
            L: '\u2028',
            P: '\u2029',
          };
          let codeLength = 0;
          if (e !== undefined && e in simple) s += simple[e];
          else if (e === 'x') codeLength = 2;
          else if (e === 'u') codeLength = 4;
          else if (e === 'U') codeLength = 8;
          else this.error('while parsing a quoted scalar', start, 'found unknown escape character');
          this.skip();
          this.skip();
          if (codeLength > 0) {
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              if (!isHex(this.ch(k)))
                this.error('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
              value = value * 16 + Number.parseInt(this.ch(k) as string, 16);
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff)
              this.error(
                'while parsing a quoted scalar',
                start,
                'found invalid Unicode character escape code',
              );
            s += String.fromCodePoint(value);
            for (let k = 0; k < codeLength; k++) this.skip();
          }
        } else s += this.read();
      }
      if (this.ch() === (single ? "'" : '"')) break;
      while (isBlank(this.ch()) || isBreak(this.ch())) {
        if (isBlank(this.ch())) {
          if (!leadingBlanks) whitespaces += this.read();
          else this.skip();
        } else if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak = this.readLine();
          leadingBlanks = true;
        } else trailingBreaks += this.readLine();
      }
      if (leadingBlanks) {
        if (leadingBreak.startsWith('\n')) {
          s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
        } else s += leadingBreak + trailingBreaks;
        trailingBreaks = '';
        leadingBreak = '';
      } else {
        s += whitespaces;
        whitespaces = '';
      }
    }
    this.skip();
    this.tokens.push({
      type: T.Scalar,
      start,
      end: { ...this.mark },
      value: s,
      style: single ? 'single' : 'double',
    });
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = { ...this.mark };
    let end = { ...this.mark };
    for (;;) {
      const three = this.src.slice(this.pos, this.pos + 3);
      if (this.mark.column === 0 && (three === '---' || three === '...') && isBlankZ(this.ch(3))) break;
      if (this.ch() === '#') break;
      while (!isBlankZ(this.ch())) {
        const c = this.ch() as string;
        if ((c === ':' && isBlankZ(this.ch(1))) || (this.flowLevel > 0 && ',?[]{}'.includes(c))) break;
        if (leadingBlanks || whitespaces.length > 0) {
          if (leadingBlanks) {
            if (leadingBreak.startsWith('\n')) s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
            else s += leadingBreak + trailingBreaks;
            trailingBreaks = '';
            leadingBreak = '';
            leadingBlanks = false;
          } else {
            s += whitespaces;
            whitespaces = '';
          }
        }
        s += this.read();
        end = { ...this.mark };
      }
      if (!(isBlank(this.ch()) || isBreak(this.ch()))) break;
      while (isBlank(this.ch()) || isBreak(this.ch())) {
        if (isBlank(this.ch())) {
          if (leadingBlanks && this.mark.column < indent && this.ch() === '\t')
            this.error(
              'while scanning a plain scalar',
              start,
              'found a tab character that violates indentation',
            );
          if (!leadingBlanks) whitespaces += this.read();
          else this.skip();
        } else if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak = this.readLine();
          leadingBlanks = true;
        } else trailingBreaks += this.readLine();
      }
      if (this.flowLevel === 0 && this.mark.column < indent) break;
    }
    this.tokens.push({ type: T.Scalar, start, end, value: s, style: 'plain' });
    if (leadingBlanks) this.simpleKeyAllowed = true;
  }
}

// ---------------------------------------------------------------------------------------------
// Parser: tokens to a node tree (libyaml's parser states folded into recursive descent over the
// same token decisions, with the same error messages and marks).

export interface YamlNode {
  kind: 'scalar' | 'mapping' | 'sequence' | 'alias';
  /** Explicit tag (`!!str`, `!reset`), or '' when implicit. */
  tag: string;
  value: string;
  style: ScalarStyle;
  /** 1-based, as go-yaml's Node.Line. */
  line: number;
  column: number;
  content: YamlNode[];
  anchor?: string;
  alias?: YamlNode;
}

class Parser {
  private readonly anchors = new Map<string, YamlNode>();
  private depth = 0;
  private readonly scanner: Scanner;

  constructor(scanner: Scanner) {
    this.scanner = scanner;
  }

  private peek(): Token {
    return this.scanner.peek();
  }

  private fail(contextMark: Mark | undefined, problem: string, problemMark: Mark): never {
    throw new Problem(false, contextMark, problem, problemMark);
  }

  /** All documents of the stream. */
  stream(): YamlNode[] {
    const docs: YamlNode[] = [];
    const first = this.peek();
    if (first.type !== T.StreamStart)
      this.fail(undefined, 'did not find expected <stream-start>', first.start);
    this.scanner.next();
    let implicit = true;
    for (;;) {
      let token = this.peek();
      if (!implicit) {
        while (token.type === T.DocumentEnd) {
          this.scanner.next();
          token = this.peek();
        }
      }
      if (token.type === T.StreamEnd) break;
      if (implicit && token.type !== T.Directive && token.type !== T.DocumentStart) {
        docs.push(this.node(true, false) ?? this.empty(token.start));
      } else {
        while (this.peek().type === T.Directive) this.scanner.next();
        token = this.peek();
        if (token.type !== T.DocumentStart)
          this.fail(undefined, 'did not find expected <document start>', token.start);
        this.scanner.next();
        const content = this.peek();
        if (
          content.type === T.Directive ||
          content.type === T.DocumentStart ||
          content.type === T.DocumentEnd ||
          content.type === T.StreamEnd
        )
          docs.push(this.empty(content.start));
        else docs.push(this.node(true, false) ?? this.empty(content.start));
      }
      // Document end.
      token = this.peek();
      if (token.type === T.DocumentEnd) this.scanner.next();
      implicit = false;
    }
    return docs;
  }

  private empty(mark: Mark): YamlNode {
    return {
      kind: 'scalar',
      tag: '',
      value: '',
      style: 'plain',
      line: mark.line + 1,
      column: mark.column + 1,
      content: [],
    };
  }

  private node(block: boolean, indentlessSequence: boolean): YamlNode {
    let token = this.peek();
    if (token.type === T.Alias) {
      this.scanner.next();
      const target = this.anchors.get(token.value as string);
      if (!target) throw new DecodeFailure(`unknown anchor '${token.value}' referenced`);
      return {
        kind: 'alias',
        tag: '',
        value: token.value as string,
        style: 'plain',
        line: token.start.line + 1,
        column: token.start.column + 1,
        content: [],
        alias: target,
      };
    }
    const startMark = token.start;
    let anchor: string | undefined;
    let tag = '';
    let tagged = false;
    const takeTag = (t: Token) => {
      tagged = true;
      tag = t.value ? (t.value === '!!' ? `!!${t.suffix}` : `${t.value}${t.suffix}`) : (t.suffix as string);
    };
    if (token.type === T.Anchor) {
      anchor = token.value;
      this.scanner.next();
      token = this.peek();
      if (token.type === T.Tag) {
        takeTag(token);
        this.scanner.next();
        token = this.peek();
      }
    } else if (token.type === T.Tag) {
      takeTag(token);
      this.scanner.next();
      token = this.peek();
      if (token.type === T.Anchor) {
        anchor = token.value;
        this.scanner.next();
        token = this.peek();
      }
    }
    const make = (kind: YamlNode['kind'], style: ScalarStyle = 'plain', value = ''): YamlNode => {
      const n: YamlNode = {
        kind,
        tag: tag === '!' ? '' : tag,
        value,
        style,
        line: startMark.line + 1,
        column: startMark.column + 1,
        content: [],
      };
      if (anchor !== undefined) {
        n.anchor = anchor;
        this.anchors.set(anchor, n);
      }
      return n;
    };
    if (indentlessSequence && token.type === T.BlockEntry) {
      const n = make('sequence');
      this.nested(() => this.indentlessSequence(n));
      return n;
    }
    if (token.type === T.Scalar) {
      this.scanner.next();
      return make('scalar', token.style, token.value);
    }
    if (token.type === T.FlowSequenceStart) {
      const n = make('sequence');
      this.nested(() => this.flowSequence(n));
      return n;
    }
    if (token.type === T.FlowMappingStart) {
      const n = make('mapping');
      this.nested(() => this.flowMapping(n));
      return n;
    }
    if (block && token.type === T.BlockSequenceStart) {
      const n = make('sequence');
      this.nested(() => this.blockSequence(n));
      return n;
    }
    if (block && token.type === T.BlockMappingStart) {
      const n = make('mapping');
      this.nested(() => this.blockMapping(n));
      return n;
    }
    if (anchor !== undefined || tagged) return make('scalar');
    this.fail(startMark, 'did not find expected node content', token.start);
  }

  private nested(fn: () => void): void {
    if (++this.depth > MAX_INDENTS) throw new DecodeFailure(`exceeded max depth of ${MAX_INDENTS}`);
    fn();
    this.depth--;
  }

  private blockSequence(n: YamlNode): void {
    const contextMark = this.peek().start;
    this.scanner.next();
    for (;;) {
      let token = this.peek();
      if (token.type === T.BlockEntry) {
        const mark = token.end;
        this.scanner.next();
        token = this.peek();
        if (token.type !== T.BlockEntry && token.type !== T.BlockEnd) n.content.push(this.node(true, false));
        else n.content.push(this.empty(mark));
        continue;
      }
      if (token.type === T.BlockEnd) {
        this.scanner.next();
        return;
      }
      this.fail(contextMark, "did not find expected '-' indicator", token.start);
    }
  }

  private indentlessSequence(n: YamlNode): void {
    for (;;) {
      let token = this.peek();
      if (token.type !== T.BlockEntry) return;
      const mark = token.end;
      this.scanner.next();
      token = this.peek();
      if (
        token.type !== T.BlockEntry &&
        token.type !== T.Key &&
        token.type !== T.Value &&
        token.type !== T.BlockEnd
      )
        n.content.push(this.node(true, false));
      else n.content.push(this.empty(mark));
    }
  }

  private blockMapping(n: YamlNode): void {
    const contextMark = this.peek().start;
    this.scanner.next();
    for (;;) {
      let token = this.peek();
      if (token.type === T.Key) {
        const mark = token.end;
        this.scanner.next();
        token = this.peek();
        if (token.type !== T.Key && token.type !== T.Value && token.type !== T.BlockEnd)
          n.content.push(this.node(true, true));
        else n.content.push(this.empty(mark));
      } else if (token.type === T.BlockEnd) {
        this.scanner.next();
        return;
      } else if (token.type !== T.Value) {
        this.fail(contextMark, 'did not find expected key', token.start);
      } else {
        // A value without a key: an empty key.
        n.content.push(this.empty(token.start));
      }
      // The value.
      token = this.peek();
      if (token.type === T.Value) {
        const mark = token.end;
        this.scanner.next();
        token = this.peek();
        if (token.type !== T.Key && token.type !== T.Value && token.type !== T.BlockEnd)
          n.content.push(this.node(true, true));
        else n.content.push(this.empty(mark));
      } else n.content.push(this.empty(token.start));
    }
  }

  private flowSequence(n: YamlNode): void {
    const contextMark = this.peek().start;
    this.scanner.next();
    let first = true;
    for (;;) {
      let token = this.peek();
      if (token.type === T.FlowSequenceEnd) {
        this.scanner.next();
        return;
      }
      if (!first) {
        if (token.type === T.FlowEntry) {
          this.scanner.next();
          token = this.peek();
        } else this.fail(contextMark, "did not find expected ',' or ']'", token.start);
      }
      first = false;
      if (token.type === T.FlowSequenceEnd) continue;
      if (token.type === T.Key) {
        // A single-pair mapping inside a flow sequence: [a: b].
        const pair: YamlNode = { ...this.empty(token.start), kind: 'mapping' };
        this.scanner.next();
        this.flowPair(pair, T.FlowSequenceEnd);
        n.content.push(pair);
        continue;
      }
      n.content.push(this.node(false, false));
    }
  }

  /** Key and value of a flow mapping entry whose KEY token was consumed. */
  private flowPair(n: YamlNode, end: T): void {
    let token = this.peek();
    if (token.type !== T.Value && token.type !== T.FlowEntry && token.type !== end)
      n.content.push(this.node(false, false));
    else n.content.push(this.empty(token.start));
    token = this.peek();
    if (token.type === T.Value) {
      this.scanner.next();
      token = this.peek();
      if (token.type !== T.FlowEntry && token.type !== end) n.content.push(this.node(false, false));
      else n.content.push(this.empty(token.start));
    } else n.content.push(this.empty(token.start));
  }

  private flowMapping(n: YamlNode): void {
    const contextMark = this.peek().start;
    this.scanner.next();
    let first = true;
    for (;;) {
      let token = this.peek();
      if (token.type !== T.FlowMappingEnd) {
        if (!first) {
          if (token.type === T.FlowEntry) {
            this.scanner.next();
            token = this.peek();
          } else this.fail(contextMark, "did not find expected ',' or '}'", token.start);
        }
        first = false;
        if (token.type === T.Key) {
          this.scanner.next();
          token = this.peek();
          if (token.type !== T.Value && token.type !== T.FlowEntry && token.type !== T.FlowMappingEnd) {
            n.content.push(this.node(false, false));
          } else n.content.push(this.empty(token.start));
          token = this.peek();
          if (token.type === T.Value) {
            this.scanner.next();
            token = this.peek();
            if (token.type !== T.FlowEntry && token.type !== T.FlowMappingEnd)
              n.content.push(this.node(false, false));
            else n.content.push(this.empty(token.start));
          } else n.content.push(this.empty(token.start));
          continue;
        }
        if (token.type !== T.FlowMappingEnd) {
          // A key without a value: {a, b}.
          n.content.push(this.node(false, false));
          n.content.push(this.empty(this.peek().start));
          continue;
        }
      }
      this.scanner.next();
      return;
    }
  }
}

/** go-yaml's `failf` during composition or decoding: a message without a line. */
class DecodeFailure {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

/** Parses every document of a YAML stream into nodes. Throws YamlError. */
export function parseDocuments(text: string): YamlNode[] {
  try {
    return new Parser(new Scanner(text)).stream();
  } catch (error) {
    throw toYamlError(error);
  }
}

function toYamlError(error: unknown): unknown {
  if (error instanceof DecodeFailure) return new YamlError(`yaml: ${error.message}`, 0, 0);
  if (!(error instanceof Problem)) return error;
  // go-yaml's parser.fail(): the context mark's line wins; only scanner errors add one.
  let line = 0;
  if (error.contextMark && error.contextMark.line !== 0) {
    line = error.contextMark.line + (error.scanner ? 1 : 0);
  } else if (error.problemMark.line !== 0) {
    line = error.problemMark.line + (error.scanner ? 1 : 0);
  }
  const where = line !== 0 ? `line ${line}: ` : '';
  return new YamlError(
    `yaml: ${where}${error.problem}`,
    error.problemMark.line + 1,
    error.problemMark.column + 1,
  );
}

// ---------------------------------------------------------------------------------------------
// Decoding nodes into plain values, as go-yaml decodes into interface{}.

export type YamlValue = null | boolean | number | string | YamlValue[] | YamlMap;
export interface YamlMap {
  [key: string]: YamlValue;
}

/** A mapping whose keys may be anything, kept as a null-prototype object. */
function newMap(): YamlMap {
  return Object.create(null) as YamlMap;
}

/** Resolves a plain scalar as go-yaml's resolve() does for an untyped target. */
export function resolveScalar(value: string): null | boolean | number | string {
  switch (value) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
    case '.nan':
    case '.NaN':
    case '.NAN':
      return Number.NaN;
    case '.inf':
    case '.Inf':
    case '.INF':
    case '+.inf':
    case '+.Inf':
    case '+.INF':
      return Number.POSITIVE_INFINITY;
    case '-.inf':
    case '-.Inf':
    case '-.INF':
      return Number.NEGATIVE_INFINITY;
  }
  const c = value[0] as string;
  if (c === '.') {
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(value) ? Number(value) : value;
  }
  if (!/[-+0-9]/.test(c)) return value;
  // Timestamps stay strings when decoded into interface{}.
  if (/^\d{4}-\d\d?-\d\d?([Tt ]|$)/.test(value)) return value;
  const plain = value.replace(/_/g, '');
  const int = parseGoInt(plain);
  if (int !== undefined) return int;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return Number(plain);
  return value;
}

/** strconv.ParseInt(s, 0, 64): decimal, 0x, 0o, 0b, or a leading 0 for octal. */
function parseGoInt(s: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const body = m[2] as string;
  let n: number;
  if (/^0[xX]/.test(body)) n = Number.parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) n = Number.parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) n = Number.parseInt(body.slice(2), 2);
  else if (body.length > 1 && body.startsWith('0')) n = Number.parseInt(body.slice(1), 8);
  else n = Number(body);
  return sign * n;
}

export interface DecodeOptions {
  /** Hard cap on decoded nodes, aliases included (go-yaml's ratio rule applies first). */
  maxNodes?: number;
}

/** Decodes one document node into plain values. Throws YamlError with go-yaml's wording. */
export function decodeNode(doc: YamlNode, options: DecodeOptions = {}): YamlValue {
  const maxNodes = options.maxNodes ?? 1_000_000;
  let decodeCount = 0;
  let aliasCount = 0;
  let aliasDepth = 0;
  const active = new Set<YamlNode>();
  const typeErrors: string[] = [];

  const allowedAliasRatio = (count: number) => {
    if (count <= 400_000) return 0.99;
    if (count >= 4_000_000) return 0.1;
    return 0.99 - 0.89 * ((count - 400_000) / 3_600_000);
  };

  const isMerge = (k: YamlNode) =>
    k.kind === 'scalar' && k.value === '<<' && k.style === 'plain' && (k.tag === '' || k.tag === '!!merge');

  const scalar = (n: YamlNode): YamlValue => {
    if (n.tag === '!!str') return n.value;
    if (n.tag === '!!int' || n.tag === '!!float') {
      const r = resolveScalar(n.value);
      if (typeof r === 'number') return r;
      throw new DecodeFailure(`cannot decode !!str \`${n.value}\` as a ${n.tag}`);
    }
    if (n.tag === '!!bool' || n.tag === '!!null') return resolveScalar(n.value);
    if (n.style !== 'plain') return n.value;
    if (n.tag !== '' && !n.tag.startsWith('!!')) return resolveScalar(n.value);
    return resolveScalar(n.value);
  };

  const keyString = (k: YamlValue): string => {
    if (k === null) return 'null';
    if (typeof k === 'object') throw new DecodeFailure(`invalid map key: ${goPrint(k)}`);
    return typeof k === 'number' ? goNumber(k) : String(k);
  };

  const decode = (n: YamlNode): YamlValue => {
    decodeCount++;
    if (aliasDepth > 0) aliasCount++;
    if (aliasCount > 100 && decodeCount > 1000 && aliasCount / decodeCount > allowedAliasRatio(decodeCount))
      throw new DecodeFailure('document contains excessive aliasing');
    if (decodeCount > maxNodes) throw new DecodeFailure('document contains excessive aliasing');
    switch (n.kind) {
      case 'alias': {
        const target = n.alias as YamlNode;
        if (active.has(n)) throw new DecodeFailure(`anchor '${n.value}' value contains itself`);
        active.add(n);
        aliasDepth++;
        const v = decode(target);
        aliasDepth--;
        active.delete(n);
        return v;
      }
      case 'scalar':
        return scalar(n);
      case 'sequence':
        return n.content.map(decode);
      case 'mapping':
        return mapping(n);
    }
  };

  const mapping = (n: YamlNode, into?: YamlMap, taken?: Set<string>): YamlMap => {
    const l = n.content.length;
    if (!into) {
      let dup = false;
      for (let i = 0; i < l; i += 2) {
        const ni = n.content[i] as YamlNode;
        for (let j = i + 2; j < l; j += 2) {
          const nj = n.content[j] as YamlNode;
          if (ni.kind === nj.kind && ni.value === nj.value) {
            typeErrors.push(
              `line ${nj.line}: mapping key ${JSON.stringify(nj.value)} already defined at line ${ni.line}`,
            );
            dup = true;
          }
        }
      }
      if (dup) return newMap();
    }
    const out = into ?? newMap();
    let mergeNode: YamlNode | undefined;
    for (let i = 0; i < l; i += 2) {
      const k = n.content[i] as YamlNode;
      if (isMerge(k)) {
        mergeNode = n.content[i + 1];
        continue;
      }
      const key = keyString(decode(k));
      if (taken) {
        if (taken.has(key)) continue;
        taken.add(key);
      }
      const value = decode(n.content[i + 1] as YamlNode);
      out[key] = value;
    }
    if (mergeNode) merge(n, mergeNode, out, taken);
    return out;
  };

  const wantMap = () => new DecodeFailure('map merge requires map or sequence of maps as the value');

  const merge = (parent: YamlNode, m: YamlNode, out: YamlMap, outerTaken?: Set<string>) => {
    const taken = outerTaken ?? new Set(Object.keys(out));
    const target = m.kind === 'alias' ? (m.alias as YamlNode) : m;
    const one = (node: YamlNode) => {
      const real = node.kind === 'alias' ? (node.alias as YamlNode) : node;
      if (real.kind !== 'mapping') throw wantMap();
      if (node.kind === 'alias') {
        if (active.has(node)) throw new DecodeFailure(`anchor '${node.value}' value contains itself`);
        active.add(node);
        aliasDepth++;
        decodeCount++;
        mapping(real, out, taken);
        aliasDepth--;
        active.delete(node);
      } else mapping(real, out, taken);
    };
    void parent;
    if (target.kind === 'mapping') one(m);
    else if (m.kind === 'sequence') for (const item of m.content) one(item);
    else throw wantMap();
  };

  try {
    const value = decode(doc);
    if (typeErrors.length > 0)
      throw new YamlError(`yaml: unmarshal errors:\n  ${typeErrors.join('\n  ')}`, 0, 0);
    return value;
  } catch (error) {
    throw toYamlError(error);
  }
}

/** Go's %v of a float64 or int as Compose would print it back (1, 1.5, 1e+21). */
export function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const s = String(n);
  return s
    .replace(/e\+?(-?)(\d)$/, 'e$1+0$2')
    .replace(/e\+?(-?)(\d\d+)$/, (_, sign, d) => `e${sign || '+'}${d}`);
}

function goPrint(v: YamlValue): string {
  if (Array.isArray(v)) return `[]interface {}{${v.map(goPrint).join(', ')}}`;
  if (v !== null && typeof v === 'object') return 'map[string]interface {}{...}';
  return JSON.stringify(v);
}

/** Every document of a YAML text decoded (a file that starts with `---` is one document). */
export function parseYaml(text: string, options?: DecodeOptions): YamlValue[] {
  return parseDocuments(text).map((d) => decodeNode(d, options));
}
