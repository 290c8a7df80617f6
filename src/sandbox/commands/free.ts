import type { Program } from '../shell/program.ts';
import type { MemoryInfo } from '../shell/system.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { busyboxHuman } from './format.ts';

/** procps-ng `scale_size` for -h: the shortest of `123B`, `7.7Gi`, `512Mi` that fits (4 or 5 cells). */
export function procpsHuman(bytes: number, si: boolean): string {
  const base = si ? 1000 : 1024;
  const limit = si ? 4 : 5;
  const suffix = si ? '' : 'i';
  if (`${bytes}B`.length <= 4) return `${bytes}B`;
  for (const [i, unit] of ['K', 'M', 'G', 'T', 'P'].entries()) {
    const value = bytes / base ** (i + 1);
    const decimal = `${value.toFixed(1)}${unit}${suffix}`;
    if (decimal.length <= limit) return decimal;
    const whole = `${Math.trunc(value)}${unit}${suffix}`;
    if (whole.length <= limit) return whole;
  }
  return `${bytes}B`;
}

/** Unit chosen by -b/-k/-m/-g (bytes per displayed unit), or 'human'. */
type Unit = number | 'human' | 'si';

function procpsRows(m: MemoryInfo, unit: Unit, total: boolean, wide: boolean): string {
  const show = (bytes: number) =>
    unit === 'human'
      ? procpsHuman(bytes, false)
      : unit === 'si'
        ? procpsHuman(bytes, true)
        : String(Math.floor(bytes / unit));
  const cell = (bytes: number) => show(bytes).padStart(11);
  const header = wide
    ? '               total        used        free      shared     buffers       cache   available'
    : '               total        used        free      shared  buff/cache   available';
  const buffers = Math.round(m.buffCache * 0.06);
  const cacheCells = wide ? ` ${cell(buffers)} ${cell(m.buffCache - buffers)}` : ` ${cell(m.buffCache)}`;
  const lines = [
    header,
    `${'Mem:'.padEnd(8)} ${cell(m.total)} ${cell(m.used)} ${cell(m.free)} ${cell(m.shared)}${cacheCells} ${cell(m.available)}`,
    `${'Swap:'.padEnd(8)} ${cell(m.swapTotal)} ${cell(m.swapUsed)} ${cell(m.swapTotal - m.swapUsed)}`,
  ];
  if (total) {
    const t = m.total + m.swapTotal;
    const u = m.used + m.swapUsed;
    lines.push(`${'Total:'.padEnd(8)} ${cell(t)} ${cell(u)} ${cell(t - u)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** BusyBox free: fixed 12-cell columns, KiB rounded to nearest, used = total - free - buff/cache. */
function busyboxRows(m: MemoryInfo, unit: Unit): string {
  const show = (bytes: number) =>
    unit === 'human' || unit === 'si'
      ? busyboxHuman(bytes)
      : String(Math.floor((bytes + (unit as number) / 2) / (unit as number)));
  const cells = (values: number[]) => values.map((v) => show(v).padStart(12)).join('');
  const used = m.total - m.free - m.buffCache;
  return (
    `       ${['total', 'used', 'free', 'shared', 'buff/cache', 'available'].map((h) => h.padStart(12)).join('')}\n` +
    `Mem:   ${cells([m.total, used, m.free, m.shared, m.buffCache, m.available])}\n` +
    `Swap:  ${cells([m.swapTotal, m.swapUsed, m.swapTotal - m.swapUsed])}\n`
  );
}

/** `free [-b|-k|-m|-g|-h] [--si] [-t] [-w]`: memory as /proc/meminfo reports it. */
export function free(flavor: Flavor): Program {
  return async (ctx) => {
    if (flavor === 'busybox') {
      const opt = ctx.argv[1];
      const units: Record<string, Unit> = {
        '-b': 1,
        '-k': 1024,
        '-m': 1024 ** 2,
        '-g': 1024 ** 3,
        '-h': 'human',
      };
      if (opt !== undefined && units[opt] === undefined)
        return usageError(
          ctx,
          'free',
          flavor,
          opt.startsWith('-') ? `unrecognized option: ${opt.slice(1)}` : '',
        );
      ctx.stdout.write(busyboxRows(ctx.system.memory(), opt === undefined ? 1024 : (units[opt] as Unit)));
      return 0;
    }
    const parsed = parseArgs(
      ctx.argv.slice(1),
      {
        flags: 'bkmghltw',
        long: {
          bytes: 'b',
          kibi: 'k',
          mebi: 'm',
          gibi: 'g',
          human: 'h',
          total: 't',
          wide: 'w',
          si: 'si',
          kilo: 'kilo',
          mega: 'mega',
          giga: 'giga',
        },
      },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'free', flavor, parsed.message);
    if (parsed.operands.length > 0)
      return usageError(ctx, 'free', flavor, `extra operand '${parsed.operands[0]}'`);
    const si = parsed.has('si');
    let unit: Unit = si ? 1000 : 1024;
    for (const [k] of parsed.options) {
      if (k === 'b') unit = 1;
      else if (k === 'k') unit = 1024;
      else if (k === 'm') unit = si ? 1e6 : 1024 ** 2;
      else if (k === 'g') unit = si ? 1e9 : 1024 ** 3;
      else if (k === 'kilo') unit = 1000;
      else if (k === 'mega') unit = 1e6;
      else if (k === 'giga') unit = 1e9;
      else if (k === 'h') unit = si ? 'si' : 'human';
    }
    ctx.stdout.write(procpsRows(ctx.system.memory(), unit, parsed.has('t'), parsed.has('w')));
    return 0;
  };
}
