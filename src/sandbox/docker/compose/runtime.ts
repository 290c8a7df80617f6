import { nextHex } from '../../core/random.ts';
import { sha256Hex } from '../../core/sha256.ts';
import { resolvePath } from '../../fs/path.ts';
import { type BuildStep, build } from '../build/builder.ts';
import { plainRenderer, ttyRenderer } from '../cli/build.ts';
import type { DockerCli } from '../cli/context.ts';
import { createBridgeNetwork } from '../cli/network.ts';
import { resolveRemote } from '../cli/pull.ts';
import { CONTAINER_START_MS, type ContainerSpec, recordContainer } from '../cli/run.ts';
import { envMap } from '../container-process.ts';
import { humanSize } from '../format/units.ts';
import { familiarName, parseReference, withDefaultTag } from '../reference.ts';
import type {
  ContainerRecord,
  Healthcheck,
  ImageRecord,
  MountRecord,
  PortBinding,
  RestartPolicy,
} from '../state.ts';
import { ComposeError } from './errors.ts';
import { logWarning } from './logrus.ts';
import type { Project } from './model/project.ts';
import type { Service } from './model/service.ts';
import type { Progress, ProgressEvent } from './progress.ts';
import { serviceYaml } from './serialize.ts';
import { emitYaml } from './yaml-emit.ts';

/**
 * The runtime half of Compose v2.40 (pkg/compose: create.go, convergence.go, start.go, down.go):
 * a project's images, network, volumes and containers on the sandbox's engine, with the progress
 * events Compose reports for each. Compose runs services concurrently once their dependencies are
 * done; here a "wave" is the services whose dependencies are all done, and the events of a wave
 * interleave as they would: every container's first event, the wait, then every container's last.
 */

/** api.ComposeVersion: the label value on everything Compose creates. */
export const LABEL_VERSION = '2.40.3';

export const LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  configHash: 'com.docker.compose.config-hash',
  number: 'com.docker.compose.container-number',
  volume: 'com.docker.compose.volume',
  network: 'com.docker.compose.network',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  oneoff: 'com.docker.compose.oneoff',
  slug: 'com.docker.compose.slug',
  image: 'com.docker.compose.image',
  dependsOn: 'com.docker.compose.depends_on',
  version: 'com.docker.compose.version',
  replace: 'com.docker.compose.replace',
} as const;

/** Virtual time the daemon takes to create a container, a network or a volume. */
const CREATE_MS = 60;
const NETWORK_MS = 90;
const VOLUME_MS = 20;
/** How often Compose polls a dependency's health (a 500 ms ticker), and for how long here at most. */
const POLL_MS = 500;
const WAIT_LIMIT_MS = 10 * 60_000;
const DOWNLOAD_RATE = 48_000_000;
const EXTRACT_RATE = 160_000_000;

export interface Runtime {
  cli: DockerCli;
  project: Project;
  progress: Progress;
}

const containerEvent = (
  name: string,
  status: ProgressEvent['status'],
  statusText: string,
): ProgressEvent => ({
  id: `Container ${name}`,
  status,
  statusText,
});

/** api.GetImageNameOrDefault. */
export function imageName(project: Project, service: Service): string {
  return service.image ?? `${project.name}-${service.name}`;
}

/** The config hash Compose labels containers with, to tell a changed service (build, depends_on, profiles aside). */
export function serviceHash(service: Service): string {
  const { build: _b, depends_on: _d, profiles: _p, ...rest } = service;
  return sha256Hex(emitYaml(serviceYaml({ ...rest, depends_on: {} })));
}

function resourceHash(value: unknown): string {
  return sha256Hex(JSON.stringify(value));
}

/** Containers of a project (those Compose labelled), oldest first. */
export function projectContainers(
  cli: DockerCli,
  projectName: string,
  oneOff: 'include' | 'exclude' | 'only' = 'exclude',
): ContainerRecord[] {
  cli.engine.reconcile();
  return Object.values(cli.engine.state.containers)
    .filter((c) => {
      const labels = c.config.labels;
      if (labels[LABEL.project] !== projectName || labels[LABEL.configHash] === undefined) return false;
      const isOneOff = labels[LABEL.oneoff] === 'True';
      return oneOff === 'include' || (oneOff === 'only') === isOneOff;
    })
    .sort((a, b) => a.created - b.created || a.name.localeCompare(b.name));
}

export function serviceOf(c: ContainerRecord): string {
  return c.config.labels[LABEL.service] ?? '';
}

export function isRunning(c: ContainerRecord): boolean {
  return c.state.status === 'running' || c.state.status === 'paused';
}

/** The services named and everything they depend on (project.WithSelectedServices), in name order. */
export function withDependencies(project: Project, names: string[]): string[] {
  if (names.length === 0) return Object.keys(project.services).sort();
  const out = new Set<string>();
  const visit = (name: string) => {
    if (out.has(name)) return;
    const s = project.services[name];
    if (!s) throw new ComposeError(`no such service: ${name}`);
    out.add(name);
    for (const dep of Object.keys(s.depends_on)) if (project.services[dep]) visit(dep);
  };
  for (const n of names) visit(n);
  return [...out].sort();
}

/**
 * Services in dependency order, grouped: each group's dependencies are all in earlier groups
 * (InDependencyOrder); reversed, dependents come first (InReverseDependencyOrder).
 */
export function dependencyWaves(project: Project, names: string[], reverse = false): string[][] {
  const set = new Set(names);
  const level = new Map<string, number>();
  const depth = (name: string, seen: Set<string>): number => {
    const known = level.get(name);
    if (known !== undefined) return known;
    if (seen.has(name)) return 0;
    seen.add(name);
    const deps = Object.keys(project.services[name]?.depends_on ?? {}).filter((d) => set.has(d));
    const d = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((x) => depth(x, seen)));
    level.set(name, d);
    return d;
  };
  for (const n of names) depth(n, new Set());
  if (reverse) {
    // Dependents first: a service goes once everything that depends on it has gone.
    const height = new Map<string, number>();
    const up = (name: string, seen: Set<string>): number => {
      const known = height.get(name);
      if (known !== undefined) return known;
      if (seen.has(name)) return 0;
      seen.add(name);
      const dependents = names.filter((o) => name in (project.services[o]?.depends_on ?? {}));
      const h = dependents.length === 0 ? 0 : 1 + Math.max(...dependents.map((x) => up(x, seen)));
      height.set(name, h);
      return h;
    };
    for (const n of names) up(n, new Set());
    return group(names, height);
  }
  return group(names, level);
}

function group(names: string[], level: Map<string, number>): string[][] {
  const waves: string[][] = [];
  for (const n of [...names].sort()) {
    const l = level.get(n) ?? 0;
    waves[l] ??= [];
    (waves[l] as string[]).push(n);
  }
  return waves.filter((w) => w !== undefined);
}

// --- images ---

/** mustPull: a missing image is pulled, `pull_policy: always` always is, `never`/`build` never are. */
function pullPolicy(service: Service): string {
  const policy = service.extra.pull_policy;
  return typeof policy === 'string' ? policy : 'missing';
}

/**
 * ensureImagesExists: pulls what is missing (its own progress block), builds what must be built
 * (`build:` without an image, or `--build`), then notes each image's ID for the containers' label.
 */
export async function ensureImages(
  rt: Runtime,
  names: string[],
  options: { build: boolean; noBuild: boolean; quietPull: boolean; newProgress: (title: string) => Progress },
): Promise<Map<string, ImageRecord>> {
  const { cli, project } = rt;
  const { engine } = cli;
  const services = names.map((n) => project.services[n] as Service);
  const toPull = services.filter((s) => {
    if (!s.image) return false;
    const policy = pullPolicy(s);
    if (policy === 'always') return true;
    if (policy === 'never' || policy === 'build') return false;
    if (s.build && options.build) return false;
    return !engine.findImage(s.image);
  });
  if (toPull.length > 0) {
    const progress = options.newProgress('Running');
    try {
      await pullServices({ ...rt, progress }, toPull, options.quietPull);
    } finally {
      progress.stop();
    }
  }
  const toBuild = options.noBuild
    ? []
    : services.filter((s) => s.build && (options.build || !engine.findImage(imageName(project, s))));
  for (const s of toBuild) await buildService(rt, s);
  const images = new Map<string, ImageRecord>();
  for (const s of services) {
    const image = engine.findImage(imageName(project, s));
    if (!image) {
      if (s.build)
        throw new ComposeError(
          `service "${s.name}" has neither an image nor a build context specified: image not built`,
        );
      throw new ComposeError(`No such image: ${imageName(project, s)}`);
    }
    images.set(s.name, image);
  }
  return images;
}

/** docker's JSONProgress.String for a terminal wider than 110 columns: the bar and the sizes. */
function progressText(current: number, total: number): string {
  const percentage = Math.min(50, Math.floor((current / total) * 100) / 2) | 0;
  return `[${'='.repeat(percentage)}>${' '.repeat(Math.max(0, 50 - percentage))}] ${humanSize(current).padStart(8)}/${humanSize(total)}`;
}

/** Compose's pull: per service `Pulling`, each layer's events as children, `Pulled` (or `Error`). */
export async function pullServices(rt: Runtime, services: Service[], quiet: boolean): Promise<void> {
  const { cli, progress } = rt;
  const { engine } = cli;
  const byImage = new Map<string, string>();
  let failure: string | undefined;
  for (const s of services) progress.event({ id: s.name, status: 'working', text: 'Pulling' });
  for (const s of services) {
    const imageRef = s.image as string;
    const first = byImage.get(imageRef);
    if (first !== undefined) continue;
    byImage.set(imageRef, s.name);
    const parsed = parseReference(imageRef);
    if (!parsed.ok) {
      failure ??= `invalid reference format`;
      progress.event({ id: s.name, status: 'error', text: 'Error', statusText: failure });
      continue;
    }
    const ref = parsed.ref.digest ? parsed.ref : withDefaultTag(parsed.ref);
    await progress.sleep(600);
    const found = resolveRemote(engine, ref);
    if ('error' in found) {
      if (s.build) {
        progress.event({ id: s.name, status: 'warning', text: 'Warning', statusText: found.error });
        continue;
      }
      progress.event({ id: s.name, status: 'error', text: 'Error', statusText: found.error });
      failure ??= `Error response from daemon: ${found.error}`;
      break;
    }
    const layer = (
      id: string,
      text: string,
      status: ProgressEvent['status'],
      extra: Partial<ProgressEvent> = {},
    ) => {
      if (!quiet) progress.event({ id, parentId: s.name, text, status, statusText: '', ...extra });
    };
    const rows = found.layers.map((l) => ({
      id: l.blobDigest.slice(7, 19),
      layer: l,
      present: engine.state.layers[l.diffId] !== undefined,
    }));
    for (const r of rows)
      layer(r.id, r.present ? 'Already exists' : 'Pulling fs layer', r.present ? 'done' : 'working', {
        percent: r.present ? 100 : 0,
      });
    const pending = rows.filter((r) => !r.present);
    for (const r of pending) {
      const total = r.layer.compressedSize;
      const half = Math.round(total / 2);
      await progress.sleep(Math.ceil((total / 2 / DOWNLOAD_RATE) * 1000) + 1);
      layer(r.id, 'Downloading', 'working', {
        current: half,
        total,
        percent: Math.floor((half * 100) / total),
        statusText: progressText(half, total),
      });
      await progress.sleep(Math.ceil((total / 2 / DOWNLOAD_RATE) * 1000) + 1);
      layer(r.id, 'Verifying Checksum', 'working');
      layer(r.id, 'Download complete', 'done', { percent: 100 });
    }
    for (const r of pending) {
      await progress.sleep(Math.ceil((r.layer.size / EXTRACT_RATE) * 1000) + 20);
      const total = r.layer.compressedSize;
      layer(r.id, 'Extracting', 'working', {
        current: total,
        total,
        percent: 100,
        statusText: progressText(total, total),
      });
      layer(r.id, 'Pull complete', 'done', { percent: 100 });
    }
    engine.storeImage(found.image, found.layers, ref);
    progress.event({ id: s.name, status: 'done', text: 'Pulled' });
  }
  const skipped = services.filter((s) => byImage.get(s.image as string) !== s.name);
  for (const s of skipped) {
    if (failure) break;
    progress.event({ id: s.name, status: 'done', text: 'Pulled' });
  }
  if (failure) throw new ComposeError(failure);
}

/** Builds a service's image with the builder behind `docker build`, tagged `<project>-<service>` or its image. */
export async function buildService(rt: Runtime, s: Service): Promise<void> {
  const { cli, project, progress } = rt;
  const { ctx, engine } = cli;
  const b = s.build;
  if (!b) return;
  const contextDir = b.context;
  if (!engine.host.fs.isDir(contextDir))
    throw new ComposeError(`unable to prepare context: path "${contextDir}" not found`);
  const tty = progress.mode === 'tty';
  const quiet = progress.mode === 'quiet';
  progress.flush();
  const steps: BuildStep[] = [];
  const plain = plainRenderer(cli);
  const screen = ttyRenderer(cli, steps, ctx.now());
  if (!quiet && !tty) cli.err('#0 building with "default" instance using docker driver\n\n');
  const buildArgs: Record<string, string> = {};
  for (const [k, v] of Object.entries(b.args ?? {})) if (v !== null) buildArgs[k] = v;
  const result = await build(
    engine,
    ctx,
    {
      contextDir,
      dockerfile: resolvePath(contextDir, b.dockerfile ?? 'Dockerfile'),
      tags: [imageName(project, s)],
      buildArgs,
      ...(b.target ? { target: b.target } : {}),
      noCache: false,
    },
    {
      step: (step, phase) => {
        if (phase === 'start') steps.push(step);
        if (quiet) return;
        if (tty) screen.draw(false);
        else plain(step, phase);
      },
    },
  );
  if (tty) screen.draw(result.ok);
  if (!result.ok) {
    const failed = result.steps.find((st) => st.error);
    if (failed && failed.logs.length > 0 && !quiet) {
      const tail = failed.logs.slice(-10).map((l) => `${(l.at / 1000).toFixed(3)} ${l.text}`);
      cli.err(`------\n > ${failed.name}:\n${tail.join('\n')}\n------\n`);
    }
    throw new ComposeError(
      `${result.block ?? ''}failed to solve: ${result.message.replace(/^failed to solve: /, '')}`,
    );
  }
  progress.event({ id: s.name, status: 'done', statusText: 'Built' });
}

// --- networks and volumes ---

/** ensureNetworks: the project's networks, created with Compose's labels when missing. */
export async function ensureNetworks(rt: Runtime): Promise<void> {
  const { cli, project, progress } = rt;
  const { engine } = cli;
  for (const key of Object.keys(project.networks).sort()) {
    const n = project.networks[key] as Project['networks'][string];
    const existing = Object.values(engine.state.networks).find((x) => x.name === n.name || x.id === n.name);
    if (n.external) {
      if (!existing) throw new ComposeError(`network ${n.name} declared as external, but could not be found`);
      continue;
    }
    if (existing) {
      const owner = existing.labels?.[LABEL.project];
      if (owner === undefined)
        logWarning(
          cli,
          `a network with name ${n.name} exists but was not created by compose.\nSet \`external: true\` to use an existing network`,
        );
      else if (owner !== project.name)
        logWarning(
          cli,
          `a network with name ${n.name} exists but was not created for project "${project.name}".\nSet \`external: true\` to use an existing network`,
        );
      continue;
    }
    const id = `Network ${n.name}`;
    progress.event({ id, status: 'working', statusText: 'Creating' });
    await progress.sleep(NETWORK_MS);
    if (n.driver && n.driver !== 'bridge') {
      progress.event({ id, status: 'error', statusText: 'Error' });
      throw new ComposeError(
        `failed to create network ${n.name}: Error response from daemon: plugin "${n.driver}" not found`,
      );
    }
    createBridgeNetwork(engine, cli.ctx, n.name, {
      ...(n.labels ?? {}),
      [LABEL.configHash]: resourceHash(n),
      [LABEL.network]: key,
      [LABEL.project]: project.name,
      [LABEL.version]: LABEL_VERSION,
    });
    progress.event({ id, status: 'done', statusText: 'Created' });
  }
}

/** ensureProjectVolumes: named volumes `<project>_<name>`, created with Compose's labels when missing. */
export async function ensureVolumes(rt: Runtime): Promise<void> {
  const { cli, project, progress } = rt;
  const { engine } = cli;
  for (const key of Object.keys(project.volumes).sort()) {
    const v = project.volumes[key] as Project['volumes'][string];
    const existing = engine.state.volumes[v.name];
    if (v.external) {
      if (!existing) throw new ComposeError(`external volume "${v.name}" not found`);
      continue;
    }
    if (existing) {
      const owner = existing.labels[LABEL.project];
      if (owner === undefined)
        logWarning(
          cli,
          `volume "${v.name}" already exists but was not created by Docker Compose. Use \`external: true\` to use an existing volume`,
        );
      else if (owner !== project.name)
        logWarning(
          cli,
          `volume "${v.name}" already exists but was created for project "${owner}" (expected "${project.name}"). Use \`external: true\` to use an existing volume`,
        );
      continue;
    }
    const id = `Volume ${v.name}`;
    progress.event({ id, status: 'working', statusText: 'Creating' });
    await progress.sleep(VOLUME_MS);
    const volume = engine.createVolume(v.name);
    volume.labels = {
      ...(v.labels ?? {}),
      [LABEL.configHash]: resourceHash({ ...v, driver: v.driver ?? 'local' }),
      [LABEL.project]: project.name,
      [LABEL.version]: LABEL_VERSION,
      [LABEL.volume]: key,
    };
    progress.event({ id, status: 'done', statusText: 'Created' });
  }
}

// --- containers ---

/** The labels every container of a service carries (cmd/compose's CustomLabels, then create.go's). */
export function serviceLabels(
  project: Project,
  service: Service,
  image: ImageRecord,
  number: number,
  oneOff?: string,
): Record<string, string> {
  const labels: Record<string, string> = {
    ...service.labels,
    [LABEL.configFiles]: project.composeFiles.join(','),
    [LABEL.image]: image.id,
    [LABEL.oneoff]: oneOff === undefined ? 'False' : 'True',
    [LABEL.project]: project.name,
    [LABEL.workingDir]: project.workingDir,
    [LABEL.service]: service.name,
    [LABEL.version]: LABEL_VERSION,
    [LABEL.configHash]: serviceHash(service),
    [LABEL.dependsOn]: Object.entries(service.depends_on)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, d]) => `${name}:${d.condition}:${d.restart ?? false}`)
      .join(','),
  };
  if (number > 0) labels[LABEL.number] = String(number);
  if (oneOff !== undefined) labels[LABEL.slug] = oneOff;
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

/** The container name: `container_name`, or `<project>-<service>-<n>`. */
export function containerName(project: Project, service: Service, number: number): string {
  return service.container_name ?? `${project.name}-${service.name}-${number}`;
}

/** The service's first network by priority, as Compose picks the primary one (NetworksByPriority). */
function primaryNetwork(service: Service): string | undefined {
  const keys = Object.keys(service.networks);
  return keys.sort((a, b) => {
    const pa = service.networks[a]?.priority ?? 0;
    const pb = service.networks[b]?.priority ?? 0;
    return pb - pa || a.localeCompare(b);
  })[0];
}

function restartPolicy(restart: string | undefined): RestartPolicy | undefined {
  if (restart === undefined) return undefined;
  const [name = 'no', count = '0'] = restart.split(':');
  if (!['no', 'always', 'on-failure', 'unless-stopped'].includes(name)) return undefined;
  return { name: name as RestartPolicy['name'], maximumRetryCount: Number(count) || 0 };
}

function healthcheck(service: Service): Healthcheck | undefined {
  const h = service.healthcheck;
  if (!h) return undefined;
  if (h.disable) return { test: ['NONE'] };
  const out: Healthcheck = { test: h.test ?? [] };
  if (h.interval !== undefined) out.interval = h.interval;
  if (h.timeout !== undefined) out.timeout = h.timeout;
  if (h.start_period !== undefined) out.startPeriod = h.start_period;
  if (h.retries !== undefined) out.retries = h.retries;
  return out;
}

const truthy = (v: unknown) => v === true || v === 'true';

/** The daemon's create from a service (getCreateConfigs): command, environment, ports, mounts, network. */
export function containerSpec(
  rt: Runtime,
  service: Service,
  image: ImageRecord,
  name: string,
  labels: Record<string, string>,
  options: { autoRemove?: boolean; aliases?: boolean; tty?: boolean; interactive?: boolean } = {},
): ContainerSpec {
  const { cli, project } = rt;
  const { ctx, engine } = cli;
  // The daemon's rule: without an entrypoint of its own the image's command fills in.
  let entrypoint = service.entrypoint === undefined ? undefined : (service.entrypoint ?? []);
  let cmd = service.command ?? [];
  if (!entrypoint || entrypoint.length === 0) {
    if (cmd.length === 0) cmd = image.config.Cmd ?? [];
    if (entrypoint === undefined) entrypoint = image.config.Entrypoint ?? [];
  }
  const argv = [...entrypoint, ...cmd];
  if (argv.length === 0) throw new ComposeError('Error response from daemon: no command specified');
  const env = envMap(image.config.Env);
  for (const [k, v] of Object.entries(service.environment)) if (v !== null) env[k] = v;
  const ports: PortBinding[] = service.ports.map((p) => ({
    hostIp: p.host_ip ?? '0.0.0.0',
    hostPort: p.published
      ? Number(p.published.split('-')[0])
      : 32768 + Object.keys(engine.state.containers).length,
    containerPort: p.target,
    protocol: p.protocol === 'udp' ? 'udp' : 'tcp',
  }));
  const mounts: MountRecord[] = [];
  for (const v of service.volumes) {
    if (v.type === 'bind' && v.source) {
      if (v.bind?.create_host_path === false && !engine.host.fs.exists(v.source))
        throw new ComposeError(
          `Error response from daemon: invalid mount config for type "bind": bind source path does not exist: ${v.source}`,
        );
      mounts.push({ type: 'bind', source: v.source, destination: v.target, readOnly: v.read_only ?? false });
    } else if (v.type === 'volume') {
      const source = v.source ? (project.volumes[v.source]?.name ?? v.source) : nextHex(ctx.random, 64);
      mounts.push({ type: 'volume', source, destination: v.target, readOnly: v.read_only ?? false });
    }
  }
  let network = 'default';
  let aliases: string[] | undefined;
  const mode = service.network_mode;
  if (mode !== undefined) network = mode === 'bridge' ? 'default' : mode;
  else {
    const key = primaryNetwork(service);
    if (key === undefined || !project.networks[key]) network = 'none';
    else {
      network = (project.networks[key] as { name: string }).name;
      aliases = [name];
      if (options.aliases !== false) aliases.push(service.name, ...(service.networks[key]?.aliases ?? []));
    }
  }
  const extra = service.extra;
  const restart = restartPolicy(service.restart);
  const health = healthcheck(service);
  return {
    image,
    imageRef: imageName(project, service),
    name,
    argv,
    env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    ...(typeof extra.hostname === 'string' ? { hostname: extra.hostname } : {}),
    ...(service.user !== undefined ? { user: service.user } : {}),
    ...(service.working_dir !== undefined ? { workingDir: service.working_dir } : {}),
    tty: options.tty ?? truthy(extra.tty),
    openStdin: options.interactive ?? truthy(extra.stdin_open),
    labels,
    ports,
    expose: service.expose.map((e) => (e.includes('/') ? e : `${e}/tcp`)),
    mounts,
    memory: 0,
    nanoCpus: 0,
    pidsLimit: 0,
    privileged: truthy(extra.privileged),
    readOnly: truthy(extra.read_only),
    autoRemove: options.autoRemove ?? false,
    init: truthy(extra.init),
    network,
    ...(aliases ? { aliases } : {}),
    ...(restart ? { restartPolicy: restart } : {}),
    ...(health ? { healthcheck: health } : {}),
    ...(typeof extra.stop_signal === 'string' ? { stopSignal: extra.stop_signal } : {}),
  };
}

/** Whether a container no longer matches its service (mustRecreate): config hash or image changed. */
function diverged(c: ContainerRecord, service: Service, image: ImageRecord): boolean {
  return (
    c.config.labels[LABEL.configHash] !== serviceHash(service) || c.config.labels[LABEL.image] !== image.id
  );
}

export type RecreatePolicy = 'diverged' | 'force' | 'never';

/**
 * convergence.apply: for each service in dependency order, keeps a container that is up to date
 * (`Running` if it runs), recreates one that diverged, or creates one. Returns the services' containers.
 */
export async function converge(
  rt: Runtime,
  names: string[],
  images: Map<string, ImageRecord>,
  options: { recreate: RecreatePolicy; recreateDeps: RecreatePolicy; selected: string[]; timeoutMs: number },
): Promise<void> {
  const { cli, project, progress } = rt;
  const { engine } = cli;
  const existing = projectContainers(cli, project.name);
  for (const wave of dependencyWaves(project, names)) {
    type Plan =
      | { kind: 'create'; service: Service; name: string }
      | { kind: 'recreate'; service: Service; old: ContainerRecord }
      | { kind: 'keep'; service: Service; c: ContainerRecord };
    const plans: Plan[] = [];
    for (const name of wave) {
      const service = project.services[name] as Service;
      const image = images.get(name) as ImageRecord;
      const policy =
        options.selected.length === 0 || options.selected.includes(name)
          ? options.recreate
          : options.recreateDeps;
      const mine = existing.filter((c) => serviceOf(c) === name);
      if (mine.length === 0) {
        const cname = containerName(project, service, 1);
        const clash = engine.containerNamed(cname);
        if (clash)
          throw new ComposeError(
            `Error response from daemon: Conflict. The container name "/${cname}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`,
          );
        plans.push({ kind: 'create', service, name: cname });
        continue;
      }
      for (const c of mine) {
        const recreate = policy === 'force' || (policy === 'diverged' && diverged(c, service, image));
        plans.push(recreate ? { kind: 'recreate', service, old: c } : { kind: 'keep', service, c });
      }
    }
    for (const p of plans) {
      if (p.kind === 'create') progress.event(containerEvent(p.name, 'working', 'Creating'));
      else if (p.kind === 'recreate') progress.event(containerEvent(p.old.name, 'working', 'Recreate'));
      else if (p.c.state.status === 'running') progress.event(containerEvent(p.c.name, 'done', 'Running'));
    }
    if (plans.some((p) => p.kind !== 'keep')) await progress.sleep(CREATE_MS);
    for (const p of plans) {
      const image = images.get(p.service.name) as ImageRecord;
      if (p.kind === 'create') {
        const labels = serviceLabels(project, p.service, image, 1);
        recordContainer(cli, containerSpec(rt, p.service, image, p.name, labels));
        progress.event(containerEvent(p.name, 'done', 'Created'));
      } else if (p.kind === 'recreate') {
        const number = Number(p.old.config.labels[LABEL.number] ?? 1);
        const name = containerName(project, p.service, number);
        const labels = {
          ...serviceLabels(project, p.service, image, number),
          [LABEL.replace]: p.service.container_name ?? `${p.service.name}-${number}`,
        };
        const fresh = recordContainer(
          cli,
          containerSpec(rt, p.service, image, `${p.old.id.slice(0, 12)}_${name}`, labels),
        );
        if (isRunning(p.old))
          await engine.stop([p.old], { graceMs: options.timeoutMs, sleep: (ms) => progress.sleep(ms) });
        engine.remove(p.old);
        renameContainer(rt, fresh, name);
        progress.event(containerEvent(p.old.name, 'done', 'Recreated'));
      }
    }
  }
}

/** The daemon's rename: the name index follows, and so does the DNS entry. */
function renameContainer(rt: Runtime, c: ContainerRecord, name: string): void {
  const { engine } = rt.cli;
  const old = c.name;
  engine.remove(c);
  c.name = name;
  if (c.network.aliases) c.network.aliases = c.network.aliases.map((a) => (a === old ? name : a));
  engine.addContainer(c);
}

/** Waits for a service's dependencies as its `depends_on` conditions ask (waitDependencies). */
export async function waitDependencies(
  rt: Runtime,
  service: Service,
  containers: ContainerRecord[],
): Promise<void> {
  const { cli, project, progress } = rt;
  const { engine, ctx } = cli;
  for (const [dep, config] of Object.entries(service.depends_on).sort(([a], [b]) => a.localeCompare(b))) {
    if (config.condition === 'service_started') continue;
    if (!project.services[dep]) {
      if (project.disabledServices[dep]) continue;
      throw new ComposeError(`${service.name} is missing dependency ${dep}`);
    }
    const waitingFor = containers.filter(
      (c) => serviceOf(c) === dep && c.config.labels[LABEL.oneoff] !== 'True',
    );
    for (const c of waitingFor) progress.event(containerEvent(c.name, 'working', 'Waiting'));
    if (waitingFor.length === 0) {
      if (config.required) throw new ComposeError(`${service.name} is missing dependency ${dep}`);
      logWarning(cli, `${service.name} is missing dependency ${dep}`);
      continue;
    }
    const deadline = ctx.now() + WAIT_LIMIT_MS;
    for (;;) {
      await progress.sleep(POLL_MS);
      engine.reconcile();
      if (config.condition === 'service_healthy') {
        const verdict = healthOf(waitingFor);
        if (verdict.error !== undefined) {
          if (!config.required) {
            for (const c of waitingFor)
              progress.event({
                id: `Container ${c.name}`,
                status: 'warning',
                statusText: `Skipped: optional dependency "${dep}" failed to start`,
              });
            logWarning(cli, `optional dependency "${dep}" failed to start: ${verdict.error}`);
            break;
          }
          for (const c of waitingFor) progress.event(containerEvent(c.name, 'error', 'Error'));
          throw new ComposeError(`dependency failed to start: ${verdict.error}`);
        }
        if (verdict.healthy) {
          for (const c of waitingFor) progress.event(containerEvent(c.name, 'done', 'Healthy'));
          break;
        }
      } else {
        const exited = waitingFor.find((c) => c.state.status === 'exited');
        if (exited) {
          const code = exited.state.exitCode;
          if (code === 0) {
            for (const c of waitingFor) progress.event(containerEvent(c.name, 'done', 'Exited'));
            break;
          }
          const suffix = `"${dep}" didn't complete successfully: exit ${code}`;
          if (!config.required) {
            for (const c of waitingFor)
              progress.event({
                id: `Container ${c.name}`,
                status: 'warning',
                statusText: `Skipped: optional dependency ${suffix}`,
              });
            logWarning(cli, `optional dependency ${suffix}`);
            break;
          }
          for (const c of waitingFor) progress.event(containerEvent(c.name, 'error', `service ${suffix}`));
          throw new ComposeError(`service ${suffix}`);
        }
      }
      if (ctx.now() >= deadline) throw new ComposeError('timeout waiting for dependencies');
    }
  }
}

/** isServiceHealthy: every container healthy, or the first problem in Compose's words. */
function healthOf(containers: ContainerRecord[]): { healthy: boolean; error?: string } {
  for (const c of containers) {
    if (c.state.status === 'exited')
      return { healthy: false, error: `container ${c.name} exited (${c.state.exitCode})` };
    if (!c.config.healthcheck)
      return { healthy: false, error: `container ${c.name} has no healthcheck configured` };
    // A daemon that has not judged the container yet reports it as starting.
    const status = c.state.health?.status ?? 'starting';
    if (status === 'unhealthy') return { healthy: false, error: `container ${c.name} is unhealthy` };
    if (status === 'starting') return { healthy: false };
  }
  return { healthy: true };
}

/**
 * start: services in dependency order, each after its dependencies' conditions hold: `Starting`,
 * the daemon's start, `Started`. A container already running is left as it is.
 */
export async function startServices(rt: Runtime, names: string[]): Promise<void> {
  const { cli, project, progress } = rt;
  const { engine } = cli;
  const containers = projectContainers(cli, project.name);
  for (const wave of dependencyWaves(project, names)) {
    for (const name of wave) {
      await waitDependencies(rt, project.services[name] as Service, containers);
      if (!containers.some((c) => serviceOf(c) === name))
        throw new ComposeError(`service "${name}" has no container to start`);
    }
    const toStart = containers.filter(
      (c) => wave.includes(serviceOf(c)) && !isRunning(c) && engine.state.containers[c.id] === c,
    );
    if (toStart.length === 0) continue;
    for (const c of toStart) progress.event(containerEvent(c.name, 'working', 'Starting'));
    await progress.sleep(CONTAINER_START_MS);
    let failure: string | undefined;
    for (const c of toStart) {
      const started = await engine.start(c);
      if ('error' in started) {
        failure ??= `Error response from daemon: ${started.error}`;
        continue;
      }
      engine.launch(c, started.main);
      progress.event(containerEvent(c.name, 'done', 'Started'));
    }
    if (failure) throw new ComposeError(failure);
  }
}

/** stopContainers: `Stopping`, the daemon's stop (all at once), `Stopped`. */
export async function stopContainers(
  rt: Runtime,
  containers: ContainerRecord[],
  timeoutMs: number,
): Promise<void> {
  const { cli, progress } = rt;
  if (containers.length === 0) return;
  for (const c of containers) progress.event(containerEvent(c.name, 'working', 'Stopping'));
  await cli.engine.stop(containers.filter(isRunning), {
    graceMs: timeoutMs,
    sleep: (ms) => progress.sleep(ms),
  });
  for (const c of containers) progress.event(containerEvent(c.name, 'done', 'Stopped'));
}

/** stopAndRemoveContainer for several: stop, then `Removing`, `Removed` (anonymous volumes too with -v). */
export async function removeContainers(
  rt: Runtime,
  containers: ContainerRecord[],
  options: { timeoutMs: number; volumes: boolean },
): Promise<void> {
  const { cli, progress } = rt;
  const { engine } = cli;
  await stopContainers(rt, containers, options.timeoutMs);
  for (const c of containers) {
    progress.event(containerEvent(c.name, 'working', 'Removing'));
    engine.remove(c);
    if (options.volumes) {
      for (const m of c.mounts)
        if (m.type === 'volume' && engine.state.volumes[m.source]?.anonymous && !engine.volumeInUse(m.source))
          engine.removeVolume(m.source);
    }
    progress.event(containerEvent(c.name, 'done', 'Removed'));
  }
}

/** The image a service's containers use, for `down --rmi`: all of them, or only those without a custom tag. */
export function imagesToPrune(project: Project, mode: 'local' | 'all'): string[] {
  const out: string[] = [];
  for (const s of Object.values(project.services)) {
    if (mode === 'local' && s.image) continue;
    const name = imageName(project, s);
    if (!out.includes(name)) out.push(name);
  }
  return out.sort();
}

/** familiarName of an image reference, for messages. */
export function familiar(ref: string): string {
  const parsed = parseReference(ref);
  return parsed.ok ? familiarName(parsed.ref) : ref;
}
