import { signalNumber } from '../../process/signals.ts';
import { isBash } from '../../shell/bash-release.ts';
import { hostOf } from '../../shell/interpreter.ts';
import { Interrupted } from '../../shell/program.ts';
import type { OutputStream } from '../../shell/streams.ts';
import { containerEnv, containerUser, execFailure } from '../container-process.ts';
import { goMethod, goStruct } from '../format/go-values.ts';
import { ellipsis, renderTable } from '../format/table.ts';
import { humanDuration, humanSize, humanSizeWithPrecision } from '../format/units.ts';
import { healthSuffix } from '../health.ts';
import type { ContainerRecord } from '../state.ts';
import {
  confirmPrune,
  type DockerCli,
  type DockerCommand,
  daemonError,
  printFormatted,
  refuseTtyWithoutTerminal,
} from './context.ts';
import { flag, flagAll, flagOn } from './flags.ts';
import { attach, CONTAINER_START_MS } from './run.ts';
import { timeWindow } from './time-window.ts';

/** STATUS as the daemon words it: `Up 5 seconds`, `Exited (0) 2 minutes ago`, `Created`. */
export function containerStatus(c: ContainerRecord, now: number): string {
  switch (c.state.status) {
    case 'running':
      return `Up ${humanDuration(now - c.state.startedAt)}${healthSuffix(c)}`;
    case 'paused':
      return `Up ${humanDuration(now - c.state.startedAt)} (Paused)`;
    case 'restarting':
      return `Restarting (${c.state.exitCode}) ${humanDuration(now - c.state.finishedAt)} ago`;
    case 'exited':
      return `Exited (${c.state.exitCode}) ${humanDuration(now - c.state.finishedAt)} ago`;
    case 'dead':
      return 'Dead';
    default:
      return 'Created';
  }
}

/** PORTS: published ports with both IPv4 and IPv6 bindings, then exposed-only ones. */
export function containerPorts(c: ContainerRecord): string {
  const running = c.state.status === 'running' || c.state.status === 'paused';
  if (!running) return '';
  const published = c.hostConfig.portBindings;
  const exposed = c.config.exposedPorts.filter(
    (p) => !published.some((b) => `${b.containerPort}/${b.protocol}` === p),
  );
  const parts = [
    ...exposed.sort(),
    ...published.flatMap((b) => [
      `${b.hostIp}:${b.hostPort}->${b.containerPort}/${b.protocol}`,
      ...(b.hostIp === '0.0.0.0' ? [`[::]:${b.hostPort}->${b.containerPort}/${b.protocol}`] : []),
    ]),
  ];
  return parts.join(', ');
}

function commandOf(c: ContainerRecord): string {
  return [c.path, ...c.args].join(' ');
}

const PS_FILTERS = ['id', 'name', 'status', 'exited', 'ancestor', 'label', 'volume', 'network'];

/**
 * `--filter key=value` pairs (checked by the flag parser), grouped by key, or the daemon's error for
 * a key the listing does not know.
 */
export function parseFilters(specs: string[], keys = PS_FILTERS): Map<string, string[]> | string {
  const filters = new Map<string, string[]>();
  for (const spec of specs) {
    const at = spec.indexOf('=');
    const key = spec.slice(0, at).toLowerCase();
    if (!keys.includes(key)) return `Error response from daemon: invalid filter '${key}'`;
    filters.set(key, [...(filters.get(key) ?? []), spec.slice(at + 1)]);
  }
  return filters;
}

/** Whether a container passes every filter key (and one of the values given for each key). */
function matchesFilters(
  engine: DockerCli['engine'],
  c: ContainerRecord,
  filters: Map<string, string[]>,
): boolean {
  for (const [key, values] of filters) {
    const ok = values.some((v) => {
      switch (key) {
        case 'id':
          return c.id.startsWith(v);
        case 'name':
          return c.name.includes(v);
        case 'status':
          return c.state.status === v;
        case 'exited':
          return c.state.status === 'exited' && String(c.state.exitCode) === v;
        case 'ancestor':
          return engine.findImage(v)?.id === c.image;
        case 'label': {
          const eq = v.indexOf('=');
          const k = eq === -1 ? v : v.slice(0, eq);
          return k in c.config.labels && (eq === -1 || c.config.labels[k] === v.slice(eq + 1));
        }
        case 'volume':
          return c.mounts.some((m) => m.source === v || m.destination === v);
        case 'network':
          return c.network.network === v;
        default:
          return false;
      }
    });
    if (!ok) return false;
  }
  return true;
}

/** `docker ps -s`'s SIZE: the writable layer, then everything the container sees (image included). */
function containerSize(engine: DockerCli['engine'], c: ContainerRecord): string {
  const image = engine.state.images[c.image];
  const writable = engine.writableSize(c);
  const virtual = writable + (image ? engine.imageSize(image) : 0);
  return `${humanSizeWithPrecision(writable, 3)} (virtual ${humanSizeWithPrecision(virtual, 3)})`;
}

const PS_HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Status: 'STATUS',
  State: 'STATE',
  Ports: 'PORTS',
  Names: 'NAMES',
  Mounts: 'MOUNTS',
  Networks: 'NETWORKS',
  Labels: 'LABELS',
  Size: 'SIZE',
};

/** A `docker ps` row with ContainerContext's `Label` method: one label's value, empty when unset. */
function labelled<T extends object>(c: ContainerRecord, row: T): T {
  return goMethod(row, 'Label', (name: string) => c.config.labels[name] ?? '');
}

/**
 * `docker ps` checks `--format` before it asks the daemon: it parses the template and runs it once
 * against an empty container, so a bad template fails even when nothing is listed.
 */
async function validFormat(cli: DockerCli, format: string): Promise<boolean> {
  const { executeTemplate, parseTemplate } = await import('../format/template.ts');
  const parsed = parseTemplate(format);
  if (!parsed.ok) {
    cli.err(`failed to parse template: ${parsed.error}\n`);
    return false;
  }
  const blank = goMethod(
    goStruct(Object.fromEntries(Object.keys(PS_HEADERS).map((k) => [k, ''])), '*formatter.ContainerContext'),
    'Label',
    () => '',
  );
  const ran = executeTemplate(parsed.tmpl, blank);
  if (!ran.ok) cli.err(`failed to execute template: ${ran.error}\n`);
  return ran.ok;
}

export const ps: DockerCommand = {
  name: 'ps',
  aliases: ['container ls', 'container list', 'container ps'],
  usage: 'docker ps [OPTIONS]',
  summary: 'List containers',
  flags: [
    { name: 'all', short: 'a', usage: 'Show all containers (default shows just running)' },
    { name: 'quiet', short: 'q', usage: 'Only display container IDs' },
    { name: 'latest', short: 'l', usage: 'Show the latest created container (includes all states)' },
    {
      name: 'last',
      short: 'n',
      value: true,
      type: 'int',
      usage: 'Show n last created containers (includes all states) (default -1)',
    },
    { name: 'no-trunc', usage: "Don't truncate output" },
    { name: 'format', value: true, usage: 'Format output using a custom template' },
    {
      name: 'filter',
      short: 'f',
      value: true,
      repeat: true,
      type: 'filter',
      usage: 'Filter output based on conditions provided',
    },
    { name: 'size', short: 's', usage: 'Display total file sizes' },
    { name: 'help' },
  ],
  maxArgs: 0,
  run: async (cli, parsed) => {
    const { engine, ctx } = cli;
    engine.reconcile();
    const now = ctx.now();
    const filters = parseFilters(flagAll(parsed, 'filter'));
    if (typeof filters === 'string') {
      cli.err(`${filters}\n`);
      return 1;
    }
    const format = flag(parsed, 'format');
    if (format && !(await validFormat(cli, format))) return 1;
    let list = Object.values(engine.state.containers).sort((a, b) => b.created - a.created);
    // -n wins over -l; either lists stopped containers too.
    const last = Number(flag(parsed, 'last') ?? -1);
    const limit = last === -1 && flagOn(parsed, 'latest') ? 1 : last;
    // The daemon lists stopped containers too when the filter asks about their state.
    if (limit <= 0 && !flagOn(parsed, 'all') && !filters.has('status') && !filters.has('exited'))
      list = list.filter((c) => ['running', 'paused', 'restarting'].includes(c.state.status));
    list = list.filter((c) => matchesFilters(engine, c, filters));
    if (limit > 0) list = list.slice(0, limit);
    const noTrunc = flagOn(parsed, 'no-trunc');
    if (flagOn(parsed, 'quiet')) {
      for (const c of list) cli.out(`${noTrunc ? c.id : c.id.slice(0, 12)}\n`);
      return 0;
    }
    const rows = list.map((c) =>
      labelled(c, {
        ID: noTrunc ? c.id : c.id.slice(0, 12),
        Image: c.imageRef,
        Command: JSON.stringify(noTrunc ? commandOf(c) : ellipsis(commandOf(c), 20)),
        CreatedAt: new Date(c.created)
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, ' +0000 UTC'),
        RunningFor: `${humanDuration(now - c.created)} ago`,
        Status: containerStatus(c, now),
        State: c.state.status,
        Ports: containerPorts(c),
        Names: c.name,
        Mounts: c.mounts.map((m) => (m.type === 'volume' ? ellipsis(m.source, 15) : m.source)).join(','),
        Networks: c.network.network,
        Labels: Object.entries(c.config.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
        Size: containerSize(engine, c),
      }),
    );
    if (format) return printFormatted(cli, format, rows, PS_HEADERS);
    const size = flagOn(parsed, 'size');
    cli.out(
      renderTable([
        [
          'CONTAINER ID',
          'IMAGE',
          'COMMAND',
          'CREATED',
          'STATUS',
          'PORTS',
          'NAMES',
          ...(size ? ['SIZE'] : []),
        ],
        ...rows.map((r) => [
          r.ID,
          r.Image,
          r.Command,
          r.RunningFor,
          r.Status,
          r.Ports,
          r.Names,
          ...(size ? [r.Size] : []),
        ]),
      ]),
    );
    return 0;
  },
};

/** Runs `action` on every named container; prints each name as given, or the errors. */
async function eachContainer(
  cli: DockerCli,
  names: string[],
  action: (c: ContainerRecord) => string | undefined | Promise<string | undefined>,
  options: { missingIsNoError?: boolean } = {},
): Promise<number> {
  cli.engine.reconcile();
  const errors: string[] = [];
  for (const name of names) {
    const c = cli.engine.findContainer(name);
    if (!c) {
      const message = `Error response from daemon: No such container: ${name}`;
      if (options.missingIsNoError) cli.err(`${message}\n`);
      else errors.push(message);
      continue;
    }
    const problem = await action(c);
    if (problem) errors.push(`Error response from daemon: ${problem}`);
    else cli.out(`${name}\n`);
  }
  if (errors.length > 0) cli.err(`${errors.join('\n')}\n`);
  return errors.length > 0 ? 1 : 0;
}

export const stop: DockerCommand = {
  name: 'stop',
  aliases: ['container stop'],
  usage: 'docker stop [OPTIONS] CONTAINER [CONTAINER...]',
  summary: 'Stop one or more running containers',
  flags: [
    {
      name: 'timeout',
      short: 't',
      value: true,
      type: 'int',
      usage: 'Seconds to wait before killing the container',
    },
    { name: 'signal', short: 's', value: true, usage: 'Signal to send to the container' },
    { name: 'help' },
  ],
  minArgs: 1,
  run: async (cli, parsed) => {
    const signal = flag(parsed, 'signal');
    const number = signal === undefined ? undefined : signalNumber(signal);
    if (signal !== undefined && number === undefined)
      return eachContainer(cli, parsed.positionals, () => `Invalid signal: ${signal}`);
    // The client asks the daemon to stop every container at once, then reports each in order.
    cli.engine.reconcile();
    const found = parsed.positionals.map((name) => cli.engine.findContainer(name));
    await cli.engine.stop(
      found.filter((c): c is ContainerRecord => c !== undefined),
      {
        ...(number !== undefined ? { signal: number } : {}),
        graceMs: Number(flag(parsed, 'timeout') ?? 10) * 1000,
        sleep: cli.ctx.sleep,
      },
    );
    return eachContainer(cli, parsed.positionals, () => undefined);
  },
};

export const start: DockerCommand = {
  name: 'start',
  aliases: ['container start'],
  usage: 'docker start [OPTIONS] CONTAINER [CONTAINER...]',
  summary: 'Start one or more stopped containers',
  flags: [
    { name: 'attach', short: 'a' },
    { name: 'interactive', short: 'i', usage: 'Keep STDIN open even if not attached' },
    { name: 'help' },
  ],
  minArgs: 1,
  run: async (cli, parsed) => {
    if (flagOn(parsed, 'attach')) {
      if (parsed.positionals.length > 1) {
        cli.err('you cannot start and attach multiple containers at once\n');
        return 1;
      }
      const c = cli.engine.findContainer(parsed.positionals[0] as string);
      if (!c) return eachContainer(cli, parsed.positionals, async () => undefined);
      if (c.state.status === 'running') return 0;
      const result = await startStopped(cli, c);
      if ('error' in result) {
        cli.err(`Error response from daemon: ${result.error}\n`);
        return 1;
      }
      return attach(cli, c, result.main, flagOn(parsed, 'interactive'));
    }
    // Each failure is told as it happens; the client then names every container it could not start.
    cli.engine.reconcile();
    const failed: string[] = [];
    for (const name of parsed.positionals) {
      const c = cli.engine.findContainer(name);
      let problem = c ? undefined : `No such container: ${name}`;
      if (c && c.state.status !== 'running') {
        const result = await startStopped(cli, c);
        if ('error' in result) problem = result.error;
        else cli.engine.launch(c, result.main);
      }
      if (problem === undefined) cli.out(`${name}\n`);
      else {
        cli.err(`Error response from daemon: ${problem}\n`);
        failed.push(name);
      }
    }
    if (failed.length === 0) return 0;
    cli.err(`Error: failed to start containers: ${failed.join(', ')}\n`);
    return 1;
  },
};

/** Starts a stopped container after the time the daemon takes to do so. */
async function startStopped(cli: DockerCli, c: ContainerRecord) {
  c.manuallyStopped = false;
  await cli.ctx.sleep(CONTAINER_START_MS);
  return cli.engine.start(c);
}

export const restart: DockerCommand = {
  name: 'restart',
  aliases: ['container restart'],
  usage: 'docker restart [OPTIONS] CONTAINER [CONTAINER...]',
  summary: 'Restart one or more containers',
  flags: [
    {
      name: 'timeout',
      short: 't',
      value: true,
      type: 'int',
      usage: 'Seconds to wait before killing the container',
    },
    { name: 'help' },
  ],
  minArgs: 1,
  run: (cli, parsed) =>
    eachContainer(cli, parsed.positionals, async (c) => {
      if (c.state.status === 'running') {
        await cli.engine.stop([c], {
          graceMs: Number(flag(parsed, 'timeout') ?? 10) * 1000,
          sleep: cli.ctx.sleep,
        });
      }
      c.restartCount = 0;
      c.manuallyStopped = false;
      const result = await cli.engine.start(c);
      if ('error' in result) return result.error;
      cli.engine.launch(c, result.main);
      return undefined;
    }),
};

export const kill: DockerCommand = {
  name: 'kill',
  aliases: ['container kill'],
  usage: 'docker kill [OPTIONS] CONTAINER [CONTAINER...]',
  summary: 'Kill one or more running containers',
  flags: [
    { name: 'signal', short: 's', value: true, usage: 'Signal to send to the container' },
    { name: 'help' },
  ],
  minArgs: 1,
  run: (cli, parsed) =>
    eachContainer(cli, parsed.positionals, (c) => {
      if (c.state.status !== 'running')
        return `cannot kill container: ${c.name}: container ${c.id} is not running`;
      const signal = flag(parsed, 'signal') ?? 'KILL';
      const number = signalNumber(signal);
      if (number === undefined) return `Invalid signal: ${signal}`;
      // Only a signal that ends it counts as stopping it by hand (its restart policy then waits).
      if (number === 9 || number === 15) c.manuallyStopped = true;
      cli.engine.signal(c, number);
      return undefined;
    }),
};

export const rm: DockerCommand = {
  name: 'rm',
  aliases: ['container rm', 'container remove'],
  usage: 'docker rm [OPTIONS] CONTAINER [CONTAINER...]',
  summary: 'Remove one or more containers',
  flags: [
    { name: 'force', short: 'f', usage: 'Force the removal of a running container (uses SIGKILL)' },
    { name: 'volumes', short: 'v', usage: 'Remove anonymous volumes associated with the container' },
    { name: 'help' },
  ],
  minArgs: 1,
  run: (cli, parsed) =>
    eachContainer(
      cli,
      parsed.positionals,
      (c) => {
        if (['running', 'paused', 'restarting'].includes(c.state.status)) {
          if (!flagOn(parsed, 'force')) {
            return `cannot remove container "/${c.name}": container is ${c.state.status}: stop the container before removing or force remove`;
          }
          c.manuallyStopped = true;
          cli.engine.signal(c, 9);
        }
        cli.engine.remove(c, flagOn(parsed, 'volumes'));
        return undefined;
      },
      // With -f a name that does not exist is said, but is no error: what was asked for is true.
      { missingIsNoError: flagOn(parsed, 'force') },
    ),
};

export const logs: DockerCommand = {
  name: 'logs',
  aliases: ['container logs'],
  usage: 'docker logs [OPTIONS] CONTAINER',
  summary: 'Fetch the logs of a container',
  flags: [
    { name: 'follow', short: 'f', usage: 'Follow log output' },
    {
      name: 'tail',
      short: 'n',
      value: true,
      usage: 'Number of lines to show from the end of the logs (default "all")',
    },
    {
      name: 'since',
      value: true,
      usage:
        'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)',
    },
    { name: 'timestamps', short: 't', usage: 'Show timestamps' },
    {
      name: 'until',
      value: true,
      usage:
        'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)',
    },
    { name: 'help' },
  ],
  minArgs: 1,
  maxArgs: 1,
  run: async (cli, parsed) => {
    const { engine, ctx } = cli;
    engine.reconcile();
    const window = timeWindow(parsed, ctx.now());
    if ('bad' in window) {
      cli.err(`invalid value for "${window.bad}": ${window.error}\n`);
      return 1;
    }
    const name = parsed.positionals[0] as string;
    const c = engine.findContainer(name);
    if (!c) return daemonError(cli, `No such container: ${name}`);
    const inWindow = (line: ContainerRecord['logs'][number]) =>
      (window.since === undefined || line.at >= window.since) &&
      (window.until === undefined || line.at < window.until);
    const print = (line: ContainerRecord['logs'][number]) => {
      const text = flagOn(parsed, 'timestamps')
        ? `${new Date(line.at).toISOString().replace('Z', '000000Z')} ${line.text}`
        : line.text;
      (line.stream === 'stdout' ? cli.out : cli.err)(text);
    };
    let lines = c.logs.filter((l) => l.at <= ctx.now() && inWindow(l));
    const tail = flag(parsed, 'tail');
    if (tail !== undefined && tail !== 'all') lines = lines.slice(Math.max(0, lines.length - Number(tail)));
    for (const line of lines) print(line);
    if (!flagOn(parsed, 'follow')) return 0;
    let shown = c.logs.filter((l) => l.at <= ctx.now()).length;
    try {
      for (;;) {
        engine.reconcile();
        const now = ctx.now();
        const fresh = c.logs.filter((l) => l.at <= now);
        for (const line of fresh.slice(shown)) if (inWindow(line)) print(line);
        shown = fresh.length;
        if (c.state.status !== 'running' || (window.until !== undefined && now >= window.until)) return 0;
        const next = c.logs[shown]?.at ?? c.state.plannedExit?.at;
        await ctx.sleep(next !== undefined ? Math.max(1, next - now) : Number.POSITIVE_INFINITY);
      }
    } catch (error) {
      if (error instanceof Interrupted) return 130;
      throw error;
    }
  },
};

export const exec: DockerCommand = {
  name: 'exec',
  aliases: ['container exec'],
  usage: 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]',
  summary: 'Execute a command in a running container',
  flags: [
    { name: 'interactive', short: 'i', usage: 'Keep STDIN open even if not attached' },
    { name: 'tty', short: 't', usage: 'Allocate a pseudo-TTY' },
    { name: 'detach', short: 'd', usage: 'Detached mode: run command in the background' },
    { name: 'user', short: 'u', value: true, usage: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
    { name: 'workdir', short: 'w', value: true, usage: 'Working directory inside the container' },
    { name: 'env', short: 'e', value: true, repeat: true, type: 'list', usage: 'Set environment variables' },
    { name: 'help' },
  ],
  stopAtPositional: true,
  minArgs: 2,
  run: async (cli, parsed) => {
    const { engine, ctx } = cli;
    engine.reconcile();
    const [name = '', ...argv] = parsed.positionals;
    const c = engine.findContainer(name);
    if (!c) return daemonError(cli, `No such container: ${name}`);
    const refused = refuseTtyWithoutTerminal(cli, parsed);
    if (refused !== undefined) return refused;
    if (c.state.status === 'paused')
      return daemonError(cli, `container ${c.id} is paused, unpause the container before exec`);
    if (c.state.status !== 'running') return daemonError(cli, `container ${c.id} is not running`);
    const system = engine.systemOf(c);
    const fs = engine.fsOf(c);
    const user = containerUser(c, fs, flag(parsed, 'user'));
    const cwd = flag(parsed, 'workdir') ?? (c.config.workingDir || '/');
    const env = containerEnv(c);
    for (const e of flagAll(parsed, 'env')) {
      const eq = e.indexOf('=');
      if (eq > 0) env[e.slice(0, eq)] = e.slice(eq + 1);
      else if (ctx.env[e] !== undefined) env[e] = ctx.env[e] as string;
    }
    const nsPid = 7 + c.execs.length * 6 + (engine.state.nextPid % 5);
    const shell = engine.deps.makeShell({
      system,
      fs,
      user,
      cwd,
      env,
      flavor: 'ash',
      host: engine.containerHost(c, hostOf(ctx)),
      pid: nsPid,
    });
    // As for the main process, the exec'd command gets the container's environment, without a shell's PWD.
    shell.unsetVar('PWD');
    const found = shell.findProgram(argv[0] as string);
    if (found.kind === 'missing' || found.kind === 'denied') {
      // The daemon writes runc's error into the exec's output stream, ended by \r\n, and sets the
      // status from it: 126 for a file it may not run, 127 for one it cannot find.
      cli.out(
        `OCI runtime exec failed: exec failed: unable to start container process: ${execFailure(argv[0] as string, found.kind === 'denied' ? 'denied' : 'not-found')}: unknown\r\n`,
      );
      return found.kind === 'denied' ? 126 : 127;
    }
    const hostPid = engine.state.nextPid++;
    c.execs.push({ nsPid, hostPid, args: argv.join(' '), user: user.name, start: ctx.now() });
    try {
      const program = found.kind === 'program' ? found.program : undefined;
      const shellProgramOf = (path: string) =>
        found.kind === 'program' ? (fs.stat(path) as { program?: string }).program : undefined;
      const isShell =
        (program !== undefined &&
          argv.length === 1 &&
          (isBash(shellProgramOf(found.path)) || shellProgramOf(found.path) === 'dash')) ||
        (argv.length === 1 && /(^|\/)(sh|ash)$/.test(argv[0] as string));
      if (isShell && flagOn(parsed, 'interactive')) {
        const flavor = isBash(shellProgramOf(found.path))
          ? 'bash'
          : shellProgramOf(found.path) === 'dash'
            ? 'dash'
            : 'ash';
        return await ctx.session({ system, fs, user, cwd, env, shell: flavor, pid: nsPid });
      }
      if (isShell) return 0;
      // Without -t the command writes into a pipe, not the terminal (ls prints a column, redis-cli raw).
      const tty = flagOn(parsed, 'tty');
      const piped = (stream: OutputStream): OutputStream =>
        tty ? stream : { write: (text) => stream.write(text), isTTY: false, columns: stream.columns };
      return await shell.invoke(argv, [], {
        stdin: ctx.stdin,
        stdout: piped(ctx.stdout),
        stderr: piped(ctx.stderr),
      });
    } finally {
      c.execs = c.execs.filter((e) => e.hostPid !== hostPid);
    }
  },
};

export const rename: DockerCommand = {
  name: 'rename',
  aliases: ['container rename'],
  usage: 'docker rename CONTAINER NEW_NAME',
  summary: 'Rename a container',
  flags: [{ name: 'help' }],
  minArgs: 2,
  maxArgs: 2,
  run: async (cli, parsed) => {
    const [old = '', name = ''] = parsed.positionals;
    cli.engine.reconcile();
    const c = cli.engine.findContainer(old);
    const clash = cli.engine.findContainer(name);
    const problem = !c
      ? `No such container: ${old}`
      : !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)
        ? `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`
        : clash && clash.name === name
          ? `Conflict. The container name "/${name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`
          : undefined;
    if (problem || !c) {
      cli.err(`Error response from daemon: ${problem}\nError: failed to rename container named ${old}\n`);
      return 1;
    }
    cli.engine.rename(c, name);
    return 0;
  },
};

export const wait: DockerCommand = {
  name: 'wait',
  aliases: ['container wait'],
  usage: 'docker wait CONTAINER [CONTAINER...]',
  summary: 'Block until one or more containers stop, then print their exit codes',
  flags: [{ name: 'help' }],
  minArgs: 1,
  run: async (cli, parsed) => {
    const { engine, ctx } = cli;
    let status = 0;
    for (const name of parsed.positionals) {
      engine.reconcile();
      const c = engine.findContainer(name);
      if (!c) {
        cli.err(`Error response from daemon: No such container: ${name}\n`);
        status = 1;
        continue;
      }
      // Waits on the clock until the container is down, as the daemon's wait endpoint does.
      while (['running', 'paused', 'restarting'].includes(c.state.status)) {
        const next = engine.deps.scheduler.nextWake() ?? c.state.plannedExit?.at;
        await ctx.sleep(next === undefined ? Number.POSITIVE_INFINITY : Math.max(1, next - ctx.now()));
        engine.reconcile();
      }
      cli.out(`${c.state.exitCode}\n`);
    }
    return status;
  },
};

export const containerPrune: DockerCommand = {
  name: 'container prune',
  usage: 'docker container prune [OPTIONS]',
  summary: 'Remove all stopped containers',
  flags: [{ name: 'force', short: 'f', usage: 'Do not prompt for confirmation' }, { name: 'help' }],
  maxArgs: 0,
  run: async (cli, parsed) => {
    if (!flagOn(parsed, 'force')) {
      if (!confirmPrune(cli, 'all stopped containers')) return 0;
    }
    const { ids, reclaimed } = pruneContainers(cli);
    if (ids.length > 0) cli.out(`Deleted Containers:\n${ids.map((id) => `${id}\n`).join('')}\n`);
    cli.out(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
    return 0;
  },
};

/** Removes every container that is not running: their ids, and the bytes their layers held. */
export function pruneContainers(cli: DockerCli): { ids: string[]; reclaimed: number } {
  cli.engine.reconcile();
  const stopped = Object.values(cli.engine.state.containers).filter((c) =>
    ['created', 'exited', 'dead'].includes(c.state.status),
  );
  let reclaimed = 0;
  for (const c of stopped) {
    reclaimed += cli.engine.writableSize(c);
    cli.engine.remove(c);
  }
  return { ids: stopped.map((c) => c.id), reclaimed };
}

export const port: DockerCommand = {
  name: 'port',
  aliases: ['container port'],
  usage: 'docker port CONTAINER [PRIVATE_PORT[/PROTO]]',
  summary: 'List port mappings or a specific mapping for the container',
  flags: [{ name: 'help' }],
  minArgs: 1,
  maxArgs: 2,
  run: async (cli, parsed) => {
    const [name = '', wanted] = parsed.positionals;
    cli.engine.reconcile();
    const c = cli.engine.findContainer(name);
    if (!c) return daemonError(cli, `No such container: ${name}`);
    const running = c.state.status === 'running' || c.state.status === 'paused';
    // Each binding on all addresses shows twice, as IPv4 and IPv6, as the daemon reports it.
    const lines = (running ? c.hostConfig.portBindings : []).flatMap((b) => {
      const key = `${b.containerPort}/${b.protocol}`;
      const hosts = b.hostIp === '0.0.0.0' ? ['0.0.0.0', '[::]'] : [b.hostIp];
      return hosts.map((h) => ({ key, address: `${h}:${b.hostPort}` }));
    });
    if (wanted === undefined) {
      for (const l of lines) cli.out(`${l.key} -> ${l.address}\n`);
      return 0;
    }
    const key = wanted.includes('/') ? wanted : `${wanted}/tcp`;
    const found = lines.filter((l) => l.key === key);
    if (found.length === 0) {
      // The client quotes the port as typed (`81`, not `81/tcp`).
      cli.err(`Error: No public port '${wanted}' published for ${name}\n`);
      return 1;
    }
    for (const l of found) cli.out(`${l.address}\n`);
    return 0;
  },
};
