import { nextInt } from '../core/random.ts';
import type { Program, ProgramContext } from '../shell/program.ts';
import { usageError } from './args.ts';
import { diskFor } from './df.ts';
import type { Flavor } from './flavor.ts';
import { busyboxHuman, formatG, roundHuman } from './format.ts';
import { localeQuote } from './quote.ts';
import { absolute, errorText } from './read.ts';

const MULTIPLIERS: Record<string, number> = {
  c: 1,
  w: 2,
  b: 512,
  kB: 1000,
  K: 1024,
  k: 1024,
  KiB: 1024,
  MB: 1e6,
  M: 1024 ** 2,
  MiB: 1024 ** 2,
  GB: 1e9,
  G: 1024 ** 3,
  GiB: 1024 ** 3,
  TB: 1e12,
  T: 1024 ** 4,
};

/** A dd number with its suffix (`1M`, `512`, `4k`, `1MB`); undefined when invalid. */
export function parseDdNumber(text: string): number | undefined {
  const m = /^(\d+)([A-Za-z]*)$/.exec(text);
  if (!m) return undefined;
  const multiplier = m[2] ? MULTIPLIERS[m[2]] : 1;
  return multiplier === undefined ? undefined : Number(m[1]) * multiplier;
}

/** Device files dd can read forever. */
const ENDLESS = new Set(['/dev/zero', '/dev/urandom', '/dev/random']);

/** GNU's last status line: `N bytes (105 MB, 100 MiB) copied, 0.0512 s, 2.0 GB/s`. */
export function gnuTransferLine(bytes: number, seconds: number): string {
  const si = roundHuman(bytes, 1000);
  const iec = roundHuman(bytes, 1024);
  const rate = `${roundHuman(seconds > 0 ? bytes / seconds : 0, 1000)}/s`;
  const time = `${formatG(seconds)} s`;
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? '' : 's'} copied, ${time}, ${rate}`;
  if (bytes < 1024) return `${bytes} bytes (${si}) copied, ${time}, ${rate}`;
  return `${bytes} bytes (${si}, ${iec}) copied, ${time}, ${rate}`;
}

/** BusyBox's: `N bytes (100.0MB) copied, 0.051200 seconds, 1.9GB/s`. */
function busyboxTransferLine(bytes: number, seconds: number): string {
  const rate = seconds > 0 ? bytes / seconds : 0;
  return `${bytes} bytes (${busyboxHuman(bytes)}B) copied, ${seconds.toFixed(6)} seconds, ${busyboxHuman(Math.round(rate))}B/s`;
}

/** Plausible throughput in bytes per second for an input. */
function throughput(input: string | undefined): number {
  if (input === '/dev/zero') return 1.9e9;
  if (input === '/dev/urandom' || input === '/dev/random') return 4.2e8;
  return 1.1e9;
}

interface Operands {
  input: string | undefined;
  output: string | undefined;
  bs: number;
  count: number | undefined;
  status: string;
}

function parseOperands(ctx: ProgramContext, flavor: Flavor): Operands | number {
  const o: Operands = { input: undefined, output: undefined, bs: 512, count: undefined, status: 'default' };
  for (const arg of ctx.argv.slice(1)) {
    const eq = arg.indexOf('=');
    const key = arg.slice(0, eq);
    const value = arg.slice(eq + 1);
    if (
      eq === -1 ||
      !['if', 'of', 'bs', 'ibs', 'obs', 'count', 'status', 'conv', 'skip', 'seek', 'iflag', 'oflag'].includes(
        key,
      )
    ) {
      return usageError(
        ctx,
        'dd',
        flavor,
        flavor === 'gnu' ? `unrecognized operand ${localeQuote(ctx.env, arg)}` : '',
      );
    }
    if (key === 'if') o.input = value;
    else if (key === 'of') o.output = value;
    else if (key === 'status') o.status = value;
    else if (key === 'bs' || key === 'ibs' || key === 'count') {
      const n = parseDdNumber(value);
      if (n === undefined || (key !== 'count' && n === 0)) {
        ctx.stderr.write(
          flavor === 'gnu'
            ? `dd: invalid number: ${localeQuote(ctx.env, value)}\n`
            : `dd: invalid number '${value}'\n`,
        );
        return 1;
      }
      if (key === 'count') o.count = n;
      else o.bs = n;
    }
  }
  return o;
}

/** `dd if=... of=... bs=... count=...`: copies blocks, writing blobs for device input; stats on stderr. */
export function dd(flavor: Flavor): Program {
  return async (ctx) => {
    const o = parseOperands(ctx, flavor);
    if (typeof o === 'number') return o;
    const inputPath = o.input === undefined ? undefined : absolute(ctx, o.input);
    const endless = inputPath !== undefined && ENDLESS.has(inputPath);
    let text: string | undefined;
    let available: number;
    try {
      if (inputPath === undefined) {
        text = ctx.stdin.read();
        available = new TextEncoder().encode(text).length;
      } else if (endless) available = Number.POSITIVE_INFINITY;
      else {
        const file = ctx.fs.readFile(inputPath);
        text = file.text;
        available = file.size;
      }
    } catch (error) {
      ctx.stderr.write(`dd: failed to open '${o.input}': ${errorText(error)}\n`);
      return 1;
    }
    let bytes = Math.min(available, o.count === undefined ? Number.POSITIVE_INFINITY : o.count * o.bs);
    let noSpace = false;
    const outputPath = o.output === undefined ? undefined : absolute(ctx, o.output);
    if (!Number.isFinite(bytes)) {
      // An endless source with no count runs until the disk is full.
      const disk = diskFor(ctx.system.disks(), outputPath ?? '/');
      bytes = disk ? Math.max(0, disk.size - disk.used) : 0;
      noSpace = outputPath !== undefined;
    }
    const full = Math.floor(bytes / o.bs);
    const partial = bytes % o.bs > 0 ? 1 : 0;
    const jitter = nextInt(ctx.random, 900, 1100) / 1000;
    const seconds = Math.max(0.0001, (bytes / throughput(inputPath)) * jitter + 0.00012 * jitter);
    await ctx.sleep(Math.round(seconds * 1000));
    try {
      if (outputPath === undefined)
        ctx.stdout.write(text?.slice(0, bytes) ?? (bytes <= 1 << 20 ? '\0'.repeat(bytes) : ''));
      else if (text !== undefined && !endless)
        ctx.fs.writeFile(outputPath, text.slice(0, bytes), { actor: ctx.user });
      else ctx.fs.writeBlob(outputPath, bytes, { actor: ctx.user });
    } catch (error) {
      ctx.stderr.write(`dd: failed to open '${o.output}': ${errorText(error)}\n`);
      return 1;
    }
    if (noSpace) ctx.stderr.write(`dd: error writing '${o.output}': No space left on device\n`);
    if (o.status !== 'none') {
      const records = `${full}+${partial} records in\n${full}+${partial} records out\n`;
      const transfer =
        flavor === 'gnu' ? gnuTransferLine(bytes, seconds) : busyboxTransferLine(bytes, seconds);
      ctx.stderr.write(o.status === 'noxfer' ? records : `${records}${transfer}\n`);
    }
    return noSpace ? 1 : 0;
  };
}
