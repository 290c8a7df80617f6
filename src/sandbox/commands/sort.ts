import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { localeQuote } from './quote.ts';
import { absolute, errorText, readOperand } from './read.ts';

interface Key {
  startField: number;
  endField: number | undefined;
  numeric: boolean;
  reverse: boolean;
  human: boolean;
  fold: boolean;
}

interface SortOptions {
  keys: Key[];
  separator: string | undefined;
  numeric: boolean;
  human: boolean;
  reverse: boolean;
  fold: boolean;
  stable: boolean;
}

/** Parses `-k 2`, `-k2,2n`, `-k3nr`; undefined when malformed. */
function parseKey(text: string): Key | undefined {
  const m = /^(\d+)(?:\.\d+)?([bdfghinrMV]*)(?:,(\d+)(?:\.\d+)?([bdfghinrMV]*))?$/.exec(text);
  if (!m || Number(m[1]) === 0) return undefined;
  const opts = (m[2] ?? '') + (m[4] ?? '');
  return {
    startField: Number(m[1]),
    endField: m[3] === undefined ? undefined : Number(m[3]),
    numeric: opts.includes('n') || opts.includes('g'),
    human: opts.includes('h'),
    reverse: opts.includes('r'),
    fold: opts.includes('f'),
  };
}

/** Field spans of a line: by separator, or (default) each field keeps its leading blanks. */
function fieldStarts(line: string, separator: string | undefined): [number, number][] {
  const spans: [number, number][] = [];
  if (separator !== undefined) {
    let start = 0;
    for (;;) {
      const i = line.indexOf(separator, start);
      if (i === -1) {
        spans.push([start, line.length]);
        return spans;
      }
      spans.push([start, i]);
      start = i + separator.length;
    }
  }
  const re = /[ \t]*[^ \t]+/g;
  for (const m of line.matchAll(re)) spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  return spans;
}

function keyText(line: string, key: Key, separator: string | undefined): string {
  const spans = fieldStarts(line, separator);
  const start = spans[key.startField - 1];
  if (!start) return '';
  const end = key.endField === undefined ? undefined : spans[key.endField - 1];
  return line.slice(start[0], end ? end[1] : line.length);
}

const SUFFIX = 'KMGTPEZY';

/** The leading number of a string as sort -n reads it (non-numbers are 0); -h understands K, M, G. */
function numericValue(text: string, human: boolean): number {
  const m = /^\s*(-?\d*\.?\d+)([KMGTPEZY]?)/.exec(text);
  if (!m) return 0;
  const base = Number(m[1]);
  return human && m[2] ? base * 1024 ** (SUFFIX.indexOf(m[2]) + 1) : base;
}

function compareText(a: string, b: string, fold: boolean): number {
  const x = fold ? a.toUpperCase() : a;
  const y = fold ? b.toUpperCase() : b;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareBy(a: string, b: string, numeric: boolean, human: boolean, fold: boolean): number {
  if (numeric || human) return Math.sign(numericValue(a, human) - numericValue(b, human));
  return compareText(a, b, fold);
}

/** Compares on keys only (what -u uses to decide duplicates). */
function compareKeys(a: string, b: string, o: SortOptions): number {
  if (o.keys.length === 0) {
    const c = compareBy(a, b, o.numeric, o.human, o.fold);
    return o.reverse ? -c : c;
  }
  for (const key of o.keys) {
    const plain = !key.numeric && !key.human && !key.fold && !key.reverse;
    const numeric = plain ? o.numeric : key.numeric;
    const human = plain ? o.human : key.human;
    const c = compareBy(
      keyText(a, key, o.separator),
      keyText(b, key, o.separator),
      numeric,
      human,
      key.fold || o.fold,
    );
    if (c !== 0) return (plain ? o.reverse : key.reverse) ? -c : c;
  }
  return 0;
}

/** `sort [-rnuhf] [-k KEY] [-t SEP] [-o FILE] [FILE]...` in the C locale (bytewise). */
export function sort(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      {
        flags: 'rnuhfsbgcMV',
        values: 'kto',
        long: {
          reverse: 'r',
          'numeric-sort': 'n',
          unique: 'u',
          'human-numeric-sort': 'h',
          'ignore-case': 'f',
          stable: 's',
          'key=': 'k',
          'field-separator=': 't',
          'output=': 'o',
        },
      },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'sort', flavor, parsed.message, 2);
    const keys: Key[] = [];
    for (const [k, v] of parsed.options) {
      if (k !== 'k') continue;
      const key = parseKey(v);
      if (!key) {
        ctx.stderr.write(`sort: invalid number at field start: invalid count at start of '${v}'\n`);
        return 2;
      }
      keys.push(key);
    }
    const separator = parsed.get('t');
    if (separator !== undefined && separator.length !== 1) {
      ctx.stderr.write(
        separator === ''
          ? 'sort: empty tab\n'
          : `sort: multi-character tab ${localeQuote(ctx.env, separator)}\n`,
      );
      return 2;
    }
    const o: SortOptions = {
      keys,
      separator,
      numeric: parsed.has('n') || parsed.has('g'),
      human: parsed.has('h'),
      reverse: parsed.has('r'),
      fold: parsed.has('f'),
      stable: parsed.has('s'),
    };
    const lines: string[] = [];
    for (const operand of parsed.operands.length > 0 ? parsed.operands : ['-']) {
      try {
        const text = readOperand(ctx, operand);
        const split = text.split('\n');
        if (split[split.length - 1] === '') split.pop();
        lines.push(...split);
      } catch (error) {
        ctx.stderr.write(
          flavor === 'gnu'
            ? `sort: cannot read: ${operand}: ${errorText(error)}\n`
            : `sort: can't open '${operand}': ${errorText(error)}\n`,
        );
        return 2;
      }
    }
    const unique = parsed.has('u');
    const sorted = lines.sort((a, b) => {
      const c = compareKeys(a, b, o);
      if (c !== 0 || o.stable || unique) return c;
      // GNU's last-resort comparison: the whole line, bytewise (reversed with -r).
      const whole = compareText(a, b, false);
      return o.reverse ? -whole : whole;
    });
    const out = unique
      ? sorted.filter((line, i) => i === 0 || compareKeys(sorted[i - 1] as string, line, o) !== 0)
      : sorted;
    const text = out.map((l) => `${l}\n`).join('');
    const outFile = parsed.get('o');
    if (outFile !== undefined) {
      try {
        ctx.fs.writeFile(absolute(ctx, outFile), text, { actor: ctx.user });
      } catch (error) {
        ctx.stderr.write(`sort: open failed: ${outFile}: ${errorText(error)}\n`);
        return 2;
      }
      return 0;
    }
    ctx.stdout.write(text);
    return 0;
  };
}
