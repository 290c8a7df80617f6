import type { Program, ProgramContext } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { bytesOf, expandCountShorthand, splitLines, textOf } from './lines.ts';
import { localeQuote } from './quote.ts';
import { readOperand, readText, reportFsError } from './read.ts';

/** A tail count: `N` means the last N, `+N` means starting at the Nth. */
interface Count {
  fromStart: boolean;
  n: number;
}

function parseTailCount(text: string): Count | undefined {
  const m = /^([+-]?)(\d+)$/.exec(text);
  if (!m) return undefined;
  return { fromStart: m[1] === '+', n: Number(m[2]) };
}

function tailText(text: string, count: Count, bytes: boolean): string {
  if (bytes) {
    const data = bytesOf(text);
    return textOf(
      count.fromStart ? data.slice(Math.max(0, count.n - 1)) : data.slice(Math.max(0, data.length - count.n)),
    );
  }
  const lines = splitLines(text);
  return (
    count.fromStart ? lines.slice(Math.max(0, count.n - 1)) : lines.slice(Math.max(0, lines.length - count.n))
  ).join('');
}

/** `tail -f`: prints what is appended, once a second, until Ctrl-C interrupts the sleep. */
async function follow(ctx: ProgramContext, operand: string, seen: string): Promise<void> {
  let last = seen;
  for (;;) {
    await ctx.sleep(1000);
    let now: string;
    try {
      now = readText(ctx, operand);
    } catch {
      continue;
    }
    if (now.length > last.length && now.startsWith(last)) ctx.stdout.write(now.slice(last.length));
    else if (now !== last) {
      ctx.stderr.write(`tail: ${operand}: file truncated\n`);
      ctx.stdout.write(now);
    }
    last = now;
  }
}

/** `tail [-n N|+N] [-c N] [-f] [FILE]...` */
export function tail(flavor: Flavor): Program {
  return async (ctx) => {
    const args = expandCountShorthand(ctx.argv.slice(1)).map((a) => (/^\+\d+$/.test(a) ? a : a));
    const parsed = parseArgs(
      args,
      {
        flags: 'qvfF',
        values: 'nc',
        long: { lines: 'n', bytes: 'c', follow: 'f', quiet: 'q', verbose: 'v' },
      },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'tail', flavor, parsed.message);
    const mode = parsed.options.findLast(([k]) => k === 'n' || k === 'c');
    const count = mode ? parseTailCount(mode[1]) : { fromStart: false, n: 10 };
    if (!count) {
      const what = mode?.[0] === 'c' ? 'bytes' : 'lines';
      ctx.stderr.write(
        flavor === 'gnu'
          ? `tail: invalid number of ${what}: ${localeQuote(ctx.env, mode?.[1] ?? '')}\n`
          : `tail: invalid number '${mode?.[1]}'\n`,
      );
      return 1;
    }
    const operands = parsed.operands.length > 0 ? parsed.operands : ['-'];
    const headers = parsed.has('v') || (operands.length > 1 && !parsed.has('q'));
    let status = 0;
    let first = true;
    let lastText: { operand: string; text: string } | undefined;
    for (const operand of operands) {
      let text: string;
      try {
        text = readOperand(ctx, operand);
      } catch (error) {
        reportFsError(ctx, 'tail', operand, error, flavor);
        status = 1;
        continue;
      }
      if (headers)
        ctx.stdout.write(`${first ? '' : '\n'}==> ${operand === '-' ? 'standard input' : operand} <==\n`);
      first = false;
      ctx.stdout.write(tailText(text, count, mode?.[0] === 'c'));
      lastText = { operand, text };
    }
    if ((parsed.has('f') || parsed.has('F')) && lastText && lastText.operand !== '-') {
      await follow(ctx, lastText.operand, lastText.text);
    }
    return status;
  };
}
