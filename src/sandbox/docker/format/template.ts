/**
 * A small, safe port of Go's text/template, as docker uses it for `--format` / `-f`: lexer -> parser ->
 * evaluator over plain JS data, with docker's extra functions (json, join, split, upper, lower, title, pad,
 * truncate) and docker's formatter behaviour (`table` directive, `\t`/`\n` escapes, tabwriter).
 *
 * Go types are inferred from JS values: strings, numbers (integers print as Go ints, others as float64),
 * booleans, arrays (slices), and objects. An object is a Go *map* (missing keys print `<no value>`, `%v`
 * prints `map[k:v]` with sorted keys) unless it is a *struct* (missing fields are an error, `%v` prints
 * `{v1 v2}`). Mark objects with goMap()/goStruct(); unmarked objects whose keys all start with an uppercase
 * letter count as structs, like docker's exported Go fields. `undefined` is Go's invalid value (prints
 * `<no value>`), `null` a nil pointer (prints `<nil>`). Function-valued fields are called like Go methods.
 */

import { C_ESCAPES } from '../../core/c-escapes.ts';
import { GO_KIND, goMap, type Marked } from './go-values.ts';
import { tabwrite } from './table.ts';
import { formatGoFloat } from './units.ts';

export { goMap, goStruct } from './go-values.ts';

// ---------------------------------------------------------------------------------------------------------
// Go values

type GoObject = Record<string, unknown>;

function isObject(v: unknown): v is GoObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether an object behaves as a Go struct; `mapsOnly` models JSON decoded into map[string]interface{}. */
function isStruct(v: GoObject, mapsOnly: boolean): boolean {
  if (mapsOnly) return false;
  const mark = (v as Marked)[GO_KIND];
  if (mark) return mark.kind === 'struct';
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => /^[A-Z]/.test(k));
}

/** Own (or class-provided) property lookup that never reaches Object.prototype. */
function hasField(obj: GoObject, name: string): boolean {
  if (Object.hasOwn(obj, name)) return true;
  const proto = Object.getPrototypeOf(obj);
  return proto !== Object.prototype && proto !== null && name in obj && !(name in Object.prototype);
}

/** A Go-ish type name for error messages and `%!d(type=value)`. */
export function goTypeName(v: unknown, mapsOnly = false): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'function') return 'func()';
  if (Array.isArray(v))
    return v.length > 0 && v.every((e) => typeof e === 'string') ? '[]string' : '[]interface {}';
  const obj = v as GoObject;
  const mark = (obj as Marked)[GO_KIND];
  if (mark?.type) return mark.type;
  if (isStruct(obj, mapsOnly)) return 'struct';
  const values = Object.values(obj);
  return values.length > 0 && values.every((e) => typeof e === 'string')
    ? 'map[string]string'
    : 'map[string]interface {}';
}

function formatGoInt(n: number): string {
  return Math.abs(n) >= 1e21 ? BigInt(n).toString() : String(n === 0 ? 0 : n);
}

/** fmt's `%v` for a JS value (nil elements print as `<nil>`). */
export function formatGoValue(v: unknown, mapsOnly = false): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? formatGoInt(v) : formatGoFloat(v);
  if (typeof v === 'function') return '0x1';
  if (Array.isArray(v)) return `[${v.map((e) => formatGoValue(e, mapsOnly)).join(' ')}]`;
  const obj = v as GoObject;
  if (isStruct(obj, mapsOnly))
    return `{${Object.keys(obj)
      .map((k) => formatGoValue(obj[k], mapsOnly))
      .join(' ')}}`;
  const keys = Object.keys(obj).sort();
  return `map[${keys.map((k) => `${k}:${formatGoValue(obj[k], mapsOnly)}`).join(' ')}]`;
}

const QUOTE_ESCAPES: Record<string, string> = { ...C_ESCAPES, '"': '\\"' };

/** strconv.Quote: Go escapes, non-printable runes as \u/\U, printable Unicode kept. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const esc = QUOTE_ESCAPES[ch];
    if (esc) out += esc;
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) {
      out +=
        cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** encoding/json string escaping with SetEscapeHTML(false), as docker's `json` function uses. */
function jsonString(s: string): string {
  return JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/\\ud[89a-f][0-9a-f]{2}/g, '\\ufffd');
}

/** encoding/json Marshal: struct fields in order, map keys sorted, nil as null. */
export function goJson(v: unknown, mapsOnly = false): string {
  if (v === undefined || v === null || typeof v === 'function') return 'null';
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (Array.isArray(v)) return `[${v.map((e) => goJson(e, mapsOnly)).join(',')}]`;
  const obj = v as GoObject;
  const keys = isStruct(obj, mapsOnly) ? Object.keys(obj) : Object.keys(obj).sort();
  return `{${keys.map((k) => `${jsonString(k)}:${goJson(obj[k], mapsOnly)}`).join(',')}}`;
}

function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/** Decodes UTF-8, replacing broken sequences with U+FFFD (Go would keep the raw bytes). */
function utf8Decode(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    const n = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    const cont = bytes.slice(i + 1, i + n);
    if (n === 0 || cont.length !== n - 1 || cont.some((c) => (c & 0xc0) !== 0x80)) {
      out += '\ufffd';
      i++;
      continue;
    }
    let cp = n === 1 ? b : b & (0xff >> (n + 1));
    for (const c of cont) cp = (cp << 6) | (c & 63);
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// fmt: print, println, printf

/** fmt.Sprint: operands separated by a space when neither side is a string. */
function sprint(args: unknown[], mapsOnly: boolean): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatGoValue(a, mapsOnly);
  });
  return out;
}

type Spec = {
  minus: boolean;
  plus: boolean;
  zero: boolean;
  space: boolean;
  sharp: boolean;
  width?: number;
  prec?: number;
};

function pad(s: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  const len = Array.from(s).length;
  if (len >= width) return s;
  if (spec.minus) return s + ' '.repeat(width - len);
  if (spec.zero && numeric) {
    const sign = /^[+-]/.test(s) ? s.slice(0, 1) : '';
    return sign + '0'.repeat(width - len) + s.slice(sign.length);
  }
  return ' '.repeat(width - len) + s;
}

function badVerb(verb: string, v: unknown, mapsOnly: boolean): string {
  if (v === undefined || v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v, mapsOnly)}=${formatGoValue(v, mapsOnly)})`;
}

/** Go's string(rune(n)): invalid code points become U+FFFD. */
function runeString(n: number): string {
  return n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff) ? '\ufffd' : String.fromCodePoint(n);
}

/** Digits of a non-negative integer for the integer verbs, or undefined for other verbs. */
function intDigits(abs: number, verb: string): string | undefined {
  switch (verb) {
    case 'd':
      return formatGoInt(abs);
    case 'x':
      return abs.toString(16);
    case 'X':
      return abs.toString(16).toUpperCase();
    case 'o':
      return abs.toString(8);
    case 'b':
      return abs.toString(2);
    default:
      return undefined;
  }
}

/** One fmt verb applied to one value (slices and maps element-wise, as fmt does). */
function formatVerb(v: unknown, verb: string, spec: Spec, mapsOnly: boolean): string {
  if (verb === 'T') return pad(goTypeName(v, mapsOnly), spec, false);
  if (verb === 'v') return pad(formatGoValue(v, mapsOnly), spec, false);
  if (v === undefined || v === null) return badVerb(verb, v, mapsOnly);
  if (Array.isArray(v)) return `[${v.map((e) => formatVerb(e, verb, spec, mapsOnly)).join(' ')}]`;
  if (typeof v === 'boolean') return verb === 't' ? pad(String(v), spec, false) : badVerb(verb, v, mapsOnly);
  if (typeof v === 'string') {
    if (verb === 's')
      return pad(spec.prec === undefined ? v : Array.from(v).slice(0, spec.prec).join(''), spec, false);
    if (verb === 'q') return pad(goQuote(v), spec, false);
    if (verb === 'x' || verb === 'X') {
      const hex = utf8Bytes(v)
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('');
      return pad(verb === 'X' ? hex.toUpperCase() : hex, spec, false);
    }
    return badVerb(verb, v, mapsOnly);
  }
  if (typeof v === 'number') {
    const sign = v < 0 ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
    if (Number.isInteger(v)) {
      const digits = intDigits(Math.abs(v), verb);
      if (digits !== undefined) return pad(sign + digits, spec, true);
      if (verb === 'c') return pad(runeString(v), spec, false);
      if (verb === 'q')
        return pad(`'${goQuote(runeString(v)).slice(1, -1).replace(/\\"/g, '"')}'`, spec, false);
      if (verb === 'U') return pad(`U+${v.toString(16).toUpperCase().padStart(4, '0')}`, spec, false);
      return badVerb(verb, v, mapsOnly);
    }
    const lower = verb.toLowerCase();
    if (lower === 'e' || lower === 'f' || lower === 'g') {
      const prec = spec.prec ?? (lower === 'g' ? -1 : 6);
      const body = formatGoFloat(Math.abs(v), prec, lower);
      return pad(sign + (verb === lower ? body : body.toUpperCase()), spec, true);
    }
    return badVerb(verb, v, mapsOnly);
  }
  if (isObject(v)) {
    if (verb === 's' || verb === 'd' || verb === 'q') {
      if (isStruct(v, mapsOnly))
        return `{${Object.values(v)
          .map((e) => formatVerb(e, verb, spec, mapsOnly))
          .join(' ')}}`;
      const keys = Object.keys(v).sort();
      return `map[${keys.map((k) => `${formatVerb(k, verb, spec, mapsOnly)}:${formatVerb(v[k], verb, spec, mapsOnly)}`).join(' ')}]`;
    }
  }
  return badVerb(verb, v, mapsOnly);
}

/** fmt.Sprintf with flags, width and precision; Go's `%!verb(...)`, MISSING and EXTRA markers included. */
export function sprintf(format: string, args: unknown[], mapsOnly = false): string {
  let out = '';
  let argi = 0;
  const re = /%([-+# 0]*)(\d+)?(?:\.(\d*))?(.)?/gy;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    re.lastIndex = pct;
    const m = re.exec(format);
    if (!m) break;
    i = re.lastIndex;
    const [, flags = '', width, prec, verb] = m;
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    const spec: Spec = {
      minus: flags.includes('-'),
      plus: flags.includes('+'),
      zero: flags.includes('0') && !flags.includes('-'),
      space: flags.includes(' '),
      sharp: flags.includes('#'),
      ...(width === undefined ? {} : { width: Number(width) }),
      ...(prec === undefined ? {} : { prec: Number(prec || '0') }),
    };
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatVerb(args[argi++], verb, spec, mapsOnly);
  }
  if (argi < args.length) {
    const extra = args
      .slice(argi)
      .map((a) => (a == null ? '<nil>' : `${goTypeName(a, mapsOnly)}=${formatGoValue(a, mapsOnly)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Lexer

type TokType =
  | 'text'
  | 'left'
  | 'right'
  | 'space'
  | 'ident'
  | 'keyword'
  | 'field'
  | 'var'
  | 'dot'
  | 'string'
  | 'rawstring'
  | 'char'
  | 'charconst'
  | 'number'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare'
  | 'assign'
  | 'eof'
  | 'error';

type Token = { typ: TokType; val: string; pos: number; line: number };

const KEYWORDS = new Set([
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'range',
  'template',
  'with',
]);
const SPACE = /[ \t\r\n]/;
const ALNUM = /[\p{L}\p{Nd}_]/u;

/** Go's %#U: `U+0040 '@'`. */
function goRune(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}

/** Tokenises the whole template up front; stops at the first error token, like Go's lexer. */
function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  const emit = (typ: TokType, start: number, end: number, val = src.slice(start, end)): void => {
    tokens.push({ typ, val, pos: start, line });
    line += (src.slice(start, end).match(/\n/g) ?? []).length;
  };
  const fail = (msg: string): Token[] => {
    tokens.push({ typ: 'error', val: msg, pos, line });
    return tokens;
  };
  const rightTrim = (at: number): boolean => SPACE.test(src[at] ?? '') && src.startsWith('-}}', at + 1);

  while (pos < src.length) {
    // Text up to the next action.
    const left = src.indexOf('{{', pos);
    const textEnd = left < 0 ? src.length : left;
    const trimLeft = left >= 0 && src[left + 2] === '-' && SPACE.test(src[left + 3] ?? '');
    let text = src.slice(pos, textEnd);
    if (trimLeft) text = text.replace(/[ \t\r\n]+$/, '');
    if (text) emit('text', pos, pos + text.length);
    line += (src.slice(pos + text.length, textEnd).match(/\n/g) ?? []).length;
    if (left < 0) break;
    pos = left;
    const afterDelim = left + (trimLeft ? 4 : 2);
    // Comments: {{/* ... */}}, closing delimiter right after the comment.
    if (src.startsWith('/*', afterDelim)) {
      const close = src.indexOf('*/', afterDelim + 2);
      if (close < 0) return fail('unclosed comment');
      let end = close + 2;
      const trimRight = rightTrim(end);
      if (trimRight) end += 2;
      if (!src.startsWith('}}', end)) return fail('comment ends before closing delimiter');
      line += (src.slice(pos, end + 2).match(/\n/g) ?? []).length;
      pos = end + 2;
      if (trimRight) pos += (src.slice(pos).match(/^[ \t\r\n]*/)?.[0] ?? '').length;
      continue;
    }
    emit('left', pos, pos + 2);
    pos = afterDelim;
    let parenDepth = 0;
    // Inside the action.
    for (;;) {
      const ch = src[pos];
      if (rightTrim(pos) || src.startsWith('}}', pos)) {
        if (parenDepth > 0) return fail('unclosed left paren');
        const trimRight = rightTrim(pos);
        const start = pos;
        pos += trimRight ? 4 : 2;
        emit('right', start, pos, '}}');
        if (trimRight) {
          const ws = src.slice(pos).match(/^[ \t\r\n]*/)?.[0] ?? '';
          line += (ws.match(/\n/g) ?? []).length;
          pos += ws.length;
        }
        break;
      }
      if (ch === undefined) return fail('unclosed action');
      const start = pos;
      if (SPACE.test(ch)) {
        while (SPACE.test(src[pos] ?? '') && !rightTrim(pos)) pos++;
        emit('space', start, pos);
      } else if (ch === '=') {
        pos++;
        emit('assign', start, pos);
      } else if (ch === ':') {
        if (src[pos + 1] !== '=') return fail('expected :=');
        pos += 2;
        emit('declare', start, pos);
      } else if (ch === '|') {
        pos++;
        emit('pipe', start, pos);
      } else if (ch === '"' || ch === "'") {
        pos++;
        while (src[pos] !== ch) {
          if (src[pos] === '\\') pos++;
          if (src[pos] === undefined || src[pos] === '\n') {
            return fail(ch === '"' ? 'unterminated quoted string' : 'unterminated character constant');
          }
          pos++;
        }
        pos++;
        emit(ch === '"' ? 'string' : 'charconst', start, pos);
      } else if (ch === '`') {
        const close = src.indexOf('`', pos + 1);
        if (close < 0) return fail('unterminated raw quoted string');
        pos = close + 1;
        emit('rawstring', start, pos);
      } else if (ch === '$' || (ch === '.' && !/[0-9]/.test(src[pos + 1] ?? ''))) {
        pos++;
        while (ALNUM.test(src[pos] ?? '')) pos++;
        const word = src.slice(start, pos);
        if (!atTerminator(src, pos)) return fail(`bad character ${goRune(src[pos] ?? '')}`);
        emit(ch === '$' ? 'var' : word === '.' ? 'dot' : 'field', start, pos);
      } else if (/[0-9+\-.]/.test(ch)) {
        const m =
          /^[+-]?(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?\d+)?|[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)i?/.exec(
            src.slice(pos),
          );
        pos += m?.[0].length ?? 0;
        if (pos === start || ALNUM.test(src[pos] ?? '')) {
          while (ALNUM.test(src[pos] ?? '') || src[pos] === '.') pos++;
          return fail(`bad number syntax: ${goQuote(src.slice(start, pos))}`);
        }
        emit('number', start, pos);
      } else if (ALNUM.test(ch)) {
        while (ALNUM.test(src[pos] ?? '')) pos++;
        const word = src.slice(start, pos);
        if (!atTerminator(src, pos)) return fail(`bad character ${goRune(src[pos] ?? '')}`);
        const typ: TokType = KEYWORDS.has(word)
          ? 'keyword'
          : word === 'true' || word === 'false'
            ? 'bool'
            : word === 'nil'
              ? 'nil'
              : 'ident';
        emit(typ, start, pos);
      } else if (ch === '(') {
        parenDepth++;
        pos++;
        emit('lparen', start, pos);
      } else if (ch === ')') {
        parenDepth--;
        if (parenDepth < 0) return fail('unexpected right paren');
        pos++;
        emit('rparen', start, pos);
      } else if (ch.charCodeAt(0) < 0x7f && ch.charCodeAt(0) > 0x20) {
        pos++;
        emit('char', start, pos);
      } else {
        const rune = String.fromCodePoint(src.codePointAt(pos) ?? 0);
        return fail(`unrecognized character in action: ${goRune(rune)}`);
      }
    }
  }
  tokens.push({ typ: 'eof', val: '', pos: src.length, line });
  return tokens;
}

function atTerminator(src: string, pos: number): boolean {
  const ch = src[pos];
  return ch === undefined || SPACE.test(ch) || '.,|:()'.includes(ch) || src.startsWith('}}', pos);
}

// ---------------------------------------------------------------------------------------------------------
// Parse tree

type ArgNode =
  | { type: 'field'; pos: number; idents: string[] }
  | { type: 'var'; pos: number; idents: string[] }
  | { type: 'chain'; pos: number; node: ArgNode; fields: string[] }
  | { type: 'ident'; pos: number; name: string }
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'bool'; pos: number; value: boolean }
  | { type: 'number'; pos: number; text: string; value: number }
  | { type: 'string'; pos: number; quoted: string; value: string }
  | PipeNode;

type CommandNode = { type: 'command'; pos: number; args: ArgNode[] };
type PipeNode = { type: 'pipe'; pos: number; decl: string[]; isAssign: boolean; cmds: CommandNode[] };

type ControlNode = {
  type: 'if' | 'with' | 'range';
  pos: number;
  pipe: PipeNode;
  list: Node[];
  elseList?: Node[];
};

type Node =
  | { type: 'text'; pos: number; text: string }
  | { type: 'action'; pos: number; pipe: PipeNode }
  | ControlNode
  | { type: 'break' | 'continue'; pos: number };

/** The {{end}} / {{else}} that closes an item list; never part of the tree. */
type Delim = { type: 'end' | 'else'; pos: number; elseIf?: 'if' | 'with' };

function isDelim(n: Node | Delim): n is Delim {
  return n.type === 'end' || n.type === 'else';
}

/** A parsed template. */
export type Template = { name: string; src: string; root: Node[] };

/** Go's Node.String(), used in the `at <...>` part of execution errors. */
function nodeString(n: ArgNode | CommandNode | Node): string {
  switch (n.type) {
    case 'field':
      return n.idents.map((i) => `.${i}`).join('');
    case 'var':
      return n.idents.join('.');
    case 'chain': {
      const base = n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return base + n.fields.map((f) => `.${f}`).join('');
    }
    case 'ident':
      return n.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'pipe': {
      const decl = n.decl.length > 0 ? `${n.decl.join(', ')} ${n.isAssign ? '=' : ':='} ` : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
    case 'text':
      return n.text;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'break':
    case 'continue':
      return `{{${n.type}}}`;
    default: {
      const elsePart = n.elseList ? `{{else}}${n.elseList.map(nodeString).join('')}` : '';
      return `{{${n.type} ${nodeString(n.pipe)}}}${n.list.map(nodeString).join('')}${elsePart}{{end}}`;
    }
  }
}

class TemplateError extends Error {}

/** Go's strconv.Unquote for "..." and '...' literals. */
function unquote(lit: string): string {
  const body = lit.slice(1, -1);
  return body.replace(
    /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{3})|(.))/g,
    (all, x, u, U, o, c) => {
      if (x || o) return String.fromCharCode(Number.parseInt(x ?? o, x ? 16 : 8));
      if (u || U) return String.fromCodePoint(Number.parseInt(u ?? U, 16));
      const map: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
      if (c === '\\' || c === "'" || c === '"') return c;
      const mapped = map[c];
      if (mapped === undefined) throw new TemplateError(`invalid syntax`);
      return mapped ?? all;
    },
  );
}

/** Go's item String() for "unexpected X in Y" messages. */
function tokenString(t: Token): string {
  if (t.typ === 'eof') return 'EOF';
  if (t.typ === 'error') return t.val;
  if (t.typ === 'keyword') return `<${t.val}>`;
  if (t.val.length > 10) return `${goQuote(t.val.slice(0, 10))}...`;
  return goQuote(t.val);
}

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private readonly tokens: Token[];
  private readonly funcs: ReadonlySet<string>;

  constructor(tokens: Token[], funcs: ReadonlySet<string>) {
    this.tokens = tokens;
    this.funcs = funcs;
  }

  private peek(): Token {
    return this.tokens[this.i] ?? { typ: 'eof', val: '', pos: 0, line: 1 };
  }
  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length) this.i++;
    return t;
  }
  private backup(n = 1): void {
    this.i -= n;
  }
  private peekNonSpace(): Token {
    const save = this.i;
    const t = this.nextNonSpace();
    this.i = save;
    return t;
  }
  private nextNonSpace(): Token {
    let t = this.next();
    while (t.typ === 'space') t = this.next();
    return t;
  }
  private errorf(msg: string, token: Token = this.tokens[Math.max(0, this.i - 1)] ?? this.peek()): never {
    throw new TemplateError(`\u0000${token.line}\u0000${msg}`);
  }
  private unexpected(t: Token, context: string): never {
    if (t.typ === 'error') this.errorf(t.val, t);
    this.errorf(`unexpected ${tokenString(t)} in ${context}`, t);
  }
  private expect(typ: TokType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }

  parse(): Node[] {
    const root: Node[] = [];
    while (this.peek().typ !== 'eof') {
      const n = this.textOrAction();
      if (isDelim(n)) this.errorf(`unexpected {{${n.type}}}`);
      root.push(n);
    }
    return root;
  }

  private textOrAction(): Node | Delim {
    const t = this.nextNonSpace();
    if (t.typ === 'text') return { type: 'text', pos: t.pos, text: t.val };
    if (t.typ === 'left') return this.action();
    if (t.typ === 'error') this.errorf(t.val, t);
    this.unexpected(t, 'input');
  }

  private action(): Node | Delim {
    const t = this.nextNonSpace();
    if (t.typ === 'keyword') {
      switch (t.val) {
        case 'end':
          this.expect('right', 'end');
          return { type: 'end', pos: t.pos };
        case 'else': {
          const p = this.peekNonSpace();
          if (p.typ === 'keyword' && (p.val === 'if' || p.val === 'with'))
            return { type: 'else', pos: p.pos, elseIf: p.val };
          this.expect('right', 'else');
          return { type: 'else', pos: t.pos };
        }
        case 'if':
        case 'with':
        case 'range':
          return this.control(t.val);
        case 'break':
        case 'continue':
          if (this.rangeDepth === 0) this.errorf(`{{${t.val}}} outside {{range}}`);
          this.expect('right', `{{${t.val}}}`);
          return { type: t.val, pos: t.pos };
        default:
          this.errorf(`{{${t.val}}} is not supported here`);
      }
    }
    this.backup();
    const pos = this.peekNonSpace().pos;
    return { type: 'action', pos, pipe: this.pipeline('command', 'right') };
  }

  private control(context: 'if' | 'with' | 'range'): Node {
    const mark = this.vars.length;
    const pipe = this.pipeline(context, 'right');
    if (context === 'range') this.rangeDepth++;
    let [list, next] = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: Node[] | undefined;
    if (next.type === 'else') {
      if (next.elseIf && next.elseIf === context) {
        // {{else if x}} is sugar for {{else}}{{if x}}...{{end}}{{end}}.
        this.nextNonSpace();
        elseList = [this.control(context)];
      } else {
        [elseList, next] = this.itemList();
        if (next.type !== 'end') this.errorf(`expected end; found {{else}}`);
      }
    }
    this.vars.length = mark;
    return { type: context, pos: pipe.pos, pipe, list, ...(elseList ? { elseList } : {}) };
  }

  private itemList(): [Node[], Delim] {
    const list: Node[] = [];
    while (this.peekNonSpace().typ !== 'eof') {
      const n = this.textOrAction();
      if (isDelim(n)) return [list, n];
      list.push(n);
    }
    const eof = this.peekNonSpace();
    this.errorf('unexpected EOF', eof);
  }

  private pipeline(context: string, end: TokType): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: first.pos, decl: [], isAssign: false, cmds: [] };
    // Declarations: $x := ..., $x = ..., range $i, $v := ...
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'var') break;
      const save = this.i;
      this.nextNonSpace();
      const after = this.peekNonSpace();
      if (after.typ === 'declare' || after.typ === 'assign') {
        this.nextNonSpace();
        pipe.isAssign = after.typ === 'assign';
        pipe.decl.push(v.val);
        if (!pipe.isAssign) this.vars.push(v.val);
        else if (!this.vars.includes(v.val)) this.errorf(`undefined variable ${goQuote(v.val)}`, v);
        break;
      }
      if (after.typ === 'char' && after.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(v.val);
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const n = this.peekNonSpace();
          if (n.typ === 'var' || n.typ === 'right' || n.typ === 'rparen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.i = save;
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`, t);
        pipe.cmds.slice(1).forEach((c, i) => {
          const k = c.args[0]?.type;
          if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') {
            this.errorf(`non executable command in pipeline stage ${i + 2}`);
          }
        });
        return pipe;
      }
      const startsCommand = [
        'bool',
        'charconst',
        'dot',
        'field',
        'ident',
        'number',
        'nil',
        'rawstring',
        'string',
        'var',
        'lparen',
      ].includes(t.typ);
      if (!startsCommand) this.unexpected(t, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.typ === 'space') continue;
      if (t.typ === 'right' || t.typ === 'rparen') this.backup();
      else if (t.typ !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node || this.peek().typ !== 'field') return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field':
      case 'var':
        // Like Go, the merged node takes the position of the chained fields.
        return { type: node.type, pos, idents: [...node.idents, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
      default:
        return { type: 'chain', pos, node, fields };
    }
  }

  private term(): ArgNode | undefined {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case 'ident':
        if (!this.funcs.has(t.val)) this.errorf(`function ${goQuote(t.val)} not defined`, t);
        return { type: 'ident', pos: t.pos, name: t.val };
      case 'dot':
        return { type: 'dot', pos: t.pos };
      case 'nil':
        return { type: 'nil', pos: t.pos };
      case 'var': {
        const [name = '$', ...rest] = t.val.split('.');
        if (!this.vars.includes(name)) this.errorf(`undefined variable ${goQuote(name)}`, t);
        return { type: 'var', pos: t.pos, idents: [name, ...rest] };
      }
      case 'field':
        return { type: 'field', pos: t.pos, idents: [t.val.slice(1)] };
      case 'bool':
        return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'charconst': {
        let ch: string;
        try {
          ch = unquote(t.val);
        } catch {
          this.errorf(`malformed character constant: ${t.val}`, t);
        }
        if (Array.from(ch).length !== 1) this.errorf(`malformed character constant: ${t.val}`, t);
        return { type: 'number', pos: t.pos, text: t.val, value: ch.codePointAt(0) ?? 0 };
      }
      case 'number': {
        const text = t.val.replace(/_/g, '');
        const value =
          /^[+-]?0[xX]/.test(text) && !/[.pP]/.test(text) ? Number.parseInt(text, 16) : Number(text);
        if (Number.isNaN(value) || text.endsWith('i'))
          this.errorf(`illegal number syntax: ${goQuote(t.val)}`, t);
        return { type: 'number', pos: t.pos, text: t.val, value };
      }
      case 'lparen':
        return this.pipeline('parenthesized pipeline', 'rparen');
      case 'string':
      case 'rawstring': {
        let value: string;
        try {
          value = t.typ === 'string' ? unquote(t.val) : t.val.slice(1, -1).replace(/\r/g, '');
        } catch {
          this.errorf('invalid syntax', t);
        }
        return { type: 'string', pos: t.pos, quoted: t.val, value };
      }
      default:
        this.backup();
        return undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Functions

/** A template function: receives evaluated arguments, returns a value or throws an Error (Go's error). */
type Fn = (args: unknown[], ctx: { mapsOnly: boolean }) => unknown;
type Param = 'string' | 'int' | '[]string' | 'any';
/** Go signature: fixed parameter types, plus the element type of a trailing `...` parameter. */
type FnSpec = { params?: Param[]; rest?: Param; fn: Fn };

const str = (v: unknown): string => v as string;

/** strings.Title: upper-case letters that follow a separator (anything but letters, digits and '_'). */
function goTitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const sep = prev.charCodeAt(0) < 0x80 ? !/[A-Za-z0-9_]/.test(prev) : /\s/u.test(prev);
    out += sep ? mapRune(ch, (c) => c.toUpperCase()) : ch;
    prev = ch;
  }
  return out;
}

/** Go maps case rune by rune; multi-rune expansions (ß -> SS) are left alone as Go does. */
function mapRune(ch: string, f: (c: string) => string): string {
  const mapped = f(ch);
  return Array.from(mapped).length === 1 ? mapped : ch;
}

function mapRunes(s: string, f: (c: string) => string): string {
  return Array.from(s, (ch) => mapRune(ch, f)).join('');
}

/** Go's truth for if/with/and/or/not: zero values are false, structs are always true. */
function isTrue(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return isStruct(v, false) || Object.keys(v).length > 0;
  return true;
}

type Basic = 'bool' | 'number' | 'string' | 'nil' | 'other';
function basicKind(v: unknown): Basic {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  return 'other';
}

function eq(args: unknown[]): boolean {
  const [a, ...rest] = args;
  if (rest.length === 0) throw new Error('missing argument for comparison');
  const ka = basicKind(a);
  for (const b of rest) {
    const kb = basicKind(b);
    if (ka === 'nil' || kb === 'nil') {
      if (ka === kb) return true;
      continue;
    }
    if (ka !== kb) throw new Error('incompatible types for comparison');
    if (ka === 'other') throw new Error(`non-comparable type ${formatGoValue(a)}: ${goTypeName(a)}`);
    if (a === b) return true;
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka === 'bool' || ka === 'other' || ka === 'nil' || kb === 'bool' || kb === 'other' || kb === 'nil') {
    throw new Error('invalid type for comparison');
  }
  if (ka !== kb) throw new Error('incompatible types for comparison');
  return (a as number | string) < (b as number | string);
}

/** Go's builtin `index`, on slices, strings (bytes) and maps. */
function indexFn(args: unknown[], mapsOnly: boolean): unknown {
  let [item, ...indexes] = args;
  if (item === undefined || item === null) throw new Error('index of untyped nil');
  for (const index of indexes) {
    if (item === null || item === undefined) throw new Error('index of nil pointer');
    if (Array.isArray(item) || typeof item === 'string') {
      if (index === undefined || index === null) throw new Error('cannot index slice/array with nil');
      if (typeof index !== 'number' || !Number.isInteger(index)) {
        throw new Error(`cannot index slice/array with type ${goTypeName(index)}`);
      }
      const seq = typeof item === 'string' ? utf8Bytes(item) : item;
      if (index < 0 || index > seq.length) throw new Error(`index out of range: ${index}`);
      if (index === seq.length)
        throw new Error(`reflect: ${typeof item === 'string' ? 'string' : 'slice'} index out of range`);
      item = seq[index];
    } else if (isObject(item) && !isStruct(item, mapsOnly)) {
      if (typeof index !== 'string') throw new Error(`value has type ${goTypeName(index)}; should be string`);
      item = hasField(item, index) ? item[index] : undefined;
    } else {
      throw new Error(`can't index item of type ${goTypeName(item, mapsOnly)}`);
    }
  }
  return item;
}

/** Go's builtin `slice` on strings (bytes) and slices. */
function sliceFn(args: unknown[]): unknown {
  const [item, ...idx] = args;
  if (item === undefined || item === null) throw new Error('slice of untyped nil');
  if (idx.length > 3) throw new Error(`too many slice indexes: ${idx.length}`);
  const isStr = typeof item === 'string';
  if (!isStr && !Array.isArray(item)) throw new Error(`can't slice item of type ${goTypeName(item)}`);
  if (isStr && idx.length === 3) throw new Error('cannot 3-index slice a string');
  const seq = isStr ? utf8Bytes(item) : (item as unknown[]);
  const bounds = idx.map((i) => {
    if (typeof i !== 'number' || !Number.isInteger(i))
      throw new Error(`cannot index slice/array with type ${goTypeName(i)}`);
    if (i < 0 || i > seq.length) throw new Error(`index out of range: ${i}`);
    return i;
  });
  const [lo = 0, hi = seq.length] = bounds;
  if (lo > hi) throw new Error(`invalid slice index: ${lo} > ${hi}`);
  const part = seq.slice(lo, hi);
  return isStr ? utf8Decode(part as number[]) : part;
}

function goLen(v: unknown): number {
  if (v === undefined || v === null) throw new Error('len of nil pointer');
  if (typeof v === 'string') return utf8Bytes(v).length;
  if (Array.isArray(v)) return v.length;
  if (isObject(v) && !isStruct(v, false)) return Object.keys(v).length;
  throw new Error(`len of type ${goTypeName(v)}`);
}

function htmlEscape(s: string): string {
  return s.replace(
    /[<>&'"\0]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\ufffd' })[c] ?? c,
  );
}

/** template.JSEscapeString: quotes and HTML-significant characters, non-printable runes as \\uXXXX. */
function jsEscape(s: string): string {
  return s.replace(/[\\'"<>&=]|[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/gu, (c) => {
    const simple: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"' };
    return simple[c] ?? `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

function urlQueryEscape(s: string): string {
  return utf8Bytes(s)
    .map((b) => {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
      if (c === ' ') return '+';
      return `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** Go's builtins plus docker's templates.basicFunctions. */
const BASIC_FUNCS: Record<string, FnSpec> = {
  and: { params: ['any'], rest: 'any', fn: (a) => a.find((v) => !isTrue(v)) ?? a[a.length - 1] },
  or: { params: ['any'], rest: 'any', fn: (a) => a.find((v) => isTrue(v)) ?? a[a.length - 1] },
  not: { params: ['any'], fn: ([v]) => !isTrue(v) },
  len: { params: ['any'], fn: ([v]) => goLen(v) },
  index: { params: ['any'], rest: 'any', fn: (a, c) => indexFn(a, c.mapsOnly) },
  slice: { params: ['any'], rest: 'any', fn: (a) => sliceFn(a) },
  print: { rest: 'any', fn: (a, c) => sprint(a, c.mapsOnly) },
  println: { rest: 'any', fn: (a, c) => `${a.map((v) => formatGoValue(v, c.mapsOnly)).join(' ')}\n` },
  printf: { params: ['string'], rest: 'any', fn: ([f, ...a], c) => sprintf(str(f), a, c.mapsOnly) },
  eq: { params: ['any'], rest: 'any', fn: (a) => eq(a) },
  ne: { params: ['any', 'any'], fn: (a) => !eq(a) },
  lt: { params: ['any', 'any'], fn: ([a, b]) => lt(a, b) },
  le: { params: ['any', 'any'], fn: ([a, b]) => lt(a, b) || eq([a, b]) },
  gt: { params: ['any', 'any'], fn: ([a, b]) => !lt(a, b) && !eq([a, b]) },
  ge: { params: ['any', 'any'], fn: ([a, b]) => !lt(a, b) },
  html: { rest: 'any', fn: (a, c) => htmlEscape(sprint(a, c.mapsOnly)) },
  js: { rest: 'any', fn: (a, c) => jsEscape(sprint(a, c.mapsOnly)) },
  urlquery: { rest: 'any', fn: (a, c) => urlQueryEscape(sprint(a, c.mapsOnly)) },
  call: {
    params: ['any'],
    rest: 'any',
    fn: ([f, ...rest]) => {
      if (typeof f !== 'function') throw new Error(`non-function of type ${goTypeName(f)}`);
      return f(...rest);
    },
  },
  json: { params: ['any'], fn: ([v], c) => goJson(v, c.mapsOnly) },
  split: {
    params: ['string', 'string'],
    fn: ([s, sep]) => (sep === '' ? Array.from(str(s)) : str(s).split(str(sep))),
  },
  join: { params: ['[]string', 'string'], fn: ([a, sep]) => (a as string[]).join(str(sep)) },
  title: { params: ['string'], fn: ([s]) => goTitle(str(s)) },
  lower: { params: ['string'], fn: ([s]) => mapRunes(str(s), (c) => c.toLowerCase()) },
  upper: { params: ['string'], fn: ([s]) => mapRunes(str(s), (c) => c.toUpperCase()) },
  pad: {
    params: ['string', 'int', 'int'],
    fn: ([s, pre, post]) => {
      if (s === '') return '';
      if ((pre as number) < 0 || (post as number) < 0) throw new Error('strings: negative Repeat count');
      return ' '.repeat(pre as number) + str(s) + ' '.repeat(post as number);
    },
  },
  truncate: {
    params: ['string', 'int'],
    fn: ([s, n]) => {
      const bytes = utf8Bytes(str(s));
      if (bytes.length < (n as number)) return s;
      if ((n as number) < 0) throw new Error(`runtime error: slice bounds out of range [:${n}]`);
      return utf8Decode(bytes.slice(0, n as number));
    },
  },
};

const identity: Fn = ([v]) => v;

/** docker's templates.HeaderFunctions: formatting functions become no-ops so the header stays intact. */
const HEADER_FUNCS: Record<string, FnSpec> = {
  ...BASIC_FUNCS,
  json: { params: ['string'], fn: identity },
  split: { params: ['string', 'string'], fn: identity },
  join: { params: ['string', 'string'], fn: identity },
  title: { params: ['string'], fn: identity },
  lower: { params: ['string'], fn: identity },
  upper: { params: ['string'], fn: identity },
  truncate: { params: ['string', 'int'], fn: identity },
};

const FUNC_NAMES: ReadonlySet<string> = new Set(Object.keys(BASIC_FUNCS));

// ---------------------------------------------------------------------------------------------------------
// Public API: parse and execute

/** Parse result; `error` reads like Go's, e.g. `template: :1: function "foo" not defined`. */
export type ParseResult = { ok: true; tmpl: Template } | { ok: false; error: string };
/** Execution result; `error` reads like Go's `template: :1:2: executing "" at <.Foo>: ...`. */
export type ExecResult = { ok: true; text: string } | { ok: false; error: string };

/** Parses a Go template (name "" as docker uses). */
export function parseTemplate(src: string, name = ''): ParseResult {
  try {
    const root = new Parser(lex(src), FUNC_NAMES).parse();
    return { ok: true, tmpl: { name, src, root } };
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    const [, line, msg] = e.message.split('\u0000');
    return { ok: false, error: `template: ${name}:${line}: ${msg}` };
  }
}

/** Execution options. */
export type ExecOptions = {
  /** Go type name of the root value, for "can't evaluate field X in type T" (e.g. `*formatter.ContainerContext`). */
  typeName?: string;
  /** Go's missingkey option: 'error' makes a missing map key an error instead of `<no value>`. */
  missingKey?: 'default' | 'error';
  /** Treat every object as map[string]interface{} (docker inspect's raw JSON fallback). */
  mapsOnly?: boolean;
  /** Use docker's HeaderFunctions (for table headers). */
  headerFuncs?: boolean;
};

class ExecError extends Error {}
class BreakSignal {}
class ContinueSignal {}

const MISSING = Symbol('missing');

class State {
  private out = '';
  private vars: { name: string; value: unknown }[] = [];
  private node: ArgNode | CommandNode | Node | undefined;
  private readonly funcs: Record<string, FnSpec>;
  private readonly tmpl: Template;
  private readonly opts: ExecOptions;
  private readonly root: unknown;

  constructor(tmpl: Template, opts: ExecOptions, root: unknown) {
    this.tmpl = tmpl;
    this.opts = opts;
    this.root = root;
    this.funcs = opts.headerFuncs ? HEADER_FUNCS : BASIC_FUNCS;
    this.vars.push({ name: '$', value: root });
  }

  run(): string {
    this.walkList(this.root, this.tmpl.root);
    return this.out;
  }

  /** Output written before an error stopped execution. */
  partial(): string {
    return this.out;
  }

  private get mapsOnly(): boolean {
    return this.opts.mapsOnly === true;
  }

  private at(node: ArgNode | CommandNode | Node): void {
    this.node = node;
  }

  private errorf(msg: string): never {
    const name = this.tmpl.name;
    if (!this.node) throw new ExecError(`template: ${name}: ${msg}`);
    const before = this.tmpl.src.slice(0, this.node.pos);
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = (before.match(/\n/g) ?? []).length + 1;
    const col = utf8Bytes(before.slice(lineStart)).length;
    let context = nodeString(this.node);
    if (utf8Bytes(context).length > 20) context = `${Array.from(context).slice(0, 20).join('')}...`;
    throw new ExecError(
      `template: ${name}:${line}:${col}: executing ${goQuote(name)} at <${context}>: ${msg}`,
    );
  }

  private typeOf(v: unknown): string {
    if (v === this.root && this.opts.typeName) return this.opts.typeName;
    return goTypeName(v, this.mapsOnly);
  }

  private isStructValue(v: GoObject): boolean {
    if (v === this.root && this.opts.typeName && !this.mapsOnly) return true;
    return isStruct(v, this.mapsOnly);
  }

  private walkList(dot: unknown, list: Node[]): void {
    for (const n of list) this.walk(dot, n);
  }

  private walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const v = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0)
          this.out += v === undefined ? '<no value>' : formatGoValue(v, this.mapsOnly);
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const v = this.evalPipeline(dot, node.pipe);
        if (isTrue(v)) this.walkList(node.type === 'with' ? v : dot, node.list);
        else if (node.elseList) this.walkList(dot, node.elseList);
        this.vars.length = mark;
        return;
      }
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
    }
  }

  private walkRange(dot: unknown, node: ControlNode): void {
    this.at(node);
    const outer = this.vars.length;
    const val = this.evalPipeline(dot, node.pipe);
    const mark = this.vars.length;
    const decl = node.pipe.decl;
    let entries: [unknown, unknown][];
    if (val === undefined || val === null) entries = [];
    else if (Array.isArray(val)) entries = val.map((v, i) => [i, v]);
    else if (isObject(val) && !this.isStructValue(val))
      entries = Object.keys(val)
        .sort()
        .map((k) => [k, val[k]]);
    else if (typeof val === 'number' && Number.isInteger(val))
      entries = Array.from({ length: Math.max(0, val) }, (_, i) => [i, i]);
    else this.errorf(`range can't iterate over ${formatGoValue(val, this.mapsOnly)}`);
    for (const [key, elem] of entries) {
      const setVar = (name: string | undefined, v: unknown): void => {
        const slot = [...this.vars].reverse().find((s) => s.name === name);
        if (slot) slot.value = v;
      };
      if (decl.length > 0) {
        if (node.pipe.isAssign) setVar(decl[0], decl.length > 1 ? key : elem);
        else this.setTopVar(1, elem);
      }
      if (decl.length > 1) {
        if (node.pipe.isAssign) setVar(decl[1], elem);
        else this.setTopVar(2, key);
      }
      try {
        this.walkList(elem, node.list);
      } catch (e) {
        if (e instanceof BreakSignal) break;
        if (!(e instanceof ContinueSignal)) throw e;
      } finally {
        this.vars.length = mark;
      }
    }
    if (entries.length === 0 && node.elseList) this.walkList(dot, node.elseList);
    this.vars.length = outer;
  }

  private setTopVar(n: number, v: unknown): void {
    const slot = this.vars[this.vars.length - n];
    if (slot) slot.value = v;
  }

  private evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    for (const name of pipe.decl) {
      if (pipe.isAssign) {
        const slot = [...this.vars].reverse().find((s) => s.name === name);
        if (slot) slot.value = value;
      } else {
        this.vars.push({ name, value });
      }
    }
    return value === MISSING ? undefined : value;
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: unknown): unknown {
    const first = cmd.args[0];
    if (!first) this.errorf('empty command');
    switch (first.type) {
      case 'field':
        return this.evalFieldChain(dot, dot, first, first.idents, cmd.args, final);
      case 'chain': {
        this.at(first);
        const base = this.evalArg(dot, first.node);
        return this.evalFieldChain(dot, base, first, first.fields, cmd.args, final);
      }
      case 'var': {
        this.at(first);
        const value = this.varValue(first.idents[0] ?? '$');
        if (first.idents.length === 1) {
          this.notAFunction(cmd.args, final);
          return value;
        }
        return this.evalFieldChain(dot, value, first, first.idents.slice(1), cmd.args, final);
      }
      case 'ident':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      default:
        this.at(first);
        this.notAFunction(cmd.args, final);
        return this.literal(dot, first);
    }
  }

  private literal(dot: unknown, n: ArgNode): unknown {
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'dot':
        return dot;
      case 'number':
        return n.value;
      case 'string':
        return n.value;
      case 'nil':
        return this.errorf('nil is not a command');
      default:
        this.errorf(`can't evaluate command ${goQuote(nodeString(n))}`);
    }
  }

  private notAFunction(args: ArgNode[], final: unknown): void {
    if (args.length > 1 || final !== MISSING)
      this.errorf(`can't give argument to non-function ${nodeString(args[0] as ArgNode)}`);
  }

  private varValue(name: string): unknown {
    const slot = [...this.vars].reverse().find((s) => s.name === name);
    if (!slot) this.errorf(`undefined variable: ${name}`);
    return slot.value;
  }

  private evalFieldChain(
    dot: unknown,
    receiver: unknown,
    node: ArgNode,
    idents: string[],
    args: ArgNode[],
    final: unknown,
  ): unknown {
    this.at(node);
    let value = receiver;
    idents.forEach((name, i) => {
      const last = i === idents.length - 1;
      value = this.evalField(dot, name, node, last ? args : [], last ? final : MISSING, value);
    });
    return value;
  }

  private evalField(
    dot: unknown,
    name: string,
    node: ArgNode,
    args: ArgNode[],
    final: unknown,
    receiver: unknown,
  ): unknown {
    if (receiver === undefined) {
      if (this.opts.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(name)}`);
      return undefined;
    }
    if (receiver === null)
      this.errorf(
        `nil pointer evaluating ${this.typeOf(receiver) === '<nil>' ? 'interface {}' : this.typeOf(receiver)}.${name}`,
      );
    const hasArgs = args.length > 1 || final !== MISSING;
    if (isObject(receiver) && hasField(receiver, name)) {
      const field = receiver[name];
      if (typeof field === 'function') {
        const argv = args.slice(1).map((a) => this.evalArg(dot, a));
        if (final !== MISSING) argv.push(final);
        try {
          return field.apply(receiver, argv);
        } catch (e) {
          this.at(node);
          this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      if (hasArgs) {
        this.errorf(
          this.isStructValue(receiver)
            ? `${name} has arguments but cannot be invoked as function`
            : `${name} is not a method but has arguments`,
        );
      }
      return field;
    }
    if (isObject(receiver) && !this.isStructValue(receiver)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      if (this.opts.missingKey === 'error') this.errorf(`map has no entry for key ${goQuote(name)}`);
      return undefined;
    }
    this.errorf(`can't evaluate field ${name} in type ${this.typeOf(receiver)}`);
  }

  private evalFunction(
    dot: unknown,
    ident: Extract<ArgNode, { type: 'ident' }>,
    cmd: CommandNode,
    args: ArgNode[],
    final: unknown,
  ): unknown {
    this.at(ident);
    const spec = this.funcs[ident.name];
    if (!spec) this.errorf(`${goQuote(ident.name)} is not a defined function`);
    const params = spec.params ?? [];
    const argNodes = args.slice(1);
    const numIn = argNodes.length + (final === MISSING ? 0 : 1);
    if (spec.rest) {
      if (numIn < params.length) {
        this.errorf(
          `wrong number of args for ${ident.name}: want at least ${params.length} got ${argNodes.length}`,
        );
      }
    } else if (numIn !== params.length) {
      this.errorf(`wrong number of args for ${ident.name}: want ${params.length} got ${numIn}`);
    }
    const paramAt = (i: number): Param => params[i] ?? spec.rest ?? 'any';
    const argv: unknown[] = [];
    // and/or short-circuit: stop evaluating once the result is known.
    const shortCircuit = ident.name === 'and' || ident.name === 'or';
    for (const [i, a] of argNodes.entries()) {
      const v = this.checkType(this.evalArg(dot, a), paramAt(i), a);
      argv.push(v);
      if (shortCircuit && isTrue(v) === (ident.name === 'or')) return v;
    }
    if (final !== MISSING) {
      this.at(ident);
      argv.push(this.checkType(final, paramAt(argv.length), ident));
    }
    try {
      return spec.fn(argv, { mapsOnly: this.mapsOnly });
    } catch (e) {
      if (e instanceof ExecError) throw e;
      this.at(cmd);
      this.errorf(`error calling ${ident.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Go's validateType for the parameter kinds docker's functions use. */
  private checkType(v: unknown, param: Param, node: ArgNode): unknown {
    const ok =
      param === 'any' ||
      (param === 'string' && typeof v === 'string') ||
      (param === 'int' && typeof v === 'number' && Number.isInteger(v)) ||
      (param === '[]string' && Array.isArray(v) && v.every((e) => typeof e === 'string'));
    if (ok) return v;
    this.at(node);
    if (v === undefined || v === null) {
      if (param === '[]string') return [];
      this.errorf(`invalid value; expected ${param}`);
    }
    this.errorf(`wrong type for value; expected ${param}; got ${this.typeOf(v)}`);
  }

  private evalArg(dot: unknown, n: ArgNode): unknown {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'field':
        return this.evalFieldChain(dot, dot, n, n.idents, [n], MISSING);
      case 'var': {
        const value = this.varValue(n.idents[0] ?? '$');
        return n.idents.length === 1
          ? value
          : this.evalFieldChain(dot, value, n, n.idents.slice(1), [n], MISSING);
      }
      case 'pipe':
        return this.evalPipeline(dot, n);
      case 'ident':
        return this.evalFunction(dot, n, { type: 'command', pos: n.pos, args: [n] }, [n], MISSING);
      case 'chain':
        return this.evalFieldChain(dot, this.evalArg(dot, n.node), n, n.fields, [n], MISSING);
      default:
        return this.literal(dot, n);
    }
  }
}

/** Executes a parsed template against `data`. */
export function executeTemplate(tmpl: Template, data: unknown, opts: ExecOptions = {}): ExecResult {
  try {
    return { ok: true, text: new State(tmpl, opts, data).run() };
  } catch (e) {
    if (e instanceof ExecError) return { ok: false, error: e.message };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// docker's formatter.Context

/** Options for formatRows. */
export type FormatOptions = ExecOptions & { minWidth?: number; padding?: number };

/**
 * docker's formatter: `table ...` prints a header row (the template run against the header names with
 * HeaderFunctions) and aligns everything with the tabwriter; `json` means `{{json .}}`; any other format is
 * rendered once per item, each followed by '\n'. Literal `\t` and `\n` in the format become tab/newline.
 * Errors read like docker's: `template parsing error: template: :1: ...`.
 */
export function formatRows(
  format: string,
  items: readonly unknown[],
  headers: Record<string, string>,
  opts: FormatOptions = {},
): ExecResult {
  const isTable = format.startsWith('table');
  let body = isTable ? format.slice('table'.length) : format === 'json' ? '{{json .}}' : format;
  body = body.replace(/^ +| +$/g, '').replace(/\\t|\\n/g, (m) => (m === '\\t' ? '\t' : '\n'));
  const parsed = parseTemplate(body);
  if (!parsed.ok) return { ok: false, error: `template parsing error: ${parsed.error}` };
  let rows = '';
  for (const item of items) {
    const r = executeTemplate(parsed.tmpl, item, opts);
    if (!r.ok) return { ok: false, error: `template parsing error: ${r.error}` };
    rows += `${r.text}\n`;
  }
  if (!isTable) return { ok: true, text: rows };
  // docker ignores errors while rendering the header and keeps whatever was written.
  const headerState = new State(parsed.tmpl, { headerFuncs: true }, goMap({ ...headers }));
  let header = '';
  try {
    header = headerState.run();
  } catch (e) {
    if (!(e instanceof ExecError)) throw e;
    header = headerState.partial();
  }
  const tableOpts = {
    ...(opts.minWidth === undefined ? {} : { minWidth: opts.minWidth }),
    ...(opts.padding === undefined ? {} : { padding: opts.padding }),
  };
  return { ok: true, text: tabwrite(`${header}\n${rows}`, tableOpts) };
}
