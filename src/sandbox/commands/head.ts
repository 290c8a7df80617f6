import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { bytesOf, expandCountShorthand, parseCount, splitLines, textOf } from './lines.ts';
import { localeQuote } from './quote.ts';
import { endlessBytes, readOperand, reportFsError } from './read.ts';

/** The first `count` lines (or all but the last -count when negative, GNU only). */
function headLines(text: string, count: number): string {
  const lines = splitLines(text);
  return (count >= 0 ? lines.slice(0, count) : lines.slice(0, Math.max(0, lines.length + count))).join('');
}

function headBytes(text: string, count: number): string {
  const bytes = bytesOf(text);
  return textOf(count >= 0 ? bytes.slice(0, count) : bytes.slice(0, Math.max(0, bytes.length + count)));
}

/** `head [-n N] [-c N] [-qv] [FILE]...` */
export function head(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      expandCountShorthand(ctx.argv.slice(1)),
      { flags: 'qv', values: 'nc', long: { lines: 'n', bytes: 'c', quiet: 'q', silent: 'q', verbose: 'v' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'head', flavor, parsed.message);
    const mode = parsed.options.findLast(([k]) => k === 'n' || k === 'c');
    const count = mode ? parseCount(mode[1]) : 10;
    if (count === undefined) {
      const what = mode?.[0] === 'c' ? 'bytes' : 'lines';
      ctx.stderr.write(
        flavor === 'gnu'
          ? `head: invalid number of ${what}: ${localeQuote(ctx.env, mode?.[1] ?? '')}\n`
          : `head: invalid number '${mode?.[1]}'\n`,
      );
      return 1;
    }
    const operands = parsed.operands.length > 0 ? parsed.operands : ['-'];
    const headers = parsed.has('v') || (operands.length > 1 && !parsed.has('q'));
    let status = 0;
    let first = true;
    for (const operand of operands) {
      let text: string;
      try {
        const endless = mode?.[0] === 'c' && count >= 0 ? endlessBytes(ctx, operand, count) : undefined;
        text = endless ?? readOperand(ctx, operand);
      } catch (error) {
        reportFsError(ctx, 'head', operand, error, flavor);
        status = 1;
        continue;
      }
      if (headers) {
        ctx.stdout.write(`${first ? '' : '\n'}==> ${operand === '-' ? 'standard input' : operand} <==\n`);
      }
      first = false;
      ctx.stdout.write(mode?.[0] === 'c' ? headBytes(text, count) : headLines(text, count));
    }
    return status;
  };
}
