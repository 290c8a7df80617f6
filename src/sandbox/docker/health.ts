import { Terminated } from '../process/scheduler.ts';
import type { ShellHost } from '../shell/interpreter.ts';
import { bufferStream, EMPTY_INPUT } from '../shell/streams.ts';
import { containerEnv, containerUser } from './container-process.ts';
import type { DockerEngine } from './engine.ts';
import type { ContainerRecord, Healthcheck } from './state.ts';

/** Docker's defaults for what a HEALTHCHECK leaves out, in ns. */
const DEFAULT_INTERVAL = 30e9;
const DEFAULT_TIMEOUT = 30e9;
const DEFAULT_RETRIES = 3;
/** The daemon keeps the last five results. */
const KEPT_RESULTS = 5;

/** The health check a container runs, if any (`["NONE"]` turns the image's off). */
export function activeHealthcheck(c: ContainerRecord): Healthcheck | undefined {
  const check = c.config.healthcheck;
  return check && check.test.length > 0 && check.test[0] !== 'NONE' ? check : undefined;
}

/** ` (healthy)`, ` (health: starting)`: what `docker ps` adds to a running container's status. */
export function healthSuffix(c: ContainerRecord): string {
  const health = c.state.health;
  if (!health || c.state.status !== 'running') return '';
  return health.status === 'starting' ? ' (health: starting)' : ` (${health.status})`;
}

/**
 * Runs a started container's health check on the clock, as the daemon does: the first probe one
 * interval after the start, each probe a command in the container, `retries` failures in a row
 * making it unhealthy (failures in the start period do not count), any success healthy.
 */
export function watchHealth(engine: DockerEngine, c: ContainerRecord): void {
  const check = activeHealthcheck(c);
  if (!check) {
    delete c.state.health;
    return;
  }
  c.state.health = { status: 'starting', failingStreak: 0, log: [] };
  const startedAt = c.state.startedAt;
  const interval = (check.interval || DEFAULT_INTERVAL) / 1e6;
  const timeout = (check.timeout || DEFAULT_TIMEOUT) / 1e6;
  const retries = check.retries || DEFAULT_RETRIES;
  const startPeriod = (check.startPeriod ?? 0) / 1e6;
  const current = () => c.state.status === 'running' && c.state.startedAt === startedAt;
  engine.deps.spawn(
    `health ${c.name}`,
    async (host) => {
      for (;;) {
        await host.sleep(interval);
        if (!current()) return 0;
        const start = engine.now();
        const { code, output } = await probe(engine, c, check.test, host);
        if (!current()) return 0;
        const end = engine.now();
        const timedOut = end - start > timeout;
        const health = c.state.health ?? { status: 'starting', failingStreak: 0, log: [] };
        health.log = [
          ...health.log,
          {
            start,
            end,
            exitCode: timedOut ? -1 : code,
            output: timedOut ? `Health check exceeded timeout (${timeout / 1000}s)` : output,
          },
        ].slice(-KEPT_RESULTS);
        if (code === 0 && !timedOut) {
          health.status = 'healthy';
          health.failingStreak = 0;
        } else if (end - startedAt > startPeriod || health.status !== 'starting') {
          health.failingStreak++;
          if (health.failingStreak >= retries) health.status = 'unhealthy';
        }
        c.state.health = health;
      }
    },
    false,
  );
}

/** One probe: `CMD` runs its argv, `CMD-SHELL` runs `/bin/sh -c`; output kept as the daemon keeps it. */
async function probe(
  engine: DockerEngine,
  c: ContainerRecord,
  test: string[],
  host: ShellHost,
): Promise<{ code: number; output: string }> {
  const argv = test[0] === 'CMD-SHELL' ? ['/bin/sh', '-c', test.slice(1).join(' ')] : test.slice(1);
  const fs = engine.fsOf(c);
  const shell = engine.deps.makeShell({
    system: engine.systemOf(c),
    fs,
    user: containerUser(c, fs),
    cwd: c.config.workingDir || '/',
    env: containerEnv(c),
    flavor: 'ash',
    host,
  });
  const out = bufferStream(host.meter);
  try {
    const code = await shell.invoke(argv, [], { stdin: EMPTY_INPUT, stdout: out, stderr: out });
    return { code, output: out.text().slice(0, 4096) };
  } catch (error) {
    if (error instanceof Terminated) throw error;
    return { code: 1, output: out.text().slice(0, 4096) };
  }
}
