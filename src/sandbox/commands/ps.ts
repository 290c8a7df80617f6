import type { Program, ProgramContext } from '../shell/program.ts';
import type { ProcessInfo } from '../shell/system.ts';
import { BUSYBOX_BANNER } from './args.ts';
import type { Flavor } from './flavor.ts';
import { MONTHS, pad0 } from './format.ts';

type Format = 'default' | 'full' | 'user';

interface Selection {
  all: boolean;
  format: Format;
  /** `-o`/`o` columns: key and header (`pid=ID` names it; `pid=` hides it). */
  columns: { key: string; header: string | undefined }[];
  /** `--sort`: keys, `-` for descending. */
  sort: { key: string; descending: boolean }[];
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
    columns: [],
    sort: [],
    noTty: false,
    allUsers: false,
    pids: undefined,
    users: undefined,
  };
  const addColumns = (spec: string): string | undefined => {
    // procps-ng 4 splits at every comma, `pid=ID,comm` included.
    const parts = spec.split(',').filter(Boolean);
    for (const part of parts) {
      const eq = part.indexOf('=');
      const key = eq === -1 ? part : part.slice(0, eq);
      if (!COLUMNS[key]) return `error: unknown user-defined format specifier "${key}"`;
      s.columns.push({ key, header: eq === -1 ? undefined : part.slice(eq + 1) });
    }
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg.startsWith('--sort') || arg.startsWith('--format')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[++i] ?? '');
      if (arg.startsWith('--format')) {
        const error = addColumns(value);
        if (error) return error;
        continue;
      }
      for (const k of value.split(',').filter(Boolean)) {
        const descending = k.startsWith('-');
        const key = k.replace(/^[+-]/, '');
        if (!COLUMNS[key]) return `error: unknown sort specifier`;
        s.sort.push({ key, descending });
      }
      continue;
    }
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
        else if (c === 'o') {
          const error = addColumns(value());
          if (error) return error;
          break;
        } else return 'error: unsupported option (BSD syntax)';
        continue;
      }
      if (c === 'e' || c === 'A') s.all = true;
      else if (c === 'f') s.format = 'full';
      else if (c === 'w' || c === 'l' || c === 'y' || c === 'H') continue;
      else if (c === 'o') {
        const error = addColumns(value());
        if (error) return error;
        break;
      } else if (c === 'p' || c === 'u' || c === 'U') {
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

/** Elapsed time as procps prints it: `[[DD-]HH:]MM:SS`. */
function elapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const clock = `${pad0(Math.floor((total % 3600) / 60))}:${pad0(total % 60)}`;
  if (days > 0) return `${days}-${pad0(hours)}:${clock}`;
  return hours > 0 ? `${pad0(hours)}:${clock}` : clock;
}

interface Column {
  header: string;
  /** Right-aligned (numbers) or left-aligned (text). */
  right: boolean;
  width: number;
  value: (p: ProcessInfo, ctx: ProgramContext, now: number) => string;
}

const pid: Column = { header: 'PID', right: true, width: 7, value: (p) => String(p.pid) };
const args: Column = { header: 'COMMAND', right: false, width: 27, value: (p) => p.args };
const comm: Column = { header: 'COMMAND', right: false, width: 15, value: (p) => commandName(p.args) };
const user: Column = { header: 'USER', right: false, width: 8, value: (p) => userColumn(p.user) };
const uid: Column = { header: 'UID', right: true, width: 5, value: (p) => String(p.uid) };
const cpu: Column = {
  header: '%CPU',
  right: true,
  width: 4,
  value: (p, _c, now) => cpuShare(p, now).toFixed(1),
};
const mem: Column = {
  header: '%MEM',
  right: true,
  width: 4,
  value: (p, ctx) => ((p.rss * 1024 * 100) / ctx.system.memory().total).toFixed(1),
};
const rss: Column = { header: 'RSS', right: true, width: 5, value: (p) => String(p.rss) };
const vsz: Column = { header: 'VSZ', right: true, width: 6, value: (p) => String(p.vsz) };
const tty: Column = { header: 'TT', right: false, width: 8, value: (p) => p.tty };
const time: Column = { header: 'TIME', right: true, width: 8, value: (p) => cpuTime(p.cpuMs) };
const etime: Column = {
  header: 'ELAPSED',
  right: true,
  width: 11,
  value: (p, _c, now) => elapsed(now - p.start),
};

/** procps-ng's output columns for `-o`, by every name it accepts for them. */
const COLUMNS: Record<string, Column> = {
  pid,
  tgid: pid,
  ppid: { header: 'PPID', right: true, width: 7, value: (p) => String(p.ppid) },
  args,
  command: args,
  cmd: { ...args, header: 'CMD' },
  comm,
  ucmd: { ...comm, header: 'CMD' },
  ucomm: comm,
  user,
  euser: user,
  uname: user,
  ruser: { ...user, header: 'RUSER' },
  uid,
  euid: { ...uid, header: 'EUID' },
  ruid: { ...uid, header: 'RUID' },
  '%cpu': cpu,
  pcpu: cpu,
  '%mem': mem,
  pmem: mem,
  rss,
  rssize: rss,
  rsz: { ...rss, header: 'RSZ' },
  vsz,
  vsize: vsz,
  stat: { header: 'STAT', right: false, width: 4, value: (p) => p.stat },
  state: { header: 'S', right: false, width: 1, value: (p) => p.stat.slice(0, 1) },
  s: { header: 'S', right: false, width: 1, value: (p) => p.stat.slice(0, 1) },
  tty,
  tt: tty,
  tname: tty,
  time,
  cputime: time,
  etime,
  etimes: {
    header: 'ELAPSED',
    right: true,
    width: 7,
    value: (p, _c, now) => String(Math.max(0, Math.floor((now - p.start) / 1000))),
  },
};

/** Rows for `-o`: one space between columns, the last one not padded; headers only if any is named. */
function customRows(ctx: ProgramContext, list: ProcessInfo[], columns: Selection['columns']): string[] {
  const now = ctx.now();
  const cols = columns.map((c) => {
    const col = COLUMNS[c.key] as Column;
    const header = c.header ?? col.header;
    // A header wider than the column widens it.
    return { ...col, header, width: Math.max(col.width, header.length) };
  });
  const render = (cells: string[]) =>
    cells
      .map((text, i) => {
        const col = cols[i] as Column & { header: string };
        const last = i === cols.length - 1;
        // A command line that is not the last column is cut at its width, as procps does.
        const cell = !last && col.width === 27 ? text.slice(0, col.width) : text;
        if (col.right) return cell.padStart(col.width);
        return last ? cell : cell.padEnd(col.width);
      })
      .join(' ')
      .replace(/\s+$/, '');
  const rows = list.map((p) => render(cols.map((c) => c.value(p, ctx, now))));
  return cols.some((c) => c.header !== '') ? [render(cols.map((c) => c.header)), ...rows] : rows;
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

/** BusyBox's `-o` columns: width, header, right-aligned (numbers), and the value. */
const BUSYBOX_COLUMNS: Record<
  string,
  { width: number; header: string; right: boolean; value: (p: ProcessInfo) => string }
> = {
  user: { width: 8, header: 'USER', right: false, value: (p) => p.user },
  group: { width: 8, header: 'GROUP', right: false, value: (p) => (p.uid === 0 ? 'root' : p.user) },
  comm: { width: 16, header: 'COMMAND', right: false, value: (p) => commandName(p.args).slice(0, 15) },
  args: { width: 0, header: 'COMMAND', right: false, value: (p) => p.args },
  pid: { width: 5, header: 'PID', right: true, value: (p) => String(p.pid) },
  ppid: { width: 5, header: 'PPID', right: true, value: (p) => String(p.ppid) },
  pgid: { width: 5, header: 'PGID', right: true, value: (p) => String(p.pid) },
  nice: { width: 5, header: 'NI', right: true, value: () => '0' },
  rgroup: { width: 8, header: 'RGROUP', right: false, value: (p) => (p.uid === 0 ? 'root' : p.user) },
  ruser: { width: 8, header: 'RUSER', right: false, value: (p) => p.user },
  tty: { width: 6, header: 'TT', right: false, value: (p) => p.tty.replace(/^\?$/, '?') },
  vsz: { width: 4, header: 'VSZ', right: true, value: (p) => String(p.vsz) },
  sid: { width: 5, header: 'SID', right: true, value: (p) => String(p.pid) },
  stat: { width: 4, header: 'STAT', right: false, value: (p) => p.stat.replace(/[+<]/g, '') },
  rss: { width: 4, header: 'RSS', right: true, value: (p) => String(p.rss) },
};

/** BusyBox `ps -o COL,...`: its own columns, padded to their widths, the last one not. */
function busyboxColumns(ctx: ProgramContext, spec: string): number {
  const names = spec.split(',').filter(Boolean);
  const unknown = names.find((name) => !BUSYBOX_COLUMNS[name.replace(/=.*/, '')]);
  if (unknown !== undefined) {
    ctx.stderr.write(
      `ps: bad -o argument '${unknown}', supported arguments: ${Object.keys(BUSYBOX_COLUMNS).join(',')}\n`,
    );
    return 1;
  }
  const columns = names.map((name) => {
    const [key = '', header] = name.split('=');
    return {
      ...(BUSYBOX_COLUMNS[key] as (typeof BUSYBOX_COLUMNS)[string]),
      ...(header !== undefined ? { header } : {}),
    };
  });
  // Headers are all left-aligned; values of numeric columns are right-aligned.
  const row = (cells: string[], header: boolean) =>
    cells
      .map((cell, i) => {
        const column = columns[i] as (typeof columns)[number];
        return column.right && !header ? cell.padStart(column.width) : cell.padEnd(column.width);
      })
      .join(' ')
      .trimEnd();
  const lines = [
    row(
      columns.map((c) => c.header),
      true,
    ),
  ];
  for (const p of ctx.system.processes())
    lines.push(
      row(
        columns.map((c) => c.value(p)),
        false,
      ),
    );
  writeLines(ctx, lines);
  return 0;
}

/** BusyBox `ps`: every process, `PID USER TIME COMMAND`, or `-o` columns; -ef and aux are accepted and ignored. */
function busyboxPs(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const bad = args.find((a) => a.startsWith('-') && /[^efAwlTo]/.test(a.slice(1)));
  if (bad) {
    ctx.stderr.write(
      `ps: unrecognized option: ${bad.slice(1).replace(/[efAwlTo]/g, '')[0]}\n${BUSYBOX_BANNER}\n`,
    );
    return 1;
  }
  const o = args.indexOf('-o');
  if (o !== -1)
    return busyboxColumns(
      ctx,
      args
        .slice(o + 1)
        .filter((a) => !a.startsWith('-'))
        .join(','),
    );
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
    if (selection.sort.length > 0) {
      const now = ctx.now();
      const numeric = (text: string) => (/^-?[\d.]+$/.test(text) ? Number(text) : Number.NaN);
      list.sort((a, b) => {
        for (const { key, descending } of selection.sort) {
          const col = COLUMNS[key] as Column;
          const x = col.value(a, ctx, now);
          const y = col.value(b, ctx, now);
          const nx = key === 'etime' ? b.start : numeric(x);
          const ny = key === 'etime' ? a.start : numeric(y);
          const c = Number.isNaN(nx) || Number.isNaN(ny) ? (x < y ? -1 : x > y ? 1 : 0) : nx - ny;
          if (c !== 0) return descending ? -c : c;
        }
        return 0;
      });
    }
    writeLines(
      ctx,
      selection.columns.length > 0
        ? customRows(ctx, list, selection.columns)
        : gnuRows(ctx, list, selection.format),
    );
    return list.length > 0 ? 0 : 1;
  };
}
