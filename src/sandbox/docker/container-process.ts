import { BudgetExceeded } from '../core/work-meter.ts';
import type { Filesystem } from '../fs/filesystem.ts';
import { normalize } from '../fs/path.ts';
import type { ShellHost } from '../shell/interpreter.ts';
import type { User } from '../shell/program.ts';
import type { InputStream, OutputStream } from '../shell/streams.ts';
import type { DockerEngine } from './engine.ts';
import { hostExecutes } from './platform.ts';
import { containerCapabilities } from './security.ts';
import type { ContainerRecord } from './state.ts';

export function envMap(env: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env) {
    const i = e.indexOf('=');
    if (i > 0) out[e.slice(0, i)] = e.slice(i + 1);
  }
  return out;
}

/** The user a container's processes run as. */
export function containerUser(c: ContainerRecord, fs?: Filesystem, spec = c.config.user || 'root'): User {
  const user = resolveUser(spec, fs);
  const capabilities = containerCapabilities(c.hostConfig);
  return capabilities ? { ...user, capabilities } : user;
}

/** A `--user` value (`name`, `uid`, `name:group`) as the container's /etc/passwd defines it. */
export function resolveUser(spec: string, fs?: Filesystem): User {
  const [name = 'root'] = spec.split(':');
  let passwd: string[] = [];
  try {
    passwd = fs ? fs.readText('/etc/passwd').split('\n') : [];
  } catch {
    passwd = [];
  }
  const entry = passwd.map((l) => l.split(':')).find((f) => f[0] === name || f[2] === name);
  if (entry) {
    const uid = Number(entry[2]);
    const gid = Number(entry[3]);
    return {
      uid,
      gid,
      name: entry[0] ?? name,
      home: entry[5] ?? '/',
      groups: [{ gid, name: groupName(gid, fs) }],
    };
  }
  const uid = /^\d+$/.test(name) ? Number(name) : name === 'root' ? 0 : 1000;
  return { uid, gid: uid, name, home: uid === 0 ? '/root' : '/', groups: [{ gid: uid, name }] };
}

/**
 * The file an exec of `name` runs, as runc finds it: on PATH for a bare name (skipping files it may
 * not execute), else relative to the working directory; 'denied' for a path it may not execute.
 */
export function lookupExecutable(fs: Filesystem, name: string, path: string, cwd: string) {
  if (name.includes('/')) {
    const node = fs.stat(normalize(name.startsWith('/') ? name : `${cwd}/${name}`));
    if (!node) return undefined;
    return node.type === 'file' && (node.mode & 0o111) !== 0 ? node : 'denied';
  }
  for (const dir of path.split(':').filter(Boolean)) {
    const node = fs.stat(`${dir}/${name}`);
    if (node?.type === 'file' && (node.mode & 0o111) !== 0) return node;
  }
  return undefined;
}

/**
 * Why runc could not exec `name`, as Go's exec.LookPath words it: a path is stat'ed where it is, a
 * bare name is looked for on PATH.
 */
export function execFailure(name: string, kind: 'not-found' | 'denied'): string {
  if (kind === 'denied') return `exec: "${name}": permission denied`;
  if (name.includes('/')) return `exec: "${name}": stat ${name}: no such file or directory`;
  return `exec: "${name}": executable file not found in $PATH`;
}

/** The path runc names a program by: a bare name's first executable on PATH, else the name as given. */
export function executablePath(fs: Filesystem, name: string, path: string): string {
  if (name.includes('/')) return name;
  for (const dir of path.split(':').filter(Boolean)) {
    const node = fs.stat(`${dir}/${name}`);
    if (node?.type === 'file' && (node.mode & 0o111) !== 0) return `${dir}/${name}`;
  }
  return name;
}

/** A group's name in the container's /etc/group, or its number when the file has no entry for it. */
function groupName(gid: number, fs?: Filesystem): string {
  let lines: string[] = [];
  try {
    lines = fs ? fs.readText('/etc/group').split('\n') : [];
  } catch {
    lines = [];
  }
  return lines.map((l) => l.split(':')).find((f) => f[2] === String(gid))?.[0] ?? String(gid);
}

/** The PATH the daemon gives a process whose image sets none (oci.DefaultPathEnv). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The environment inside a container: the image's and the user's, plus what Docker adds. */
export function containerEnv(c: ContainerRecord): Record<string, string> {
  const env = envMap(c.config.env);
  env.PATH ??= DEFAULT_PATH;
  env.HOSTNAME = c.config.hostname;
  env.HOME = containerUser(c).home === '/' ? '/' : containerUser(c).home;
  if (c.config.tty) env.TERM = 'xterm';
  return env;
}

/**
 * Runs a program as a container's main process: a shell of the container's machine invokes it, and
 * what it prints goes to the container's logs and, when attached, to the terminal as well.
 */
export function runInContainer(
  engine: DockerEngine,
  c: ContainerRecord,
  argv: string[],
  host: ShellHost,
  stdin: InputStream,
  attached?: { stdout: OutputStream; stderr: OutputStream },
): Promise<number> {
  const log = (stream: 'stdout' | 'stderr', target: OutputStream | undefined): OutputStream => ({
    write: (text) => {
      host.meter.output(text.length);
      c.logs.push({ at: host.now(), stream, text });
      target?.write(text);
    },
    isTTY: c.config.tty,
    columns: target?.columns ?? 80,
  });
  const fs = engine.fsOf(c);
  const containerHost = engine.containerHost(c, host);
  const shell = engine.deps.makeShell({
    system: engine.systemOf(c),
    fs,
    user: containerUser(c, fs),
    cwd: c.config.workingDir || '/',
    env: containerEnv(c),
    flavor: 'ash',
    host: containerHost,
    pid: 1,
  });
  const stdout = log('stdout', attached?.stdout);
  const stderr = log('stderr', attached?.stderr);
  // runc execs the file itself, with no shell to fall back on: a file that is neither one of the
  // machine's programs nor a `#!` script fails with ENOEXEC, which runc's init prints (with the path
  // it found on PATH) before it exits 255. So does every program of an image built for another
  // processor, as this host has no emulator registered with binfmt_misc.
  const env = containerEnv(c);
  const name = argv[0] ?? '';
  const cwd = c.config.workingDir || '/';
  const file = lookupExecutable(fs, name, env.PATH ?? DEFAULT_PATH, cwd);
  const foreign = !hostExecutes(engine.state.images[c.image]);
  if (typeof file === 'object' && (foreign || (file.program === undefined && !file.text?.startsWith('#!')))) {
    stderr.write(`exec ${executablePath(fs, name, env.PATH ?? DEFAULT_PATH)}: exec format error\n`);
    return Promise.resolve(255);
  }
  // runc starts the process with the container's environment alone: PWD is a shell's own variable.
  shell.unsetVar('PWD');
  return shell.invoke(argv, [], { stdin, stdout, stderr }).catch((error: unknown) => {
    // What the main process itself holds (a command substitution's output) outgrew the limit:
    // the OOM killer ends PID 1, and with it the container.
    if (!containerHost.outOfMemory || !(error instanceof BudgetExceeded) || error.kind !== 'memory')
      throw error;
    containerHost.outOfMemory();
    return 137;
  });
}
