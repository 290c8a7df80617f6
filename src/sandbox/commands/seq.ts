import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { formatOnce } from './printf.ts';
import { localeQuote } from './quote.ts';

function decimals(text: string): number {
  const m = /\.(\d*)/.exec(text);
  return m ? (m[1] ?? '').length : 0;
}

/** `seq [-s SEP] [-w] [-f FORMAT] [FIRST [INCREMENT]] LAST` */
export function seq(flavor: Flavor): Program {
  return async (ctx) => {
    // Negative numbers are operands, not options.
    const args = ctx.argv.slice(1);
    let split = 0;
    while (split < args.length && /^-[a-zA-Z]/.test(args[split] as string))
      split += /^-[sf]$/.test(args[split] as string) ? 2 : 1;
    if (split >= args.length) split = -1;
    const parsed = parseArgs(
      split === -1 ? args : args.slice(0, split),
      { flags: 'w', values: 'sf', long: { 'separator=': 's', 'equal-width': 'w', 'format=': 'f' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'seq', flavor, parsed.message);
    const operands = [...parsed.operands, ...(split === -1 ? [] : args.slice(split))];
    if (operands.length === 0)
      return usageError(ctx, 'seq', flavor, flavor === 'gnu' ? 'missing operand' : '');
    if (operands.length > 3)
      return usageError(
        ctx,
        'seq',
        flavor,
        flavor === 'gnu' ? `extra operand ${localeQuote(ctx.env, operands[3] ?? '')}` : '',
      );
    for (const o of operands) {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(o)) {
        if (flavor === 'gnu')
          return usageError(
            ctx,
            'seq',
            flavor,
            `invalid floating point argument: ${localeQuote(ctx.env, o)}`,
          );
        ctx.stderr.write(`seq: invalid number '${o}'\n`);
        return 1;
      }
    }
    const [first, inc, last] =
      operands.length === 1
        ? ['1', '1', operands[0] as string]
        : operands.length === 2
          ? [operands[0] as string, '1', operands[1] as string]
          : (operands as [string, string, string]);
    const step = Number(inc);
    if (step === 0)
      return usageError(ctx, 'seq', flavor, `invalid Zero increment value: ${localeQuote(ctx.env, inc)}`);
    const precision = Math.max(decimals(first), decimals(inc));
    const format = parsed.get('f');
    const separator = parsed.get('s') ?? '\n';
    const values: string[] = [];
    const start = Number(first);
    const end = Number(last);
    for (let i = 0; ; i++) {
      const value = start + i * step;
      if ((step > 0 && value > end + 1e-10) || (step < 0 && value < end - 1e-10) || i > 1_000_000) break;
      if (i % 64 === 63) ctx.meter.step();
      values.push(format ? formatOnce(format, [String(value)], () => {}).text : value.toFixed(precision));
    }
    if (parsed.has('w') && !format) {
      const width = Math.max(...values.map((v) => v.length));
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as string;
        values[i] = v.startsWith('-') ? `-${v.slice(1).padStart(width - 1, '0')}` : v.padStart(width, '0');
      }
    }
    if (values.length > 0) ctx.stdout.write(`${values.join(separator)}\n`);
    return 0;
  };
}
