import type { Layer } from '../fs/node.ts';
import type { ImageConfig } from './catalogue.ts';
import type { HubState } from './registry/store.ts';

/** A layer the engine holds: from the catalogue (rebuilt from code) or made here (stored whole). */
export type LayerSource = { catalogue: string } | { inline: Layer };

export interface LayerRecord {
  /** `sha256:…` of the uncompressed content (the DiffID). */
  diffId: string;
  /** `sha256:…` of the compressed blob, as registries name it. */
  blobDigest: string;
  size: number;
  compressedSize: number;
  source: LayerSource;
}

export interface HistoryEntry {
  created: number;
  createdBy: string;
  emptyLayer?: boolean;
  comment?: string;
}

export interface ImageRecord {
  /** `sha256:…` of the image configuration. */
  id: string;
  created: number;
  os: 'linux' | 'windows';
  /** The processor the image is built for, when not the host's (amd64). */
  architecture?: string;
  /** Its variant (`v8` for arm64), when it has one. */
  variant?: string;
  config: ImageConfig;
  /** DiffIDs, base first. */
  layers: string[];
  history: HistoryEntry[];
  repoDigests: string[];
  /** When the image was last tagged here (Metadata.LastTagTime). */
  lastTagTime: number;
}

export interface PortBinding {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

export interface MountRecord {
  type: 'volume' | 'bind';
  /** Volume name, or host path for a bind mount. */
  source: string;
  destination: string;
  readOnly: boolean;
}

export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'dead';

/** A container's health check (HEALTHCHECK or `--health-*`); durations in ns, 0 or absent for the default. */
export interface Healthcheck {
  /** `["NONE"]`, `["CMD", …argv]` or `["CMD-SHELL", "command"]`. */
  test: string[];
  interval?: number;
  timeout?: number;
  startPeriod?: number;
  startInterval?: number;
  retries?: number;
}

/** What the daemon knows of a container's health, as `docker inspect` shows it under State.Health. */
export interface HealthState {
  status: 'starting' | 'healthy' | 'unhealthy';
  failingStreak: number;
  log: { start: number; end: number; exitCode: number; output: string }[];
}

/** `--restart`: when the daemon starts a container again after it exits. */
export interface RestartPolicy {
  name: 'no' | 'always' | 'on-failure' | 'unless-stopped';
  /** For `on-failure`: how many restarts at most (0: no limit). */
  maximumRetryCount: number;
}

export interface ContainerRecord {
  id: string;
  name: string;
  image: string;
  /** The image as the user named it (`docker ps` shows this). */
  imageRef: string;
  created: number;
  path: string;
  args: string[];
  config: {
    hostname: string;
    env: string[];
    user: string;
    workingDir: string;
    tty: boolean;
    openStdin: boolean;
    labels: Record<string, string>;
    exposedPorts: string[];
    healthcheck?: Healthcheck;
    /** `--stop-signal` or the image's STOPSIGNAL: what `docker stop` sends first. */
    stopSignal?: string;
  };
  hostConfig: {
    memory: number;
    nanoCpus: number;
    pidsLimit: number;
    privileged: boolean;
    readOnly: boolean;
    /** Capabilities added to and dropped from Docker's default set (`CAP_NET_BIND_SERVICE`, `ALL`). */
    capAdd?: string[];
    capDrop?: string[];
    /** `--security-opt` as given (`no-new-privileges`). */
    securityOpt?: string[];
    /** `--tmpfs`: mount point → options; each is an empty in-memory directory while the container runs. */
    tmpfs?: Record<string, string>;
    autoRemove: boolean;
    /** `--init`: a small init runs as PID 1 and passes signals on to the program. */
    init?: boolean;
    restartPolicy?: RestartPolicy;
    networkMode: string;
    portBindings: PortBinding[];
  };
  mounts: MountRecord[];
  state: {
    status: ContainerStatus;
    pid: number;
    exitCode: number;
    oomKilled: boolean;
    error: string;
    startedAt: number;
    finishedAt: number;
    /** A container whose main process ends by itself (sleep, a script) finishes at this time. */
    plannedExit?: { at: number; code: number; oom?: boolean };
    health?: HealthState;
  };
  restartCount: number;
  /** `docker stop` or `docker kill` ended it: its restart policy waits for the next `docker start`. */
  manuallyStopped?: boolean;
  /** The daemon's next wait before a restart, in ms (doubles from 100 ms up to a minute). */
  restartDelay?: number;
  /** The container's writable layer. */
  upper: Layer;
  /** What the container wrote to each `--tmpfs` mount since it started. */
  tmpfsData?: Record<string, Layer>;
  /** Lines the main process wrote, with the virtual time of each. */
  logs: { at: number; stream: 'stdout' | 'stderr'; text: string }[];
  /**
   * The container's network: its address there and, on a user-defined network, the extra names its
   * embedded DNS answers for it (`--network-alias`, a Compose service's name).
   */
  network: Endpoint;
  /** The networks `docker network connect` joined it to later, an endpoint on each. */
  connected?: Endpoint[];
  /** Extra processes (exec sessions) by namespace PID. */
  execs: { nsPid: number; hostPid: number; args: string; user: string; start: number }[];
  /** What the server running as the main process holds in memory; it starts afresh with the server. */
  service?: ServiceMemory;
}

/** A container's place on one network: its address and, on a user-defined network, its extra names. */
export interface Endpoint {
  ip: string;
  mac: string;
  network: string;
  aliases?: string[];
}

export interface ServiceMemory {
  /** Connections accepted so far (nginx numbers them in its error log). */
  connections: number;
  /** The configuration files nginx read when it started or last reloaded, by path. */
  config?: Record<string, string>;
  /** nginx's current worker PID (a reload starts a new one). */
  worker?: number;
  /** redis's keys: the value and, for a key with a time to live, when it expires (virtual ms). */
  keys?: Record<string, { value: string; expiresAt?: number }>;
  /** When the server starts accepting clients (MySQL initialises its data directory first). */
  readyAt?: number;
}

export interface VolumeRecord {
  name: string;
  created: number;
  labels: Record<string, string>;
  anonymous: boolean;
}

export interface NetworkRecord {
  id: string;
  name: string;
  driver: 'bridge' | 'host' | 'null';
  subnet: string;
  gateway: string;
  created: number;
  /** Next host number to hand out in the subnet. */
  nextHost: number;
  labels?: Record<string, string>;
}

export interface DockerState {
  images: Record<string, ImageRecord>;
  /** Full reference (`docker.io/library/alpine:latest`) → image id. */
  tags: Record<string, string>;
  layers: Record<string, LayerRecord>;
  containers: Record<string, ContainerRecord>;
  volumes: Record<string, VolumeRecord>;
  networks: Record<string, NetworkRecord>;
  nextPid: number;
  /**
   * The build cache: step key → the layer it made (null for a step that changed no files) and when; a
   * local source's record (`local:…`) has the bytes it transferred (see `docker/build/cache.ts`).
   */
  buildCache: Record<string, { diffId: string | null; created: number; size?: number }>;
  /** Docker Hub repositories learners pushed to. */
  hub: HubState;
  /** Layer content by blob digest, for every layer ever pushed (registries store blobs, not files). */
  blobSources: Record<string, LayerRecord>;
  login?: { registry: string; username: string };
  /** What `docker events` reports: the daemon's last events, oldest first (absent in older labs). */
  events?: DockerEvent[];
}

/** One event of the daemon's log: what happened to which object, and when. */
export interface DockerEvent {
  /** Virtual milliseconds since the epoch. */
  at: number;
  type: 'container' | 'network';
  action: string;
  /** The object's ID. */
  id: string;
  attributes: Record<string, string>;
}
