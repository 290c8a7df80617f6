import type { Program, ProgramContext } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import { strftime as strftimeUtc } from './date.ts';
import type { Flavor } from './flavor.ts';
import { pad0 } from './format.ts';

/** The three load averages from /proc/loadavg (zeros when the system has none). */
function loadAverages(ctx: ProgramContext): [number, number, number] {
  const text = ctx.system.procFile('/proc/loadavg', ctx.now()) ?? '0.00 0.00 0.00';
  const [a = '0', b = '0', c = '0'] = text.trim().split(/\s+/);
  return [Number(a), Number(b), Number(c)];
}

/** Logged-in users: distinct terminals with a process on them. */
function userCount(ctx: ProgramContext): number {
  return new Set(
    ctx.system
      .processes()
      .filter((p) => /^(pts\/|tty)/.test(p.tty))
      .map((p) => p.tty),
  ).size;
}

/** `up 2 min`, `up  3:04`, `up 5 days,  3:04` as procps and BusyBox print it. */
function upText(ms: number, flavor: Flavor): string {
  const minutesTotal = Math.floor(ms / 60_000);
  const days = Math.floor(minutesTotal / 1440);
  const hours = Math.floor((minutesTotal % 1440) / 60);
  const minutes = minutesTotal % 60;
  let out = days > 0 ? `${days} day${days === 1 ? '' : 's'}, ` : '';
  if (flavor === 'gnu')
    out += hours > 0 ? `${String(hours).padStart(2)}:${pad0(minutes)}, ` : `${minutes} min, `;
  else out += hours > 0 ? `${String(hours).padStart(2)}:${pad0(minutes)}` : `${minutes} min`;
  return out;
}

/** procps' summary line: ` 16:05:00 up  2:02,  1 user,  load average: 0.08, 0.03, 0.01` (uptime, top). */
export function summaryLine(ctx: ProgramContext): string {
  const now = ctx.now();
  const [a, b, c] = loadAverages(ctx);
  const users = userCount(ctx);
  return ` ${strftimeUtc(now, '%H:%M:%S')} up ${upText(ctx.system.uptimeMs(now), 'gnu')}${String(users).padStart(2)} user${users === 1 ? '' : 's'},  load average: ${a.toFixed(2)}, ${b.toFixed(2)}, ${c.toFixed(2)}`;
}

/** `uptime [-p] [-s]` */
export function uptime(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(ctx.argv.slice(1), { flags: 'ps', long: { pretty: 'p', since: 's' } }, flavor);
    if (!parsed.ok) return usageError(ctx, 'uptime', flavor, parsed.message);
    const now = ctx.now();
    const up = ctx.system.uptimeMs(now);
    if (parsed.has('s')) {
      ctx.stdout.write(`${strftimeUtc(now - up, '%Y-%m-%d %H:%M:%S')}\n`);
      return 0;
    }
    if (parsed.has('p')) {
      const minutesTotal = Math.floor(up / 60_000);
      const parts: string[] = [];
      const units: [number, string][] = [
        [Math.floor(minutesTotal / 10080), 'week'],
        [Math.floor((minutesTotal % 10080) / 1440), 'day'],
        [Math.floor((minutesTotal % 1440) / 60), 'hour'],
        [minutesTotal % 60, 'minute'],
      ];
      for (const [n, unit] of units) if (n > 0) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
      ctx.stdout.write(`up ${parts.length > 0 ? parts.join(', ') : '0 minutes'}\n`);
      return 0;
    }
    if (flavor === 'gnu') ctx.stdout.write(`${summaryLine(ctx)}\n`);
    else {
      const [a, b, c] = loadAverages(ctx);
      const clock = strftimeUtc(now, '%H:%M:%S');
      ctx.stdout.write(
        ` ${clock} up ${upText(up, flavor)},  load average: ${a.toFixed(2)}, ${b.toFixed(2)}, ${c.toFixed(2)}\n`,
      );
    }
    return 0;
  };
}
