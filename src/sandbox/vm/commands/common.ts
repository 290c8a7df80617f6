import { resolvePath } from '../../fs/path.ts';
import { Interrupted, type ProgramContext } from '../../shell/program.ts';
import type { ConsoleLine } from '../boot.ts';
import type { VmEngine } from '../engine.ts';
import type { DomainRecord } from '../state.ts';

/** An operand as an absolute host path. */
export function hostPath(ctx: ProgramContext, path: string): string {
  return resolvePath(ctx.cwd, path, ctx.user.home);
}

/**
 * QEMU's size_to_str: three significant digits (printf `%0.3g`, ties to even) and a binary unit
 * chosen so the number stays under 1000: `196 KiB`, `3.25 MiB`, `20 GiB`, `0 B`.
 */
export function qemuSize(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  const i = bytes <= 0 ? 0 : Math.floor(Math.floor(Math.log2(bytes * 1.024)) / 10);
  const value = bytes / 2 ** (i * 10);
  return `${g3(value)} ${units[i]}B`;
}

/** printf's `%0.3g` for values under 1000. */
function g3(value: number): string {
  if (value === 0) return '0';
  const e = Math.floor(Math.log10(value));
  const digits = Math.max(0, 2 - e);
  const scaled = value * 10 ** digits;
  let r = Math.round(scaled);
  // C rounds exact halves to even (192.5 KiB prints as 192).
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-9)
    r = Math.floor(scaled) % 2 === 0 ? Math.floor(scaled) : Math.ceil(scaled);
  return String(r / 10 ** digits);
}

/** Bytes rounded up to whole 4 KiB filesystem blocks (what a file occupies). */
export function blocks(bytes: number): number {
  return Math.ceil(bytes / 4096) * 4096;
}

/** Parses `20G`, `512M`, `1024` (bytes) the way qemu-img does (k/K M G T P E suffixes). */
export function parseQemuSize(text: string, defaultUnit = 1): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([bkKmMgGtTpPeE]?)$/.exec(text);
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  const power = unit === '' ? -1 : 'bkmgtpe'.indexOf(unit);
  const mult = power === -1 ? defaultUnit : 1024 ** power;
  const value = Number(m[1]) * mult;
  return Number.isFinite(value) && Number.isInteger(value) ? value : undefined;
}

/**
 * Streams a guest's serial console until it powers off (returns 'off') or the learner escapes
 * (Ctrl+] on a real terminal; Ctrl-C here, or an endless wait where nobody can press a key).
 * Only output written after `since` is shown: a console does not replay what scrolled by.
 */
export async function followConsole(
  ctx: ProgramContext,
  engine: VmEngine,
  d: DomainRecord,
  since: number,
): Promise<'off' | 'escaped'> {
  let cursor = since;
  const runId = d.pid;
  try {
    for (;;) {
      engine.reconcile();
      const now = ctx.now();
      const running = d.power === 'running' && d.pid === runId;
      const lines: ConsoleLine[] = running ? engine.consoleLines(d) : [];
      for (const line of lines) if (line.at >= cursor && line.at <= now) ctx.stdout.write(line.text);
      cursor = now + 0.5;
      if (!running) {
        ctx.stdout.write('\n');
        return 'off';
      }
      const next = lines.find((l) => l.at >= cursor)?.at;
      const stop = d.stop?.at;
      const wake = Math.min(next ?? Number.POSITIVE_INFINITY, stop ?? Number.POSITIVE_INFINITY);
      await ctx.sleep(Number.isFinite(wake) ? Math.max(1, Math.ceil(wake - now)) : Number.POSITIVE_INFINITY);
    }
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    ctx.stdout.write('\n');
    return 'escaped';
  }
}

/** The UTC wall-clock time `YYYY-MM-DD HH:MM:SS +0000` (the sandbox's time zone is UTC). */
export function localTime(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} +0000`;
}
