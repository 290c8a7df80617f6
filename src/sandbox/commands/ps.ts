import type { Program, ProgramContext } from '../shell/program.ts';
import type { ProcessInfo } from '../shell/system.ts';
import { BUSYBOX_BANNER } from './args.ts';
import type { Flavor } from './flavor.ts';
import { MONTHS, pad0 } from './format.ts';

type Format = 'default' | 'full' | 'user';

interface Selection {
  all: boolean;
  format: Format;
  /** BSD `x`: include processes without a terminal. */
  noTty: boolean;
  /** BSD `a`: all users' processes with a terminal. */
  allUsers: boolean;
  pids: number[] | undefined;
  users: string[] | undefined;
}

const PROCPS_USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

/** Parses procps arguments: UNIX (`-ef`, `-p 1`) and BSD (`aux`) styles. Undefined when unsupported. */
function parseSelection(args: string[]): Selection | string {
  const s: Selection = {
    all: false,
    format: 'default',
    noTty: false,
    allUsers: false,
    pids: undefined,
    users: undefined,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const bsd = !arg.startsWith('-');
    const letters = bsd ? arg : arg.slice(1);
    for (let j = 0; j < letters.length; j++) {
      const c = letters[j] as string;
      const value = () => letters.slice(j + 1) || (args[++i] ?? '');
      if (bsd) {
        if (c === 'a') s.allUsers = true;
        else if (c === 'x') s.noTty = true;
        else if (c === 'u') s.format = 'user';
        else if (c === 'w') continue;
        else return 'error: unsupported option (BSD syntax)';
        continue;
      }
      if (c === 'e' || c === 'A') s.all = true;
      else if (c === 'f') s.format = 'full';
      else if (c === 'w' || c === 'l' || c === 'y' || c === 'H') continue;
      else if (c === 'p' || c === 'u' || c === 'U') {
        const list = value().split(',').filter(Boolean);
        if (c === 'p') s.pids = list.map(Number);
        else s.users = list;
        break;
      } else return `error: unsupported SysV option`;
    }
  }
  return s;
}

/** The terminal `ps` was started from: the newest process of this user that has one. */
function currentTty(ctx: ProgramContext, processes: ProcessInfo[]): string {
  const mine = processes.filter((p) => p.uid === ctx.user.uid && p.tty !== '?');
  return mine.reduce<ProcessInfo | undefined>((a, p) => (!a || p.pid > a.pid ? p : a), undefined)?.tty ?? '?';
}

function select(ctx: ProgramContext, processes: ProcessInfo[], s: Selection): ProcessInfo[] {
  if (s.pids) return processes.filter((p) => s.pids?.includes(p.pid));
  if (s.users) return processes.filter((p) => s.users?.includes(p.user) || s.users?.includes(String(p.uid)));
  if (s.all || (s.allUsers && s.noTty)) return processes;
  const tty = currentTty(ctx, processes);
  return processes.filter((p) => {
    if (s.allUsers) return p.tty !== '?';
    if (s.noTty) return p.uid === ctx.user.uid;
    return p.uid === ctx.user.uid && p.tty === tty;
  });
}

/** The command name (comm): first word of the command line, without path or login dash, 15 chars. */
export function commandName(args: string): string {
  if (/^\[.*\]$/.test(args)) return args.slice(1, -1);
  const first = args.split(' ')[0] ?? '';
  return (first.split('/').pop() ?? first).replace(/^-/, '').slice(0, 15);
}

/** procps shows at most 8 characters of a user name, marking a cut one with `+`. */
function userColumn(name: string): string {
  return name.length > 8 ? `${name.slice(0, 7)}+` : name;
}

/** `[DD-]HH:MM:SS` of cumulative CPU time. */
function cpuTime(ms: number): string {
  const total = Math.floor(ms / 1000);
  const days = Math.floor(total / 86400);
  const clock = `${pad0(Math.floor((total % 86400) / 3600))}:${pad0(Math.floor((total % 3600) / 60))}:${pad0(total % 60)}`;
  return days > 0 ? `${days}-${clock}` : clock;
}

/** procps start time: `HH:MM` within a day, `MmmDD` within a year, else the year. */
function startTime(start: number, now: number): string {
  const d = new Date(start);
  if (now - start < 24 * 3600_000) return `${pad0(d.getUTCHours())}:${pad0(d.getUTCMinutes())}`;
  if (now - start < 365 * 24 * 3600_000) return `${MONTHS[d.getUTCMonth()]}${pad0(d.getUTCDate())}`;
  return String(d.getUTCFullYear());
}

function cpuShare(p: ProcessInfo, now: number): number {
  const elapsed = Math.max(1, now - p.start);
  return (p.cpuMs / elapsed) * 100;
}

function gnuRows(ctx: ProgramContext, list: ProcessInfo[], format: Format): string[] {
  const now = ctx.now();
  if (format === 'full') {
    const header = `${'UID'.padEnd(8)} ${'PID'.padStart(7)} ${'PPID'.padStart(7)}  C STIME TTY          TIME CMD`;
    return [
      header,
      ...list.map(
        (p) =>
          `${userColumn(p.user).padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)} ${String(Math.min(99, Math.floor(cpuShare(p, now)))).padStart(2)} ${startTime(p.start, now).padEnd(5)} ${p.tty.padEnd(8)} ${cpuTime(p.cpuMs)} ${p.args}`,
      ),
    ];
  }
  if (format === 'user') {
    const total = ctx.system.memory().total;
    const header = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND';
    return [
      header,
      ...list.map((p) => {
        const cpu = cpuShare(p, now).toFixed(1);
        const mem = ((p.rss * 1024 * 100) / total).toFixed(1);
        const secs = Math.floor(p.cpuMs / 1000);
        const time = `${Math.floor(secs / 60)}:${pad0(secs % 60)}`;
        return `${userColumn(p.user).padEnd(8)} ${String(p.pid).padStart(7)} ${cpu.padStart(4)} ${mem.padStart(4)} ${String(p.vsz).padStart(6)} ${String(p.rss).padStart(5)} ${p.tty.padEnd(8)} ${p.stat.padEnd(4)} ${startTime(p.start, now).padEnd(5)} ${time.padStart(6)} ${p.args}`;
      }),
    ];
  }
  return [
    '    PID TTY          TIME CMD',
    ...list.map(
      (p) => `${String(p.pid).padStart(7)} ${p.tty.padEnd(8)} ${cpuTime(p.cpuMs)} ${commandName(p.args)}`,
    ),
  ];
}

function writeLines(ctx: ProgramContext, lines: string[]): void {
  // On a terminal, procps and BusyBox cut lines at the screen width.
  const cut = ctx.stdout.isTTY ? (l: string) => l.slice(0, ctx.stdout.columns) : (l: string) => l;
  ctx.stdout.write(lines.map((l) => `${cut(l)}\n`).join(''));
}

/** BusyBox `ps`: every process, `PID USER TIME COMMAND`; -ef and aux are accepted and ignored. */
function busyboxPs(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const bad = args.find((a) => a.startsWith('-') && /[^efAwlTo]/.test(a.slice(1)));
  if (bad) {
    ctx.stderr.write(
      `ps: unrecognized option: ${bad.slice(1).replace(/[efAwlTo]/g, '')[0]}\n${BUSYBOX_BANNER}\n`,
    );
    return 1;
  }
  const lines = ['PID   USER     TIME  COMMAND'];
  for (const p of ctx.system.processes()) {
    const secs = Math.floor(p.cpuMs / 1000);
    const time = `${Math.floor(secs / 60)}:${pad0(secs % 60)}`;
    lines.push(`${String(p.pid).padStart(5)} ${p.user.slice(0, 8).padEnd(8)} ${time.padStart(5)} ${p.args}`);
  }
  writeLines(ctx, lines);
  return 0;
}

/** `ps`: procps-ng for GNU (default, -ef, aux, -p, -u), BusyBox's single format otherwise. */
export function ps(flavor: Flavor): Program {
  return async (ctx) => {
    if (flavor === 'busybox') return busyboxPs(ctx);
    const selection = parseSelection(ctx.argv.slice(1));
    if (typeof selection === 'string') {
      ctx.stderr.write(`${selection}\n${PROCPS_USAGE}`);
      return 1;
    }
    const list = select(ctx, ctx.system.processes(), selection).sort((a, b) => a.pid - b.pid);
    writeLines(ctx, gnuRows(ctx, list, selection.format));
    return list.length > 0 ? 0 : 1;
  };
}
