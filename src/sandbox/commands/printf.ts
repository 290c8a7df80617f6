import type { Program, ProgramContext } from '../shell/program.ts';
import { usageError } from './args.ts';
import { expandEscapes } from './echo.ts';
import type { Flavor } from './flavor.ts';

export interface Spec {
  flags: string;
  width: number | undefined;
  precision: number | undefined;
  conv: string;
}

/** Escapes in the format string itself: like echo -e, but octal is `\NNN` without a leading 0. */
function formatEscape(format: string, i: number): { text: string; length: number; stop: boolean } {
  const rest = format.slice(i + 1);
  const octal = /^[0-7]{1,3}/.exec(rest);
  if (octal)
    return {
      text: String.fromCharCode(Number.parseInt(octal[0], 8) & 0xff),
      length: 1 + octal[0].length,
      stop: false,
    };
  const hex = /^x([0-9a-fA-F]{1,2})/.exec(rest);
  if (hex)
    return {
      text: String.fromCharCode(Number.parseInt(hex[1] as string, 16)),
      length: 1 + hex[0].length,
      stop: false,
    };
  if (rest[0] === 'c') return { text: '', length: 2, stop: true };
  if (rest[0] === '"') return { text: '"', length: 2, stop: false };
  const expanded = expandEscapes(`\\${rest[0] ?? ''}`);
  return { text: expanded.text, length: 2, stop: false };
}

/** Parses a numeric argument as C's strtol/strtod would, reporting what GNU printf reports. */
function parseNumber(arg: string, report: (message: string) => void): number {
  if (/^['"]/.test(arg)) return arg.length > 1 ? (arg.codePointAt(1) ?? 0) : 0;
  const text = arg.trim();
  if (text === '') return 0;
  const match = /^[+-]?(0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)/.exec(text);
  if (!match) {
    report(`'${arg}': expected a numeric value`);
    return 0;
  }
  const literal = match[0];
  const sign = literal.startsWith('-') ? -1 : 1;
  const body = literal.replace(/^[+-]/, '');
  const value = /^0[xX]/.test(body)
    ? Number.parseInt(body, 16)
    : /^0[0-7]+$/.test(body)
      ? Number.parseInt(body, 8)
      : Number(body);
  if (literal.length !== text.length) report(`'${arg}': value not completely converted`);
  return sign * value;
}

/** Pads a converted field to its width (`-` left-aligns, `0` zero-fills numbers). */
export function padField(text: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  if (text.length >= width) return text;
  if (spec.flags.includes('-')) return text.padEnd(width);
  if (
    numeric &&
    spec.flags.includes('0') &&
    !(spec.precision !== undefined && 'diouxX'.includes(spec.conv))
  ) {
    const sign = /^[+\- ]|^0[xX]/.exec(text)?.[0] ?? '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}

/** `%d %i %o %u %x %X` of a number. */
export function formatInteger(value: number, spec: Spec): string {
  const int = Math.trunc(value);
  let digits: string;
  const negative = int < 0 && 'di'.includes(spec.conv);
  if ('di'.includes(spec.conv)) digits = String(Math.abs(int));
  else {
    const unsigned = BigInt.asUintN(64, BigInt(int));
    digits = unsigned.toString(spec.conv === 'o' ? 8 : spec.conv === 'u' ? 10 : 16);
    if (spec.conv === 'X') digits = digits.toUpperCase();
  }
  if (spec.precision !== undefined)
    digits = spec.precision === 0 && int === 0 ? '' : digits.padStart(spec.precision, '0');
  if (spec.flags.includes('#') && int !== 0) {
    if (spec.conv === 'o' && !digits.startsWith('0')) digits = `0${digits}`;
    if (spec.conv === 'x') digits = `0x${digits}`;
    if (spec.conv === 'X') digits = `0X${digits}`;
  }
  const sign = negative
    ? '-'
    : spec.flags.includes('+') && 'di'.includes(spec.conv)
      ? '+'
      : spec.flags.includes(' ') && 'di'.includes(spec.conv)
        ? ' '
        : '';
  return padField(sign + digits, spec, true);
}

/** `%f %e %g` (and capitals) of a number. */
export function formatFloat(value: number, spec: Spec): string {
  const precision = spec.precision ?? 6;
  let body: string;
  const abs = Math.abs(value);
  if (!Number.isFinite(value)) body = Number.isNaN(value) ? 'nan' : 'inf';
  else if ('fF'.includes(spec.conv)) body = fixedC(abs, precision);
  else if ('eE'.includes(spec.conv)) body = cExponent(exponentialC(abs, precision));
  else {
    const p = precision === 0 ? 1 : precision;
    const exponent = abs === 0 ? 0 : Math.floor(Math.log10(Number(exponentialC(abs, p - 1))));
    body =
      exponent < -4 || exponent >= p
        ? cExponent(exponentialC(abs, p - 1))
        : fixedC(abs, Math.max(0, p - 1 - exponent));
    // %g drops trailing zeros (and a bare point) unless # asks to keep them.
    if (!spec.flags.includes('#') && body.includes('.')) body = body.replace(/\.?0+(?=e|$)/, '');
  }
  if (spec.conv === spec.conv.toUpperCase()) body = body.toUpperCase();
  const sign =
    value < 0 || Object.is(value, -0)
      ? '-'
      : spec.flags.includes('+')
        ? '+'
        : spec.flags.includes(' ')
          ? ' '
          : '';
  return padField(sign + body, spec, true);
}

/**
 * `toFixed` as C rounds: JS rounds an exact tie away from zero, glibc to even (`%.1f` of 2.25 is
 * 2.2, `%.0f` of 2.5 is 2). `x` is not negative.
 */
function fixedC(x: number, digits: number): string {
  const rounded = x.toFixed(digits);
  if (digits + 30 > 100 || !Number.isFinite(x) || x >= 1e21) return rounded;
  const long = x.toFixed(digits + 30);
  const cut = long.length - 30;
  if (!/^50*$/.test(long.slice(cut))) return rounded;
  const down = long.slice(0, digits === 0 ? cut - 1 : cut);
  const last = Number(down.replace('.', '').slice(-1));
  return last % 2 === 0 ? down : rounded;
}

/** `toExponential` with C's round-half-even on exact ties. */
function exponentialC(x: number, digits: number): string {
  const rounded = x.toExponential(digits);
  if (digits + 30 > 100 || !Number.isFinite(x) || x === 0) return rounded;
  const long = x.toExponential(digits + 30);
  const [mantissa = '', exponent = ''] = long.split('e');
  const cut = mantissa.length - 30;
  if (!/^50*$/.test(mantissa.slice(cut))) return rounded;
  const down = mantissa.slice(0, digits === 0 ? cut - 1 : cut);
  const last = Number(down.replace('.', '').slice(-1));
  return last % 2 === 0 ? `${down}e${exponent}` : rounded;
}

/** JS writes `1e+5`; C writes `1e+05`. */
function cExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/**
 * Formats once through `format`, consuming arguments. Returns the text, how many arguments were
 * used, and whether `\c` (or `%b` with `\c`) stopped output.
 */
export function formatOnce(
  format: string,
  args: string[],
  report: (message: string) => void,
): { text: string; used: number; stop: boolean } {
  let out = '';
  let used = 0;
  const next = () => (used < args.length ? (args[used++] as string) : undefined);
  for (let i = 0; i < format.length; i++) {
    const c = format[i] as string;
    if (c === '\\') {
      const seq = formatEscape(format, i);
      out += seq.text;
      if (seq.stop) return { text: out, used, stop: true };
      i += seq.length - 1;
      continue;
    }
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXcsbfFeEgG%])/.exec(format.slice(i));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length - 1;
    const conv = m[4] as string;
    if (conv === '%') {
      out += '%';
      continue;
    }
    const width = m[2] === '*' ? parseNumber(next() ?? '0', report) : m[2] ? Number(m[2]) : undefined;
    const precision =
      m[3] === '*'
        ? parseNumber(next() ?? '0', report)
        : m[3] !== undefined
          ? Number(m[3] || '0')
          : undefined;
    let flags = m[1] ?? '';
    let w = width;
    if (w !== undefined && w < 0) {
      flags += '-';
      w = -w;
    }
    const spec: Spec = { flags, width: w, precision, conv };
    const arg = next();
    if (conv === 's') out += padField((arg ?? '').slice(0, precision ?? undefined), spec, false);
    else if (conv === 'b') {
      const expanded = expandEscapes(
        (arg ?? '').replace(/\\0?([0-7]{1,3})/g, (_all, d: string) => `\\0${d}`),
      );
      out += padField(expanded.text.slice(0, precision ?? undefined), spec, false);
      if (expanded.stop) return { text: out, used, stop: true };
    } else if (conv === 'c') out += padField((arg ?? '').slice(0, 1), spec, false);
    else if ('diouxX'.includes(conv))
      out += formatInteger(arg === undefined ? 0 : parseNumber(arg, report), spec);
    else out += formatFloat(arg === undefined ? 0 : parseNumber(arg, report), spec);
  }
  return { text: out, used, stop: false };
}

/** Runs the whole printf: the format is reused while arguments remain. */
export function formatAll(format: string, args: string[], report: (message: string) => void): string {
  let out = '';
  let rest = args;
  do {
    const once = formatOnce(format, rest, report);
    out += once.text;
    if (once.stop || once.used === 0) break;
    rest = rest.slice(once.used);
  } while (rest.length > 0);
  return out;
}

/**
 * `printf FORMAT [ARGUMENT]...`: coreutils' wording, BusyBox's, or bash's builtin's (which formats
 * the same way but calls every bad number `invalid number`).
 */
export function printf(flavor: Flavor, builtin?: 'bash'): Program {
  return async (ctx: ProgramContext) => {
    let args = ctx.argv.slice(1);
    if (args[0] === '--') args = args.slice(1);
    const format = args[0];
    if (format === undefined) {
      return flavor === 'gnu'
        ? usageError(ctx, 'printf', flavor, 'missing operand')
        : usageError(ctx, 'printf', flavor, '');
    }
    let status = 0;
    const text = formatAll(format, args.slice(1), (message) => {
      const arg = message.slice(1, message.lastIndexOf("':"));
      ctx.stderr.write(
        builtin === 'bash'
          ? `bash: printf: ${arg}: invalid number\n`
          : flavor === 'gnu'
            ? `printf: ${message}\n`
            : `printf: invalid number ${message.split(':')[0]}\n`,
      );
      status = 1;
    });
    ctx.stdout.write(text);
    return status;
  };
}
