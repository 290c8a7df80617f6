import type { Program } from '../shell/program.ts';
import { BUSYBOX_BANNER, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { localeQuote } from './quote.ts';

/** BusyBox's usage text for sleep, which it prints under its banner when given no operand. */
const BUSYBOX_SLEEP_USAGE = `Usage: sleep [N]...

Pause for a time equal to the total of the args given, where each arg can
have an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays
`;

const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds in `1.5`, `2m`, `inf`; undefined when invalid. */
export function parseInterval(text: string): number | undefined {
  if (/^inf(inity)?$/i.test(text)) return Number.POSITIVE_INFINITY;
  const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * (UNIT_SECONDS[m[2] ?? ''] ?? 1);
}

/** `sleep NUMBER[SUFFIX]...`: waits in virtual time; Ctrl-C interrupts it (status 130 via the shell). */
export function sleep(flavor: Flavor): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1).filter((a) => a !== '--');
    if (args.length === 0) {
      if (flavor === 'gnu') return usageError(ctx, 'sleep', flavor, 'missing operand');
      ctx.stderr.write(`${BUSYBOX_BANNER}\n\n${BUSYBOX_SLEEP_USAGE}`);
      return 1;
    }
    let total = 0;
    for (const arg of args) {
      const seconds = parseInterval(arg);
      if (seconds === undefined) {
        if (flavor === 'gnu')
          return usageError(ctx, 'sleep', flavor, `invalid time interval ${localeQuote(ctx.env, arg)}`);
        ctx.stderr.write(`sleep: invalid number '${arg}'\n`);
        return 1;
      }
      total += seconds;
    }
    if (!Number.isFinite(total)) {
      // Forever: sleep in long steps until interrupted.
      for (;;) await ctx.sleep(3_600_000);
    }
    await ctx.sleep(Math.round(total * 1000));
    return 0;
  };
}
