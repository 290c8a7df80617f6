import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { bytesOf } from './lines.ts';
import { absolute, errorText, readOperand } from './read.ts';

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  longest: number;
}

/** Counts as wc does: newlines, blank-separated words, characters, bytes, longest line. */
export function count(text: string): Counts {
  const lines = text.split('\n');
  return {
    lines: lines.length - 1,
    words: text.split(/[ \t\n\r\f\v]+/).filter(Boolean).length,
    chars: [...text].length,
    bytes: bytesOf(text).length,
    longest: Math.max(0, ...lines.map((l) => [...l.replace(/\t/g, '        ')].length)),
  };
}

const ORDER: [keyof Counts, string][] = [
  ['lines', 'l'],
  ['words', 'w'],
  ['chars', 'm'],
  ['bytes', 'c'],
  ['longest', 'L'],
];

/** `wc [-lwmcL] [FILE]...` with GNU's column width rule (digits of the total size, 7 for pipes). */
export function wc(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      { flags: 'lwmcL', long: { lines: 'l', words: 'w', chars: 'm', bytes: 'c', 'max-line-length': 'L' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'wc', flavor, parsed.message);
    let selected = ORDER.filter(([, flag]) => parsed.has(flag)).map(([key]) => key);
    if (selected.length === 0) selected = ['lines', 'words', 'bytes'];
    const operands = parsed.operands.length > 0 ? parsed.operands : ['-'];
    const rows: { counts: Counts; name: string | undefined }[] = [];
    // Errors go out in their place among the counts, as wc reports each operand in turn.
    const errorsBefore = new Map<number, string>();
    let status = 0;
    let regularTotal = 0;
    let minimum = 1;
    for (const operand of operands) {
      try {
        const text = readOperand(ctx, operand);
        rows.push({ counts: count(text), name: parsed.operands.length > 0 ? operand : undefined });
        if (operand === '-') minimum = 7;
        else regularTotal += ctx.fs.stat(absolute(ctx, operand))?.type === 'file' ? bytesOf(text).length : 0;
      } catch (error) {
        const message = errorText(error);
        errorsBefore.set(rows.length, `${errorsBefore.get(rows.length) ?? ''}wc: ${operand}: ${message}\n`);
        status = 1;
        if (message === 'Is a directory' && flavor === 'gnu') {
          rows.push({ counts: { lines: 0, words: 0, chars: 0, bytes: 0, longest: 0 }, name: operand });
          minimum = 7;
        }
      }
    }
    // GNU counts the operands, readable or not; BusyBox the files it read.
    if ((flavor === 'gnu' ? operands.length : rows.length) > 1) {
      const total = { lines: 0, words: 0, chars: 0, bytes: 0, longest: 0 };
      for (const { counts } of rows) {
        for (const key of ['lines', 'words', 'chars', 'bytes'] as const) total[key] += counts[key];
        total.longest = Math.max(total.longest, counts.longest);
      }
      rows.push({ counts: total, name: 'total' });
    }
    // One file and one count: no padding at all. Otherwise GNU pads to the digits of the total
    // size, BusyBox to 9.
    const bare = operands.length === 1 && selected.length === 1;
    const width = bare ? 0 : flavor === 'gnu' ? Math.max(minimum, String(regularTotal).length) : 9;
    rows.forEach(({ counts, name }, i) => {
      ctx.stderr.write(errorsBefore.get(i) ?? '');
      const cells = selected.map((key) => String(counts[key]).padStart(width)).join(' ');
      ctx.stdout.write(name === undefined ? `${cells}\n` : `${cells} ${name}\n`);
    });
    ctx.stderr.write(errorsBefore.get(rows.length) ?? '');
    return status;
  };
}
