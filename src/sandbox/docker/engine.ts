import { nextHex, type RandomState } from '../core/random.ts';
import { Filesystem } from '../fs/filesystem.ts';
import type { Layer } from '../fs/node.ts';
import type { Host } from '../host/host.ts';
import type { Workload } from '../host/workload.ts';
import type { Scheduler, Task } from '../process/scheduler.ts';
import { signalNumber } from '../process/signals.ts';
import { isBash } from '../shell/bash-release.ts';
import type { Io, Shell, ShellHost } from '../shell/interpreter.ts';
import { ForkFailed, Interrupted, type ShellFlavor, type User } from '../shell/program.ts';
import { EMPTY_INPUT } from '../shell/streams.ts';
import type {
  EchoRoute,
  HttpFailure,
  HttpRequest,
  HttpResponse,
  NetInterface,
  ProcessInfo,
} from '../shell/system.ts';
import { DEFAULT_PATH, envMap, execFailure, lookupExecutable, runInContainer } from './container-process.ts';
import { ContainerSystem, type ContainerView } from './container-system.ts';
import { watchHealth } from './health.ts';
import { layerContent } from './images.ts';
import { hostExecutes } from './platform.ts';
import type { ImageReference } from './reference.ts';
import { familiarName, familiarString, fullString, parseReference, withDefaultTag } from './reference.ts';
import { HubStore, type RegistryStore, VolumeStore } from './registry/store.ts';
import { loadService, type ServiceModel, serviceFactory } from './services.ts';
import type {
  ContainerRecord,
  DockerEvent,
  DockerState,
  Endpoint,
  ImageRecord,
  LayerRecord,
  NetworkRecord,
  VolumeRecord,
} from './state.ts';

const MiB = 1024 * 1024;

/** UIDs of the service accounts official images create (they mean other users on the host). */
const SERVICE_UIDS: Record<string, number> = { root: 0, nginx: 101, redis: 999, postgres: 999, mysql: 999 };

/** A server a connection reaches: the port it came in on and the peer address it sees. */
interface Connection {
  service: Pick<ServiceModel, 'http' | 'tcp'>;
  port: number;
  client: string;
}

/** What the process a container starts will do, decided from its command and the image's files. */
export type MainProcess =
  | { kind: 'service'; service: ServiceModel }
  | { kind: 'shell'; flavor: ShellFlavor }
  | { kind: 'sleep'; ms: number }
  | { kind: 'hog'; bytes: number; workers: boolean }
  | { kind: 'program'; argv: string[] }
  | { kind: 'not-found'; name: string }
  | { kind: 'denied'; name: string };

export interface EngineDeps {
  now(): number;
  random: RandomState;
  /** Makes a shell on a machine (for commands run inside containers). */
  makeShell(options: {
    system: ContainerSystem;
    fs: Filesystem;
    user: User;
    cwd: string;
    env: Record<string, string>;
    flavor: ShellFlavor;
    host: ShellHost;
    /** `$$`: the shell's PID in its machine's (or container's) namespace. */
    pid?: number;
  }): Shell;
  /** Runs `body` as a process on the scheduler, with a shell host of its own. */
  spawn(name: string, body: (host: ShellHost, task: Task) => Promise<number>, init: boolean): Task;
  scheduler: Scheduler;
}

/** How many events the daemon keeps for `docker events --since`. */
const EVENTS_KEPT = 256;

/** An empty Docker state: no images, the three default networks. */
export function emptyDockerState(now: number, random: RandomState): DockerState {
  const network = (
    name: string,
    driver: NetworkRecord['driver'],
    subnet: string,
    gateway: string,
  ): NetworkRecord => ({
    id: nextHex(random, 64),
    name,
    driver,
    subnet,
    gateway,
    created: now,
    nextHost: 2,
  });
  return {
    images: {},
    tags: {},
    layers: {},
    containers: {},
    volumes: {},
    networks: Object.fromEntries(
      [
        network('bridge', 'bridge', '172.17.0.0/16', '172.17.0.1'),
        network('host', 'host', '', ''),
        network('none', 'null', '', ''),
      ].map((n) => [n.id, n]),
    ),
    nextPid: 2401,
    buildCache: {},
    hub: { blobs: {}, repos: {} },
    blobSources: {},
  };
}

/**
 * The Docker daemon: images, containers, volumes and networks on one host. It is a workload of
 * the host (its containers are host processes) and knows nothing of terminals.
 */
export class DockerEngine implements Workload, ContainerView {
  readonly state: DockerState;
  readonly host: Host;
  readonly deps: EngineDeps;
  private readonly filesystems = new Map<string, Filesystem>();
  private names?: Map<string, ContainerRecord>;
  /** The running main process of each container whose program runs on the scheduler. */
  private readonly tasks = new Map<string, Task>();
  /** The processes that shells in each container started with `&`: they end with the container. */
  private readonly forks = new Map<string, Set<Task>>();
  private portHolders?: Map<number, ContainerRecord>;
  /** Servers programs run in the foreground inside containers (a dev server), by container and port. */
  private readonly listeners = new Map<string, Map<number, (request: HttpRequest) => HttpResponse>>();

  constructor(state: DockerState, host: Host, deps: EngineDeps) {
    this.state = state;
    this.host = host;
    this.deps = deps;
  }

  now(): number {
    return this.deps.now();
  }

  // --- images ---

  /** The image a reference or (short) ID names, with the full reference it was found under. */
  findImage(name: string): ImageRecord | undefined {
    const id = name.startsWith('sha256:') ? name.slice(7) : name;
    if (/^[a-f0-9]{4,64}$/.test(id)) {
      const matches = Object.keys(this.state.images).filter((k) => k.slice(7).startsWith(id));
      if (matches.length === 1) return this.state.images[matches[0] as string];
    }
    const parsed = parseReference(name);
    if (!parsed.ok) return undefined;
    const ref = parsed.ref.digest ? parsed.ref : withDefaultTag(parsed.ref);
    if (ref.digest) {
      return Object.values(this.state.images).find((img) =>
        img.repoDigests.some((d) => d.endsWith(`@${ref.digest}`)),
      );
    }
    const imageId = this.state.tags[fullString(ref)];
    return imageId ? this.state.images[imageId] : undefined;
  }

  /** The references pointing at an image, familiar form (`nginx:latest`), sorted. */
  tagsOf(imageId: string): string[] {
    return Object.entries(this.state.tags)
      .filter(([, id]) => id === imageId)
      .map(([ref]) => {
        const parsed = parseReference(ref);
        return parsed.ok ? familiarString(parsed.ref) : ref;
      })
      .sort();
  }

  /** Whether a tag in the repository (familiar name: `localhost:5000/box`) names an image, or the image given. */
  hasTagIn(repository: string, imageId?: string): boolean {
    return Object.entries(this.state.tags).some(([ref, id]) => {
      const parsed = parseReference(ref);
      return (
        parsed.ok && familiarName(parsed.ref) === repository && (imageId === undefined || id === imageId)
      );
    });
  }

  /** Records a pulled image and its layers under `ref`; returns whether anything changed. */
  storeImage(
    image: ImageRecord,
    layers: LayerRecord[],
    ref: ImageReference,
  ): { image: ImageRecord; updated: boolean } {
    for (const layer of layers) this.state.layers[layer.diffId] ??= layer;
    // A digest reference names one image: the image pulled last takes it from any other.
    for (const other of Object.values(this.state.images))
      if (other.id !== image.id)
        other.repoDigests = other.repoDigests.filter((d) => !image.repoDigests.includes(d));
    const existing = this.state.images[image.id];
    const stored = existing ?? { ...image, lastTagTime: this.now() };
    for (const d of image.repoDigests) if (!stored.repoDigests.includes(d)) stored.repoDigests.push(d);
    this.state.images[image.id] = stored;
    let updated = !existing;
    if (!ref.digest) {
      const key = fullString(withDefaultTag(ref));
      if (this.state.tags[key] !== image.id) updated = true;
      this.state.tags[key] = image.id;
    }
    return { image: stored, updated };
  }

  /** Layers of an image, base first. */
  imageLayers(image: ImageRecord): Layer[] {
    return image.layers.map((diffId) => {
      const record = this.state.layers[diffId];
      if (!record) throw new Error(`layer ${diffId} missing`);
      return layerContent(record);
    });
  }

  /** Bytes in a container's writable layer: what `docker ps -s` shows before "virtual". */
  writableSize(c: ContainerRecord): number {
    return Object.values(c.upper).reduce((sum, e) => sum + (e.type === 'file' ? e.size : 0), 0);
  }

  /** Bytes an image occupies: every layer counted (so deleting in a later layer never shrinks it). */
  imageSize(image: ImageRecord): number {
    return image.layers.reduce((sum, diffId) => sum + (this.state.layers[diffId]?.size ?? 0), 0);
  }

  // --- containers ---

  /** Finds a container by name, full ID or unique ID prefix. */
  findContainer(key: string): ContainerRecord | undefined {
    const byName = this.containerNamed(key.startsWith('/') ? key.slice(1) : key);
    if (byName || !/^[0-9a-f]+$/.test(key)) return byName;
    let byId: ContainerRecord | undefined;
    let ids = 0;
    for (const id in this.state.containers) {
      if (id.startsWith(key)) {
        byId = this.state.containers[id];
        ids++;
      }
    }
    return ids === 1 ? byId : undefined;
  }

  /** The container with exactly this name, from an index: a run checks many names, and scanning every container each time made a long session quadratic. */
  containerNamed(name: string): ContainerRecord | undefined {
    if (!this.names) {
      this.names = new Map();
      for (const c of Object.values(this.state.containers)) this.names.set(c.name, c);
    }
    const c = this.names.get(name);
    return c && this.state.containers[c.id] === c && c.name === name ? c : undefined;
  }

  /** Gives a container a new name (`docker rename`). */
  rename(c: ContainerRecord, name: string): void {
    this.names?.delete(c.name);
    c.name = name;
    this.names?.set(name, c);
  }

  /** Records a new container. */
  addContainer(c: ContainerRecord): void {
    this.state.containers[c.id] = c;
    this.names?.set(c.name, c);
    this.containerEvent(c, 'create');
  }

  /** Logs an event; the daemon keeps its last 256 (daemon/events: eventsLimit). */
  logEvent(event: Omit<DockerEvent, 'at'> & { at?: number }): void {
    this.state.events ??= [];
    const events = this.state.events;
    events.push({ ...event, at: event.at ?? this.now() });
    if (events.length > EVENTS_KEPT) events.splice(0, events.length - EVENTS_KEPT);
  }

  /** A container's event, named by its labels, image and name as the daemon does, with any extra attributes. */
  containerEvent(c: ContainerRecord, action: string, extra: Record<string, string> = {}, at?: number): void {
    this.logEvent({
      type: 'container',
      action,
      id: c.id,
      attributes: { ...c.config.labels, image: c.imageRef, name: c.name, ...extra },
      ...(at !== undefined ? { at } : {}),
    });
  }

  /** A network's event about a container joining or leaving it. */
  networkEvent(c: ContainerRecord, network: string, action: 'connect' | 'disconnect', at?: number): void {
    const n = this.networkByName(network);
    if (!n) return;
    this.logEvent({
      type: 'network',
      action,
      id: n.id,
      attributes: { container: c.id, name: n.name, type: n.driver },
      ...(at !== undefined ? { at } : {}),
    });
  }

  /** Ends containers whose main process has finished by now (sleep ran out, a hog was OOM-killed). */
  reconcile(): void {
    const now = this.now();
    for (const c of Object.values(this.state.containers)) {
      const planned = c.state.plannedExit;
      if (c.state.status === 'running' && planned && planned.at <= now) {
        this.finish(c, planned.code, planned.at, planned.oom ?? false);
      }
    }
  }

  /**
   * Marks a container's main process as ended (a process still running is killed), and removes the
   * container if it was started with `--rm`.
   */
  finish(c: ContainerRecord, code: number, at: number, oomKilled = false): void {
    const task = this.tasks.get(c.id);
    if (task) {
      this.tasks.delete(c.id);
      this.deps.scheduler.terminate(task, 9);
    }
    // PID 1's end takes the whole PID namespace with it.
    for (const fork of this.forks.get(c.id) ?? []) this.deps.scheduler.terminate(fork, 9);
    this.forks.delete(c.id);
    c.state.status = 'exited';
    c.state.exitCode = code;
    // An OOM kill inside the container (not of PID 1) marks it too: Docker counts the cgroup's kills.
    c.state.oomKilled ||= oomKilled;
    c.state.finishedAt = at;
    // Engine 23 added how long the process ran, in whole seconds (daemon/monitor.go).
    const ran = String(Math.floor(Math.max(0, at - c.state.startedAt) / 1000));
    this.containerEvent(c, 'die', { execDuration: ran, exitCode: String(code) }, at);
    for (const e of endpointsOf(c)) this.networkEvent(c, e.network, 'disconnect', at);
    c.state.pid = 0;
    delete c.state.plannedExit;
    c.execs = [];
    this.listeners.delete(c.id);
    if (c.hostConfig.autoRemove) this.remove(c);
    else this.restartByPolicy(c, code, at);
  }

  /**
   * Starts an ended container again when its restart policy says so, after the daemon's back-off:
   * 100 ms, doubling up to a minute, back to 100 ms after a run of 10 s. A container that `docker
   * stop` or `docker kill` ended waits for the next `docker start` instead.
   */
  private restartByPolicy(c: ContainerRecord, code: number, at: number): void {
    const policy = c.hostConfig.restartPolicy;
    if (!policy || policy.name === 'no' || c.manuallyStopped || this.state.containers[c.id] !== c) return;
    const limit = policy.maximumRetryCount;
    if (policy.name === 'on-failure' && (code === 0 || (limit > 0 && c.restartCount >= limit))) return;
    const delay =
      at - c.state.startedAt >= 10_000 || !c.restartDelay ? 100 : Math.min(c.restartDelay * 2, 60_000);
    c.restartDelay = delay;
    c.restartCount++;
    c.state.status = 'restarting';
    this.deps.spawn(
      `restart ${c.name}`,
      async (host) => {
        await host.sleep(Math.max(0, at + delay - this.now()));
        if (c.state.status !== 'restarting' || this.state.containers[c.id] !== c) return 0;
        const started = await this.start(c);
        if ('main' in started) this.launch(c, started.main);
        else c.state.status = 'exited';
        return 0;
      },
      false,
    );
  }

  /** Settles a planned exit on the clock, so a restart policy or health check acts when it happens. */
  private watchPlannedExit(c: ContainerRecord): void {
    const at = c.state.plannedExit?.at;
    if (at === undefined || !Number.isFinite(at)) return;
    this.deps.spawn(
      `exit ${c.name}`,
      async (host) => {
        await host.sleep(Math.max(0, at - this.now()));
        this.reconcile();
        return 0;
      },
      false,
    );
  }

  /**
   * The host of a shell running in a container. What it starts with `&` is one of the container's
   * processes: a PID of its namespace, in its `ps` and `docker stats`, ended with it; and fork(2)
   * fails with EAGAIN once the container holds `--pids-limit` processes, as the pids cgroup makes it.
   */
  containerHost(c: ContainerRecord, host: ShellHost): ShellHost {
    const scheduler = this.deps.scheduler;
    return {
      ...host,
      // The sandbox's string budget (8 MiB) stands in for the cgroup's limit: past either, a
      // limited container's program is OOM-killed, and the container says so when it ends.
      ...(c.hostConfig.memory > 0
        ? {
            outOfMemory: () => {
              // The kill ends the program that outgrew the limit, not the learner's line.
              host.meter.forgive('memory');
              if (!c.state.oomKilled) this.containerEvent(c, 'oom');
              c.state.oomKilled = true;
            },
          }
        : {}),
      spawn: async (command, user, body) => {
        const limit = c.hostConfig.pidsLimit;
        if (limit > 0 && this.processesOf(c).length >= limit) throw new ForkFailed();
        const nsPid = Math.max(6, ...c.execs.map((e) => e.nsPid)) + 1;
        const hostPid = this.state.nextPid++;
        c.execs.push({ nsPid, hostPid, args: command, user: user.name, start: this.now() });
        const task = this.deps.spawn(command, (taskHost) => body(this.containerHost(c, taskHost)), false);
        const forks = this.forks.get(c.id) ?? new Set<Task>();
        this.forks.set(c.id, forks.add(task));
        task.onEnd.push(() => {
          forks.delete(task);
          c.execs = c.execs.filter((e) => e.hostPid !== hostPid);
        });
        return { pid: nsPid, task };
      },
      // An attached container's shell waits for its jobs as the learner's does: in virtual time.
      block:
        host.block ??
        (async (done) => {
          while (!done()) {
            const next = scheduler.nextWake();
            await host.sleep(next === undefined ? Number.POSITIVE_INFINITY : Math.max(0, next - this.now()));
          }
        }),
    };
  }

  /**
   * Runs a started container's program in the background, as the daemon does: it goes on as the
   * virtual clock moves, and the container exits when it ends.
   */
  launch(c: ContainerRecord, main: MainProcess): void {
    // A shell without -i reads an empty stdin and exits at once.
    if (main.kind === 'shell' && !c.config.openStdin) this.finish(c, 0, this.now());
    if (main.kind !== 'program') return;
    const task = this.deps.spawn(
      c.name,
      (host) => runInContainer(this, c, main.argv, host, EMPTY_INPUT),
      !c.hostConfig.init,
    );
    // PID 1 ignores the signals it has no handler for; a shell that traps them takes over.
    if (!c.hostConfig.init) task.onSignal = () => {};
    this.tasks.set(c.id, task);
    task.onEnd.push((status) => {
      if (this.tasks.get(c.id) !== task) return;
      this.tasks.delete(c.id);
      if (c.state.status === 'running' || c.state.status === 'paused') this.finish(c, status, this.now());
    });
  }

  /**
   * Delivers a signal to a container's main process (`docker kill -s`, the first step of `docker
   * stop`). What happens is the process's business: a handler, the default action, or nothing at
   * all for a PID 1 without a handler. SIGKILL always ends it.
   */
  signal(c: ContainerRecord, signal: number): void {
    this.reconcile();
    if (c.state.status !== 'running' && c.state.status !== 'paused') return;
    this.containerEvent(c, 'kill', { signal: String(signal) });
    if (signal === 9) {
      this.finish(c, 137, this.now());
      return;
    }
    const task = this.tasks.get(c.id);
    if (task) {
      this.deps.scheduler.signal(task, signal);
      return;
    }
    const main = this.mainProcess(c);
    if (c.hostConfig.init && main.kind !== 'service' && ![17, 18, 23, 28].includes(signal)) {
      // docker-init passes the signal on; the program, not PID 1, takes its default action.
      this.finish(c, 128 + signal, this.now());
      return;
    }
    if (main.kind !== 'service' || main.service.signal?.(signal)) return;
    // A server that handles SIGTERM shuts down; one that installs no handler ignores it as PID 1.
    const ends = signal === 2 || signal === 3 || (signal === 15 && main.service.stopsOnTerm !== false);
    if (ends && !c.state.plannedExit) {
      const now = this.now();
      for (const line of main.service.shutdown?.((ms) => new Date(ms).toISOString(), now) ?? [])
        c.logs.push({ at: now, stream: 'stderr', text: `${line}\n` });
      c.state.plannedExit = { at: now + 100, code: 0 };
    }
  }

  /** The container's filesystem: the image's layers, its writable layer, and its mounts. */
  fsOf(c: ContainerRecord): Filesystem {
    let fs = this.filesystems.get(c.id);
    if (!fs) {
      const image = this.state.images[c.image];
      const lowers = image ? [...this.imageLayers(image), this.initLayer(c)] : [];
      fs = new Filesystem(lowers, c.upper, { now: () => this.now(), readOnly: c.hostConfig.readOnly });
      for (const m of c.mounts) {
        const source = m.type === 'volume' ? volumePath(m.source) : m.source;
        fs.mount({ at: m.destination, fs: this.host.fs, source, readOnly: m.readOnly });
      }
      for (const at of Object.keys(c.hostConfig.tmpfs ?? {})) {
        c.tmpfsData ??= {};
        c.tmpfsData[at] ??= { '/': { type: 'dir', mode: 0o1777, uid: 0, gid: 0, mtime: this.now() } };
        fs.mount({ at, fs: new Filesystem([], c.tmpfsData[at], { now: () => this.now() }), source: '/' });
      }
      this.filesystems.set(c.id, fs);
    }
    return fs;
  }

  /**
   * The files Docker writes for every container (its "-init" layer): they sit between the image
   * and the container's own layer, so `docker diff` never lists them.
   */
  private initLayer(c: ContainerRecord): Layer {
    const file = (text: string) => ({
      type: 'file' as const,
      mode: 0o644,
      uid: 0,
      gid: 0,
      mtime: c.created,
      size: text.length,
      text,
    });
    const hosts = `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n${c.network.ip ? `${c.network.ip}\t${c.config.hostname}\n` : ''}`;
    const userNetwork = c.network.network !== 'bridge';
    return {
      '/etc/hostname': file(`${c.config.hostname}\n`),
      '/etc/hosts': file(hosts),
      '/etc/resolv.conf': file(
        userNetwork ? 'nameserver 127.0.0.11\nsearch .\noptions ndots:0\n' : 'nameserver 10.0.2.3\n',
      ),
      '/.dockerenv': file(''),
      // The devices runc creates in every container's /dev.
      ...Object.fromEntries(
        ['full', 'null', 'random', 'tty', 'urandom', 'zero'].map((name) => [
          `/dev/${name}`,
          { ...file(''), mode: 0o666 },
        ]),
      ),
    };
  }

  systemOf(c: ContainerRecord): ContainerSystem {
    return new ContainerSystem(this.host, c, this);
  }

  /**
   * The executable a container's command runs (past the registry's entrypoint script): its program
   * id and the command line from it on, or what ends the start before any program runs.
   */
  private mainExecutable(
    c: ContainerRecord,
  ):
    | Extract<MainProcess, { kind: 'not-found' | 'denied' | 'program' }>
    | { kind: 'executable'; program: string; name: string; rest: string[]; fs: Filesystem } {
    const argv = [c.path, ...c.args];
    const fs = this.fsOf(c);
    const env = envMap(c.config.env);
    let i = 0;
    for (;;) {
      const name = argv[i];
      if (name === undefined) return { kind: 'not-found', name: '' };
      const node = lookupExecutable(fs, name, env.PATH ?? DEFAULT_PATH, c.config.workingDir || '/');
      if (node === 'denied') return { kind: 'denied', name };
      if (!node) return { kind: 'not-found', name };
      // A program built for another processor cannot start, whatever it is: runc's exec fails.
      if (!hostExecutes(this.state.images[c.image])) return { kind: 'program', argv };
      const program = node.program ?? '';
      if (program === 'entrypoint' && i + 1 < argv.length) {
        // registry's entrypoint.sh turns `config.yml` into `registry serve config.yml`.
        if (/\.ya?ml$/.test(argv[i + 1] ?? '') && fs.exists('/bin/registry'))
          argv.splice(i + 1, 0, '/bin/registry', 'serve');
        i++;
        continue;
      }
      return { kind: 'executable', program, name, rest: argv.slice(i), fs };
    }
  }

  /**
   * Loads the code of the servers these containers' commands may be (by default the running ones,
   * which a restored sandbox awaits before its first prompt: the engine consults a running server
   * synchronously). A start awaits it too. Undefined when there is nothing to load.
   */
  loadServices(
    containers = Object.values(this.state.containers).filter((c) =>
      ['running', 'paused', 'restarting'].includes(c.state.status),
    ),
  ): Promise<void> | undefined {
    const loads = containers.flatMap((c) => {
      const main = this.mainExecutable(c);
      return main.kind === 'executable' ? (loadService(main.program) ?? []) : [];
    });
    return loads.length > 0 ? Promise.all(loads).then(() => undefined) : undefined;
  }

  /** Decides what the container's command does. */
  mainProcess(c: ContainerRecord): MainProcess {
    const main = this.mainExecutable(c);
    if (main.kind !== 'executable') return main;
    const { program, name, rest, fs } = main;
    const service = serviceFactory(program)?.({
      container: c,
      argv: rest,
      fs,
      now: () => this.now(),
      random: this.deps.random,
      tcp: (host, port, data) => this.tcpFrom(c, host, port, data),
    });
    if (service) return { kind: 'service', service };
    const applet = program === 'busybox' ? (name.split('/').pop() ?? '') : '';
    const shellName = isBash(program)
      ? 'bash'
      : program === 'dash'
        ? 'dash'
        : applet === 'sh' || applet === 'ash'
          ? 'ash'
          : undefined;
    if (shellName && !rest.includes('-c') && rest.length === 1) return { kind: 'shell', flavor: shellName };
    const command = program === 'busybox' ? applet : program.replace(/^gnu\//, '');
    if (command === 'sleep' && rest.length === 2) {
      const seconds = Number.parseFloat(rest[1] ?? '');
      if (rest[1] === 'infinity') return { kind: 'sleep', ms: Number.POSITIVE_INFINITY };
      if (Number.isFinite(seconds)) return { kind: 'sleep', ms: seconds * 1000 };
    }
    if (command === 'tail' && rest[1] === '/dev/zero')
      return { kind: 'hog', bytes: Number.POSITIVE_INFINITY, workers: false };
    if (program === 'stress') {
      const vm = rest.indexOf('--vm-bytes');
      const bytes = vm === -1 ? 256 * MiB : (parseSize(rest[vm + 1] ?? '') ?? 256 * MiB);
      const workers = Number(rest[rest.indexOf('--vm') + 1] ?? 1) || 1;
      if (rest.includes('--vm')) return { kind: 'hog', bytes: bytes * workers, workers: true };
    }
    return { kind: 'program', argv: rest };
  }

  /**
   * The running (or paused) container holding a host port. Every start records itself as the
   * port's holder, so one lookup replaces a scan of every container on each start.
   */
  private portHolder(port: number, except: ContainerRecord): ContainerRecord | undefined {
    if (!this.portHolders) {
      this.portHolders = new Map();
      for (const c of Object.values(this.state.containers))
        if (c.state.status === 'running' || c.state.status === 'paused')
          for (const b of c.hostConfig.portBindings) this.portHolders.set(b.hostPort, c);
    }
    const holder = this.portHolders.get(port);
    const holds =
      holder !== undefined &&
      holder !== except &&
      this.state.containers[holder.id] === holder &&
      (holder.state.status === 'running' || holder.state.status === 'paused') &&
      holder.hostConfig.portBindings.some((b) => b.hostPort === port);
    return holds ? holder : undefined;
  }

  /**
   * Starts a container's main process, once the code of the server it may be has loaded. Returns an
   * error message as the daemon words it, or what the process is so the caller can attach to it.
   */
  async start(c: ContainerRecord): Promise<{ error: string; code: number } | { main: MainProcess }> {
    await this.loadServices([c]);
    const now = this.now();
    const main = this.mainProcess(c);
    if (main.kind === 'not-found' || main.kind === 'denied') {
      // runc's own words: a name not on PATH, or a file that is there but cannot be executed.
      // The daemon keeps the whole error, with containerd's gRPC code, as the container's State.Error.
      c.state.error = `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${execFailure(main.name, main.kind)}: unknown`;
      c.state.exitCode = main.kind === 'denied' ? 126 : 127;
      return { error: c.state.error, code: c.state.exitCode };
    }
    const user = c.config.user.split(':')[0] ?? '';
    if (user && !/^\d+$/.test(user) && !passwdHas(this.fsOf(c), user)) {
      c.state.error = `unable to find user ${user}: no matching entries in passwd file`;
      c.state.exitCode = 125;
      return { error: c.state.error, code: 125 };
    }
    for (const b of c.hostConfig.portBindings) {
      if (this.portHolder(b.hostPort, c)) {
        return {
          error: `failed to set up container networking: driver failed programming external connectivity on endpoint ${c.name} (${nextHex(this.deps.random, 64)}): Bind for ${b.hostIp}:${b.hostPort} failed: port is already allocated`,
          code: 125,
        };
      }
    }
    const bridge = this.networkByName(
      c.hostConfig.networkMode === 'default' ? 'bridge' : c.hostConfig.networkMode,
    );
    if (!bridge) return { error: `network ${c.hostConfig.networkMode} not found`, code: 125 };
    if (bridge && bridge.driver === 'bridge' && !c.network.ip) {
      const host = bridge.nextHost++;
      const base = bridge.gateway.split('.').slice(0, 3).join('.');
      c.network = {
        ...c.network,
        ip: `${base}.${host}`,
        mac: `02:42:ac:11:00:${host.toString(16).padStart(2, '0')}`,
        network: bridge.name,
      };
    }
    for (const e of endpointsOf(c)) this.networkEvent(c, e.network, 'connect');
    const processes = main.kind === 'service' ? main.service.processes(c, this.host.cpus).length : 1;
    // The init layer (/etc/hosts) names the address the container just got; tmpfs starts empty.
    this.filesystems.delete(c.id);
    delete c.tmpfsData;
    c.state = {
      status: 'running',
      pid: this.state.nextPid,
      exitCode: 0,
      oomKilled: false,
      error: '',
      startedAt: now,
      finishedAt: c.state.finishedAt,
    };
    this.state.nextPid += processes + 3;
    this.containerEvent(c, 'start');
    for (const b of c.hostConfig.portBindings) this.portHolders?.set(b.hostPort, c);
    if (main.kind === 'service') {
      const iso = (ms: number) => new Date(ms).toISOString();
      const { lines, exit } = main.service.startup(c, iso, now);
      for (const line of lines)
        c.logs.push({ at: now + line.delay, stream: line.stream, text: `${line.text}\n` });
      if (exit !== undefined)
        c.state.plannedExit = { at: now + Math.max(...lines.map((l) => l.delay)) + 5, code: exit };
    } else if (main.kind === 'sleep' && Number.isFinite(main.ms)) {
      c.state.plannedExit = { at: now + main.ms, code: 0 };
    } else if (main.kind === 'hog') {
      const limit = c.hostConfig.memory;
      if (limit > 0 && main.bytes > limit) {
        if (main.workers) {
          const stress = (text: string, delay: number) =>
            c.logs.push({ at: now + delay, stream: 'stderr', text: `${text}\n` });
          c.logs.push({
            at: now + 2,
            stream: 'stdout',
            text: 'stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n',
          });
          stress('stress: FAIL: [1] (425) <-- worker 7 got signal 9', 180);
          stress('stress: WARN: [1] (427) now reaping child worker processes', 181);
          stress('stress: FAIL: [1] (461) failed run completed in 0s', 182);
          c.state.plannedExit = { at: now + 183, code: 1, oom: true };
        } else {
          c.state.plannedExit = { at: now + 350, code: 137, oom: true };
        }
      } else if (main.workers) {
        c.logs.push({
          at: now + 2,
          stream: 'stdout',
          text: 'stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n',
        });
      }
    }
    if (c.hostConfig.restartPolicy && c.hostConfig.restartPolicy.name !== 'no') this.watchPlannedExit(c);
    watchHealth(this, c);
    return { main };
  }

  /**
   * Stops containers as the daemon does, all at once: the stop signal, up to `graceMs` for each
   * process to end, then SIGKILL for those still running. `sleep` is the caller's way of letting
   * virtual time pass.
   */
  async stop(
    containers: ContainerRecord[],
    options: { signal?: number; graceMs?: number; sleep(ms: number): Promise<void> },
  ): Promise<void> {
    const running = (c: ContainerRecord) => c.state.status === 'running' || c.state.status === 'paused';
    for (const c of containers) {
      c.manuallyStopped = true;
      this.signal(c, options.signal ?? signalNumber(c.config.stopSignal ?? 'TERM') ?? 15);
    }
    const deadline = this.now() + (options.graceMs ?? 10_000);
    const left = () => {
      this.reconcile();
      return containers.filter(running);
    };
    try {
      while (left().length > 0 && this.now() < deadline) {
        // Sleep until something can change: a process wakes, a planned exit falls due, or time is up.
        const wake = Math.min(
          deadline,
          this.deps.scheduler.nextWake() ?? deadline,
          ...left().map((c) => c.state.plannedExit?.at ?? deadline),
        );
        await options.sleep(Math.max(1, wake - this.now()));
      }
    } catch (error) {
      if (!(error instanceof Interrupted)) throw error;
    }
    for (const c of left()) this.signal(c, 9);
  }

  /** Removes a container; its anonymous volumes go too with `docker rm -v` or when it ran with `--rm`. */
  remove(c: ContainerRecord, volumes = c.hostConfig.autoRemove): void {
    if (this.state.containers[c.id] !== c) return;
    for (const m of c.mounts) {
      if (m.type === 'volume' && this.state.volumes[m.source]?.anonymous && volumes) {
        this.removeVolume(m.source);
      }
    }
    delete this.state.containers[c.id];
    this.names?.delete(c.name);
    this.filesystems.delete(c.id);
    this.containerEvent(c, 'destroy');
  }

  // --- registries ---

  /** The registry a reference's domain names: Docker Hub, or a `registry` container published on this host. */
  registryFor(domain: string): RegistryStore | { error: string } {
    if (domain === 'docker.io') return new HubStore(this.state.hub);
    const [host = domain, port = '443'] = domain.split(':');
    const local = host === 'localhost' || host === '127.0.0.1' || host === this.host.hostname;
    if (!local)
      return { error: `Get "https://${domain}/v2/": dial tcp: lookup ${host} on 10.0.2.3:53: no such host` };
    this.reconcile();
    const registry = Object.values(this.state.containers).find((c) => {
      if (c.state.status !== 'running') return false;
      const main = this.mainProcess(c);
      return (
        main.kind === 'service' &&
        main.service.name === 'registry' &&
        c.hostConfig.portBindings.some((b) => b.hostPort === Number(port) && b.containerPort === 5000)
      );
    });
    if (!registry)
      return {
        error: `Get "http://${domain}/v2/": dial tcp ${host === 'localhost' ? '127.0.0.1' : host}:${port}: connect: connection refused`,
      };
    return new VolumeStore(this.fsOf(registry));
  }

  // --- volumes and networks ---

  createVolume(name: string, anonymous = false): VolumeRecord {
    const existing = this.state.volumes[name];
    if (existing) return existing;
    const volume: VolumeRecord = {
      name,
      created: this.now(),
      labels: anonymous ? { 'com.docker.volume.anonymous': '' } : {},
      anonymous,
    };
    this.state.volumes[name] = volume;
    this.host.fs.mkdir(volumePath(name), { parents: true });
    return volume;
  }

  removeVolume(name: string): void {
    delete this.state.volumes[name];
    const path = `/var/lib/docker/volumes/${name}`;
    if (this.host.fs.exists(path)) this.host.fs.remove(path, { recursive: true });
  }

  volumeInUse(name: string): ContainerRecord | undefined {
    return Object.values(this.state.containers).find((c) =>
      c.mounts.some((m) => m.type === 'volume' && m.source === name),
    );
  }

  networkByName(name: string): NetworkRecord | undefined {
    return Object.values(this.state.networks).find((n) => n.name === name || n.id.startsWith(name));
  }

  // --- the container's view ---

  processesOf(c: ContainerRecord): (ProcessInfo & { hostPid: number })[] {
    if (c.state.status !== 'running' && c.state.status !== 'paused') return [];
    const main = this.mainProcess(c);
    const start = c.state.startedAt;
    const user = c.config.user ? c.config.user : 'root';
    const uid = /^\d+$/.test(user) ? Number(user) : user === 'root' ? 0 : 1000;
    const stat = c.state.status === 'paused' ? 'Ds' : 'Ss';
    const base = {
      ppid: 0,
      uid,
      user,
      tty: c.config.tty ? 'pts/0' : '?',
      stat,
      start,
      cpuMs: Math.min(30, Math.max(0, this.now() - start) / 20),
    };
    const out: (ProcessInfo & { hostPid: number })[] = [];
    if (main.kind === 'service') {
      main.service.processes(c, this.host.cpus).forEach((p, i) => {
        out.push({
          ...base,
          pid: i === 0 ? 1 : 28 + i,
          ppid: i === 0 ? 0 : 1,
          hostPid: c.state.pid + i,
          user: p.user,
          uid: SERVICE_UIDS[p.user] ?? 0,
          stat: i === 0 ? stat : 'S',
          rss: p.rss,
          vsz: p.vsz,
          args: p.args,
        });
      });
    } else {
      const bytes = main.kind === 'hog' ? Math.min(main.bytes, c.hostConfig.memory || main.bytes) : 0;
      out.push({
        ...base,
        pid: 1,
        hostPid: c.state.pid,
        rss: main.kind === 'hog' ? Math.round(bytes / 1024) : main.kind === 'shell' ? 3_900 : 1_000,
        vsz: main.kind === 'shell' ? 4_600 : 1_700,
        args: [c.path, ...c.args].join(' '),
      });
    }
    for (const e of c.execs) {
      out.push({
        ...base,
        pid: e.nsPid,
        ppid: 0,
        hostPid: e.hostPid,
        user: e.user,
        stat: 'Ss',
        start: e.start,
        rss: 3_800,
        vsz: 4_500,
        args: e.args,
      });
    }
    return out;
  }

  httpFrom(
    c: ContainerRecord,
    host: string,
    port: number,
    method: string,
    path: string,
    headers: [string, string][] = [],
    body?: string,
  ): HttpResponse | HttpFailure {
    const to = this.routeFrom(c, host, port);
    if ('error' in to) return to;
    const answer = to.service.http?.({
      method,
      path,
      headers,
      client: to.client,
      port: to.port,
      ...(body !== undefined ? { body } : {}),
    });
    return answer ?? { error: 'refused', host, port };
  }

  tcpFrom(c: ContainerRecord, host: string, port: number, data: string): { data: string } | HttpFailure {
    const to = this.routeFrom(c, host, port);
    if ('error' in to) return to;
    const answer = to.service.tcp?.(data, to.client);
    return answer === undefined ? { error: 'refused', host, port } : { data: answer };
  }

  /** The server a container reaches at host:port: its own on loopback, or another container's. */
  private routeFrom(c: ContainerRecord, host: string, port: number): Connection | HttpFailure {
    if (host === 'localhost' || host === '127.0.0.1' || host === c.config.hostname) {
      return this.listener(c, port, '127.0.0.1') ?? { error: 'refused', host, port };
    }
    // The embedded DNS of a user-defined network answers for its containers' names and aliases.
    const target = Object.values(this.state.containers).find(
      (o) =>
        endpointsOf(o).some((e) => e.ip === host) ||
        (o.state.status === 'running' && sharedUserNetwork(c, o) && dnsNames(o).includes(host)),
    );
    if (target) return this.listener(target, port, c.network.ip) ?? { error: 'refused', host, port };
    if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return { error: 'timeout', host, port };
    return { error: 'unresolved', host, port };
  }

  /**
   * Where a container's ping goes. Names resolve only through a user-defined network's DNS (its
   * containers' names, aliases and short IDs); an address answers when a running container on the
   * same network holds it, or when it is the host's (its gateway or its own address). Bridges are
   * isolated from each other, so another network's container never answers.
   */
  echoFrom(c: ContainerRecord, host: string): EchoRoute {
    this.reconcile();
    const own = c.network.ip || '127.0.0.1';
    if (host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host))
      return { address: host === 'localhost' ? '127.0.0.1' : host, answers: true };
    if (host === c.config.hostname || host === own) return { address: own, answers: true };
    const mine = endpointsOf(c).map((e) => e.network);
    // Every address a running peer holds on a network this container is on too.
    const reachable = Object.values(this.state.containers)
      .filter((o) => o !== c && o.state.status === 'running')
      .flatMap((o) =>
        endpointsOf(o)
          .filter((e) => e.ip && mine.includes(e.network))
          .map((e) => ({ o, e })),
      );
    const named = reachable.find(({ o, e }) => isUserNetwork(e.network) && dnsNames(o).includes(host));
    if (named) return { address: named.e.ip, answers: true };
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) return { error: 'unresolved' };
    const gateways = mine.map((n) => this.networkByName(n)?.gateway);
    const answers =
      gateways.includes(host) || host === '10.0.2.15' || reachable.some(({ e }) => e.ip === host);
    return { address: host, answers };
  }

  /** The host pings a running container's address, or its own address on a bridge. */
  echo(host: string): EchoRoute | undefined {
    this.reconcile();
    const held =
      Object.values(this.state.containers).some(
        (c) => c.state.status === 'running' && c.network.ip === host,
      ) || this.bridges().some((n) => n.gateway === host);
    return held ? { address: host, answers: true } : undefined;
  }

  killIn(c: ContainerRecord, nsPid: number, signal: number): 'ok' | 'ESRCH' {
    const target = this.processesOf(c).find((p) => p.pid === nsPid);
    if (!target) return 'ESRCH';
    const main = nsPid === 1 ? this.mainProcess(c) : undefined;
    if (main?.kind === 'service' && main.service.signal?.(signal)) return 'ok';
    if (nsPid === 1 && (signal === 9 || signal === 15)) this.finish(c, signal === 9 ? 137 : 143, this.now());
    else c.execs = c.execs.filter((e) => e.nsPid !== nsPid);
    return 'ok';
  }

  /** Lets a program running in a container answer HTTP on one of its ports until it stops. */
  listenIn(c: ContainerRecord, port: number, handler: (request: HttpRequest) => HttpResponse): () => void {
    let ports = this.listeners.get(c.id);
    if (!ports) {
      ports = new Map();
      this.listeners.set(c.id, ports);
    }
    ports.set(port, handler);
    return () => {
      if (this.listeners.get(c.id)?.get(port) === handler) this.listeners.get(c.id)?.delete(port);
    };
  }

  /** A running container's server listening on one of its own ports, with the peer address it sees. */
  private listener(c: ContainerRecord, port: number, client: string): Connection | undefined {
    if (c.state.status !== 'running') return undefined;
    const own = this.listeners.get(c.id)?.get(port);
    if (own) return { service: { http: own }, port, client };
    const main = this.mainProcess(c);
    if (main.kind !== 'service' || !main.service.ports.includes(port)) return undefined;
    return { service: main.service, port, client };
  }

  /** Where a connection from the host lands: a published port, or a container's own address. */
  private routeFromHost(host: string, port: number): Connection | HttpFailure | undefined {
    this.reconcile();
    const local = ['localhost', '127.0.0.1', '0.0.0.0', '::1', this.host.hostname, '10.0.2.15'].includes(
      host,
    );
    // A binding to 127.0.0.1 answers on loopback only; one to 0.0.0.0 on every address of the host.
    const loopback = host !== '10.0.2.15';
    for (const c of Object.values(this.state.containers)) {
      if (c.state.status !== 'running') continue;
      // The host reaches containers from its address on their bridge (docker-proxy does too).
      const gateway = this.networkByName(c.network.network)?.gateway || '172.17.0.1';
      if (local) {
        const binding = c.hostConfig.portBindings.find(
          (b) =>
            b.hostPort === port &&
            (b.hostIp === '0.0.0.0' ||
              b.hostIp === '' ||
              (loopback && b.hostIp === '127.0.0.1') ||
              b.hostIp === host),
        );
        if (binding)
          return this.listener(c, binding.containerPort, gateway) ?? { error: 'refused', host, port };
      } else if (c.network.ip === host) {
        return this.listener(c, port, gateway) ?? { error: 'refused', host, port };
      }
    }
    return undefined;
  }

  /** The host's bridges (from index 3) and veth ends (each after its container's eth0 index). */
  interfaces(): NetInterface[] {
    this.reconcile();
    const bridges = this.bridges();
    const out: NetInterface[] = bridges.map((n, i) => ({
      index: 3 + i,
      name: n.name === 'bridge' ? 'docker0' : `br-${n.id.slice(0, 12)}`,
      mac: `02:42:${n.id.slice(0, 8).replace(/(..)(?=.)/g, '$1:')}`,
      mtu: 1500,
      up: this.runningOn(n.name).length > 0,
      inet: [`${n.gateway}/16`],
    }));
    for (const c of this.withVeth()) {
      const index = this.vethIndex(c);
      out.push({
        index,
        name: `veth${c.id.slice(20, 27)}`,
        peer: `if${index - 1}`,
        mac: `9a:${c.id.slice(0, 10).replace(/(..)(?=.)/g, '$1:')}`,
        mtu: 1500,
        up: true,
        inet: [],
      });
    }
    return out;
  }

  interfacesOf(c: ContainerRecord): NetInterface[] {
    const lo: NetInterface = {
      index: 1,
      name: 'lo',
      mac: '00:00:00:00:00:00',
      mtu: 65536,
      up: true,
      inet: ['127.0.0.1/8'],
    };
    if (!c.network.ip || !this.withVeth().includes(c)) return [lo];
    const host = this.vethIndex(c);
    return [
      lo,
      {
        index: host - 1,
        name: 'eth0',
        peer: `if${host}`,
        mac: c.network.mac,
        mtu: 1500,
        up: true,
        inet: [`${c.network.ip}/16`],
      },
    ];
  }

  private bridges(): NetworkRecord[] {
    return Object.values(this.state.networks)
      .filter((n) => n.driver === 'bridge')
      .sort((a, b) => a.created - b.created || (a.name === 'bridge' ? -1 : 1));
  }

  /** The running containers with an endpoint on a network. */
  runningOn(network: string): ContainerRecord[] {
    return Object.values(this.state.containers).filter(
      (c) => c.state.status === 'running' && endpointsOf(c).some((e) => e.network === network),
    );
  }

  /**
   * Joins a container to one more network (`docker network connect`): an endpoint with the next
   * address of that network. Returns the daemon's error when the container is already there.
   */
  connect(c: ContainerRecord, network: NetworkRecord): string | undefined {
    if (endpointsOf(c).some((e) => e.network === network.name))
      return `endpoint with name ${c.name} already exists in network ${network.name}`;
    const host = network.nextHost++;
    const base = network.gateway.split('.').slice(0, 3).join('.');
    const second = Number(network.gateway.split('.')[1] ?? 17);
    c.connected = [
      ...(c.connected ?? []),
      {
        ip: `${base}.${host}`,
        mac: `02:42:ac:${second.toString(16).padStart(2, '0')}:00:${host.toString(16).padStart(2, '0')}`,
        network: network.name,
      },
    ];
    return undefined;
  }

  private withVeth(): ContainerRecord[] {
    return Object.values(this.state.containers)
      .filter((c) => c.network.ip && (c.state.status === 'running' || c.state.status === 'paused'))
      .sort((a, b) => a.state.startedAt - b.state.startedAt || a.id.localeCompare(b.id));
  }

  /** Host-side ifindex of a container's veth: odd numbers after the bridges; eth0 inside is one less. */
  private vethIndex(c: ContainerRecord): number {
    return 3 + this.bridges().length + this.withVeth().indexOf(c) * 2 + 1;
  }

  // --- Workload: what the host sees ---

  processes(): ProcessInfo[] {
    this.reconcile();
    const out: ProcessInfo[] = [];
    for (const c of Object.values(this.state.containers)) {
      const list = this.processesOf(c);
      if (list.length === 0) continue;
      out.push({
        pid: c.state.pid - 1,
        ppid: 1,
        uid: 0,
        user: 'root',
        tty: '?',
        stat: 'Sl',
        start: c.state.startedAt,
        cpuMs: 10,
        rss: 12_800,
        vsz: 1_238_000,
        args: `/usr/bin/containerd-shim-runc-v2 -namespace moby -id ${c.id} -address /run/containerd/containerd.sock`,
      });
      for (const p of list) {
        out.push({ ...p, pid: p.hostPid, ppid: p.ppid === 0 ? c.state.pid - 1 : c.state.pid });
      }
    }
    return out;
  }

  memoryBytes(): number {
    this.reconcile();
    let total = 0;
    for (const c of Object.values(this.state.containers)) total += this.containerMemory(c);
    return total;
  }

  /** Memory a container uses now (what `docker stats` reports). */
  containerMemory(c: ContainerRecord): number {
    if (c.state.status !== 'running' && c.state.status !== 'paused') return 0;
    const main = this.mainProcess(c);
    let bytes = main.kind === 'service' ? main.service.memory : main.kind === 'shell' ? 1_900_000 : 560_000;
    if (main.kind === 'hog')
      bytes = Math.min(
        Number.isFinite(main.bytes) ? main.bytes : 64 * MiB,
        c.hostConfig.memory || main.bytes,
      );
    return bytes + c.execs.length * 1_600_000;
  }

  diskBytes(): number {
    let total = 0;
    for (const layer of Object.values(this.state.layers)) total += layer.size;
    for (const c of Object.values(this.state.containers)) total += this.writableSize(c);
    return total;
  }

  http(
    host: string,
    port: number,
    method: string,
    path: string,
    headers: [string, string][] = [],
    body?: string,
  ): HttpResponse | HttpFailure | undefined {
    const to = this.routeFromHost(host, port);
    if (!to || 'error' in to) return to;
    const answer = to.service.http?.({
      method,
      path,
      headers,
      client: to.client,
      port: to.port,
      ...(body !== undefined ? { body } : {}),
    });
    return answer ?? { error: 'refused', host, port };
  }

  tcp(host: string, port: number, data: string): { data: string } | HttpFailure | undefined {
    const to = this.routeFromHost(host, port);
    if (!to || 'error' in to) return to;
    const answer = to.service.tcp?.(data, to.client);
    return answer === undefined ? { error: 'refused', host, port } : { data: answer };
  }

  kill(pid: number, signal: number, actor: User): 'ok' | 'EPERM' | undefined {
    for (const c of Object.values(this.state.containers)) {
      const p = this.processesOf(c).find((proc) => proc.hostPid === pid);
      if (!p) continue;
      if (actor.uid !== 0) return 'EPERM';
      this.killIn(c, p.pid, signal);
      return 'ok';
    }
    return undefined;
  }
}

/**
 * The names a container's embedded DNS entry answers to on a user-defined network, as the daemon
 * lists them (DNSNames): its name, its aliases, its short ID and its hostname, each once.
 */
/** Every network a container is on: the one it started on, then those it was connected to. */
export function endpointsOf(c: ContainerRecord): Endpoint[] {
  return [c.network, ...(c.connected ?? [])].filter((e) => e.network !== '');
}

/** The networks with an embedded DNS server: any but the default bridge. */
function isUserNetwork(name: string): boolean {
  return name !== 'bridge' && name !== '';
}

/** Whether two containers share a user-defined network, where each can find the other by name. */
function sharedUserNetwork(a: ContainerRecord, b: ContainerRecord): boolean {
  const theirs = endpointsOf(b).map((e) => e.network);
  return endpointsOf(a).some((e) => isUserNetwork(e.network) && theirs.includes(e.network));
}

export function dnsNames(c: ContainerRecord): string[] {
  return [...new Set([c.name, ...(c.network.aliases ?? []), c.id.slice(0, 12), c.config.hostname])];
}

/** Where a named volume's files live on the host. */
export function volumePath(name: string): string {
  return `/var/lib/docker/volumes/${name}/_data`;
}

/** Whether the container's /etc/passwd names `user`. */
function passwdHas(fs: Filesystem, user: string): boolean {
  try {
    return fs
      .readText('/etc/passwd')
      .split('\n')
      .some((line) => line.split(':')[0] === user);
  } catch {
    return false;
  }
}

function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([bkmgBKMG]?)$/.exec(text);
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  const mult = unit === 'k' ? 1024 : unit === 'm' ? MiB : unit === 'g' ? 1024 * MiB : 1;
  return Number(m[1]) * mult;
}

export type { Io };
