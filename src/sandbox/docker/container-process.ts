import type { Filesystem } from '../fs/filesystem.ts';
import type { ShellHost } from '../shell/interpreter.ts';
import type { User } from '../shell/program.ts';
import type { InputStream, OutputStream } from '../shell/streams.ts';
import type { DockerEngine } from './engine.ts';
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
      groups: [{ gid, name: entry[0] ?? name }],
    };
  }
  const uid = /^\d+$/.test(name) ? Number(name) : name === 'root' ? 0 : 1000;
  return { uid, gid: uid, name, home: uid === 0 ? '/root' : '/', groups: [{ gid: uid, name }] };
}

/** The environment inside a container: the image's and the user's, plus what Docker adds. */
/** The PATH the daemon gives a process whose image sets none (oci.DefaultPathEnv). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

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
  const shell = engine.deps.makeShell({
    system: engine.systemOf(c),
    fs,
    user: containerUser(c, fs),
    cwd: c.config.workingDir || '/',
    env: containerEnv(c),
    flavor: 'ash',
    host,
    pid: 1,
  });
  return shell.invoke(argv, [], {
    stdin,
    stdout: log('stdout', attached?.stdout),
    stderr: log('stderr', attached?.stderr),
  });
}
