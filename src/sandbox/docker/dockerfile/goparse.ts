/**
 * The few Go standard-library parsers BuildKit leans on while reading a Dockerfile, with their exact error
 * texts: time.ParseDuration (HEALTHCHECK intervals), strconv.ParseInt / ParseUint (retries, mount uid/mode),
 * strconv.ParseBool, and the Levenshtein-based "did you mean" of buildkit's util/suggest.
 */

import { C_ESCAPES } from '../../core/c-escapes.ts';

/** Success or a Go error message. */
export type GoResult<T> = { ok: true; value: T } | { ok: false; error: string };

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** One `<number><unit>` component of a duration; null on a syntax error. */
function durationComponent(s: string): { ns: number; rest: string } | null | { unitError: string } {
  const m = /^(\d*)(?:\.(\d*))?/.exec(s) as RegExpExecArray;
  const whole = m[1] ?? '';
  const frac = m[2];
  if (whole === '' && (frac === undefined || frac === '')) return null;
  const rest = s.slice(m[0].length);
  const u = /^[^.0-9]*/.exec(rest)?.[0] ?? '';
  if (u === '') return { unitError: 'missing' };
  const unit = UNIT_NS[u];
  if (unit === undefined) return { unitError: u };
  const value = Number(`${whole === '' ? '0' : whole}.${frac ?? ''}0`);
  return { ns: value * unit, rest: rest.slice(u.length) };
}

/** time.ParseDuration, in nanoseconds. */
export function parseGoDuration(orig: string): GoResult<number> {
  let s = orig;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, value: 0 };
  const invalid: GoResult<number> = { ok: false, error: `time: invalid duration ${goQuote(orig)}` };
  if (s === '') return invalid;
  let total = 0;
  while (s !== '') {
    const c = durationComponent(s);
    if (c === null) return invalid;
    if ('unitError' in c) {
      if (c.unitError === 'missing')
        return { ok: false, error: `time: missing unit in duration ${goQuote(orig)}` };
      return { ok: false, error: `time: unknown unit ${goQuote(c.unitError)} in duration ${goQuote(orig)}` };
    }
    total += c.ns;
    s = c.rest;
  }
  return { ok: true, value: Math.round(neg ? -total : total) };
}

function trimFraction(n: number): string {
  return String(Number(n.toFixed(9)));
}

/** Go's time.Duration.String(): `30s`, `1m30s`, `1h0m0s`, `500ms`. */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  const a = Math.abs(ns);
  if (a < 1e3) return `${sign}${a}ns`;
  if (a < 1e6) return `${sign}${trimFraction(a / 1e3)}µs`;
  if (a < 1e9) return `${sign}${trimFraction(a / 1e6)}ms`;
  const h = Math.floor(a / 3600e9);
  const m = Math.floor((a % 3600e9) / 60e9);
  const s = (a % 60e9) / 1e9;
  return `${sign}${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${trimFraction(s)}s`;
}

/** strconv.ParseInt(s, 10, bits). */
export function parseGoInt(s: string, bits = 64): GoResult<number> {
  if (!/^[+-]?\d+$/.test(s))
    return { ok: false, error: `strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax` };
  const v = BigInt(s);
  const max = (1n << BigInt(bits - 1)) - 1n;
  if (v > max || v < -max - 1n) {
    return { ok: false, error: `strconv.ParseInt: parsing ${goQuote(s)}: value out of range` };
  }
  return { ok: true, value: Number(v) };
}

/** strconv.ParseUint(s, base, bits). */
export function parseGoUint(s: string, base: 8 | 10, bits = 64): GoResult<number> {
  const digits = base === 8 ? /^[0-7]+$/ : /^\d+$/;
  if (!digits.test(s))
    return { ok: false, error: `strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax` };
  const v = BigInt(base === 8 ? `0o${s}` : s);
  if (v > (1n << BigInt(bits)) - 1n) {
    return { ok: false, error: `strconv.ParseUint: parsing ${goQuote(s)}: value out of range` };
  }
  return { ok: true, value: Number(v) };
}

/** strconv.ParseBool. */
export function parseGoBool(s: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return null;
}

/** Levenshtein distance over runes (agext/levenshtein with default costs). */
export function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    prev = cur;
  }
  return prev[y.length] as number;
}

/** matchCase: give the suggestion the case of what the user typed. */
function matchCase(val: string, orig: string): string {
  if (orig === orig.toLowerCase()) return val.toLowerCase();
  if (orig === orig.toUpperCase()) return val.toUpperCase();
  return val;
}

/**
 * util/suggest.WrapError: append ` (did you mean X?)` when an option is within edit distance 2.
 * Options are tried in the order given (BuildKit iterates a map, so ties are unordered there).
 */
export function suggest(
  message: string,
  val: string,
  options: readonly string[],
  caseSensitive: boolean,
): string {
  const v = caseSensitive ? val : val.toLowerCase();
  let match = '';
  let min = 3;
  for (const option of options) {
    const opt = caseSensitive ? option : option.toLowerCase();
    if (v === opt) return message;
    const dist = levenshtein(v, opt);
    if (dist < min) {
      match = caseSensitive ? opt : matchCase(opt, val);
      min = dist;
    }
  }
  return match === '' ? message : `${message} (did you mean ${match}?)`;
}

/** Go's strconv.Quote (enough of it for error messages: escapes, control bytes, non-printables). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += quoteRune(ch);
  return `${out}"`;
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '\\"', ...C_ESCAPES };

/** Quote one rune the way strconv.Quote does. */
function quoteRune(ch: string): string {
  const simple = SIMPLE_ESCAPES[ch];
  if (simple !== undefined) return simple;
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}\u0020]$/u.test(ch)) return ch;
  return cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}
