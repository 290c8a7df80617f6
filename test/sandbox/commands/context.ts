import { seedRandom } from '../../../src/sandbox/core/random.ts';
import { WorkMeter } from '../../../src/sandbox/core/work-meter.ts';
import { Filesystem } from '../../../src/sandbox/fs/filesystem.ts';
import type { Layer } from '../../../src/sandbox/fs/node.ts';
import { Shell } from '../../../src/sandbox/shell/interpreter.ts';
import type {
  Program,
  ProgramContext,
  ScreenSpec,
  SessionSpec,
  User,
} from '../../../src/sandbox/shell/program.ts';
import { bufferStream, type OutputStream, textInput } from '../../../src/sandbox/shell/streams.ts';
import type { HttpFailure, HttpResponse, ProcessInfo, System } from '../../../src/sandbox/shell/system.ts';

/** 2026-11-23 16:05:00 UTC, a Monday: the virtual "now" of every test. */
export const NOW = Date.UTC(2026, 10, 23, 16, 5, 0);
const HOUR = 3600_000;

export const LEARNER: User = {
  uid: 1000,
  gid: 1000,
  name: 'learner',
  home: '/home/learner',
  groups: [
    { gid: 1000, name: 'learner' },
    { gid: 27, name: 'sudo' },
    { gid: 999, name: 'docker' },
  ],
};

const dir = (uid = 0, mtime = NOW - 2 * HOUR, mode = 0o755) => ({
  type: 'dir' as const,
  mode,
  uid,
  gid: uid,
  mtime,
});
export const file = (text: string, uid = 0, mtime = NOW - HOUR, mode = 0o644) => ({
  type: 'file' as const,
  mode,
  uid,
  gid: uid,
  mtime,
  size: new TextEncoder().encode(text).length,
  text,
});
const bin = (program: string) => ({
  type: 'file' as const,
  mode: 0o755,
  uid: 0,
  gid: 0,
  mtime: NOW - 24 * HOUR,
  size: 1000,
  program,
});

/** A small Ubuntu-like tree. */
export function baseLayer(): Layer {
  return {
    '/': dir(),
    '/bin': dir(),
    '/bin/ls': bin('ls'),
    '/bin/cat': bin('cat'),
    '/bin/echo': bin('echo'),
    '/bin/true': bin('true'),
    '/bin/env': bin('env'),
    '/bin/sh': bin('sh'),
    '/usr': dir(),
    '/usr/bin': dir(),
    '/usr/bin/env': bin('env'),
    '/usr/bin/grep': bin('grep'),
    '/etc': dir(),
    '/etc/passwd': file(
      'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nlearner:x:1000:1000:Learner,,,:/home/learner:/bin/bash\n',
    ),
    '/etc/group': file('root:x:0:\nsudo:x:27:learner\ndocker:x:999:learner\nlearner:x:1000:\n'),
    '/etc/hostname': file('quayside\n'),
    '/home': dir(),
    '/home/learner': dir(1000),
    '/home/learner/notes.txt': file('alpha\nbeta\ngamma\n', 1000, Date.UTC(2026, 10, 23, 15, 0)),
    '/home/learner/old.log': file('x'.repeat(5000), 1000, Date.UTC(2025, 0, 5, 9, 30)),
    '/home/learner/.profile': file('# profile\n', 1000),
    '/home/learner/project': dir(1000, Date.UTC(2026, 10, 22, 10, 0)),
    '/home/learner/project/app.py': file('print("hi")\n', 1000, Date.UTC(2026, 10, 22, 10, 0)),
    '/home/learner/project/README.md': file('# App\n', 1000, Date.UTC(2026, 10, 22, 10, 0)),
    '/home/learner/link': {
      type: 'symlink',
      target: 'notes.txt',
      mode: 0o777,
      uid: 1000,
      gid: 1000,
      mtime: Date.UTC(2026, 10, 23, 15, 0),
    },
    '/tmp': dir(0, NOW - 2 * HOUR, 0o1777),
    '/root': dir(0, NOW - 2 * HOUR, 0o700),
  };
}

export const PROCESSES: ProcessInfo[] = [
  {
    pid: 1,
    ppid: 0,
    uid: 0,
    user: 'root',
    tty: '?',
    stat: 'Ss',
    start: NOW - 2 * HOUR,
    cpuMs: 1500,
    rss: 11520,
    vsz: 166600,
    args: '/sbin/init',
  },
  {
    pid: 742,
    ppid: 1,
    uid: 0,
    user: 'root',
    tty: '?',
    stat: 'Ssl',
    start: NOW - 2 * HOUR + 5000,
    cpuMs: 61_000,
    rss: 80_212,
    vsz: 2_104_440,
    args: '/usr/bin/dockerd -H fd://',
  },
  {
    pid: 1234,
    ppid: 1,
    uid: 1000,
    user: 'learner',
    tty: 'pts/0',
    stat: 'Ss',
    start: NOW - 600_000,
    cpuMs: 40,
    rss: 5200,
    vsz: 8900,
    args: '-bash',
  },
  {
    pid: 1300,
    ppid: 1234,
    uid: 1000,
    user: 'learner',
    tty: 'pts/0',
    stat: 'R+',
    start: NOW,
    cpuMs: 0,
    rss: 4200,
    vsz: 10_100,
    args: 'ps',
  },
];

export interface FakeOptions {
  argv?: string[];
  stdin?: string;
  tty?: boolean;
  columns?: number;
  cwd?: string;
  user?: User;
  env?: Record<string, string>;
  layer?: Layer;
  http?: (host: string, port: number, method: string, path: string) => HttpResponse | HttpFailure;
  /** Programs on the fake machine, keyed by FileNode.program (for ctx.shell). */
  programs?: Record<string, Program>;
  builtins?: Record<string, Program>;
}

export interface Harness {
  ctx: ProgramContext;
  fs: Filesystem;
  out(): string;
  err(): string;
  clock(): number;
  killed: [number, number][];
  sessions: (SessionSpec | ScreenSpec)[];
}

/** A ProgramContext over a small in-memory machine, with captured output. */
export function harness(options: FakeOptions = {}): Harness {
  let now = NOW;
  const fs = new Filesystem([options.layer ?? baseLayer()], {}, { now: () => now });
  const captured: string[] = [];
  const out: OutputStream = {
    write: (text) => void captured.push(text),
    isTTY: options.tty ?? false,
    columns: options.columns ?? 80,
  };
  const stderr = bufferStream();
  const killed: [number, number][] = [];
  const sessions: (SessionSpec | ScreenSpec)[] = [];
  const system: System = {
    hostname: 'quayside',
    kernel: {
      name: 'Linux',
      release: '6.8.0-45-generic',
      version: '#45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024',
      machine: 'x86_64',
    },
    cpus: 4,
    programs: options.programs ?? {},
    processes: () => PROCESSES,
    memory: () => ({
      total: 8 * 1024 ** 3,
      used: 1_500_000_000,
      free: 5_000_000_000,
      shared: 12_582_912,
      buffCache: 1_789_934_592,
      available: 6_400_000_000,
      swapTotal: 2 * 1024 ** 3,
      swapUsed: 0,
    }),
    disks: () => [
      { filesystem: '/dev/sda1', type: 'ext4', size: 62_725_623_808, used: 12_636_151_808, mountpoint: '/' },
    ],
    uptimeMs: () => 2 * HOUR + 125_000,
    procFile: (path) =>
      path === '/proc/loadavg'
        ? '0.08 0.03 0.01 1/123 1300\n'
        : path === '/proc/version'
          ? 'Linux version 6.8.0-45-generic\n'
          : undefined,
    http: options.http ?? ((host, port) => ({ error: 'refused', host, port })),
    interfaces: () => [
      { index: 1, name: 'lo', mac: '00:00:00:00:00:00', mtu: 65536, up: true, inet: ['127.0.0.1/8'] },
      { index: 2, name: 'ens3', mac: '52:54:00:12:34:56', mtu: 1500, up: true, inet: ['10.0.2.15/24'] },
    ],
    kill: (pid, signal) => {
      if (!PROCESSES.some((p) => p.pid === pid)) return 'ESRCH';
      if (pid === 1) return 'EPERM';
      killed.push([pid, signal]);
      return 'ok';
    },
  };
  const user = options.user ?? LEARNER;
  const env = options.env ?? { HOME: user.home, PATH: '/usr/bin:/bin', USER: user.name, LANG: 'C.UTF-8' };
  const random = seedRandom('test');
  const meter = new WorkMeter();
  const ctx: ProgramContext = {
    meter,
    argv: options.argv ?? ['true'],
    env,
    cwd: options.cwd ?? user.home,
    stdin: textInput(options.stdin ?? '', false),
    stdout: out,
    stderr,
    fs,
    user,
    system,
    random,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    work: async (ms) => {
      now += ms;
    },
    shell: (script, io) => {
      const shell = new Shell({
        flavor: 'bash',
        system,
        fs,
        user,
        cwd: ctx.cwd,
        env: ctx.env,
        builtins: options.builtins ?? {},
        host: {
          now: () => now,
          sleep: async (ms) => {
            now += ms;
          },
          work: async (ms) => {
            now += ms;
          },
          random,
          session: async () => 0,
          meter,
        },
      });
      return shell.execute(script, {
        stdin: io?.stdin ?? ctx.stdin,
        stdout: io?.stdout ?? out,
        stderr: io?.stderr ?? stderr,
      });
    },
    session: async (spec) => {
      sessions.push(spec);
      return 0;
    },
  };
  return {
    ctx,
    fs,
    out: () => captured.join(''),
    err: () => stderr.text(),
    clock: () => now,
    killed,
    sessions,
  };
}

/** Runs a program with argv and returns status and output. */
export async function run(
  program: Program,
  argv: string[],
  options: FakeOptions = {},
): Promise<{ status: number; out: string; err: string; h: Harness }> {
  const h = harness({ ...options, argv });
  const status = await program(h.ctx);
  return { status, out: h.out(), err: h.err(), h };
}
