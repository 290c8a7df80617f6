import { compilePattern, type Pattern, PatternBudgetError } from '../regex/index.ts';
import type { Program, ProgramContext } from '../shell/program.ts';
import { bufferStream, textInput } from '../shell/streams.ts';
import { BUSYBOX_BANNER } from './args.ts';
import {
  type AwkFunction,
  type AwkProgram,
  AwkSyntaxError,
  type Expr,
  parseAwk,
  type Stmt,
  unescapeAwk,
} from './awk-parse.ts';
import type { Flavor } from './flavor.ts';
import { formatFloat, formatInteger, padField } from './printf.ts';
import { absolute, errorText, readText } from './read.ts';
import { RegexError, translateRegex } from './regex.ts';

/**
 * `awk`: POSIX awk as mawk 1.3.4 runs it on Ubuntu (`/usr/bin/awk` → mawk), or BusyBox awk in
 * images. A tree-walking interpreter over the sandbox's regex engine; every loop turn, function
 * call and substitution counts against the line's work budget (reading records is bounded by the
 * input, and what is printed is counted as output).
 *
 * `for (k in a)` visits keys in the order they were first stored. Real awks use their hash tables'
 * order (mawk's and gawk's differ from each other and from this); scripts that care sort the keys.
 */

/** A value: number, string, strnum (input that looks numeric), or uninitialised. */
type Value = { t: 'n'; n: number } | { t: 's'; s: string } | { t: 'sn'; s: string; n: number } | { t: 'u' };

const UNINIT: Value = { t: 'u' };
const num = (n: number): Value => ({ t: 'n', n });
const str = (s: string): Value => ({ t: 's', s });

/** C's strtod on a prefix of `text` (leading blanks, sign, decimal or hex, inf/nan). */
function strtod(text: string): { n: number; length: number } {
  const m =
    /^[ \t\n\r\f\v]*([+-]?)(0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)/i.exec(
      text,
    );
  if (!m) return { n: 0, length: 0 };
  const body = (m[2] as string).toLowerCase();
  let n: number;
  if (body.startsWith('inf')) n = Number.POSITIVE_INFINITY;
  else if (body === 'nan') n = Number.NaN;
  else if (body.startsWith('0x')) n = Number.parseInt(body.slice(2).split(/[.p]/)[0] || '0', 16);
  else n = Number(body);
  return { n: m[1] === '-' ? -n : n, length: m[0].length };
}

/** Input text as a value: a strnum when it looks like a number (mawk's check_strnum). */
function input(s: string): Value {
  const trimmed = s.replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, '');
  if (trimmed === '' || !/[\d.]$/.test(trimmed) || !/^[\d+\-.]/.test(trimmed)) return str(s);
  const { n, length } = strtod(trimmed);
  return length === trimmed.length ? { t: 'sn', s, n } : str(s);
}

const MAX_INT = 2147483647;

/** C's %.6g-style conversion of a number (CONVFMT/OFMT), integers as %d. */
function numberText(n: number, format: string): string {
  if (Number.isInteger(n) && n >= -MAX_INT && n <= MAX_INT) return String(n === 0 ? 0 : n);
  if (Number.isNaN(n)) return n < 0 ? '-nan' : Object.is(n, Number.NaN) ? '-nan' : 'nan';
  return sprintf(format, [num(n)], () => {});
}

function toNum(v: Value): number {
  switch (v.t) {
    case 'n':
    case 'sn':
      return v.n;
    case 's':
      return strtod(v.s).n;
    default:
      return 0;
  }
}

function isNumeric(v: Value): boolean {
  return v.t === 'n' || v.t === 'sn' || v.t === 'u';
}

function truthy(v: Value): boolean {
  switch (v.t) {
    case 'n':
    case 'sn':
      return v.n !== 0;
    case 's':
      return v.s !== '';
    default:
      return false;
  }
}

/** awk's printf/sprintf over typed values. */
function sprintf(
  format: string,
  args: Value[],
  missing: () => void,
  toStr = (v: Value) => valueText(v, '%.6g'),
): string {
  let out = '';
  let used = 0;
  const next = (): Value => {
    if (used >= args.length) {
      try {
        missing();
      } catch (error) {
        if (error instanceof AwkRuntimeError) error.partial = out;
        throw error;
      }
      return UNINIT;
    }
    return args[used++] as Value;
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i] as string;
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(h|l|ll|L|q|j|z|t)?([diouxXcsfFeEgGaA%])/.exec(
      format.slice(i),
    );
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length - 1;
    const conv = m[5] as string;
    if (conv === '%') {
      out += '%';
      continue;
    }
    let flags = m[1] ?? '';
    let width = m[2] === '*' ? Math.trunc(toNum(next())) : m[2] ? Number(m[2]) : undefined;
    const precision =
      m[3] === '*' ? Math.trunc(toNum(next())) : m[3] !== undefined ? Number(m[3] || '0') : undefined;
    if (width !== undefined && width < 0) {
      flags += '-';
      width = -width;
    }
    const spec = {
      flags,
      width,
      precision: precision !== undefined && precision < 0 ? undefined : precision,
      conv,
    };
    const arg = next();
    if (conv === 's') out += padField(toStr(arg).slice(0, spec.precision ?? undefined), spec, false);
    else if (conv === 'c') {
      const ch = arg.t === 'n' ? String.fromCharCode(Math.trunc(arg.n) & 0xff) : toStr(arg).slice(0, 1);
      out += padField(ch, spec, false);
    } else if ('diouxX'.includes(conv)) {
      const n = toNum(arg);
      const conv2 = conv === 'i' ? 'd' : conv;
      if (!Number.isFinite(n)) {
        out += padField(Number.isNaN(n) ? '-nan' : n < 0 ? '-inf' : 'inf', spec, false);
      } else out += formatInteger(n, { ...spec, conv: conv2 });
    } else out += formatFloat(toNum(arg), { ...spec, conv: conv === 'a' || conv === 'A' ? 'e' : conv });
  }
  return out;
}

function valueText(v: Value, convfmt: string): string {
  switch (v.t) {
    case 'n':
      return numberText(v.n, convfmt);
    case 's':
    case 'sn':
      return v.s;
    default:
      return '';
  }
}

/** Thrown by mawk-style run time errors (status 2); `partial` is printf's output before the error. */
class AwkRuntimeError extends Error {
  partial = '';
}
class NextSignal {}
class NextFileSignal {}
class BreakSignal {}
class ContinueSignal {}
class ExitSignal {
  readonly status: number | undefined;
  constructor(status: number | undefined) {
    this.status = status;
  }
}
class ReturnSignal {
  readonly value: Value;
  constructor(value: Value) {
    this.value = value;
  }
}

/** A variable: a scalar, or an array; `link` ties an untyped parameter to the caller's variable. */
interface Cell {
  value: Value;
  array?: Map<string, Value>;
  link?: Cell;
}

interface OutputFile {
  kind: 'file' | 'pipe';
  text: string;
  path?: string;
}

interface InputFile {
  lines: string[] | undefined;
  text: string;
  pos: number;
  failed: boolean;
}

/** Splits text into records by RS: newline, one character, "" (paragraphs) or a regex. */
function nextRecord(
  source: { text: string; pos: number },
  rs: string,
  regex: (src: string) => Pattern,
): string | undefined {
  const { text } = source;
  if (rs === '') {
    let p = source.pos;
    while (text[p] === '\n') p++;
    if (p >= text.length) {
      source.pos = text.length;
      return undefined;
    }
    const m = /\n\n+/g;
    m.lastIndex = p;
    const found = m.exec(text);
    if (!found) {
      source.pos = text.length;
      return text.slice(p).replace(/\n+$/, '');
    }
    source.pos = found.index + found[0].length;
    return text.slice(p, found.index);
  }
  if (source.pos >= text.length) return undefined;
  if (rs.length === 1) {
    const at = text.indexOf(rs, source.pos);
    const end = at === -1 ? text.length : at;
    const record = text.slice(source.pos, end);
    source.pos = at === -1 ? text.length : at + 1;
    return record;
  }
  const m = regex(rs).exec(text, source.pos);
  if (!m || m.end === m.index) {
    const record = text.slice(source.pos);
    source.pos = text.length;
    return record;
  }
  const record = text.slice(source.pos, m.index);
  source.pos = m.end;
  return record;
}

class Interpreter {
  private readonly ctx: ProgramContext;
  private readonly program: AwkProgram;
  private readonly name: string;
  private readonly busybox: boolean;
  private globals = new Map<string, Cell>();
  private frames: Map<string, Cell>[] = [];
  private record = '';
  /** FS as it was when the record was read: a later change of FS applies to the next record. */
  private recordFS = ' ';
  private fields: Value[] | undefined = [];
  private nf = 0;
  private regexCache = new Map<string, Pattern>();
  private outputs = new Map<string, OutputFile>();
  private inputs = new Map<string, InputFile>();
  private commandInputs = new Map<string, InputFile>();
  private operandIndex = 0;
  private current: { text: string; pos: number } | undefined;
  private usedStdin = false;
  private sawFile = false;
  private randSeed = 0;
  private prevSeed = 0;
  private randState = 0;
  exitStatus = 0;

  constructor(ctx: ProgramContext, program: AwkProgram, name: string, busybox: boolean, operands: string[]) {
    this.ctx = ctx;
    this.program = program;
    this.name = name;
    this.busybox = busybox;
    const set = (k: string, v: Value) => this.globals.set(k, { value: v });
    set('FS', str(' '));
    set('OFS', str(' '));
    set('ORS', str('\n'));
    set('RS', str('\n'));
    set('NR', num(0));
    set('FNR', num(0));
    set('SUBSEP', str('\x1c'));
    set('CONVFMT', str('%.6g'));
    set('OFMT', str('%.6g'));
    set('RSTART', num(0));
    set('RLENGTH', num(-1));
    set('FILENAME', str(''));
    const env = new Map<string, Value>();
    for (const [k, v] of Object.entries(ctx.env)) env.set(k, input(v));
    this.globals.set('ENVIRON', { value: UNINIT, array: env });
    const argv = new Map<string, Value>();
    argv.set('0', str(name));
    for (const [i, a] of operands.entries()) argv.set(String(i + 1), input(a));
    this.globals.set('ARGV', { value: UNINIT, array: argv });
    set('ARGC', num(operands.length + 1));
    this.randState = ctx.random ? Math.floor((ctx.now() / 1000) % 2147483647) : 0;
    this.randSeed = this.randState;
    this.prevSeed = this.randSeed;
  }

  // ---- variables ----

  private cell(name: string): Cell {
    const frame = this.frames[this.frames.length - 1];
    const local = frame?.get(name);
    if (local) return local;
    let c = this.globals.get(name);
    if (!c) {
      c = { value: UNINIT };
      this.globals.set(name, c);
    }
    return c;
  }

  private array(name: string): Map<string, Value> {
    const c = this.cell(name);
    if (!c.array) {
      if (c.value.t !== 'u') throw new AwkRuntimeError(`can't use scalar ${name} as array`);
      let root: Cell = c;
      while (root.link) root = root.link;
      root.array ??= new Map();
      c.array = root.array;
    }
    return c.array;
  }

  private scalar(name: string): Value {
    if (name === 'NF') {
      this.split();
      return num(this.nf);
    }
    const c = this.cell(name);
    if (c.array) throw new AwkRuntimeError(`can't use array ${name} in scalar context`);
    return c.value;
  }

  private setScalar(name: string, v: Value): void {
    if (name === 'NF') {
      this.split();
      this.setNF(Math.trunc(toNum(v)));
      return;
    }
    const c = this.cell(name);
    if (c.array) throw new AwkRuntimeError(`can't assign to array ${name}`);
    c.value = v;
  }

  private str(v: Value): string {
    return valueText(v, this.convfmt());
  }

  private convfmt(): string {
    return valueText(this.cell('CONVFMT').value, '%.6g');
  }

  private outText(v: Value): string {
    if (v.t === 'n') return numberText(v.n, valueText(this.cell('OFMT').value, '%.6g'));
    return this.str(v);
  }

  // ---- records and fields ----

  private setRecord(text: string): void {
    this.record = this.ctx.meter.string(text);
    this.recordFS = this.str(this.scalar('FS'));
    this.fields = undefined;
  }

  private split(): Value[] {
    if (this.fields) return this.fields;
    const parts = this.splitText(this.record, this.recordFS, this.str(this.scalar('RS')) === '');
    this.fields = parts.map(input);
    this.nf = parts.length;
    return this.fields;
  }

  /** Splits by an FS value: " " (blanks), one character, "" (characters) or a regex. */
  private splitText(text: string, fs: string, paragraph = false): string[] {
    if (text === '') return [];
    if (fs === ' ') {
      const t = text.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
      return t === '' ? [] : t.split(/[ \t\n]+/);
    }
    if (fs === '') return [...text];
    let parts: string[];
    if (fs.length === 1 && fs !== '\\') {
      parts = text.split(fs);
    } else {
      const re = this.regex(fs);
      parts = [];
      let last = 0;
      for (const m of re.matchAll(text)) {
        if (m.end === m.index) continue;
        parts.push(text.slice(last, m.index));
        last = m.end;
      }
      parts.push(text.slice(last));
    }
    if (paragraph && fs !== ' ') parts = parts.flatMap((p) => p.split('\n'));
    return parts;
  }

  private rebuild(): void {
    const ofs = this.str(this.scalar('OFS'));
    this.record = this.ctx.meter.string((this.fields ?? []).map((f) => this.str(f)).join(ofs));
  }

  private setNF(n: number): void {
    const fields = this.split();
    if (n < 0) n = 0;
    while (fields.length < n) fields.push(UNINIT);
    fields.length = n;
    this.nf = n;
    this.rebuild();
  }

  private getField(i: number): Value {
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    if (i === 0) return input(this.record);
    const fields = this.split();
    return fields[i - 1] ?? UNINIT;
  }

  private setField(i: number, v: Value): void {
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    if (i === 0) {
      this.setRecord(this.str(v));
      return;
    }
    const fields = this.split();
    while (fields.length < i) fields.push(UNINIT);
    fields[i - 1] = v.t === 'n' ? str(this.str(v)) : v;
    this.nf = fields.length;
    this.rebuild();
  }

  // ---- regexes ----

  regex(src: string): Pattern {
    let re = this.regexCache.get(src);
    if (re) return re;
    let pre = '';
    for (let i = 0; i < src.length; i++) {
      const c = src[i] as string;
      if (c === '\\' && i + 1 < src.length) {
        const n = src[++i] as string;
        const map: Record<string, string> = {
          n: '\n',
          t: '\t',
          r: '\r',
          f: '\f',
          v: '\v',
          a: '\x07',
          '/': '/',
          '"': '"',
        };
        pre += map[n] ?? `\\${n}`;
      } else pre += c;
    }
    try {
      re = compilePattern(translateRegex(pre, true));
    } catch (error) {
      const message = error instanceof RegexError ? error.message : 'bad regular expression';
      throw new AwkRuntimeError(`regular expression compile failed (${message})\n${src}`);
    }
    this.regexCache.set(src, re);
    return re;
  }

  private async regexOf(e: Expr): Promise<Pattern> {
    if (e.k === 'regex') return this.regex(e.src);
    return this.regex(this.str(await this.eval(e)));
  }

  // ---- evaluation ----

  private async eval(e: Expr): Promise<Value> {
    switch (e.k) {
      case 'num':
        return num(e.v);
      case 'str':
        return str(e.v);
      case 'regex':
        return num(this.regex(e.src).test(this.record) ? 1 : 0);
      case 'var':
        return this.scalar(e.name);
      case 'field':
        return this.getField(Math.trunc(toNum(await this.eval(e.index))));
      case 'index': {
        const key = await this.subscript(e.subs);
        const arr = this.array(e.name);
        let v = arr.get(key);
        if (v === undefined) {
          v = UNINIT;
          arr.set(key, v);
        }
        return v;
      }
      case 'group':
        return this.eval(e.items[e.items.length - 1] as Expr);
      case 'assign':
        return this.assign(e.target, e.op, e.value);
      case 'cond':
        return truthy(await this.eval(e.test)) ? this.eval(e.yes) : this.eval(e.no);
      case 'and':
        return num(truthy(await this.eval(e.a)) && truthy(await this.eval(e.b)) ? 1 : 0);
      case 'or':
        return num(truthy(await this.eval(e.a)) || truthy(await this.eval(e.b)) ? 1 : 0);
      case 'in': {
        const key = await this.subscript(e.subs);
        return num(this.array(e.name).has(key) ? 1 : 0);
      }
      case 'match': {
        const text = this.str(await this.eval(e.a));
        const hit = (await this.regexOf(e.re)).test(text);
        return num(hit !== e.negate ? 1 : 0);
      }
      case 'bin':
        return num(this.arith(e.op, toNum(await this.eval(e.a)), toNum(await this.eval(e.b))));
      case 'cmp':
        return num(this.compare(e.op, await this.eval(e.a), await this.eval(e.b)) ? 1 : 0);
      case 'concat': {
        const a = this.str(await this.eval(e.a));
        const b = this.str(await this.eval(e.b));
        return str(this.ctx.meter.string(a + b));
      }
      case 'unary': {
        const v = await this.eval(e.a);
        if (e.op === '!') return num(truthy(v) ? 0 : 1);
        return num(e.op === '-' ? -toNum(v) : toNum(v));
      }
      case 'incr': {
        const old = toNum(await this.eval(e.target));
        const next = e.op === '++' ? old + 1 : old - 1;
        await this.store(e.target, num(next));
        return num(e.prefix ? next : old);
      }
      case 'call':
        return this.call(e.name, e.args);
      case 'builtin':
        return this.builtin(e.name, e.args);
      case 'getline':
        return this.getline(e);
    }
  }

  private arith(op: string, a: number, b: number): number {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0 && this.busybox) throw new AwkRuntimeError('Division by zero');
        return a / b;
      case '%':
        if (b === 0 && this.busybox) throw new AwkRuntimeError('Division by zero');
        return a % b;
      default:
        return a ** b;
    }
  }

  private compare(op: string, a: Value, b: Value): boolean {
    let c: number;
    if (isNumeric(a) && isNumeric(b)) {
      const x = toNum(a);
      const y = toNum(b);
      c = x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.NaN;
    } else {
      const x = this.str(a);
      const y = this.str(b);
      c = x < y ? -1 : x > y ? 1 : 0;
    }
    switch (op) {
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '>=':
        return c >= 0;
      case '==':
        return c === 0;
      default:
        return c !== 0;
    }
  }

  private async subscript(subs: Expr[]): Promise<string> {
    const parts: string[] = [];
    for (const s of subs) {
      const v = await this.eval(s);
      parts.push(v.t === 'n' && !Number.isInteger(v.n) ? this.str(v) : this.str(v));
    }
    return parts.join(this.str(this.scalar('SUBSEP')));
  }

  private async store(target: Expr, v: Value): Promise<void> {
    if (target.k === 'var') this.setScalar(target.name, v);
    else if (target.k === 'field') this.setField(Math.trunc(toNum(await this.eval(target.index))), v);
    else if (target.k === 'index') {
      const key = await this.subscript(target.subs);
      this.array(target.name).set(key, v);
    }
  }

  private async assign(target: Expr, op: string, valueExpr: Expr): Promise<Value> {
    let v: Value;
    if (op === '=') {
      v = await this.eval(valueExpr);
      if (v.t === 'u') v = UNINIT;
    } else {
      const right = toNum(await this.eval(valueExpr));
      const left = toNum(await this.eval(target));
      v = num(this.arith(op.slice(0, -1), left, right));
    }
    await this.store(target, v);
    return v;
  }

  private async call(name: string, args: Expr[]): Promise<Value> {
    const fn = this.program.functions.get(name) as AwkFunction;
    if (args.length > fn.params.length) {
      throw new AwkRuntimeError(`too many arguments in call to ${name}`);
    }
    const frame = new Map<string, Cell>();
    for (const [i, param] of fn.params.entries()) {
      const arg = args[i];
      if (!arg) {
        frame.set(param, { value: UNINIT });
        continue;
      }
      if (arg.k === 'var') {
        const c = this.cell(arg.name);
        if (c.array) {
          frame.set(param, { value: UNINIT, array: c.array });
          continue;
        }
        if (c.value.t === 'u' && arg.name !== 'NF') {
          frame.set(param, { value: UNINIT, link: c });
          continue;
        }
      }
      frame.set(param, { value: await this.eval(arg) });
    }
    this.ctx.meter.step();
    return this.ctx.meter.nested(async () => {
      this.frames.push(frame);
      try {
        await this.run(fn.body);
        return UNINIT;
      } catch (signal) {
        if (signal instanceof ReturnSignal) return signal.value;
        throw signal;
      } finally {
        this.frames.pop();
      }
    });
  }

  private async builtin(name: string, args: Expr[]): Promise<Value> {
    const arg = (i: number) => this.eval(args[i] as Expr);
    const text = async (i: number) => this.str(await arg(i));
    switch (name) {
      case 'length': {
        if (args.length === 0) return num(this.length(this.record));
        const a = args[0] as Expr;
        if (a.k === 'var') {
          const c = this.cell(a.name);
          if (c.array) return num(c.array.size);
        }
        return num(this.length(await text(0)));
      }
      case 'substr': {
        const s = await text(0);
        const chars = [...s];
        // mawk truncates a fractional start and length (gawk would round them).
        let start = Math.trunc(toNum(await arg(1)));
        let length = args.length > 2 ? toNum(await arg(2)) : Number.POSITIVE_INFINITY;
        if (Number.isNaN(length)) length = 0;
        length = Number.isFinite(length) ? Math.trunc(length) : length;
        if (start < 1) {
          length += start - 1;
          start = 1;
        }
        if (length <= 0 || start > chars.length) return str('');
        return str(chars.slice(start - 1, Number.isFinite(length) ? start - 1 + length : undefined).join(''));
      }
      case 'index': {
        const s = await text(0);
        const t = await text(1);
        return num(s.indexOf(t) + 1);
      }
      case 'split': {
        const s = await text(0);
        const a = args[1] as Expr;
        if (a.k !== 'var') throw new AwkRuntimeError('split: second argument must be an array');
        const arr = this.array(a.name);
        let parts: string[];
        if (args.length > 2) {
          const sep = args[2] as Expr;
          if (sep.k === 'regex') {
            parts = s === '' ? [] : this.splitRegex(s, this.regex(sep.src));
          } else parts = this.splitText(s, await text(2));
        } else parts = this.splitText(s, this.str(this.scalar('FS')));
        arr.clear();
        for (const [i, p] of parts.entries()) arr.set(String(i + 1), input(p));
        this.ctx.meter.produce(s.length);
        return num(parts.length);
      }
      case 'sub':
      case 'gsub': {
        const re = await this.regexOf(args[0] as Expr);
        const repl = await text(1);
        const target: Expr = args[2] ?? { k: 'field', index: { k: 'num', v: 0 } };
        const subject = this.str(await this.eval(target));
        const { result, count } = this.substitute(re, repl, subject, name === 'gsub');
        if (count > 0) await this.store(target, str(result));
        return num(count);
      }
      case 'match': {
        const s = await text(0);
        const m = (await this.regexOf(args[1] as Expr)).exec(s);
        const start = m ? [...s.slice(0, m.index)].length + 1 : 0;
        const length = m ? [...s.slice(m.index, m.end)].length : -1;
        this.setScalar('RSTART', num(start));
        this.setScalar('RLENGTH', num(length));
        return num(start);
      }
      case 'sprintf': {
        const values: Value[] = [];
        for (let i = 1; i < args.length; i++) values.push(await arg(i));
        const format = await text(0);
        return str(this.ctx.meter.string(this.format(format, values, 'sprintf')));
      }
      case 'tolower':
        return str(
          this.busybox
            ? (await text(0)).toLowerCase()
            : (await text(0)).replace(/[A-Z]+/g, (m) => m.toLowerCase()),
        );
      case 'toupper':
        return str(
          this.busybox
            ? (await text(0)).toUpperCase()
            : (await text(0)).replace(/[a-z]+/g, (m) => m.toUpperCase()),
        );
      case 'int':
        return num(Math.trunc(toNum(await arg(0))));
      case 'sqrt':
        return num(Math.sqrt(toNum(await arg(0))));
      case 'exp':
        return num(Math.exp(toNum(await arg(0))));
      case 'log':
        return num(Math.log(toNum(await arg(0))));
      case 'sin':
        return num(Math.sin(toNum(await arg(0))));
      case 'cos':
        return num(Math.cos(toNum(await arg(0))));
      case 'atan2':
        return num(Math.atan2(toNum(await arg(0)), toNum(await arg(1))));
      case 'rand': {
        // A 31-bit linear congruential generator, seeded by srand (deterministic in the sandbox).
        this.randState = (this.randState * 1103515245 + 12345) % 2147483648;
        return num(this.randState / 2147483648);
      }
      case 'srand': {
        const previous = this.prevSeed;
        const seed = args.length > 0 ? toNum(await arg(0)) : Math.floor(this.ctx.now() / 1000);
        this.prevSeed = seed;
        this.randState = Math.abs(Math.trunc(seed)) % 2147483648;
        return num(previous);
      }
      case 'system': {
        const cmd = await text(0);
        await this.flushAll();
        const status = await this.ctx.shell(cmd);
        return num(status);
      }
      case 'close': {
        const key = await text(0);
        return num(await this.close(key));
      }
      case 'fflush':
        return num(0);
    }
    return UNINIT;
  }

  /** mawk counts bytes (UTF-8), BusyBox characters. */
  private length(s: string): number {
    return this.busybox ? [...s].length : new TextEncoder().encode(s).length;
  }

  private splitRegex(s: string, re: Pattern): string[] {
    const parts: string[] = [];
    let last = 0;
    for (const m of re.matchAll(s)) {
      if (m.end === m.index) continue;
      parts.push(s.slice(last, m.index));
      last = m.end;
    }
    parts.push(s.slice(last));
    return parts;
  }

  /** sub/gsub: `&` is the match, `\&` a literal &, `\\` a backslash. */
  private substitute(
    re: Pattern,
    repl: string,
    subject: string,
    global: boolean,
  ): { result: string; count: number } {
    let out = '';
    let last = 0;
    let pos = 0;
    let count = 0;
    let previousEnd = -1;
    while (pos <= subject.length) {
      const m = re.exec(subject, pos);
      if (!m) break;
      if (m.end === m.index && m.index === previousEnd) {
        if (m.index >= subject.length) break;
        pos = m.index + 1;
        continue;
      }
      this.ctx.meter.step();
      count++;
      let r = '';
      for (let i = 0; i < repl.length; i++) {
        const c = repl[i] as string;
        if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) {
          r += repl[++i];
        } else if (c === '&') r += subject.slice(m.index, m.end);
        else r += c;
      }
      out += subject.slice(last, m.index) + r;
      last = m.end;
      previousEnd = m.end;
      if (!global) break;
      pos = m.end > m.index ? m.end : m.end + 1;
    }
    if (count === 0) return { result: subject, count };
    return { result: this.ctx.meter.string(out + subject.slice(last)), count };
  }

  private format(format: string, values: Value[], what: 'printf' | 'sprintf'): string {
    return sprintf(
      format,
      values,
      () => {
        if (!this.busybox) throw new AwkRuntimeError(`not enough arguments passed to ${what}("${format}")`);
      },
      (v) => this.str(v),
    );
  }

  // ---- input ----

  private async getline(e: Extract<Expr, { k: 'getline' }>): Promise<Value> {
    let line: string | undefined;
    if (e.file) {
      const name = this.str(await this.eval(e.file));
      let f = this.inputs.get(name);
      if (!f) {
        f = { lines: undefined, text: '', pos: 0, failed: false };
        try {
          f.text = name === '-' || name === '/dev/stdin' ? this.readStdin() : readText(this.ctx, name);
        } catch (error) {
          errorText(error);
          f.failed = true;
        }
        this.inputs.set(name, f);
      }
      if (f.failed) return num(-1);
      line = nextRecord(f, this.str(this.scalar('RS')), (s) => this.regex(s));
      if (line === undefined) return num(0);
      if (e.target) await this.store(e.target, input(line));
      else {
        this.setRecord(line);
        this.bump('NR');
      }
      return num(1);
    }
    if (e.cmd) {
      const cmd = this.str(await this.eval(e.cmd));
      let f = this.commandInputs.get(cmd);
      if (!f) {
        await this.flushAll();
        const out = bufferStream(this.ctx.meter);
        await this.ctx.shell(cmd, { stdout: out });
        f = { lines: undefined, text: out.text(), pos: 0, failed: false };
        this.commandInputs.set(cmd, f);
      }
      line = nextRecord(f, this.str(this.scalar('RS')), (s) => this.regex(s));
      if (line === undefined) return num(0);
      if (e.target) await this.store(e.target, input(line));
      else {
        this.setRecord(line);
        this.bump('NR');
      }
      return num(1);
    }
    line = await this.readMain();
    if (line === undefined) return num(0);
    this.bump('NR');
    this.bump('FNR');
    if (e.target) await this.store(e.target, input(line));
    else this.setRecord(line);
    return num(1);
  }

  private bump(name: string): void {
    this.setScalar(name, num(toNum(this.scalar(name)) + 1));
  }

  private readStdin(): string {
    if (this.usedStdin) return '';
    this.usedStdin = true;
    return this.ctx.stdin.read();
  }

  /** The next main-input record, opening ARGV's files (and applying var=value operands) in turn. */
  private async readMain(): Promise<string | undefined> {
    for (;;) {
      if (this.current) {
        const record = nextRecord(this.current, this.str(this.scalar('RS')), (s) => this.regex(s));
        if (record !== undefined) return record;
        this.current = undefined;
      }
      const argc = Math.trunc(toNum(this.scalar('ARGC')));
      const argv = this.array('ARGV');
      let operand: string | undefined;
      while (this.operandIndex + 1 < argc) {
        this.operandIndex++;
        const v = argv.get(String(this.operandIndex));
        const text = v ? this.str(v) : '';
        if (text === '') continue;
        const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(text);
        if (assignment) {
          this.setScalar(assignment[1] as string, input(unescapeAwk(assignment[2] as string)));
          continue;
        }
        operand = text;
        break;
      }
      if (operand === undefined) {
        if (this.sawFile) return undefined;
        this.sawFile = true;
        this.current = { text: this.readStdin(), pos: 0 };
        this.setScalar('FILENAME', str('-'));
        this.setScalar('FNR', num(0));
        continue;
      }
      this.sawFile = true;
      let text: string;
      try {
        text = operand === '-' || operand === '/dev/stdin' ? this.readStdin() : readText(this.ctx, operand);
      } catch (error) {
        const message = errorText(error);
        if (this.busybox) throw new AwkFatal(`awk: ${operand}: ${message}\n`, 1);
        throw new AwkFatal(`${this.name}: cannot open ${operand} (${message})\n`, 2);
      }
      this.current = { text, pos: 0 };
      this.setScalar('FILENAME', str(operand));
      this.setScalar('FNR', num(0));
    }
  }

  // ---- output ----

  private async output(text: string, redirect: { op: string; dest: Expr } | undefined): Promise<void> {
    if (!redirect) {
      this.ctx.stdout.write(text);
      return;
    }
    const dest = this.str(await this.eval(redirect.dest));
    if (dest === '/dev/stdout' || dest === '-') {
      this.ctx.stdout.write(text);
      return;
    }
    if (dest === '/dev/stderr') {
      this.ctx.stderr.write(text);
      return;
    }
    let out = this.outputs.get(dest);
    if (!out) {
      if (redirect.op === '|') out = { kind: 'pipe', text: '' };
      else {
        const path = absolute(this.ctx, dest);
        let previous = '';
        try {
          if (redirect.op === '>>' && this.ctx.fs.exists(path)) previous = this.ctx.fs.readText(path);
          this.ctx.fs.writeFile(path, previous, { actor: this.ctx.user });
        } catch (error) {
          const message = errorText(error);
          throw new AwkFatal(
            this.busybox
              ? `awk: cannot open "${dest}" for output: ${message}\n`
              : `${this.name}: cannot open "${dest}" for output (${message})\n`,
            2,
          );
        }
        out = { kind: 'file', text: previous, path };
      }
      this.outputs.set(dest, out);
    }
    out.text = this.ctx.meter.string(out.text + text);
    this.ctx.meter.produce(text.length);
  }

  private async flushOne(key: string, out: OutputFile): Promise<number> {
    if (out.kind === 'file') {
      this.ctx.fs.writeFile(out.path as string, out.text, { actor: this.ctx.user });
      return 0;
    }
    const text = out.text;
    out.text = '';
    if (text === '' && out.kind === 'pipe') return 0;
    return this.ctx.shell(key, { stdin: textInput(text) });
  }

  async flushAll(): Promise<void> {
    for (const [key, out] of this.outputs) {
      if (out.kind === 'file') await this.flushOne(key, out);
    }
  }

  private async close(key: string): Promise<number> {
    const out = this.outputs.get(key);
    if (out) {
      this.outputs.delete(key);
      return this.flushOne(key, out);
    }
    if (this.inputs.delete(key) || this.commandInputs.delete(key)) return 0;
    return -1;
  }

  async closeAll(): Promise<void> {
    for (const [key, out] of [...this.outputs]) {
      this.outputs.delete(key);
      await this.flushOne(key, out);
    }
  }

  // ---- statements ----

  async run(body: Stmt[]): Promise<void> {
    for (const s of body) await this.exec(s);
  }

  private async exec(s: Stmt): Promise<void> {
    switch (s.k) {
      case 'expr':
        await this.eval(s.e);
        return;
      case 'print': {
        const ofs = this.str(this.scalar('OFS'));
        const ors = this.str(this.scalar('ORS'));
        let text: string;
        if (s.args.length === 0) text = this.record;
        else {
          const parts: string[] = [];
          for (const a of s.args) parts.push(this.outText(await this.eval(a)));
          text = parts.join(ofs);
        }
        await this.output(this.ctx.meter.string(text + ors), s.redirect);
        return;
      }
      case 'printf': {
        const values: Value[] = [];
        for (const a of s.args) values.push(await this.eval(a));
        const format = this.str(values.shift() as Value);
        let text: string;
        try {
          text = this.format(format, values, 'printf');
        } catch (error) {
          if (error instanceof AwkRuntimeError && error.partial) await this.output(error.partial, s.redirect);
          throw error;
        }
        await this.output(this.ctx.meter.string(text), s.redirect);
        return;
      }
      case 'if':
        if (truthy(await this.eval(s.test))) await this.exec(s.yes);
        else if (s.no) await this.exec(s.no);
        return;
      case 'while':
        while (truthy(await this.eval(s.test))) {
          this.ctx.meter.step();
          if (await this.loopBody(s.body)) break;
        }
        return;
      case 'do':
        do {
          this.ctx.meter.step();
          if (await this.loopBody(s.body)) break;
        } while (truthy(await this.eval(s.test)));
        return;
      case 'for':
        if (s.init) await this.exec(s.init);
        while (!s.test || truthy(await this.eval(s.test))) {
          this.ctx.meter.step();
          if (await this.loopBody(s.body)) break;
          if (s.step) await this.exec(s.step);
        }
        return;
      case 'forin': {
        const arr = this.array(s.name);
        for (const key of [...arr.keys()]) {
          if (!arr.has(key)) continue;
          this.ctx.meter.step();
          await this.store(s.key, input(key));
          if (await this.loopBody(s.body)) break;
        }
        return;
      }
      case 'block':
        await this.run(s.body);
        return;
      case 'next':
        throw new NextSignal();
      case 'nextfile':
        throw new NextFileSignal();
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'exit':
        throw new ExitSignal(s.e ? Math.trunc(toNum(await this.eval(s.e))) & 0xff : undefined);
      case 'return':
        throw new ReturnSignal(s.e ? await this.eval(s.e) : UNINIT);
      case 'delete': {
        const arr = this.array(s.name);
        if (s.subs) arr.delete(await this.subscript(s.subs));
        else arr.clear();
        return;
      }
      case 'getline':
        await this.eval(s.e);
        return;
    }
  }

  /** Runs a loop body; true when it broke out. */
  private async loopBody(body: Stmt): Promise<boolean> {
    try {
      await this.exec(body);
    } catch (signal) {
      if (signal instanceof BreakSignal) return true;
      if (signal instanceof ContinueSignal) return false;
      throw signal;
    }
    return false;
  }

  // ---- the program ----

  async main(): Promise<number> {
    const rules = this.program.rules;
    const begins = rules.filter((r) => r.kind === 'begin');
    const ends = rules.filter((r) => r.kind === 'end');
    const mains = rules.filter((r) => r.kind === 'main');
    let exiting = false;
    try {
      for (const r of begins) await this.run(r.action ?? []);
    } catch (signal) {
      if (!(signal instanceof ExitSignal)) throw signal;
      if (signal.status !== undefined) this.exitStatus = signal.status;
      exiting = true;
    }
    if (!exiting && (mains.length > 0 || ends.length > 0)) {
      try {
        for (;;) {
          const record = await this.readMain();
          if (record === undefined) break;
          this.bump('NR');
          this.bump('FNR');
          this.setRecord(record);
          try {
            for (const r of mains) {
              if (await this.selects(r)) {
                if (r.action) await this.run(r.action);
                else this.ctx.stdout.write(this.ctx.meter.string(this.record + this.str(this.scalar('ORS'))));
              }
            }
          } catch (signal) {
            if (signal instanceof NextFileSignal) {
              this.current = undefined;
              continue;
            }
            if (!(signal instanceof NextSignal)) throw signal;
          }
        }
      } catch (signal) {
        if (!(signal instanceof ExitSignal)) throw signal;
        if (signal.status !== undefined) this.exitStatus = signal.status;
      }
    }
    try {
      for (const r of ends) await this.run(r.action ?? []);
    } catch (signal) {
      if (!(signal instanceof ExitSignal)) throw signal;
      if (signal.status !== undefined) this.exitStatus = signal.status;
    }
    await this.closeAll();
    return this.exitStatus;
  }

  private async selects(r: { pattern?: Expr; end?: Expr; active?: boolean }): Promise<boolean> {
    if (!r.pattern) return true;
    if (!r.end) return truthy(await this.eval(r.pattern));
    if (r.active) {
      if (truthy(await this.eval(r.end))) r.active = false;
      return true;
    }
    if (!truthy(await this.eval(r.pattern))) return false;
    r.active = !truthy(await this.eval(r.end));
    return true;
  }

  runtimeContext(): string {
    const filename = this.str(this.cell('FILENAME').value);
    return `\tFILENAME="${filename}" FNR=${this.str(this.cell('FNR').value)} NR=${this.str(this.cell('NR').value)}\n`;
  }

  assignVariable(name: string, value: string): void {
    this.setScalar(name, input(unescapeAwk(value)));
  }
}

/** An error that ends awk with a message (cannot open a file, ...). */
class AwkFatal extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** The first lines of `mawk -W version` (Ubuntu 24.04's mawk). */
const MAWK_VERSION = 'mawk 1.3.4 20240123\nCopyright 1991-1996,2014, Michael D. Brennan\n';

const MAWK_USAGE = `Usage: mawk [Options] [Program] [file ...]

Program:
    The -f option value is the name of a file containing program text.
    If no -f option is given, a "--" ends option processing; the following
    parameters are the program text.

Options:
    -f program-file  Program  text is read from file instead of from the
                     command-line.  Multiple -f options are accepted.
    -F value         sets the field separator, FS, to value.
    -v var=value     assigns value to program variable var.
    --               unambiguous end of options.

    Implementation-specific options are prefixed with "-W".  They can be
    abbreviated:

    -W version       show version information and exit.
    -W dump          show assembler-like listing of program and exit.
    -W help          show this message and exit.
    -W interactive   set unbuffered output, line-buffered input.
    -W exec file     use file as program as well as last option.
    -W random=number set initial random seed.
    -W sprintf=number adjust size of sprintf buffer.
    -W posix_space   do not consider "\\n" a space.
    -W usage         show this message and exit.
`;

const BUSYBOX_USAGE = `${BUSYBOX_BANNER}

Usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...

	-v VAR=VAL	Set variable
	-F SEP		Use SEP as field separator
	-f FILE		Read program from FILE
	-e AWK_PROGRAM
`;

/** `awk [-F fs] [-v var=value] [-f progfile | 'program'] [file ...]` */
export function awk(flavor: Flavor): Program {
  return async (ctx) => {
    const busybox = flavor === 'busybox';
    const name = busybox ? 'awk' : (ctx.argv[0] ?? 'awk').split('/').pop() || 'awk';
    const args = ctx.argv.slice(1);
    const assignments: [string, string][] = [];
    const programFiles: string[] = [];
    let programText: string | undefined;
    let fs: string | undefined;
    let i = 0;
    const fail = (message: string) => {
      ctx.stderr.write(busybox ? `awk: ${message}\n` : `${name}: ${message}\n`);
      return 2;
    };
    for (; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === '--') {
        i++;
        break;
      }
      if (!arg.startsWith('-') || arg === '-') break;
      const opt = arg[1] as string;
      const attached = arg.slice(2);
      const value = (): string | undefined => (attached !== '' ? attached : args[++i]);
      if (opt === 'F') {
        const v = value();
        if (v === undefined)
          return busybox ? fail("option requires an argument -- 'F'") : fail('option -F lacks argument');
        fs = v;
      } else if (opt === 'v') {
        const v = value();
        if (v === undefined)
          return busybox ? fail("option requires an argument -- 'v'") : fail('option -v lacks argument');
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(v);
        if (!m) return busybox ? fail(`unexpected token`) : fail(`improper assignment: -v ${v}`);
        assignments.push([m[1] as string, m[2] as string]);
      } else if (opt === 'f') {
        const v = value();
        if (v === undefined)
          return busybox ? fail("option requires an argument -- 'f'") : fail('option -f lacks argument');
        programFiles.push(v);
      } else if (opt === 'e' && busybox) {
        const v = value();
        if (v === undefined) return fail("option requires an argument -- 'e'");
        programText = (programText === undefined ? '' : `${programText}\n`) + v;
      } else if (opt === 'W' && !busybox) {
        const v = value() ?? '';
        if (/^v/.test(v)) {
          ctx.stdout.write(MAWK_VERSION);
          return 0;
        }
        if (/^(h|u)/.test(v)) {
          ctx.stdout.write(MAWK_USAGE);
          return 0;
        }
      } else if (arg === '--version' && !busybox) {
        ctx.stdout.write(MAWK_VERSION);
        return 0;
      } else {
        if (busybox) {
          ctx.stderr.write(`awk: unrecognized option: ${opt}\n${BUSYBOX_USAGE}`);
          return 1;
        }
        return fail(`not an option: ${arg}`);
      }
    }
    if (programFiles.length > 0) {
      const texts: string[] = [];
      for (const f of programFiles) {
        try {
          texts.push(f === '-' || f === '/dev/stdin' ? ctx.stdin.read() : readText(ctx, f));
        } catch (error) {
          const message = errorText(error);
          return busybox ? fail(`cannot open ${f}: ${message}`) : fail(`cannot open ${f} (${message})`);
        }
      }
      programText = texts.join('\n');
    } else if (programText === undefined) {
      programText = args[i++];
      if (programText === undefined) {
        ctx.stderr.write(busybox ? BUSYBOX_USAGE : MAWK_USAGE);
        return busybox ? 1 : 0;
      }
    }
    let program: AwkProgram;
    try {
      program = parseAwk(programText, busybox);
    } catch (error) {
      if (!(error instanceof AwkSyntaxError)) throw error;
      if (busybox) {
        // BusyBox reports most syntax errors as an unexpected token, on the line it stopped at.
        const line = Number(/^line (\d+)/.exec(error.message)?.[1] ?? '1');
        const shown =
          /end of file/.test(error.message) && !programText.endsWith('\n') ? Math.max(1, line - 1) : line;
        ctx.stderr.write(`awk: cmd. line:${shown}: Unexpected token\n`);
        return 1;
      }
      ctx.stderr.write(`${name}: ${error.message}\n`);
      return 2;
    }
    const interp = new Interpreter(ctx, program, name, busybox, args.slice(i));
    try {
      if (fs !== undefined) interp.assignVariable('FS', fs === 't' && busybox ? '\t' : fs);
      for (const [k, v] of assignments) interp.assignVariable(k, v);
      return await interp.main();
    } catch (error) {
      if (error instanceof AwkFatal) {
        await interp.closeAll();
        ctx.stderr.write(error.message);
        return error.status;
      }
      if (error instanceof AwkRuntimeError) {
        await interp.closeAll();
        if (busybox) {
          ctx.stderr.write(`awk: cmd. line:1: ${error.message}\n`);
          return 1;
        }
        ctx.stderr.write(`${name}: run time error: ${error.message}\n${interp.runtimeContext()}`);
        return 2;
      }
      if (error instanceof PatternBudgetError) {
        ctx.stderr.write(`${name}: regular expression too complex\n`);
        return 2;
      }
      throw error;
    }
  };
}
