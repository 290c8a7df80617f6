import type { Program, ProgramContext } from '../shell/program.ts';
import type { ProcessInfo } from '../shell/system.ts';
import { BUSYBOX_BANNER } from './args.ts';
import type { Flavor } from './flavor.ts';
import { commandName } from './ps.ts';
import { summaryLine } from './uptime.ts';

/**
 * `top`: snapshots of the simulated processes, as procps-ng 4 prints them in batch mode (`-b`), or
 * BusyBox's. The sandbox has no full-screen mode: without `-n` one frame is printed, as if the
 * learner had pressed q at once. Figures the process table does not keep are derived from it: CPU
 * use is each process's average since it started, and shared memory (SHR) is part of its RSS.
 */

interface TopOptions {
  frames: number;
  delayMs: number;
  pids: number[] | undefined;
  user: string | undefined;
  fullCommand: boolean;
}

function cpuShare(p: ProcessInfo, now: number): number {
  return (p.cpuMs / Math.max(1, now - p.start)) * 100;
}

const f1 = (n: number, width: number) => n.toFixed(1).padStart(width);

/** procps' memory columns: KiB, or `m`/`g` with decimals once they no longer fit. */
function memColumn(kib: number, width: number): string {
  if (String(kib).length <= width) return String(kib).padStart(width);
  const mib = kib / 1024;
  if (`${mib.toFixed(1)}m`.length <= width) return `${mib.toFixed(1)}m`.padStart(width);
  return `${(mib / 1024).toFixed(1)}g`.padStart(width);
}

/** `TIME+`: minutes:seconds.hundredths. */
function timePlus(ms: number): string {
  const hundredths = Math.floor(ms / 10);
  const minutes = Math.floor(hundredths / 6000);
  const seconds = Math.floor((hundredths % 6000) / 100);
  return `${minutes}:${String(seconds).padStart(2, '0')}.${String(hundredths % 100).padStart(2, '0')}`;
}

function gnuFrame(ctx: ProgramContext, o: TopOptions, width: number): string[] {
  const now = ctx.now();
  const all = ctx.system.processes();
  const count = (test: (s: string) => boolean) => all.filter((p) => test(p.stat[0] ?? 'S')).length;
  const running = count((s) => s === 'R');
  const stopped = count((s) => s === 'T' || s === 't');
  const zombie = count((s) => s === 'Z');
  const sleeping = all.length - running - stopped - zombie;
  const busy = Math.min(
    100,
    all.reduce((sum, p) => sum + cpuShare(p, now), 0) / Math.max(1, ctx.system.cpus),
  );
  const user = busy * 0.7;
  const system = busy - user;
  const m = ctx.system.memory();
  const mib = (bytes: number) => bytes / 1024 / 1024;
  const lines = [
    `top -${summaryLine(ctx)}`,
    `Tasks:${String(all.length).padStart(4)} total,${String(running).padStart(4)} running,${String(sleeping).padStart(4)} sleeping,${String(stopped).padStart(4)} stopped,${String(zombie).padStart(4)} zombie`,
    `%Cpu(s):${f1(user, 5)} us,${f1(system, 5)} sy,${f1(0, 5)} ni,${f1(100 - busy, 5)} id,${f1(0, 5)} wa,${f1(0, 5)} hi,${f1(0, 5)} si,${f1(0, 5)} st `,
    `MiB Mem :${f1(mib(m.total), 9)} total,${f1(mib(m.free), 9)} free,${f1(mib(m.used), 9)} used,${f1(mib(m.buffCache), 9)} buff/cache     `,
    `MiB Swap:${f1(mib(m.swapTotal), 9)} total,${f1(mib(m.swapTotal - m.swapUsed), 9)} free,${f1(mib(m.swapUsed), 9)} used.${f1(mib(m.available), 9)} avail Mem `,
    '',
    `${'PID'.padStart(7)} USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND`,
  ];
  let list = all.filter((p) => (o.pids ? o.pids.includes(p.pid) : true));
  if (o.user !== undefined) list = list.filter((p) => p.user === o.user || String(p.uid) === o.user);
  list = [...list].sort((a, b) => cpuShare(b, now) - cpuShare(a, now) || a.pid - b.pid);
  for (const p of list) {
    const cpu = cpuShare(p, now);
    const mem = ((p.rss * 1024) / m.total) * 100;
    const shr = Math.round(p.rss * 0.6);
    const name = p.user.length > 8 ? `${p.user.slice(0, 7)}+` : p.user;
    const row = `${String(p.pid).padStart(7)} ${name.padEnd(8)}  20   0 ${memColumn(p.vsz, 7)} ${memColumn(p.rss, 6)} ${memColumn(shr, 6)} ${p.stat[0] ?? 'S'} ${f1(Math.min(cpu, 100 * ctx.system.cpus), 5)} ${f1(mem, 5)} ${timePlus(p.cpuMs).padStart(9)} `;
    // The command fills the line up to one column short of the width (80 in batch mode), a cut
    // one ending in `+`.
    const room = width - 1 - row.length;
    const command = o.fullCommand ? p.args : commandName(p.args);
    lines.push(row + (command.length > room ? `${command.slice(0, Math.max(0, room - 1))}+` : command));
  }
  return lines;
}

/** BusyBox's sizes: plain KiB below 100000, then m or g. */
function busyboxSize(kib: number): string {
  if (kib < 100_000) return String(kib);
  const mib = Math.floor(kib / 1024);
  return mib < 100_000 ? `${mib}m` : `${Math.floor(mib / 1024)}g`;
}

function busyboxFrame(ctx: ProgramContext): string[] {
  const now = ctx.now();
  const m = ctx.system.memory();
  const k = (bytes: number) => Math.floor(bytes / 1024);
  const buff = Math.floor(m.buffCache / 64);
  const all = ctx.system.processes();
  const busy = Math.min(
    100,
    all.reduce((sum, p) => sum + cpuShare(p, now), 0) / Math.max(1, ctx.system.cpus),
  );
  const usr = Math.round(busy * 0.7);
  const sys = Math.round(busy) - usr;
  const pct = (n: number) => `${String(n).padStart(3)}%`;
  const load = (ctx.system.procFile('/proc/loadavg', now) ?? '0.00 0.00 0.00 1/1 1').trim();
  const lines = [
    `Mem: ${k(m.total - m.free)}K used, ${k(m.free)}K free, ${k(m.shared)}K shrd, ${k(buff)}K buff, ${k(m.buffCache - buff)}K cached`,
    `CPU: ${pct(usr)} usr ${pct(sys)} sys ${pct(0)} nic ${pct(100 - usr - sys)} idle ${pct(0)} io ${pct(0)} irq ${pct(0)} sirq`,
    `Load average: ${load}`,
    '  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND',
  ];
  const totalKib = k(m.total);
  const list = [...all].sort((a, b) => cpuShare(b, now) - cpuShare(a, now) || a.pid - b.pid);
  for (const p of list) {
    const vszShare = Math.floor((p.vsz * 100) / Math.max(1, totalKib));
    const cpu = Math.round(cpuShare(p, now) / Math.max(1, ctx.system.cpus));
    lines.push(
      `${String(p.pid).padStart(5)} ${String(p.ppid).padStart(5)} ${p.user.slice(0, 8).padEnd(8)} ${p.stat.slice(0, 4).padEnd(4)} ${busyboxSize(p.vsz).padStart(5)} ${pct(vszShare)} ${pct(cpu)} ${p.args}`,
    );
  }
  return lines;
}

function parseOptions(args: string[], flavor: Flavor): TopOptions | string {
  const o: TopOptions = { frames: 0, delayMs: 3000, pids: undefined, user: undefined, fullCommand: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('-') || arg === '-') return flavor === 'gnu' ? `unknown option '${arg}'` : '';
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j] as string;
      if ('bcSHi'.includes(c)) {
        if (c === 'c') o.fullCommand = true;
        continue;
      }
      if ('ndpuU'.includes(c)) {
        const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
        if (value === undefined) {
          return flavor === 'gnu'
            ? `option requires an argument -- '${c}'`
            : `option requires an argument: ${c}`;
        }
        if (c === 'n') {
          const n = Number(value);
          if (!Number.isInteger(n) || n < 0)
            return flavor === 'gnu' ? `bad iterations argument '${value}'` : `invalid number '${value}'`;
          o.frames = n;
        } else if (c === 'd') {
          const d = Number(value);
          if (!Number.isFinite(d) || d < 0)
            return flavor === 'gnu' ? `bad delay interval '${value}'` : `invalid number '${value}'`;
          o.delayMs = d * 1000;
        } else if (c === 'p') o.pids = value.split(',').map(Number);
        else o.user = value;
        break;
      }
      return flavor === 'gnu' ? `invalid option -- '${c}'` : `unrecognized option: ${c}`;
    }
  }
  return o;
}

/** `top [-b] [-n N] [-d SECS] [-p PID,...] [-u USER] [-c]` */
export function top(flavor: Flavor): Program {
  return async (ctx) => {
    const o = parseOptions(ctx.argv.slice(1), flavor);
    if (typeof o === 'string') {
      if (flavor === 'gnu') {
        ctx.stderr.write(
          `top: ${o}\nUsage:\n  top -hv | -bcEeHiOSs1 -d secs -n max -u|U user -p pid(s) -o field -w [cols]\n`,
        );
      } else ctx.stderr.write(`${o ? `top: ${o}\n` : ''}${BUSYBOX_BANNER}\n`);
      return 1;
    }
    const frames = o.frames > 0 ? o.frames : 1;
    const width = ctx.stdout.isTTY ? ctx.stdout.columns : 80;
    const cut = ctx.stdout.isTTY ? (l: string) => l.slice(0, width) : (l: string) => l;
    for (let i = 0; i < frames; i++) {
      if (i > 0) await ctx.sleep(o.delayMs);
      ctx.meter.step();
      if (flavor === 'gnu') {
        // procps puts a blank line between frames; BusyBox ends each with one.
        ctx.stdout.write(`${i > 0 ? '\n' : ''}${gnuFrame(ctx, o, width).map(cut).join('\n')}\n`);
      } else ctx.stdout.write(`${busyboxFrame(ctx).map(cut).join('\n')}\n\n`);
    }
    return 0;
  };
}
