import { nextHex } from '../../core/random.ts';
import { Interrupted } from '../../shell/program.ts';
import { containerPorts, containerStatus, exec as dockerExec } from '../cli/containers.ts';
import type { DockerCli } from '../cli/context.ts';
import { flag, flagAll, flagOn, type ParsedFlags } from '../cli/flags.ts';
import { attach, CONTAINER_START_MS, recordContainer } from '../cli/run.ts';
import { ellipsis, tabwrite } from '../format/table.ts';
import { formatRows, goQuote } from '../format/template.ts';
import { humanDuration } from '../format/units.ts';
import type { ContainerRecord } from '../state.ts';
import { ComposeError } from './errors.ts';
import { logWarning } from './logrus.ts';
import { LogConsumer, LogReader, nextChange, shortName } from './logs.ts';
import type { Project } from './model/project.ts';
import type { Service } from './model/service.ts';
import { COLORS, NO_COLORS, Progress, type ProgressEvent, type ProgressMode } from './progress.ts';
import {
  buildService,
  containerSpec,
  converge,
  dependencyWaves,
  ensureImages,
  ensureNetworks,
  ensureVolumes,
  imagesToPrune,
  isRunning,
  LABEL,
  projectContainers,
  pullServices,
  type RecreatePolicy,
  type Runtime,
  removeContainers,
  serviceLabels,
  serviceOf,
  startServices,
  stopContainers,
  waitDependencies,
  withDependencies,
} from './runtime.ts';

/** What a runtime subcommand gets: the CLI, `docker compose`'s global flags and its own. */
export interface ComposeCall {
  cli: DockerCli;
  global: ParsedFlags;
  parsed: ParsedFlags;
  load(services?: string[]): Project;
}

// --- output modes ---

/** ui.Mode from `--progress` and `--ansi` (cmd/compose/compose.go), on the terminal's capabilities. */
function progressMode(call: ComposeCall): ProgressMode {
  const { cli, global } = call;
  const ansi = flag(global, 'ansi') ?? cli.ctx.env.COMPOSE_ANSI ?? 'auto';
  const progress = flag(global, 'progress') ?? 'auto';
  if (progress === 'quiet' || progress === 'none') return 'quiet';
  if (progress === 'plain' || progress === 'json') return 'plain';
  if (progress === 'tty') return 'tty';
  if (ansi === 'never') return 'plain';
  if (ansi === 'always') return 'tty';
  return cli.ctx.stderr.isTTY ? 'tty' : 'plain';
}

function palette(call: ComposeCall) {
  return call.cli.ctx.env.NO_COLOR ? NO_COLORS : COLORS;
}

function newProgress(call: ComposeCall, title = 'Running'): Progress {
  return new Progress(call.cli, progressMode(call), title, palette(call));
}

/** Whether log prefixes are coloured (formatter.SetANSIMode). */
function colored(call: ComposeCall, noColor: boolean): boolean {
  const { cli, global } = call;
  if (noColor || cli.ctx.env.NO_COLOR) return false;
  const ansi = flag(global, 'ansi') ?? cli.ctx.env.COMPOSE_ANSI ?? 'auto';
  if (ansi === 'always') return true;
  if (ansi === 'never') return false;
  return cli.ctx.stdout.isTTY;
}

/** Runs `body` with a progress writer, stopping it (the last frame) however the body ends. */
async function withProgress<T>(
  call: ComposeCall,
  project: Project,
  title: string,
  body: (rt: Runtime) => Promise<T>,
) {
  const progress = newProgress(call, title);
  try {
    return await body({ cli: call.cli, project, progress });
  } finally {
    progress.stop();
  }
}

const seconds = (call: ComposeCall, fallback = 10) => {
  const t = flag(call.parsed, 'timeout');
  return (t === undefined ? fallback : Number(t)) * 1000;
};

/**
 * projectOrName: the project from its files, or, given `-p` without `-f`, only its name; then what
 * the engine holds for that name stands in for the files.
 */
function projectOrName(call: ComposeCall, services: string[] = []): { project?: Project; name: string } {
  const name = flag(call.global, 'project-name');
  if (name !== undefined && flagAll(call.global, 'file').length === 0)
    return { project: projectFromResources(call.cli, name.toLowerCase()), name: name.toLowerCase() };
  const project = call.load(services);
  return { project, name: project.name };
}

/** getProjectWithResources: services from the containers' labels, networks and volumes from theirs. */
function projectFromResources(cli: DockerCli, name: string): Project {
  const project: Project = {
    name,
    workingDir: '',
    services: {},
    disabledServices: {},
    networks: {},
    volumes: {},
    extra: {},
    composeFiles: [],
    environment: {},
  };
  for (const c of projectContainers(cli, name, 'exclude')) {
    const service = serviceOf(c);
    if (project.services[service]) continue;
    const depends: Service['depends_on'] = {};
    for (const d of (c.config.labels[LABEL.dependsOn] ?? '').split(',').filter(Boolean)) {
      const [dep = '', condition = 'service_started'] = d.split(':');
      depends[dep] = { condition: condition as Service['depends_on'][string]['condition'], required: false };
    }
    project.services[service] = {
      name: service,
      depends_on: depends,
      environment: {},
      expose: [],
      labels: {},
      networks: {},
      ports: [],
      volumes: [],
      extra: {},
      image: c.imageRef,
    };
  }
  for (const n of Object.values(cli.engine.state.networks))
    if (n.labels?.[LABEL.project] === name)
      project.networks[n.labels[LABEL.network] ?? n.name] = { name: n.name };
  for (const v of Object.values(cli.engine.state.volumes))
    if (v.labels[LABEL.project] === name)
      project.volumes[v.labels[LABEL.volume] ?? v.name] = { name: v.name };
  return project;
}

function orphansOf(cli: DockerCli, project: Project): ContainerRecord[] {
  const known = [...Object.keys(project.services), ...Object.keys(project.disabledServices)];
  return projectContainers(cli, project.name, 'include').filter((c) =>
    c.config.labels[LABEL.oneoff] === 'True'
      ? c.state.status === 'exited' || c.state.status === 'dead'
      : !known.includes(serviceOf(c)),
  );
}

// --- up ---

export async function up(call: ComposeCall): Promise<number> {
  const { cli, parsed } = call;
  const on = (n: string) => flagOn(parsed, n);
  let detach = on('detach');
  if (on('wait')) detach = true;
  if (on('build') && on('no-build')) throw new ComposeError('--build and --no-build are incompatible');
  if (on('force-recreate') && on('no-recreate'))
    throw new ComposeError('--force-recreate and --no-recreate are incompatible');
  if (on('always-recreate-deps') && on('no-recreate'))
    throw new ComposeError('--always-recreate-deps and --no-recreate are incompatible');
  const selected = parsed.positionals;
  const project = call.load(selected);
  if (Object.keys(project.services).length === 0) throw new ComposeError('no service selected');
  const names = on('no-deps') ? [...selected].sort() : withDependencies(project, selected);
  const recreate: RecreatePolicy = on('force-recreate') ? 'force' : on('no-recreate') ? 'never' : 'diverged';
  const recreateDeps: RecreatePolicy = on('always-recreate-deps')
    ? 'force'
    : on('no-recreate')
      ? 'never'
      : 'diverged';
  const timeoutMs = seconds(call);

  await withProgress(call, project, 'Running', async (rt) => {
    const images = await ensureImages(rt, names, {
      build: on('build'),
      noBuild: on('no-build'),
      quietPull: on('quiet-pull'),
      newProgress: (title) => newProgress(call, title),
    });
    await ensureNetworks(rt);
    await ensureVolumes(rt);
    const orphans = orphansOf(cli, project);
    if (orphans.length > 0) {
      if (on('remove-orphans')) await removeContainers(rt, orphans, { timeoutMs, volumes: false });
      else
        logWarning(
          cli,
          `Found orphan containers ([${orphans.map((c) => c.name).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`,
        );
    }
    await converge(rt, names, images, { recreate, recreateDeps, selected, timeoutMs });
    if (detach && !on('no-start')) {
      await startServices(rt, names);
      if (on('wait')) await waitRunningOrHealthy(rt, names);
    }
  });
  if (detach || on('no-start')) return 0;
  return attachAndFollow(
    call,
    project,
    names,
    selected.length > 0 ? selected : Object.keys(project.services),
  );
}

/** `up --wait`: every container running, or healthy when it has a health check. */
async function waitRunningOrHealthy(rt: Runtime, names: string[]): Promise<void> {
  const waiter: Service = {
    name: '',
    depends_on: {},
    environment: {},
    expose: [],
    labels: {},
    networks: {},
    ports: [],
    volumes: [],
    extra: {},
  };
  const containers = projectContainers(rt.cli, rt.project.name);
  for (const c of containers.filter((x) => names.includes(serviceOf(x)))) {
    if (!c.config.healthcheck) {
      if (c.state.status === 'exited')
        throw new ComposeError(`container ${c.name} exited (${c.state.exitCode})`);
      rt.progress.event({ id: `Container ${c.name}`, status: 'working', statusText: 'Waiting' });
      rt.progress.event({ id: `Container ${c.name}`, status: 'done', statusText: 'Healthy' });
      continue;
    }
    await waitDependencies(
      rt,
      { ...waiter, depends_on: { [serviceOf(c)]: { condition: 'service_healthy', required: true } } },
      [c],
    );
  }
}

/**
 * The attached half of `up`: `Attaching to …`, the start, then every container's output with its
 * prefix until they all exit; Ctrl-C stops them gracefully (a second one kills them).
 */
async function attachAndFollow(
  call: ComposeCall,
  project: Project,
  names: string[],
  attachTo: string[],
): Promise<number> {
  const { cli, parsed } = call;
  const { ctx, engine } = cli;
  const consumer = new LogConsumer(cli, {
    color: colored(call, flagOn(parsed, 'no-color')),
    prefix: !flagOn(parsed, 'no-log-prefix'),
  });
  const attached = projectContainers(cli, project.name).filter((c) => attachTo.includes(serviceOf(c)));
  attached.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (attached.length > 0) cli.out(`Attaching to ${attached.map(shortName).join(', ')}\n`);
  const reader = new LogReader({ timestamps: flagOn(parsed, 'timestamps') });
  for (const c of attached) reader.add(c, c.logs.filter((l) => l.at <= ctx.now()).length);
  const emit = (name: string, stream: 'stdout' | 'stderr', line: string) =>
    stream === 'stdout' ? consumer.log(name, line) : consumer.err(name, line);

  const quiet: Runtime = { cli, project, progress: new Progress(cli, 'quiet') };
  let interrupted = false;
  try {
    await startServices(quiet, names);
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    interrupted = true;
  }
  const watched = new Set(
    projectContainers(cli, project.name).filter((c) => names.includes(serviceOf(c)) && isRunning(c)),
  );
  const pump = () => {
    engine.reconcile();
    reader.drain(ctx.now(), emit);
    for (const c of [...watched]) {
      if (isRunning(c) && engine.state.containers[c.id] === c) continue;
      reader.close(c, emit);
      consumer.status(shortName(c), `exited with code ${c.state.exitCode}`);
      watched.delete(c);
    }
  };
  const stopAll = async () => {
    cli.out('Gracefully Stopping... press Ctrl+C again to force\n');
    const tty = progressMode(call) === 'tty';
    const success = palette(call).success;
    const events: Progress = tty
      ? (Object.assign(new Progress(cli, 'quiet'), {
          event: (e: ProgressEvent) =>
            consumer.status('', `${e.id} ${e.text ?? ''} ${success(e.statusText ?? '')}`),
        }) as Progress)
      : new Progress(cli, 'plain');
    const rt: Runtime = {
      cli,
      project,
      progress: Object.assign(events, {
        sleep: async (ms: number) => {
          await ctx.sleep(ms);
          pump();
        },
      }),
    };
    const all = projectContainers(cli, project.name);
    for (const wave of dependencyWaves(project, names, true)) {
      const containers = all.filter((c) => wave.includes(serviceOf(c)));
      await stopContainers(rt, containers, seconds(call));
      pump();
    }
  };
  if (interrupted) {
    await stopAll();
    return 130;
  }
  try {
    for (;;) {
      pump();
      if (watched.size === 0) return 0;
      const next = nextChange(engine, reader, ctx.now());
      await ctx.sleep(next === undefined ? Number.POSITIVE_INFINITY : Math.max(1, next - ctx.now()));
    }
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
  }
  await stopAll();
  pump();
  return 130;
}

// --- down, stop, start, restart, rm ---

export async function down(call: ComposeCall): Promise<number> {
  const { cli, parsed } = call;
  const { engine } = cli;
  const { project } = projectOrName(call);
  if (!project) return 0;
  const rmi = flag(parsed, 'rmi');
  if (rmi !== undefined && rmi !== 'local' && rmi !== 'all')
    throw new ComposeError(`invalid value for --rmi: ${rmi}`);
  const timeoutMs = seconds(call);
  await withProgress(call, project, 'Running', async (rt) => {
    const containers = projectContainers(
      cli,
      project.name,
      flagOn(parsed, 'remove-orphans') ? 'include' : 'exclude',
    );
    const services = Object.keys(project.services);
    for (const wave of dependencyWaves(project, services, true)) {
      const mine = containers.filter(
        (c) => wave.includes(serviceOf(c)) && c.config.labels[LABEL.oneoff] !== 'True',
      );
      await removeContainers(rt, mine, { timeoutMs, volumes: flagOn(parsed, 'volumes') });
    }
    if (flagOn(parsed, 'remove-orphans')) {
      const orphans = orphansOf(cli, project).filter((c) => engine.state.containers[c.id] === c);
      await removeContainers(rt, orphans, { timeoutMs, volumes: false });
    }
    // Compose warns only when it has nothing to do: no container, and no network, image or volume
    // to look for (it plans one removal per network and volume of the file, found or not).
    let nothingToDo = containers.length === 0;
    for (const key of Object.keys(project.networks).sort()) {
      const n = project.networks[key] as Project['networks'][string];
      if (n.external) continue;
      nothingToDo = false;
      const found = Object.values(engine.state.networks).find(
        (x) =>
          x.name === n.name &&
          x.labels?.[LABEL.project] === project.name &&
          x.labels?.[LABEL.network] === key,
      );
      if (!found) continue;
      const id = `Network ${n.name}`;
      rt.progress.event({ id, status: 'working', statusText: 'Removing' });
      await rt.progress.sleep(90);
      const inUse = Object.values(engine.state.containers).some(
        (c) => c.network.network === found.name && isRunning(c),
      );
      if (inUse) rt.progress.event({ id, status: 'warning', statusText: 'Resource is still in use' });
      else {
        delete engine.state.networks[found.id];
        rt.progress.event({ id, status: 'done', statusText: 'Removed' });
      }
    }
    if (rmi) {
      for (const ref of imagesToPrune(project, rmi)) {
        const image = engine.findImage(ref);
        if (!image) continue;
        nothingToDo = false;
        const id = `Image ${ref}`;
        rt.progress.event({ id, status: 'working', statusText: 'Removing' });
        if (Object.values(engine.state.containers).some((c) => c.image === image.id)) {
          rt.progress.event({ id, status: 'warning', statusText: 'Resource is still in use' });
          continue;
        }
        const tags = engine.tagsOf(image.id);
        for (const [key, value] of Object.entries(engine.state.tags)) {
          if (value !== image.id) continue;
          if (tags.length > 1 && !key.endsWith(ref) && !key.endsWith(`${ref}:latest`)) continue;
          delete engine.state.tags[key];
        }
        if (!Object.values(engine.state.tags).includes(image.id)) delete engine.state.images[image.id];
        rt.progress.event({ id, status: 'done', statusText: 'Removed' });
      }
    }
    if (flagOn(parsed, 'volumes')) {
      for (const key of Object.keys(project.volumes).sort()) {
        const v = project.volumes[key] as Project['volumes'][string];
        if (v.external) continue;
        nothingToDo = false;
        if (!engine.state.volumes[v.name]) continue;
        const id = `Volume ${v.name}`;
        rt.progress.event({ id, status: 'working', statusText: 'Removing' });
        if (engine.volumeInUse(v.name)) {
          rt.progress.event({ id, status: 'warning', statusText: 'Resource is still in use' });
          continue;
        }
        engine.removeVolume(v.name);
        rt.progress.event({ id, status: 'done', statusText: 'Removed' });
      }
    }
    if (nothingToDo) logWarning(cli, `Warning: No resource found to remove for project "${project.name}".`);
  });
  return 0;
}

export async function stop(call: ComposeCall): Promise<number> {
  const { cli, parsed } = call;
  const { project } = projectOrName(call, parsed.positionals);
  if (!project) return 0;
  const wanted = parsed.positionals.length > 0 ? parsed.positionals : Object.keys(project.services);
  await withProgress(call, project, 'Stopping', async (rt) => {
    const containers = projectContainers(cli, project.name);
    for (const wave of dependencyWaves(project, Object.keys(project.services), true)) {
      const mine = containers.filter((c) => wave.includes(serviceOf(c)) && wanted.includes(serviceOf(c)));
      await stopContainers(rt, mine, seconds(call));
    }
  });
  return 0;
}

export async function start(call: ComposeCall): Promise<number> {
  const { cli, parsed } = call;
  const { project } = projectOrName(call, parsed.positionals);
  if (!project) return 0;
  const names =
    parsed.positionals.length > 0
      ? withDependencies(project, parsed.positionals)
      : Object.keys(project.services);
  if (projectContainers(cli, project.name).length === 0)
    throw new ComposeError(`no container found for project "${project.name}": not found`);
  await withProgress(call, project, 'Running', (rt) => startServices(rt, names));
  return 0;
}

export async function restart(call: ComposeCall): Promise<number> {
  const { cli, parsed } = call;
  const { engine } = cli;
  const { project } = projectOrName(call, parsed.positionals);
  if (!project) return 0;
  const wanted = parsed.positionals.length > 0 ? parsed.positionals : Object.keys(project.services);
  await withProgress(call, project, 'Restarting', async (rt) => {
    const containers = projectContainers(cli, project.name);
    for (const wave of dependencyWaves(project, Object.keys(project.services))) {
      const mine = containers.filter((c) => wave.includes(serviceOf(c)) && wanted.includes(serviceOf(c)));
      if (mine.length === 0) continue;
      for (const c of mine)
        rt.progress.event({ id: `Container ${c.name}`, status: 'working', statusText: 'Restarting' });
      await engine.stop(mine.filter(isRunning), {
        graceMs: seconds(call),
        sleep: (ms) => rt.progress.sleep(ms),
      });
      await rt.progress.sleep(CONTAINER_START_MS);
      for (const c of mine) {
        c.restartCount = 0;
        const started = await engine.start(c);
        if ('error' in started) throw new ComposeError(`Error response from daemon: ${started.error}`);
        engine.launch(c, started.main);
        rt.progress.event({ id: `Container ${c.name}`, status: 'done', statusText: 'Started' });
      }
    }
  });
  return 0;
}

export async function rm(call: ComposeCall): Promise<number> {
  const { cli, parsed } = call;
  const { engine } = cli;
  const { project } = projectOrName(call, parsed.positionals);
  if (!project) return 0;
  const wanted = parsed.positionals.length > 0 ? parsed.positionals : Object.keys(project.services);
  if (flagOn(parsed, 'stop')) {
    await withProgress(call, project, 'Stopping', async (rt) => {
      const containers = projectContainers(cli, project.name);
      for (const wave of dependencyWaves(project, Object.keys(project.services), true))
        await stopContainers(
          rt,
          containers.filter((c) => wave.includes(serviceOf(c)) && wanted.includes(serviceOf(c))),
          10_000,
        );
    });
  }
  const stopped = projectContainers(cli, project.name).filter(
    (c) => wanted.includes(serviceOf(c)) && !isRunning(c),
  );
  if (stopped.length === 0) {
    cli.err('No stopped containers\n');
    return 0;
  }
  const message = `Going to remove ${stopped.map((c) => c.name).join(', ')}`;
  if (flagOn(parsed, 'force')) cli.out(`${message}\n`);
  else {
    // The prompt reads an answer; the sandbox's terminal has none to give, so the answer is no.
    cli.out(cli.ctx.stdin.isTTY ? `? ${message} (y/N) ` : message);
    const answer = cli.ctx.stdin.isTTY ? '' : (cli.ctx.stdin.read().split('\n')[0] ?? '').trim();
    if (!['1', 't', 'T', 'true', 'TRUE', 'True', 'y', 'Y', 'yes', 'YES', 'Yes'].includes(answer)) {
      if (cli.ctx.stdin.isTTY) cli.out('\n');
      return 0;
    }
  }
  await withProgress(call, project, 'Removing', async (rt) => {
    for (const c of stopped) {
      rt.progress.event({ id: `Container ${c.name}`, status: 'working', statusText: 'Removing' });
      engine.remove(c);
      if (flagOn(parsed, 'volumes'))
        for (const m of c.mounts)
          if (m.type === 'volume' && engine.state.volumes[m.source]?.anonymous) engine.removeVolume(m.source);
      rt.progress.event({ id: `Container ${c.name}`, status: 'done', statusText: 'Removed' });
    }
  });
  return 0;
}

// --- ps, logs, top ---

/** docker's DisplayablePorts is what `docker ps` shows; Compose passes it the same ports. */
export function ps(call: ComposeCall): number {
  const { cli, parsed } = call;
  const { ctx } = cli;
  const services = parsed.positionals;
  const { project, name } = projectOrName(call, services);
  if (project && call.global.values['project-name'] === undefined) {
    for (const s of services) if (!project.services[s]) throw new ComposeError(`no such service: ${s}`);
  }
  const statuses = flagAll(parsed, 'status');
  const filter = flag(parsed, 'filter');
  if (filter !== undefined) {
    const [key = '', value = ''] = filter.split('=');
    if (key !== 'status') throw new ComposeError(`unknown filter ${key}`);
    statuses.push(value);
  }
  const all = flagOn(parsed, 'all') || statuses.length > 0;
  let list = projectContainers(cli, name, all ? 'include' : 'exclude');
  if (!all) list = list.filter(isRunning);
  if (services.length > 0) list = list.filter((c) => services.includes(serviceOf(c)));
  if (statuses.length > 0) list = list.filter((c) => statuses.includes(c.state.status));
  list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (flagOn(parsed, 'quiet')) {
    for (const c of list) cli.out(`${c.id}\n`);
    return 0;
  }
  if (flagOn(parsed, 'services')) {
    const seen: string[] = [];
    for (const c of list) if (!seen.includes(serviceOf(c))) seen.push(serviceOf(c));
    cli.out(`${seen.join('\n')}\n`);
    return 0;
  }
  const trunc = !flagOn(parsed, 'no-trunc');
  const now = ctx.now();
  const rows = list.map((c) => {
    const command = [c.path, ...c.args].join(' ');
    type Publisher = { URL: string; TargetPort: number; PublishedPort: number; Protocol: string };
    const publishers = c.hostConfig.portBindings
      .flatMap((b): Publisher[] => [
        { URL: b.hostIp, TargetPort: b.containerPort, PublishedPort: b.hostPort, Protocol: b.protocol },
        ...(b.hostIp === '0.0.0.0'
          ? [{ URL: '::', TargetPort: b.containerPort, PublishedPort: b.hostPort, Protocol: b.protocol }]
          : []),
      ])
      .concat(
        c.config.exposedPorts
          .filter((p) => !c.hostConfig.portBindings.some((b) => `${b.containerPort}/${b.protocol}` === p))
          .map((p) => ({
            URL: '',
            TargetPort: Number(p.split('/')[0]),
            PublishedPort: 0,
            Protocol: p.split('/')[1] ?? 'tcp',
          })),
      )
      .sort((a, b) => a.TargetPort - b.TargetPort);
    const mounts = c.mounts.map((m) => (trunc ? ellipsis(m.source, 15) : m.source));
    return {
      Command: goQuote(trunc ? ellipsis(command, 20) : command),
      CreatedAt: new Date(c.created)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' +0000 UTC'),
      ExitCode: c.state.status === 'exited' || c.state.status === 'dead' ? c.state.exitCode : 0,
      Health: c.state.status === 'running' ? (c.state.health?.status ?? '') : '',
      ID: trunc ? c.id.slice(0, 12) : c.id,
      Image: c.imageRef,
      Labels: Object.entries(c.config.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
      LocalVolumes: String(c.mounts.filter((m) => m.type === 'volume').length),
      Mounts: mounts.join(','),
      Name: c.name,
      Names: c.name,
      Networks: c.network.network,
      Ports: isRunning(c) ? containerPorts(c) : '',
      Project: c.config.labels[LABEL.project] ?? '',
      Publishers: isRunning(c) ? publishers : [],
      RunningFor: `${humanDuration(now - c.created)} ago`,
      Service: serviceOf(c),
      Size: '0B',
      State: c.state.status,
      Status: containerStatus(c, now),
    };
  });
  let format = flag(parsed, 'format') ?? 'table';
  if (format === 'table' || format === '')
    format =
      'table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}';
  const result = formatRows(format, rows, {
    ID: 'CONTAINER ID',
    Name: 'NAME',
    Project: 'PROJECT',
    Service: 'SERVICE',
    Image: 'IMAGE',
    Command: 'COMMAND',
    CreatedAt: 'CREATED AT',
    RunningFor: 'CREATED',
    Ports: 'PORTS',
    State: 'STATE',
    Status: 'STATUS',
    Size: 'SIZE',
    Labels: 'LABELS',
  });
  if (!result.ok) throw new ComposeError(result.error);
  cli.out(result.text);
  return 0;
}

export async function logs(call: ComposeCall): Promise<number> {
  const { cli, parsed } = call;
  const { ctx, engine } = cli;
  const services = parsed.positionals;
  const { project, name } = projectOrName(call, services);
  const wanted = services.length > 0 ? services : project ? Object.keys(project.services) : [];
  const containers = projectContainers(cli, name).filter(
    (c) => wanted.length === 0 || wanted.includes(serviceOf(c)),
  );
  containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const consumer = new LogConsumer(cli, {
    color: colored(call, flagOn(parsed, 'no-color')),
    prefix: !flagOn(parsed, 'no-log-prefix'),
  });
  const reader = new LogReader({ timestamps: flagOn(parsed, 'timestamps') });
  const tail = flag(parsed, 'tail') ?? 'all';
  const now = ctx.now();
  for (const c of containers) reader.add(c, tail === 'all' ? 0 : LogReader.tailStart(c, Number(tail), now));
  const emit = (n: string, _stream: 'stdout' | 'stderr', line: string) => consumer.log(n, line);
  engine.reconcile();
  reader.drain(now, emit);
  if (!flagOn(parsed, 'follow')) {
    for (const c of containers) reader.close(c, emit);
    return 0;
  }
  const watched = new Set(containers.filter(isRunning));
  try {
    for (;;) {
      engine.reconcile();
      reader.drain(ctx.now(), emit);
      for (const c of [...watched]) {
        if (isRunning(c) && engine.state.containers[c.id] === c) continue;
        reader.close(c, emit);
        consumer.status(shortName(c), `exited with code ${c.state.exitCode}`);
        watched.delete(c);
      }
      if (watched.size === 0) return 0;
      const next = nextChange(engine, reader, ctx.now());
      await ctx.sleep(next === undefined ? Number.POSITIVE_INFINITY : Math.max(1, next - ctx.now()));
    }
  } catch (error) {
    if (error instanceof Interrupted) return 130;
    throw error;
  }
}

export function top(call: ComposeCall): number {
  const { cli, parsed } = call;
  const { engine } = cli;
  const { name } = projectOrName(call);
  const services = parsed.positionals;
  const list = projectContainers(cli, name)
    .filter((c) => isRunning(c) && (services.length === 0 || services.includes(serviceOf(c))))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (list.length === 0) return 0;
  const time = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  const rows = [['SERVICE', '#', 'UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']];
  for (const c of list) {
    const hostView = engine.processes().filter((p) => engine.processesOf(c).some((q) => q.hostPid === p.pid));
    for (const p of hostView)
      rows.push([
        serviceOf(c),
        c.config.labels[LABEL.number] ?? '',
        p.user,
        String(p.pid),
        String(p.ppid),
        '0',
        time(p.start),
        p.tty,
        '00:00:00',
        p.args,
      ]);
  }
  cli.out(tabwrite(rows.map((r) => `${r.join('\t')}\n`).join(''), { minWidth: 4, padding: 2 }));
  return 0;
}

// --- exec, run ---

/** The container `exec`/`run` act on: the service's lowest-numbered running one (getSpecifiedContainer). */
function serviceContainer(cli: DockerCli, project: string, service: string, index: number): ContainerRecord {
  const found = projectContainers(cli, project)
    .filter((c) => serviceOf(c) === service && isRunning(c))
    .filter((c) => index === 0 || c.config.labels[LABEL.number] === String(index))
    .sort((a, b) => Number(a.config.labels[LABEL.number] ?? 0) - Number(b.config.labels[LABEL.number] ?? 0));
  const c = found[0];
  if (!c)
    throw new ComposeError(
      index > 0
        ? `service "${service}" is not running container #${index}`
        : `service "${service}" is not running`,
    );
  return c;
}

export async function exec(call: ComposeCall): Promise<number> {
  const { cli, parsed } = call;
  const [service, ...command] = parsed.positionals;
  if (service === undefined || command.length === 0)
    throw new ComposeError('"docker compose exec" requires at least 2 arguments.');
  const { name } = projectOrName(call);
  const c = serviceContainer(cli, name, service, Number(flag(parsed, 'index') ?? 0));
  const tty = !flagOn(parsed, 'no-TTY') && cli.ctx.stdout.isTTY;
  const values: Record<string, string[]> = { interactive: ['true'] };
  if (tty) values.tty = ['true'];
  if (flagOn(parsed, 'detach')) values.detach = ['true'];
  for (const key of ['user', 'workdir', 'env'] as const) {
    const v = flagAll(parsed, key);
    if (v.length > 0) values[key] = v;
  }
  // Compose exits with the command's status and says nothing of it (exec's RunE calls os.Exit).
  return dockerExec.run(cli, { values, positionals: [c.id, ...command] });
}

export async function run(call: ComposeCall): Promise<number> {
  const { cli, parsed } = call;
  const { ctx, engine } = cli;
  const [serviceName, ...command] = parsed.positionals;
  if (serviceName === undefined) throw new ComposeError('"docker compose run" requires at least 1 argument.');
  const project = call.load([serviceName]);
  const service = project.services[serviceName];
  if (!service) throw new ComposeError(`no such service: ${serviceName}`);
  const deps = flagOn(parsed, 'no-deps')
    ? []
    : withDependencies(project, [serviceName]).filter((n) => n !== serviceName);
  // startDependencies: the other services' containers, created ("Creating") then started.
  const depsProject: Project = {
    ...project,
    services: Object.fromEntries(Object.entries(project.services).filter(([n]) => deps.includes(n))),
  };
  await withProgress(call, depsProject, 'Creating', async (rt) => {
    const images = await ensureImages(rt, deps, {
      build: flagOn(parsed, 'build'),
      noBuild: false,
      quietPull: false,
      newProgress: (title) => newProgress(call, title),
    });
    await ensureNetworks({ ...rt, project });
    await ensureVolumes({ ...rt, project });
    await converge(rt, deps, images, {
      recreate: 'diverged',
      recreateDeps: 'diverged',
      selected: [],
      timeoutMs: 10_000,
    });
  });
  if (deps.length > 0) await withProgress(call, depsProject, 'Running', (rt) => startServices(rt, deps));
  const quiet: Runtime = { cli, project, progress: newProgress(call) };
  const images = await ensureImages(quiet, [serviceName], {
    build: flagOn(parsed, 'build'),
    noBuild: false,
    quietPull: false,
    newProgress: (title) => newProgress(call, title),
  });
  quiet.progress.stop();
  const silent: Runtime = { cli, project, progress: new Progress(cli, 'quiet') };
  if (deps.length > 0)
    await waitDependencies(silent, service, projectContainers(cli, project.name, 'include'));

  const run: Service = { ...service };
  const entrypoint = flag(parsed, 'entrypoint');
  if (command.length > 0) run.command = command;
  if (entrypoint !== undefined) {
    run.entrypoint = entrypoint === '' ? [] : [entrypoint];
    if (command.length === 0) run.command = [];
  }
  if (flag(parsed, 'user') !== undefined) run.user = flag(parsed, 'user') as string;
  if (flag(parsed, 'workdir') !== undefined) run.working_dir = flag(parsed, 'workdir') as string;
  const env = { ...service.environment };
  for (const e of flagAll(parsed, 'env')) {
    const at = e.indexOf('=');
    if (at === -1) {
      const v = project.environment[e];
      if (v !== undefined && v !== '') env[e] = v;
    } else env[e.slice(0, at)] = e.slice(at + 1);
  }
  run.environment = env;
  const labels: Record<string, string> = { ...service.labels };
  for (const l of flagAll(parsed, 'label')) {
    const at = l.indexOf('=');
    if (at === -1) throw new ComposeError('label must be set as KEY=VALUE');
    labels[l.slice(0, at)] = l.slice(at + 1);
  }
  run.labels = labels;
  if (!flagOn(parsed, 'service-ports')) run.ports = [];
  delete run.restart;
  const slug = nextHex(ctx.random, 64);
  const name = flag(parsed, 'name') ?? `${project.name}-${serviceName}-run-${slug.slice(0, 12)}`;
  const image = images.get(serviceName);
  if (!image) throw new ComposeError(`No such image: ${serviceName}`);
  const interactive = !flagOn(parsed, 'detach') && flag(parsed, 'interactive') !== 'false';
  const tty = !flagOn(parsed, 'no-TTY') && ctx.stdout.isTTY && ctx.stdin.isTTY;
  const spec = containerSpec(silent, run, image, name, serviceLabels(project, run, image, -1, slug), {
    autoRemove: flagOn(parsed, 'rm'),
    aliases: flagOn(parsed, 'use-aliases'),
    tty,
    interactive,
  });
  const c = recordContainer(cli, spec);
  await ctx.sleep(CONTAINER_START_MS);
  const started = await engine.start(c);
  if ('error' in started) {
    if (c.hostConfig.autoRemove) engine.remove(c);
    throw new ComposeError(`Error response from daemon: ${started.error}`);
  }
  if (flagOn(parsed, 'detach')) {
    engine.launch(c, started.main);
    cli.out(`${c.id}\n`);
    return 0;
  }
  const code = await attach(cli, c, started.main, interactive);
  if (c.hostConfig.autoRemove) engine.remove(c);
  if (code !== 0) throw new ComposeError('', code);
  return 0;
}

// --- build, pull ---

export async function buildCommand(call: ComposeCall): Promise<number> {
  const { parsed } = call;
  const project = call.load(parsed.positionals);
  const names = parsed.positionals.length > 0 ? parsed.positionals : Object.keys(project.services);
  await withProgress(call, project, 'Building', async (rt) => {
    for (const n of names.sort()) {
      const s = project.services[n] as Service;
      if (s.build) await buildService(rt, s);
    }
  });
  return 0;
}

export async function pull(call: ComposeCall): Promise<number> {
  const { cli, parsed } = call;
  const project = call.load(parsed.positionals);
  const names = parsed.positionals.length > 0 ? parsed.positionals : Object.keys(project.services);
  await withProgress(call, project, 'Pulling', async (rt) => {
    const toPull: Service[] = [];
    for (const n of names.sort()) {
      const s = project.services[n] as Service;
      const policy = typeof s.extra.pull_policy === 'string' ? s.extra.pull_policy : '';
      if (!s.image) rt.progress.event({ id: n, status: 'done', text: 'Skipped - No image to be pulled' });
      else if (policy === 'never' || policy === 'build')
        rt.progress.event({ id: n, status: 'done', text: 'Skipped' });
      else if ((policy === 'missing' || policy === 'if_not_present') && cli.engine.findImage(s.image))
        rt.progress.event({ id: n, status: 'done', text: 'Skipped - Image is already present locally' });
      else if (s.build && flagOn(parsed, 'ignore-buildable'))
        rt.progress.event({ id: n, status: 'done', text: 'Skipped - Image can be built' });
      else toPull.push(s);
    }
    await pullServices(rt, toPull, flagOn(parsed, 'quiet'));
  });
  return 0;
}
