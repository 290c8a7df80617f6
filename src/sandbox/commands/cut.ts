import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { bytesOf, textOf } from './lines.ts';
import { readOperand, reportPlain } from './read.ts';

type Range = [number, number];

/** Parses a cut list like `1,3-5,-2,7-`; returns an error message for a bad one. */
export function parseList(text: string): Range[] | string {
  const ranges: Range[] = [];
  for (const part of text.split(/[,\s]/)) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || part === '' || part === '-') return `invalid range with no endpoint: -`;
    const start = m[1] ? Number(m[1]) : 1;
    const end = m[2] ? (m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY) : start;
    if (start === 0 || end === 0) return 'fields and positions are numbered from 1';
    if (end < start) return 'invalid decreasing range';
    ranges.push([start, end]);
  }
  return ranges;
}

function selected(ranges: Range[], index: number, complement: boolean): boolean {
  const inside = ranges.some(([a, b]) => index >= a && index <= b);
  return inside !== complement;
}

/** `cut -f LIST [-d DELIM] [-s]`, `cut -c LIST`, `cut -b LIST`. */
export function cut(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      {
        flags: 'sn',
        values: 'bcfd',
        long: {
          'bytes=': 'b',
          'characters=': 'c',
          'fields=': 'f',
          'delimiter=': 'd',
          'only-delimited': 's',
          complement: 'complement',
          'output-delimiter=': 'output-delimiter',
        },
      },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'cut', flavor, parsed.message);
    const modes = ['b', 'c', 'f'].filter((k) => parsed.has(k));
    if (modes.length === 0)
      return usageError(ctx, 'cut', flavor, 'you must specify a list of bytes, characters, or fields');
    if (modes.length > 1) return usageError(ctx, 'cut', flavor, 'only one type of list may be specified');
    const mode = modes[0] as string;
    const ranges = parseList(parsed.get(mode) ?? '');
    if (typeof ranges === 'string') return usageError(ctx, 'cut', flavor, ranges);
    const delimiter = parsed.get('d') ?? '\t';
    if (mode === 'f' && delimiter.length !== 1)
      return usageError(ctx, 'cut', flavor, 'the delimiter must be a single character');
    if (mode !== 'f' && parsed.has('d')) {
      return usageError(
        ctx,
        'cut',
        flavor,
        'an input delimiter may be specified only when operating on fields',
      );
    }
    const complement = parsed.has('complement');
    const outDelimiter = parsed.get('output-delimiter') ?? (mode === 'f' ? delimiter : '');
    const cutLine = (line: string): string | undefined => {
      if (mode === 'f') {
        if (!line.includes(delimiter)) return parsed.has('s') ? undefined : line;
        return line
          .split(delimiter)
          .filter((_, i) => selected(ranges, i + 1, complement))
          .join(outDelimiter);
      }
      if (mode === 'b') {
        const bytes = bytesOf(line);
        return textOf(bytes.filter((_, i) => selected(ranges, i + 1, complement)));
      }
      return [...line].filter((_, i) => selected(ranges, i + 1, complement)).join('');
    };
    let status = 0;
    for (const operand of parsed.operands.length > 0 ? parsed.operands : ['-']) {
      let text: string;
      try {
        text = readOperand(ctx, operand);
      } catch (error) {
        reportPlain(ctx, 'cut', operand, error);
        status = 1;
        continue;
      }
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      for (const line of lines) {
        const out = cutLine(line);
        if (out !== undefined) ctx.stdout.write(`${out}\n`);
      }
    }
    return status;
  };
}
