import { C_ESCAPES } from '../core/c-escapes.ts';
import { compilePattern, type Pattern, PatternBudgetError, PatternTooLargeError } from '../regex/index.ts';
import type { Program, ProgramContext } from '../shell/program.ts';
import { BUSYBOX_BANNER } from './args.ts';
import type { Flavor } from './flavor.ts';
import { absolute, errorText, readText } from './read.ts';
import { RegexError, translateRegex } from './regex.ts';

/**
 * `sed`: GNU sed 4.9 (or BusyBox's) over the sandbox's regex engine. Scripts are compiled the way
 * GNU's compile.c reads them, so errors name the same character (`-e expression #1, char 5: ...`).
 * Commands: s y p P d D n N g G h H x q Q = a i c l b t T : { } w r z and comments; addresses: N, $,
 * /re/ (\cREc, I), first~step, addr,+N, addr,~N, 0,/re/, and !.
 */

type Address =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 'regex'; re: SedRegex }
  | { kind: 'step'; first: number; step: number }
  | { kind: 'plus'; n: number }
  | { kind: 'mult'; n: number };

/** A compiled regex, or `null` for the empty regex (the last one used). */
type SedRegex = Pattern | null;

type ReplacementPart =
  | { kind: 'text'; text: string }
  | { kind: 'group'; n: number }
  | { kind: 'case'; op: 'U' | 'L' | 'E' | 'u' | 'l' };

interface Command {
  a1?: Address;
  a2?: Address;
  zero?: boolean;
  negate: boolean;
  name: string;
  /** Range state: whether a range is open, and its last line for numeric ends. */
  active: boolean;
  endLine: number;
  text?: string;
  label?: string;
  /** For `{`: index of its `}`; for b/t/T: index of the target (-1: end of script). */
  jump?: number;
  status?: number;
  re?: SedRegex;
  replacement?: ReplacementPart[];
  global?: boolean;
  occurrence?: number;
  print?: number;
  file?: string;
  map?: Map<string, string>;
}

/** A compile error; `where` is GNU's `-e expression #N, char M` (empty for BusyBox). */
class SedError extends Error {
  status: number;
  constructor(message: string, status = 1) {
    super(message);
    this.status = status;
  }
}

const SPACE = /[ \t\r\f\v]/;

/** Where a script came from, for error messages. */
interface Source {
  text: string;
  where: (pos: number) => string;
}

class Compiler {
  commands: Command[] = [];
  private blocks: number[] = [];
  private text = '';
  private pos = 0;
  private where: (pos: number) => string = () => '';
  private seenRegex = false;

  private readonly flavor: Flavor;
  private readonly extended: boolean;

  constructor(flavor: Flavor, extended: boolean) {
    this.flavor = flavor;
    this.extended = extended;
  }

  fail(gnu: string, busybox = gnu): never {
    if (this.flavor === 'busybox') throw new SedError(busybox);
    throw new SedError(`${this.where(this.pos)}${gnu}`);
  }

  private inchar(): string | undefined {
    if (this.pos >= this.text.length) return undefined;
    return this.text[this.pos++];
  }

  private savchar(ch: string | undefined): void {
    if (ch !== undefined) this.pos--;
  }

  private nonblank(): string | undefined {
    let ch: string | undefined;
    do ch = this.inchar();
    while (ch !== undefined && SPACE.test(ch));
    return ch;
  }

  private endOfCommand(): void {
    const ch = this.nonblank();
    if (ch === '}' || ch === '#') this.savchar(ch);
    else if (ch !== undefined && ch !== '\n' && ch !== ';') {
      this.fail('extra characters after command', `unsupported command ${ch}`);
    }
  }

  private number(first: string): number {
    let digits = first;
    for (;;) {
      const ch = this.inchar();
      if (ch === undefined || !/\d/.test(ch)) {
        this.savchar(ch);
        return Number(digits);
      }
      digits += ch;
    }
  }

  /** A number if digits follow, else 0. */
  private optionalNumber(): number {
    const d = this.inchar();
    if (d !== undefined && /\d/.test(d)) return this.number(d);
    this.savchar(d);
    return 0;
  }

  /** Reads up to an unescaped `delim`; `\delim` becomes delim, `\n` a newline. Undefined if unterminated. */
  private delimited(delim: string, regex: boolean): string | undefined {
    let out = '';
    for (;;) {
      const ch = this.inchar();
      if (ch === undefined) return undefined;
      if (ch === '\n' && regex) return undefined;
      if (ch === delim) return out;
      if (ch === '\\') {
        const next = this.inchar();
        if (next === undefined) return undefined;
        if (next === delim) out += delim;
        else if (next === 'n' && regex) out += '\n';
        else out += `\\${next}`;
        continue;
      }
      out += ch;
    }
  }

  private regex(source: string, flags: string): SedRegex {
    if (source === '') {
      if (!this.seenRegex) {
        if (this.flavor === 'busybox') throw new SedError('no previous regexp');
        const saved = this.pos;
        this.pos = 0;
        try {
          this.fail('no previous regular expression');
        } finally {
          this.pos = saved;
        }
      }
      return null;
    }
    this.seenRegex = true;
    try {
      const translated = translateRegex(source.replaceAll('\\t', '\t'), this.extended);
      return compilePattern(translated, { ignoreCase: /[iI]/.test(flags) });
    } catch (error) {
      const message =
        error instanceof RegexError
          ? error.message
          : error instanceof PatternTooLargeError
            ? 'Regular expression too big'
            : 'Invalid preceding regular expression';
      this.fail(message, `bad regex '${source}': ${message}`);
    }
  }

  private address(ch: string | undefined, second: boolean): Address | undefined {
    if (ch === undefined) return undefined;
    if (ch === '/' || ch === '\\') {
      const delim = ch === '\\' ? this.inchar() : '/';
      const source = delim === undefined ? undefined : this.delimited(delim, true);
      if (source === undefined) this.fail('unterminated address regex', "unmatched '/'");
      let flags = '';
      for (;;) {
        const f = this.nonblank();
        if (f === 'I' || f === 'M') flags += f === 'I' ? 'i' : 'm';
        else {
          this.savchar(f);
          break;
        }
      }
      return { kind: 'regex', re: this.regex(source, flags) };
    }
    if (/\d/.test(ch)) {
      const n = this.number(ch);
      const next = this.inchar();
      if (next === '~' && this.flavor === 'gnu') {
        return { kind: 'step', first: n, step: this.optionalNumber() };
      }
      this.savchar(next);
      return { kind: 'line', n };
    }
    if ((ch === '+' && second) || (ch === '~' && second && this.flavor === 'gnu')) {
      const n = this.optionalNumber();
      return ch === '+' ? { kind: 'plus', n } : { kind: 'mult', n };
    }
    if (ch === '$') return { kind: 'last' };
    return undefined;
  }

  /** The text of a, i, c: GNU's one-line forms (`a text`, `a\text`) and `a\` newline text. */
  private readText(): string {
    let ch = this.nonblank();
    if (ch === undefined) this.fail("expected \\ after `a', `c' or `i'", 'missing command');
    if (ch === '\\') {
      ch = this.inchar();
      if (ch === '\n') ch = this.inchar();
      else if (ch !== undefined && this.flavor === 'busybox') {
        while (ch !== undefined && SPACE.test(ch)) ch = this.inchar();
      }
    }
    let out = '';
    while (ch !== undefined && ch !== '\n') {
      if (ch === '\\') {
        const next = this.inchar();
        if (next === undefined) break;
        out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      } else out += ch;
      ch = this.inchar();
    }
    return `${out}\n`;
  }

  private label(colon: boolean): string {
    let ch = this.nonblank();
    let out = '';
    while (ch !== undefined && ch !== '\n' && ch !== ';' && !(SPACE.test(ch) && !colon)) {
      out += ch;
      ch = this.inchar();
    }
    this.savchar(ch);
    if (colon) out = out.replace(/\s+$/, '');
    return out;
  }

  private replacement(raw: string): { parts: ReplacementPart[]; maxRef: number } {
    const parts: ReplacementPart[] = [];
    let text = '';
    let maxRef = 0;
    const flush = () => {
      if (text) parts.push({ kind: 'text', text });
      text = '';
    };
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i] as string;
      if (c === '&') {
        flush();
        parts.push({ kind: 'group', n: 0 });
      } else if (c === '\\' && i + 1 < raw.length) {
        const n = raw[++i] as string;
        if (/\d/.test(n)) {
          flush();
          parts.push({ kind: 'group', n: Number(n) });
          maxRef = Math.max(maxRef, Number(n));
        } else if (n === 'n') text += '\n';
        else if (n === 't') text += '\t';
        else if (this.flavor === 'gnu' && 'ULEul'.includes(n)) {
          flush();
          parts.push({ kind: 'case', op: n as 'U' | 'L' | 'E' | 'u' | 'l' });
        } else text += n;
      } else text += c;
    }
    flush();
    return { parts, maxRef };
  }

  private substitute(cmd: Command): void {
    const delim = this.inchar();
    const source = delim === undefined || delim === '\n' ? undefined : this.delimited(delim, true);
    if (source === undefined || delim === undefined) this.fail("unterminated `s' command", "unmatched '/'");
    const raw = this.delimited(delim, false);
    if (raw === undefined) this.fail("unterminated `s' command", "unmatched '/'");
    let flags = '';
    cmd.global = false;
    cmd.print = 0;
    for (;;) {
      const ch = this.inchar();
      if (ch === 'i' || ch === 'I' || ch === 'm' || ch === 'M' || ch === 'e') flags += ch;
      else if (ch === 'p') {
        if (cmd.print && this.flavor === 'gnu') this.fail("multiple `p' options to `s' command");
        cmd.print++;
      } else if (ch === 'g') {
        if (cmd.global && this.flavor === 'gnu') this.fail("multiple `g' options to `s' command");
        cmd.global = true;
      } else if (ch !== undefined && /\d/.test(ch)) {
        if (cmd.occurrence !== undefined && this.flavor === 'gnu')
          this.fail("multiple number options to `s' command");
        const n = this.number(ch);
        if (n === 0)
          this.fail("number option to `s' command may not be zero", 'bad option in substitution expression');
        cmd.occurrence = n;
      } else if (ch === 'w') {
        cmd.file = this.filename();
        break;
      } else if (ch === '}' || ch === '#') {
        this.savchar(ch);
        break;
      } else if (ch === undefined || ch === '\n' || ch === ';') break;
      else if (SPACE.test(ch)) continue;
      else this.fail("unknown option to `s'", 'bad option in substitution expression');
    }
    cmd.re = this.regex(source, flags);
    const { parts, maxRef } = this.replacement(raw);
    const groups = cmd.re ? cmd.re.groupCount : 9;
    if (maxRef > groups) {
      this.fail(
        `invalid reference \\${maxRef} on \`s' command's RHS`,
        `invalid reference \\${maxRef} on \`s' command's RHS`,
      );
    }
    cmd.replacement = parts;
  }

  private transliterate(cmd: Command): void {
    const delim = this.inchar();
    const unescapeText = (s: string) =>
      s.replace(/\\(.)/gs, (_, c: string) => (c === 'n' ? '\n' : c === '\\' ? '\\' : `\\${c}`));
    const from = delim === undefined ? undefined : this.delimited(delim, false);
    const to = from === undefined || delim === undefined ? undefined : this.delimited(delim, false);
    if (from === undefined || to === undefined) this.fail("unterminated `y' command", "unmatched '/'");
    const a = [...unescapeText(from)];
    const b = [...unescapeText(to)];
    if (a.length !== b.length) this.fail("strings for `y' command are different lengths", "unmatched '/'");
    cmd.map = new Map(a.map((c, i) => [c, b[i] as string]));
    this.endOfCommand();
  }

  private filename(): string {
    const name = this.label(true);
    if (!name) this.fail('missing filename in r/R/w/W commands', 'missing filename');
    return name;
  }

  compile(source: Source): void {
    this.text = source.text;
    this.pos = 0;
    this.where = source.where;
    for (;;) {
      let ch = this.inchar();
      while (ch === ';' || (ch !== undefined && (SPACE.test(ch) || ch === '\n'))) ch = this.inchar();
      if (ch === undefined) break;
      const cmd: Command = { negate: false, name: '', active: false, endLine: 0 };
      const a1 = this.address(ch, false);
      if (a1) {
        cmd.a1 = a1;
        ch = this.nonblank();
        if (ch === ',') {
          const a2 = this.address(this.nonblank(), true);
          if (!a2) this.fail("unexpected `,'", "unexpected ','");
          cmd.a2 = a2;
          ch = this.nonblank();
        }
        if (a1.kind === 'line' && a1.n === 0) {
          if (cmd.a2?.kind !== 'regex' || this.flavor === 'busybox') {
            if (this.flavor === 'gnu') this.fail('invalid usage of line address 0');
          } else {
            cmd.zero = true;
            cmd.active = true;
          }
        }
      }
      if (ch === '!') {
        cmd.negate = true;
        ch = this.nonblank();
        if (ch === '!') this.fail("multiple `!'s");
      }
      if (ch === undefined || ch === '\n' || ch === ';') {
        this.savchar(ch);
        this.fail('missing command');
      }
      cmd.name = ch;
      switch (ch) {
        case '#':
          if (cmd.a1) this.fail("comments don't accept any addresses");
          while (ch !== undefined && ch !== '\n') ch = this.inchar();
          continue;
        case '{':
          this.blocks.push(this.commands.length);
          this.commands.push(cmd);
          continue;
        case '}': {
          const open = this.blocks.pop();
          if (open === undefined) {
            // BusyBox ignores a stray `}`.
            if (this.flavor === 'busybox') continue;
            this.fail("unexpected `}'");
          }
          if (cmd.a1) this.fail("} doesn't want any addresses");
          (this.commands[open] as Command).jump = this.commands.length;
          this.commands.push(cmd);
          this.endOfCommand();
          continue;
        }
        case 'a':
        case 'i':
        case 'c':
          cmd.text = this.readText();
          break;
        case ':':
          if (cmd.a1) this.fail(": doesn't want any addresses");
          cmd.label = this.label(true);
          if (!cmd.label) this.fail('":" lacks a label');
          break;
        case 'b':
        case 't':
        case 'T':
          cmd.label = this.label(false);
          this.endOfCommand();
          break;
        case 'q':
        case 'Q': {
          if (cmd.a2) this.fail('command only uses one address');
          const c = this.nonblank();
          if (c !== undefined && /\d/.test(c)) cmd.status = this.number(c);
          else this.savchar(c);
          this.endOfCommand();
          break;
        }
        case 'l':
        case 'L': {
          const c = this.nonblank();
          if (c !== undefined && /\d/.test(c)) cmd.status = this.number(c);
          else this.savchar(c);
          this.endOfCommand();
          break;
        }
        case '=':
        case 'd':
        case 'D':
        case 'g':
        case 'G':
        case 'h':
        case 'H':
        case 'n':
        case 'N':
        case 'p':
        case 'P':
        case 'x':
        case 'z':
          this.endOfCommand();
          break;
        case 'r':
        case 'w':
          cmd.file = this.filename();
          break;
        case 's':
          this.substitute(cmd);
          break;
        case 'y':
          this.transliterate(cmd);
          break;
        default:
          this.fail(`unknown command: \`${ch}'`, `unsupported command ${ch}`);
      }
      this.commands.push(cmd);
    }
  }

  finish(): Command[] {
    if (this.blocks.length > 0) {
      this.pos = 0;
      this.fail("unmatched `{'", 'unterminated {');
    }
    const labels = new Map<string, number>();
    this.commands.forEach((c, i) => {
      if (c.name === ':' && c.label !== undefined) labels.set(c.label, i);
    });
    for (const c of this.commands) {
      if (c.name !== 'b' && c.name !== 't' && c.name !== 'T') continue;
      if (!c.label) c.jump = this.commands.length;
      else {
        const target = labels.get(c.label);
        if (target === undefined) {
          throw new SedError(
            this.flavor === 'gnu'
              ? `can't find label for jump to \`${c.label}'`
              : `can't find label for jump to '${c.label}'`,
            this.flavor === 'gnu' ? 4 : 1,
          );
        }
        c.jump = target;
      }
    }
    return this.commands;
  }
}

/** One line of input: its text and whether a newline ended it. */
interface Line {
  text: string;
  newline: boolean;
}

/** A stream of lines: all files as one, or one file (for -s and -i). */
interface Unit {
  lines: Line[];
  /** For -i: the file to write back. */
  file?: string;
}

function splitLines(text: string): Line[] {
  const parts = text.split('\n');
  const last = parts.pop() as string;
  const lines = parts.map((t) => ({ text: t, newline: true }));
  if (last !== '') lines.push({ text: last, newline: false });
  return lines;
}

/** Applies \U \L \u \l \E to replacement text. */
function applyCase(parts: { text: string; op?: string }[]): string {
  let out = '';
  let mode = '';
  let once = '';
  for (const part of parts) {
    if (part.op) {
      if (part.op === 'u' || part.op === 'l') once = part.op;
      else {
        mode = part.op === 'E' ? '' : part.op;
        once = '';
      }
      continue;
    }
    let t = part.text;
    if (mode === 'U') t = t.toUpperCase();
    if (mode === 'L') t = t.toLowerCase();
    if (once && t) {
      t = (once === 'u' ? (t[0] as string).toUpperCase() : (t[0] as string).toLowerCase()) + t.slice(1);
      once = '';
    }
    out += t;
  }
  return out;
}

/** `l`: the pattern space unambiguously, wrapped at `width` - 1 characters with `\`. */
function listLine(text: string, width: number): string {
  const escapes = C_ESCAPES;
  let out = '';
  let col = 0;
  for (const byte of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(byte);
    const piece = escapes[c] ?? (byte < 32 || byte >= 127 ? `\\${byte.toString(8).padStart(3, '0')}` : c);
    if (width > 1 && col + piece.length > width - 1) {
      out += '\\\n';
      col = 0;
    }
    out += piece;
    col += piece.length;
  }
  return `${out}$\n`;
}

interface Quit {
  status: number;
}

class Runner {
  private hold = '';
  private lastRegex: Pattern | undefined;
  private missingNewline = false;
  private out: (text: string) => void = () => {};
  private appendQueue: string[] = [];
  private files = new Map<string, string>();
  status = 0;

  private readonly ctx: ProgramContext;
  private readonly commands: Command[];
  private readonly quiet: boolean;
  private readonly flavor: Flavor;

  constructor(ctx: ProgramContext, commands: Command[], quiet: boolean, flavor: Flavor) {
    this.ctx = ctx;
    this.commands = commands;
    this.quiet = quiet;
    this.flavor = flavor;
  }

  private write(text: string, newline: boolean): void {
    if (this.missingNewline) this.out('\n');
    this.out(text);
    if (newline) this.out('\n');
    this.missingNewline = !newline;
  }

  private raw(text: string): void {
    if (!text) return;
    if (this.missingNewline) this.out('\n');
    this.missingNewline = false;
    this.out(text);
  }

  private regex(re: SedRegex): Pattern {
    if (re) {
      this.lastRegex = re;
      return re;
    }
    if (!this.lastRegex) throw new SedError('no previous regular expression', 4);
    return this.lastRegex;
  }

  private matches(a: Address, text: string, lineNo: number, isLast: boolean): boolean {
    switch (a.kind) {
      case 'line':
        return lineNo === a.n;
      case 'last':
        return isLast;
      case 'regex':
        return this.regex(a.re).test(text);
      case 'step':
        return a.step <= 0 ? lineNo === a.first : lineNo >= a.first && (lineNo - a.first) % a.step === 0;
      default:
        return false;
    }
  }

  private selected(cmd: Command, text: string, lineNo: number, isLast: boolean): boolean {
    if (!cmd.a1) return true;
    if (!cmd.a2) return this.matches(cmd.a1, text, lineNo, isLast);
    const a2 = cmd.a2;
    if (cmd.active) {
      if (a2.kind === 'line' || a2.kind === 'plus' || a2.kind === 'mult') {
        if (lineNo >= cmd.endLine) cmd.active = false;
        return lineNo <= cmd.endLine;
      }
      if (this.matches(a2, text, lineNo, isLast)) cmd.active = false;
      return true;
    }
    if (!this.matches(cmd.a1, text, lineNo, isLast)) return false;
    if (a2.kind === 'line') {
      cmd.endLine = a2.n;
      cmd.active = a2.n > lineNo;
    } else if (a2.kind === 'plus') {
      cmd.endLine = lineNo + a2.n;
      cmd.active = a2.n > 0;
    } else if (a2.kind === 'mult') {
      cmd.endLine = a2.n <= 0 ? lineNo : Math.ceil(lineNo / a2.n) * a2.n;
      cmd.active = cmd.endLine > lineNo;
    } else if (a2.kind === 'last') cmd.active = !isLast;
    else cmd.active = true;
    return true;
  }

  private substitute(cmd: Command, space: string): string | undefined {
    const re = this.regex(cmd.re ?? null);
    // BusyBox's `Ng` replaces every match, as `g` alone does.
    const occurrence = this.flavor === 'busybox' && cmd.global ? 1 : (cmd.occurrence ?? 1);
    let out = '';
    let last = 0;
    let pos = 0;
    let count = 0;
    let replaced = false;
    let previousEnd = -1;
    while (pos <= space.length) {
      const m = re.exec(space, pos);
      if (!m) break;
      // No empty match right where the previous match ended (GNU: `s/a*/x/g` on baaac is xbxcx).
      if (m.end === m.index && m.index === previousEnd) {
        if (m.index >= space.length) break;
        pos = m.index + 1;
        continue;
      }
      count++;
      this.ctx.meter.step();
      if (count >= occurrence) {
        const pieces = (cmd.replacement ?? []).map((p) =>
          p.kind === 'text'
            ? { text: p.text }
            : p.kind === 'group'
              ? { text: m.groups[p.n] ?? '' }
              : { text: '', op: p.op },
        );
        out += space.slice(last, m.index) + applyCase(pieces);
        last = m.end;
        replaced = true;
        if (!cmd.global) break;
      }
      previousEnd = m.end;
      pos = m.end > m.index ? m.end : m.end + 1;
    }
    if (!replaced) return undefined;
    return this.ctx.meter.string(out + space.slice(last));
  }

  private writeFile(name: string, text: string): void {
    if (name === '/dev/stdout') {
      this.write(text, true);
      return;
    }
    if (name === '/dev/stderr') {
      this.ctx.stderr.write(`${text}\n`);
      return;
    }
    const path = absolute(this.ctx, name);
    const previous = this.files.get(path) ?? '';
    const next = `${previous}${text}\n`;
    this.files.set(path, next);
    this.ctx.fs.writeFile(path, next, { actor: this.ctx.user });
  }

  /** Opens every w file (truncating it), as GNU does before reading input. */
  openFiles(): void {
    for (const cmd of this.commands) {
      if (!cmd.file || cmd.name === 'r') continue;
      if (cmd.file === '/dev/stdout' || cmd.file === '/dev/stderr') continue;
      const path = absolute(this.ctx, cmd.file);
      this.files.set(path, '');
      this.ctx.fs.writeFile(path, '', { actor: this.ctx.user });
    }
  }

  /** Runs the script over one unit; returns a Quit when q or Q ended the run. */
  run(unit: Unit, out: (text: string) => void): Quit | undefined {
    this.out = out;
    this.missingNewline = false;
    for (const cmd of this.commands) {
      cmd.active = cmd.zero === true;
    }
    const lines = unit.lines;
    let index = 0;
    let space = '';
    let newline = true;
    const read = (): boolean => {
      const line = lines[index];
      if (!line) return false;
      index++;
      space = line.text;
      newline = line.newline;
      return true;
    };
    const flushAppends = () => {
      for (const text of this.appendQueue) this.raw(text);
      this.appendQueue = [];
    };
    let carry: string | undefined;
    // Reading input is bounded by the input; only what can repeat without reading is counted:
    // backward branches, and D starting a cycle again on what is left.
    while (carry !== undefined || read()) {
      if (carry !== undefined) {
        space = carry;
        this.ctx.meter.step();
      }
      carry = undefined;
      let substituted = false;
      let pc = 0;
      let autoprint = !this.quiet;
      let restart = false;
      cycle: while (pc < this.commands.length) {
        const cmd = this.commands[pc] as Command;
        const lineNo = index;
        const isLast = index >= lines.length;
        const hit = this.selected(cmd, space, lineNo, isLast) !== cmd.negate;
        if (!hit) {
          pc = cmd.name === '{' ? (cmd.jump as number) + 1 : pc + 1;
          continue;
        }
        pc++;
        switch (cmd.name) {
          case '{':
          case '}':
          case ':':
            break;
          case '=':
            this.raw(`${lineNo}\n`);
            break;
          case 'a':
            this.appendQueue.push(cmd.text as string);
            break;
          case 'r':
            try {
              this.appendQueue.push(readText(this.ctx, cmd.file as string));
            } catch {
              // A missing file reads as nothing.
            }
            break;
          case 'i':
            this.raw(cmd.text as string);
            break;
          case 'c':
            // In a range, the text goes out once, at its end.
            if (!cmd.a2 || !cmd.active || cmd.negate) this.raw(cmd.text as string);
            autoprint = false;
            break cycle;
          case 'd':
            autoprint = false;
            break cycle;
          case 'D': {
            const nl = space.indexOf('\n');
            if (nl === -1) {
              autoprint = false;
              break cycle;
            }
            space = space.slice(nl + 1);
            autoprint = false;
            restart = true;
            break cycle;
          }
          case 'p':
            this.write(space, newline);
            break;
          case 'P': {
            const nl = space.indexOf('\n');
            this.write(nl === -1 ? space : space.slice(0, nl), nl === -1 ? newline : true);
            break;
          }
          case 'l':
            this.raw(listLine(space, cmd.status ?? 70));
            break;
          case 'n':
            if (index >= lines.length) {
              // No next line: GNU prints the pattern space and ends without running the rest.
              if (this.flavor === 'busybox' && this.quiet) autoprint = false;
              break cycle;
            }
            if (!this.quiet) this.write(space, newline);
            flushAppends();
            read();
            break;
          case 'N':
            if (index >= lines.length) {
              // GNU and BusyBox print the pattern space when N finds no next line (POSIX would not).
              break cycle;
            }
            flushAppends();
            {
              const text = space;
              read();
              space = this.ctx.meter.string(`${text}\n${space}`);
            }
            break;
          case 'g':
            space = this.hold;
            break;
          case 'G':
            space = this.ctx.meter.string(`${space}\n${this.hold}`);
            break;
          case 'h':
            this.hold = space;
            break;
          case 'H':
            this.hold = this.ctx.meter.string(`${this.hold}\n${space}`);
            break;
          case 'x':
            [space, this.hold] = [this.hold, space];
            break;
          case 'z':
            space = '';
            break;
          case 'y':
            space = [...space].map((c) => cmd.map?.get(c) ?? c).join('');
            break;
          case 's': {
            const result = this.substitute(cmd, space);
            if (result === undefined) break;
            space = result;
            substituted = true;
            for (let k = 0; k < (cmd.print ?? 0); k++) this.write(space, newline);
            if (cmd.file) this.writeFile(cmd.file, space);
            break;
          }
          case 'w':
            this.writeFile(cmd.file as string, space);
            break;
          case 'b':
            if ((cmd.jump as number) < pc) this.ctx.meter.step();
            pc = cmd.jump as number;
            break;
          case 't':
          case 'T':
            if (substituted === (cmd.name === 't')) {
              if ((cmd.jump as number) < pc) this.ctx.meter.step();
              pc = cmd.jump as number;
            }
            substituted = false;
            break;
          case 'q':
            if (autoprint) this.write(space, newline);
            flushAppends();
            return { status: cmd.status ?? 0 };
          case 'Q':
            return { status: cmd.status ?? 0 };
        }
      }
      if (autoprint) this.write(space, newline);
      flushAppends();
      // D with text left: the next cycle starts on it without reading a line.
      if (restart) carry = space;
    }
    return undefined;
  }
}

const GNU_USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

const BUSYBOX_USAGE = `${BUSYBOX_BANNER}

Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...
or: sed [-i[SFX]] [-nrE] CMD [FILE]...

	-e CMD	Add CMD to sed commands to be executed
	-f FILE	Add FILE contents to sed commands to be executed
	-i[SFX]	Edit files in-place (otherwise write to stdout)
		Optionally back files up, appending SFX
	-n	Suppress automatic printing of pattern space
	-r,-E	Use extended regex syntax

If no -e or -f, the first non-option argument is the sed command string.
Remaining arguments are input files (stdin if none).
`;

const GNU_VERSION = `sed (GNU sed) 4.9
Packaged by Debian
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Jay Fenlason, Tom Lord, Ken Pizzini,
Paolo Bonzini, Jim Meyering, and Assaf Gordon.

This sed program was built with SELinux support.
SELinux is disabled on this system.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
E-mail bug reports to: <bug-sed@gnu.org>.
`;

interface SedArgs {
  help?: boolean;
  version?: boolean;
  scripts: ({ kind: 'e'; text: string } | { kind: 'f'; name: string })[];
  quiet: boolean;
  inPlace: string | undefined;
  separate: boolean;
  extended: boolean;
  operands: string[];
}

/** GNU getopt over sed's options, where -i and --in-place take an optional attached suffix. */
function parseSedArgs(args: string[], flavor: Flavor): SedArgs | { error: string } {
  const r: SedArgs = {
    scripts: [],
    quiet: false,
    inPlace: undefined,
    separate: false,
    extended: false,
    operands: [],
  };
  const long: Record<string, string> = {
    quiet: 'n',
    silent: 'n',
    expression: 'e',
    file: 'f',
    'in-place': 'i',
    'regexp-extended': 'E',
    separate: 's',
    posix: '',
    debug: '',
    sandbox: '',
    unbuffered: 'u',
    'null-data': 'z',
    'line-length': 'l',
    help: '',
    version: '',
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      r.operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && flavor === 'gnu') {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      const matches = Object.keys(long).filter((k) => k.startsWith(name));
      const key = name in long ? name : matches.length === 1 ? (matches[0] as string) : undefined;
      if (key === undefined) {
        return {
          error: matches.length > 1 ? `option '${arg}' is ambiguous` : `unrecognized option '${arg}'`,
        };
      }
      const value = eq === -1 ? undefined : arg.slice(eq + 1);
      if (key === 'expression' || key === 'file' || key === 'line-length') {
        const v = value ?? args[++i];
        if (v === undefined) return { error: `option '--${key}' requires an argument` };
        if (key === 'expression') r.scripts.push({ kind: 'e', text: v });
        if (key === 'file') r.scripts.push({ kind: 'f', name: v });
      } else if (key === 'in-place') r.inPlace = value ?? '';
      else if (key === 'help') r.help = true;
      else if (key === 'version') r.version = true;
      else if (key === 'quiet' || key === 'silent') r.quiet = true;
      else if (key === 'regexp-extended') r.extended = true;
      else if (key === 'separate') r.separate = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      r.operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j] as string;
      if (c === 'e' || c === 'f' || c === 'l') {
        const v = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
        if (v === undefined) {
          return {
            error:
              flavor === 'gnu'
                ? `option requires an argument -- '${c}'`
                : `option requires an argument: ${c}`,
          };
        }
        if (c === 'e') r.scripts.push({ kind: 'e', text: v });
        if (c === 'f') r.scripts.push({ kind: 'f', name: v });
        break;
      }
      if (c === 'i') {
        r.inPlace = arg.slice(j + 1);
        break;
      }
      if (c === 'n') r.quiet = true;
      else if (c === 'E' || c === 'r') r.extended = true;
      else if (c === 's') r.separate = true;
      else if (c === 'u' || c === 'z') continue;
      else return { error: flavor === 'gnu' ? `invalid option -- '${c}'` : `unrecognized option: ${c}` };
    }
  }
  return r;
}

/** `sed [OPTION]... SCRIPT [FILE]...` */
export function sed(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseSedArgs(ctx.argv.slice(1), flavor);
    const usage = (status: number) => {
      ctx.stderr.write(flavor === 'gnu' ? GNU_USAGE : BUSYBOX_USAGE);
      return status;
    };
    if ('error' in parsed) {
      ctx.stderr.write(`sed: ${parsed.error}\n`);
      return usage(1);
    }
    if (parsed.help) {
      ctx.stdout.write(GNU_USAGE);
      return 0;
    }
    if (parsed.version) {
      ctx.stdout.write(GNU_VERSION);
      return 0;
    }
    const operands = [...parsed.operands];
    const sources: Source[] = [];
    // `-e 'a\' -e 'text'`: an expression ending in a backslash goes on into the next one.
    for (let i = parsed.scripts.length - 2; i >= 0; i--) {
      const a = parsed.scripts[i];
      const b = parsed.scripts[i + 1];
      if (a?.kind === 'e' && b?.kind === 'e' && /(^|[^\\])(\\\\)*\\$/.test(a.text)) {
        parsed.scripts.splice(i, 2, { kind: 'e', text: `${a.text}\n${b.text}` });
      }
    }
    let expression = 0;
    if (parsed.scripts.length === 0) {
      const script = operands.shift();
      if (script === undefined) return usage(flavor === 'gnu' ? 1 : 1);
      parsed.scripts.push({ kind: 'e', text: script });
    }
    for (const s of parsed.scripts) {
      if (s.kind === 'e') {
        const n = ++expression;
        sources.push({ text: s.text, where: (pos) => `-e expression #${n}, char ${pos}: ` });
        continue;
      }
      let text: string;
      try {
        text = s.name === '-' ? ctx.stdin.read() : readText(ctx, s.name);
      } catch (error) {
        ctx.stderr.write(
          flavor === 'gnu'
            ? `sed: couldn't open file ${s.name}: ${errorText(error)}\n`
            : `sed: can't open '${s.name}': ${errorText(error)}\n`,
        );
        return flavor === 'gnu' ? 4 : 1;
      }
      if (text.endsWith('\n')) text = text.slice(0, -1);
      sources.push({
        text,
        where: (pos) => {
          const line = text.slice(0, pos).split('\n').length;
          return `file ${s.name} line ${line}: `;
        },
      });
    }
    let commands: Command[];
    try {
      const compiler = new Compiler(flavor, parsed.extended);
      for (const source of sources) compiler.compile(source);
      commands = compiler.finish();
    } catch (error) {
      if (!(error instanceof SedError)) throw error;
      ctx.stderr.write(`sed: ${error.message}\n`);
      return error.status;
    }
    const runner = new Runner(ctx, commands, parsed.quiet, flavor);
    let status = 0;
    const units: Unit[] = [];
    const inPlace = parsed.inPlace !== undefined;
    if (inPlace && operands.length === 0) {
      ctx.stderr.write('sed: no input files\n');
      return flavor === 'gnu' ? 4 : 1;
    }
    if (operands.length === 0) operands.push('-');
    const separate = inPlace || parsed.separate;
    let joined: Line[] = [];
    let fatal: number | undefined;
    for (const operand of operands) {
      let text: string;
      try {
        if (inPlace) {
          const path = absolute(ctx, operand);
          const node = ctx.fs.stat(path);
          if (node && node.type !== 'file') {
            ctx.stderr.write(
              flavor === 'gnu'
                ? `sed: couldn't edit ${operand}: not a regular file\n`
                : `sed: can't open '${operand}': Is a directory\n`,
            );
            status = 4;
            continue;
          }
        }
        text = operand === '-' && !inPlace ? ctx.stdin.read() : readText(ctx, operand);
      } catch (error) {
        const message = errorText(error);
        if (flavor === 'busybox') {
          ctx.stderr.write(`sed: ${operand}: ${message}\n`);
          status = 1;
          continue;
        }
        if (message === 'Is a directory') {
          // GNU gives up at once (status 4) on a read error, after what came before.
          ctx.stderr.write(`sed: read error on ${operand}: ${message}\n`);
          fatal = 4;
          break;
        }
        ctx.stderr.write(`sed: can't read ${operand}: ${message}\n`);
        status = 2;
        continue;
      }
      const lines = splitLines(text);
      if (separate) units.push(inPlace ? { lines, file: operand } : { lines });
      else joined = joined.concat(lines);
    }
    if (!separate) units.push({ lines: joined });
    try {
      runner.openFiles();
      for (const unit of units) {
        let output = '';
        const quit = runner.run(
          unit,
          unit.file !== undefined
            ? (text) => {
                output = ctx.meter.string(output + text);
              }
            : (text) => ctx.stdout.write(text),
        );
        if (unit.file !== undefined) {
          const path = absolute(ctx, unit.file);
          if (parsed.inPlace) {
            const backup = parsed.inPlace.includes('*')
              ? parsed.inPlace.replaceAll('*', unit.file.split('/').pop() as string)
              : `${unit.file}${parsed.inPlace}`;
            ctx.fs.writeFile(absolute(ctx, backup), ctx.fs.readText(path), { actor: ctx.user });
          }
          ctx.fs.writeFile(path, output, { actor: ctx.user });
        }
        if (quit) return quit.status;
      }
      if (fatal !== undefined) return fatal;
    } catch (error) {
      if (error instanceof SedError) {
        ctx.stderr.write(`sed: ${error.message}\n`);
        return error.status;
      }
      if (error instanceof PatternBudgetError) {
        ctx.stderr.write('sed: regex input buffer length larger than INT_MAX\n');
        return 4;
      }
      throw error;
    }
    return status;
  };
}
