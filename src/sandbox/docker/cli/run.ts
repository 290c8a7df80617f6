import { nextHex } from '../../core/random.ts';
import { resolvePath } from '../../fs/path.ts';
import { hostOf } from '../../shell/interpreter.ts';
import { Interrupted } from '../../shell/program.ts';
import { EMPTY_INPUT } from '../../shell/streams.ts';
import { containerEnv, containerUser, runInContainer } from '../container-process.ts';
import { parseGoDuration } from '../dockerfile/goparse.ts';
import type { MainProcess } from '../engine.ts';
import { ramInBytes } from '../format/units.ts';
import { generateName } from '../names.ts';
import {
  DETECTED_HOST_PLATFORM,
  formatPlatform,
  imagePlatform,
  parsePlatform,
  platformMatches,
  platformMismatch,
} from '../platform.ts';
import { familiarString, parseReference, withDefaultTag } from '../reference.ts';
import { normaliseCapabilities, securityOptDaemonError, securityOptError } from '../security.ts';
import type {
  ContainerRecord,
  Healthcheck,
  ImageRecord,
  MountRecord,
  PortBinding,
  RestartPolicy,
} from '../state.ts';
import {
  type DockerCli,
  type DockerCommand,
  flagError,
  refuseTtyWithoutTerminal,
  runError,
} from './context.ts';
import { type FlagSpec, flag, flagAll, flagOn, type ParsedFlags } from './flags.ts';
import { pullImage } from './pull.ts';

/** Virtual time runc takes to create the namespaces, cgroups and overlay mount of a container. */
export const CONTAINER_START_MS = 280;

export const CREATE_FLAGS: FlagSpec[] = [
  { name: 'cap-add', value: true, repeat: true, type: 'list', usage: 'Add Linux capabilities' },
  { name: 'cap-drop', value: true, repeat: true, type: 'list', usage: 'Drop Linux capabilities' },
  { name: 'cpus', value: true, type: 'decimal', usage: 'Number of CPUs' },
  { name: 'entrypoint', value: true, usage: 'Overwrite the default ENTRYPOINT of the image' },
  { name: 'env', short: 'e', value: true, repeat: true, type: 'list', usage: 'Set environment variables' },
  {
    name: 'env-file',
    value: true,
    repeat: true,
    type: 'list',
    usage: 'Read in a file of environment variables',
  },
  { name: 'expose', value: true, repeat: true, type: 'list', usage: 'Expose a port or a range of ports' },
  { name: 'health-cmd', value: true, usage: 'Command to run to check health' },
  {
    name: 'health-interval',
    value: true,
    type: 'duration',
    usage: 'Time between running the check (ms|s|m|h) (default 0s)',
  },
  {
    name: 'health-retries',
    value: true,
    type: 'int',
    usage: 'Consecutive failures needed to report unhealthy',
  },
  {
    name: 'health-start-interval',
    value: true,
    type: 'duration',
    usage: 'Time between running the check during the start period (ms|s|m|h) (default 0s)',
  },
  {
    name: 'health-start-period',
    value: true,
    type: 'duration',
    usage:
      'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)',
  },
  {
    name: 'health-timeout',
    value: true,
    type: 'duration',
    usage: 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)',
  },
  { name: 'hostname', short: 'h', value: true, usage: 'Container host name' },
  {
    name: 'init',
    usage: 'Run an init inside the container that forwards signals and reaps processes',
  },
  { name: 'interactive', short: 'i', usage: 'Keep STDIN open even if not attached' },
  {
    name: 'label',
    short: 'l',
    value: true,
    repeat: true,
    type: 'list',
    usage: 'Set meta data on a container',
  },
  { name: 'memory', short: 'm', value: true, type: 'bytes', usage: 'Memory limit' },
  {
    name: 'mount',
    value: true,
    repeat: true,
    type: 'mount',
    usage: 'Attach a filesystem mount to the container',
  },
  { name: 'name', value: true, usage: 'Assign a name to the container' },
  { name: 'network', value: true, type: 'network', usage: 'Connect a container to a network' },
  { name: 'no-healthcheck', usage: 'Disable any container-specified HEALTHCHECK' },
  {
    name: 'network-alias',
    value: true,
    repeat: true,
    type: 'list',
    usage: 'Add network-scoped alias for the container',
  },
  { name: 'pids-limit', value: true, type: 'int', usage: 'Tune container pids limit (set -1 for unlimited)' },
  { name: 'platform', value: true, usage: 'Set platform if server is multi-platform capable' },
  { name: 'privileged', usage: 'Give extended privileges to this container' },
  {
    name: 'publish',
    short: 'p',
    value: true,
    repeat: true,
    type: 'list',
    usage: "Publish a container's port(s) to the host",
  },
  { name: 'publish-all', short: 'P', usage: 'Publish all exposed ports to random ports' },
  { name: 'read-only', usage: "Mount the container's root filesystem as read only" },
  {
    name: 'restart',
    value: true,
    usage: 'Restart policy to apply when a container exits (default "no")',
  },
  {
    name: 'rm',
    usage: 'Automatically remove the container and its associated anonymous volumes when it exits',
  },
  { name: 'security-opt', value: true, repeat: true, type: 'list', usage: 'Security Options' },
  { name: 'stop-signal', value: true, usage: 'Signal to stop the container' },
  { name: 'tmpfs', value: true, repeat: true, type: 'list', usage: 'Mount a tmpfs directory' },
  { name: 'tty', short: 't', usage: 'Allocate a pseudo-TTY' },
  { name: 'user', short: 'u', value: true, usage: 'Username or UID (format: <name|uid>[:<group|gid>])' },
  { name: 'volume', short: 'v', value: true, repeat: true, type: 'list', usage: 'Bind mount a volume' },
  { name: 'workdir', short: 'w', value: true, usage: 'Working directory inside the container' },
  { name: 'help' },
];

export const run: DockerCommand = {
  name: 'run',
  aliases: ['container run'],
  usage: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
  summary: 'Create and run a new container from an image',
  flags: [
    { name: 'detach', short: 'd', usage: 'Run container in background and print container ID' },
    ...CREATE_FLAGS,
  ].sort((a, b) => a.name.localeCompare(b.name)),
  stopAtPositional: true,
  minArgs: 1,
  run: async (cli, parsed) => {
    const refused = refuseTtyWithoutTerminal(cli, parsed);
    if (refused !== undefined) return refused;
    const created = await createContainer(cli, parsed, 'run');
    if (typeof created === 'number') return created;
    return startAndAttach(cli, created, parsed);
  },
};

export const create: DockerCommand = {
  name: 'create',
  aliases: ['container create'],
  usage: 'docker create [OPTIONS] IMAGE [COMMAND] [ARG...]',
  summary: 'Create a new container',
  flags: CREATE_FLAGS,
  stopAtPositional: true,
  minArgs: 1,
  run: async (cli, parsed) => {
    const created = await createContainer(cli, parsed, 'create');
    if (typeof created === 'number') return created;
    cli.out(`${created.id}\n`);
    return 0;
  },
};

/** Resolves the image (pulling it if missing) and records a new container. Returns an exit code on failure. */
export async function createContainer(
  cli: DockerCli,
  parsed: ParsedFlags,
  command: string,
): Promise<ContainerRecord | number> {
  const { engine, ctx } = cli;
  const [imageArg = '', ...cmd] = parsed.positionals;
  // --mount is a flag value the client parses first, refusing a bad one as pflag does.
  for (const spec of flagAll(parsed, 'mount')) {
    const mount = parseMount(spec, ctx.cwd);
    if ('error' in mount && mount.error.startsWith('invalid argument'))
      return flagError(
        cli,
        `docker ${command}`,
        `docker ${command} [OPTIONS] IMAGE [COMMAND] [ARG...]`,
        mount.error,
      );
  }
  const envFiles: string[] = [];
  for (const file of flagAll(parsed, 'env-file')) {
    try {
      envFiles.push(...envFileLines(ctx.fs.readText(resolvePath(ctx.cwd, file, ctx.user.home))));
    } catch {
      return runError(cli, command, `open ${file}: no such file or directory`);
    }
  }
  const restart = restartPolicy(flag(parsed, 'restart') ?? 'no');
  if ('client' in restart) return runError(cli, command, restart.client);
  if (flagOn(parsed, 'rm') && restart.policy.name !== 'no')
    return runError(cli, command, 'conflicting options: cannot specify both --restart and --rm');
  const securityOpt = flagAll(parsed, 'security-opt');
  const securityOptRefused = securityOptError(securityOpt);
  if (securityOptRefused) return runError(cli, command, securityOptRefused);
  // The client parses --platform itself (API 1.41 and later); its errors, like the daemon's and the
  // pull's, end `create` with status 1 and `run` with 125 and its help line.
  const failed = (message: string) => {
    if (command === 'run') return runError(cli, command, message);
    cli.err(`${message}\n`);
    return 1;
  };
  const platformFlag = flag(parsed, 'platform');
  const platform = platformFlag === undefined ? undefined : parsePlatform(platformFlag);
  if (platform && 'error' in platform) return failed(`error parsing specified platform: ${platform.error}`);
  const parsedRef = parseReference(imageArg);
  let image: ImageRecord | undefined = engine.findImage(imageArg);
  // A local image of another platform than the one asked for counts as not found, so it is pulled.
  if (image && platform && platformMismatch(image, imageArg, platform)) image = undefined;
  if (!image) {
    if (!parsedRef.ok) return runError(cli, command, parsedRef.error);
    const ref = parsedRef.ref.digest ? parsedRef.ref : withDefaultTag(parsedRef.ref);
    cli.err(`Unable to find image '${familiarString(ref)}' locally\n`);
    const pulled = await pullImage(cli, ref, cli.err, platform);
    if ('error' in pulled)
      return failed(pulled.streamed ? pulled.error : `Error response from daemon: ${pulled.error}`);
    image = pulled.image;
    const mismatch = platform && platformMismatch(image, familiarString(ref), platform);
    if (mismatch) return failed(`Error response from daemon: ${mismatch}`);
  }
  if (image.os !== 'linux') {
    return failed(
      `Error response from daemon: image operating system "${image.os}" cannot be used on this platform: operating system is not supported`,
    );
  }
  if ('daemon' in restart) return failed(`Error response from daemon: ${restart.daemon}`);
  const health = healthcheck(parsed, image.config.Healthcheck);
  const name = flag(parsed, 'name');
  if (name !== undefined) {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) {
      return failed(
        `Error response from daemon: Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
      );
    }
    const clash = engine.findContainer(name);
    if (clash && clash.name === name) {
      return failed(
        `Error response from daemon: Conflict. The container name "/${name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
    }
  }
  const capAdd = normaliseCapabilities(flagAll(parsed, 'cap-add'));
  if ('error' in capAdd) return failed(`Error response from daemon: invalid CapAdd: ${capAdd.error}`);
  const capDrop = normaliseCapabilities(flagAll(parsed, 'cap-drop'));
  if ('error' in capDrop) return failed(`Error response from daemon: invalid CapDrop: ${capDrop.error}`);
  const securityOptUnknown = securityOptDaemonError(securityOpt);
  if (securityOptUnknown) return failed(`Error response from daemon: ${securityOptUnknown}`);
  const ports: PortBinding[] = [];
  for (const spec of flagAll(parsed, 'publish')) {
    // nat.ParsePortSpec: [ip:][hostPort:]containerPort[/proto], each part checked in turn.
    const [address = '', proto = 'tcp'] = spec.split('/');
    const parts = address.split(':');
    const containerText = parts.pop() ?? '';
    const hostText = parts.pop() ?? '';
    const ip = parts.join(':');
    const invalid = (what: string, value: string) => runError(cli, command, `invalid ${what}: ${value}`);
    if (ip && !/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return invalid('IP address', ip);
    if (!/^\d+$/.test(containerText) || Number(containerText) > 65535)
      return invalid('containerPort', containerText);
    if (hostText && (!/^\d+$/.test(hostText) || Number(hostText) > 65535))
      return invalid('hostPort', hostText);
    if (proto !== 'tcp' && proto !== 'udp') return invalid('proto', proto);
    ports.push({
      hostIp: ip || '0.0.0.0',
      hostPort: hostText ? Number(hostText) : ephemeralPort(engine, ports),
      containerPort: Number(containerText),
      protocol: proto,
    });
  }

  // --expose 80 or 80/udp: the port is exposed as if the image had it, and -P publishes it.
  const expose: string[] = [];
  for (const text of flagAll(parsed, 'expose')) {
    const [port = '', proto = 'tcp'] = text.split('/');
    if (!/^\d+$/.test(port) || Number(port) > 65535)
      return runError(cli, command, `invalid range format for --expose: ${text}`);
    expose.push(`${Number(port)}/${proto}`);
  }
  if (flagOn(parsed, 'publish-all')) {
    // -P: every port the image exposes, each on a free port of the ephemeral range.
    for (const exposed of [...Object.keys(image.config.ExposedPorts ?? {}), ...expose]) {
      const [port = '', proto = 'tcp'] = exposed.split('/');
      if (ports.some((p) => p.containerPort === Number(port) && p.protocol === proto)) continue;
      ports.push({
        hostIp: '0.0.0.0',
        hostPort: ephemeralPort(engine, ports),
        containerPort: Number(port),
        protocol: proto as 'tcp' | 'udp',
      });
    }
  }
  let memory = 0;
  const memoryFlag = flag(parsed, 'memory');
  if (memoryFlag !== undefined) {
    const bytes = ramInBytes(memoryFlag) ?? 0;
    if (bytes < 6 * 1024 * 1024)
      return failed('Error response from daemon: Minimum memory limit allowed is 6MB');
    memory = bytes;
  }
  const cpusFlag = flag(parsed, 'cpus');
  const cpus = cpusFlag === undefined ? 0 : Number(cpusFlag);
  if (cpusFlag !== undefined && !(cpus > 0))
    return runError(
      cli,
      command,
      `invalid argument "${cpusFlag}" for "--cpus" flag: failed to parse ${cpusFlag} as a rational number`,
    );
  if (cpus > engine.host.cpus) {
    return failed(
      `Error response from daemon: range of CPUs is from 0.01 to ${engine.host.cpus}.00, as there are only ${engine.host.cpus} CPUs available`,
    );
  }
  // A network that does not exist yet is the start's failure, not the create's (moby's
  // validateNetworkingConfig lets it be made later).
  const network = flag(parsed, 'network') ?? 'default';

  const id = nextHex(ctx.random, 64);
  const entrypointFlag = flag(parsed, 'entrypoint');
  const entrypoint =
    entrypointFlag !== undefined ? (entrypointFlag ? [entrypointFlag] : []) : (image.config.Entrypoint ?? []);
  const commandLine = cmd.length > 0 ? cmd : entrypointFlag !== undefined ? [] : (image.config.Cmd ?? []);
  const argv = [...entrypoint, ...commandLine];
  if (argv.length === 0) return failed('Error response from daemon: no command specified');

  // The daemon keeps the variables given first, then adds the image's that they do not set.
  const env: string[] = [];
  const keyOf = (entry: string) => entry.slice(0, entry.indexOf('='));
  for (const e of [...envFiles, ...flagAll(parsed, 'env')]) {
    const value = e.includes('=') ? e : `${e}=${ctx.env[e] ?? ''}`;
    if (!e.includes('=') && ctx.env[e] === undefined) continue;
    const at = env.findIndex((x) => keyOf(x) === keyOf(value));
    if (at === -1) env.push(value);
    else env[at] = value;
  }
  env.push(...image.config.Env.filter((entry) => !env.some((x) => keyOf(x) === keyOf(entry))));

  const mounts: MountRecord[] = [];
  for (const spec of flagAll(parsed, 'volume')) {
    const parts = spec.split(':');
    if (parts.length === 1) {
      mounts.push({
        type: 'volume',
        source: nextHex(ctx.random, 64),
        destination: parts[0] as string,
        readOnly: false,
      });
      continue;
    }
    const [source = '', destination = '', mode = ''] = parts;
    if (!destination.startsWith('/'))
      return failed(
        `Error response from daemon: invalid volume specification: '${spec}': invalid mount config for type "volume": invalid mount path: '${destination}' mount path must be absolute`,
      );
    const bind = source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
    if (!bind && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(source))
      return failed(
        `Error response from daemon: create ${source}: "${source}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
      );
    mounts.push({
      type: bind ? 'bind' : 'volume',
      source: bind ? resolvePath(ctx.cwd, source, ctx.user.home) : source,
      destination,
      readOnly: mode === 'ro',
    });
  }

  for (const spec of flagAll(parsed, 'mount')) {
    const mount = parseMount(spec, ctx.cwd);
    if ('error' in mount) return runError(cli, command, mount.error);
    if (mount.type === 'bind' && !engine.host.fs.exists(mount.source))
      return failed(
        `Error response from daemon: invalid mount config for type "bind": bind source path does not exist: ${mount.source}`,
      );
    mounts.push(mount.source ? mount : { ...mount, source: nextHex(ctx.random, 64) });
  }
  const tmpfs = flagAll(parsed, 'tmpfs');
  const aliases = flagAll(parsed, 'network-alias');
  if (aliases.length > 0 && (network === 'default' || network === 'bridge'))
    return runError(
      cli,
      command,
      'Error response from daemon: network-scoped alias is supported only for containers in user defined networks',
    );

  // Without --platform, the daemon creates the container whatever the image's platform, and warns.
  if (!platform && !platformMatches(DETECTED_HOST_PLATFORM, imagePlatform(image)))
    cli.err(
      `WARNING: The requested image's platform (${formatPlatform(imagePlatform(image))}) does not match the detected host platform (${formatPlatform(DETECTED_HOST_PLATFORM)}) and no specific platform was requested\n`,
    );
  return recordContainer(cli, {
    id,
    image,
    imageRef: imageArg,
    ...(name !== undefined ? { name } : {}),
    argv,
    env,
    ...(flag(parsed, 'hostname') !== undefined ? { hostname: flag(parsed, 'hostname') as string } : {}),
    ...(flag(parsed, 'user') !== undefined ? { user: flag(parsed, 'user') as string } : {}),
    ...(flag(parsed, 'workdir') !== undefined ? { workingDir: flag(parsed, 'workdir') as string } : {}),
    tty: flagOn(parsed, 'tty'),
    openStdin: flagOn(parsed, 'interactive'),
    labels: Object.fromEntries(
      flagAll(parsed, 'label').map((l) => [l.split('=')[0] ?? l, l.split('=').slice(1).join('=')]),
    ),
    ports,
    ...(expose.length > 0 ? { expose } : {}),
    mounts,
    memory,
    nanoCpus: Math.round(cpus * 1e9),
    pidsLimit: Number(flag(parsed, 'pids-limit') ?? 0),
    privileged: flagOn(parsed, 'privileged'),
    readOnly: flagOn(parsed, 'read-only'),
    ...(capAdd.caps.length > 0 ? { capAdd: capAdd.caps } : {}),
    ...(capDrop.caps.length > 0 ? { capDrop: capDrop.caps } : {}),
    ...(securityOpt.length > 0 ? { securityOpt } : {}),
    ...(tmpfs.length > 0
      ? {
          tmpfs: Object.fromEntries(
            tmpfs.map((t) => [t.split(':')[0] ?? t, t.split(':').slice(1).join(':')]),
          ),
        }
      : {}),
    autoRemove: flagOn(parsed, 'rm'),
    init: flagOn(parsed, 'init'),
    network,
    ...(aliases.length > 0 ? { aliases } : {}),
    restartPolicy: restart.policy,
    ...(health.check ? { healthcheck: health.check } : {}),
    ...(flag(parsed, 'stop-signal') !== undefined
      ? { stopSignal: flag(parsed, 'stop-signal') as string }
      : {}),
  });
}

/** Everything a new container is made from, once the command line (or a Compose service) is read. */
export interface ContainerSpec {
  /** The container's ID; drawn here when not given. */
  id?: string;
  image: ImageRecord;
  /** The image as the user named it. */
  imageRef: string;
  /** A generated name (`eager_turing`) when not given. */
  name?: string;
  /** The main process: entrypoint and command, resolved against the image's. */
  argv: string[];
  /** The whole environment, the image's included (`KEY=VALUE`). */
  env: string[];
  /** The short ID when not given. */
  hostname?: string;
  /** The image's when not given. */
  user?: string;
  /** The image's when not given. */
  workingDir?: string;
  tty: boolean;
  openStdin: boolean;
  labels: Record<string, string>;
  ports: PortBinding[];
  /** Ports to expose besides the image's and the published ones (`80/tcp`). */
  expose?: string[];
  /** Mounts asked for; the image's VOLUMEs not covered get anonymous volumes. */
  mounts: MountRecord[];
  memory: number;
  nanoCpus: number;
  pidsLimit: number;
  privileged: boolean;
  readOnly: boolean;
  /** Capabilities added to and dropped from Docker's default set, as the daemon names them. */
  capAdd?: string[];
  capDrop?: string[];
  /** `--security-opt` as given (`no-new-privileges`). */
  securityOpt?: string[];
  /** `--tmpfs`: an empty in-memory directory at each path, with its mount options. */
  tmpfs?: Record<string, string>;
  autoRemove: boolean;
  init: boolean;
  /** `default` (the bridge) or a network's name. */
  network: string;
  /** Extra names the container answers to on a user-defined network (a Compose service's name). */
  aliases?: string[];
  restartPolicy?: RestartPolicy;
  healthcheck?: Healthcheck;
  /** `--stop-signal`; the image's STOPSIGNAL when not given. */
  stopSignal?: string;
}

/** Records a new container from a spec, as the daemon's create does: volumes, mount points, name. */
export function recordContainer(cli: DockerCli, spec: ContainerSpec): ContainerRecord {
  const { engine, ctx } = cli;
  const { image, ports } = spec;
  const id = spec.id ?? nextHex(ctx.random, 64);
  const mounts = [...spec.mounts];
  for (const path of Object.keys(image.config.Volumes ?? {})) {
    if (!mounts.some((m) => m.destination === path)) {
      mounts.push({ type: 'volume', source: nextHex(ctx.random, 64), destination: path, readOnly: false });
    }
  }
  // Like the daemon, -v creates a missing bind source as an empty root-owned directory.
  for (const m of mounts) {
    if (m.type === 'bind' && !engine.host.fs.exists(m.source))
      engine.host.fs.mkdir(m.source, { parents: true });
  }

  const network = spec.network;
  const container: ContainerRecord = {
    id,
    name: spec.name ?? generateName(ctx.random, (n) => engine.containerNamed(n) !== undefined),
    image: image.id,
    imageRef: spec.imageRef,
    created: ctx.now(),
    path: spec.argv[0] as string,
    args: spec.argv.slice(1),
    config: {
      hostname: spec.hostname ?? id.slice(0, 12),
      env: spec.env,
      user: spec.user ?? image.config.User,
      workingDir: spec.workingDir ?? image.config.WorkingDir,
      tty: spec.tty,
      openStdin: spec.openStdin,
      labels: spec.labels,
      exposedPorts: [
        ...new Set([
          ...Object.keys(image.config.ExposedPorts ?? {}),
          ...(spec.expose ?? []),
          ...ports.map((p) => `${p.containerPort}/${p.protocol}`),
        ]),
      ],
      ...(healthcheckOf(spec) ? { healthcheck: healthcheckOf(spec) as Healthcheck } : {}),
      ...((spec.stopSignal ?? spec.image.config.StopSignal)
        ? { stopSignal: (spec.stopSignal ?? spec.image.config.StopSignal) as string }
        : {}),
    },
    hostConfig: {
      memory: spec.memory,
      nanoCpus: spec.nanoCpus,
      pidsLimit: spec.pidsLimit,
      privileged: spec.privileged,
      readOnly: spec.readOnly,
      ...(spec.capAdd ? { capAdd: spec.capAdd } : {}),
      ...(spec.capDrop ? { capDrop: spec.capDrop } : {}),
      ...(spec.securityOpt ? { securityOpt: spec.securityOpt } : {}),
      ...(spec.tmpfs ? { tmpfs: spec.tmpfs } : {}),
      autoRemove: spec.autoRemove,
      ...(spec.init ? { init: true } : {}),
      ...(spec.restartPolicy ? { restartPolicy: spec.restartPolicy } : {}),
      networkMode: network,
      portBindings: ports,
      ...(spec.restartPolicy ? { restartPolicy: spec.restartPolicy } : {}),
    },
    mounts,
    state: {
      status: 'created',
      pid: 0,
      exitCode: 0,
      oomKilled: false,
      error: '',
      startedAt: 0,
      finishedAt: 0,
    },
    restartCount: 0,
    upper: {},
    logs: [],
    network: {
      ip: '',
      mac: '',
      network: network === 'default' ? 'bridge' : network,
      ...(spec.aliases ? { aliases: spec.aliases } : {}),
    },
    execs: [],
  };
  engine.addContainer(container);
  prepareMounts(cli, container);
  return container;
}

/** Creates volumes and mount points; a new volume starts with what the image has at its path. */
/** `--mount type=volume|bind,src=…,dst=…[,readonly]`, as the CLI reads it (a CSV of key=value). */
export function parseMount(spec: string, cwd: string): MountRecord | { error: string } {
  let type = 'volume';
  let source = '';
  let destination = '';
  let readOnly = false;
  for (const field of spec.split(',')) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? undefined : field.slice(eq + 1);
    if (key === 'type') type = value ?? '';
    else if (key === 'source' || key === 'src') source = value ?? '';
    else if (key === 'target' || key === 'destination' || key === 'dst') destination = value ?? '';
    else if (key === 'readonly' || key === 'ro')
      readOnly = value === undefined || ['1', 'true'].includes(value.toLowerCase());
    else if (
      !['consistency', 'bind-propagation', 'volume-nocopy', 'volume-driver'].includes(key) &&
      !key.startsWith('volume-opt')
    )
      return {
        error: `invalid argument "${spec}" for "--mount" flag: unexpected key '${key}' in '${field}'`,
      };
  }
  if (type !== 'volume' && type !== 'bind')
    return { error: `invalid argument "${spec}" for "--mount" flag: invalid value for 'type': ${type}` };
  if (!destination) return { error: `invalid argument "${spec}" for "--mount" flag: target is required` };
  if (type === 'bind' && !source)
    return {
      error:
        'Error response from daemon: invalid mount config for type "bind": field Source must not be empty',
    };
  return {
    type,
    source: type === 'bind' ? resolvePath(cwd, source) : source,
    destination,
    readOnly,
  };
}

function prepareMounts(cli: DockerCli, container: ContainerRecord): void {
  const { engine } = cli;
  const imageFs = engine.fsOf({ ...container, id: `${container.id}:image`, mounts: [], upper: {} });
  for (const m of container.mounts) {
    if (m.type !== 'volume') continue;
    const isNew = !engine.state.volumes[m.source];
    engine.createVolume(m.source, /^[a-f0-9]{64}$/.test(m.source));
    if (isNew && imageFs.isDir(m.destination)) {
      for (const name of imageFs.readdir(m.destination)) {
        const from = `${m.destination}/${name}`;
        const to = `/var/lib/docker/volumes/${m.source}/_data/${name}`;
        const node = imageFs.lstat(from);
        if (node?.type === 'dir') engine.host.fs.mkdir(to, { parents: true });
        else if (node) engine.host.fs.copyNode(node, to);
      }
    }
  }
  const fs = engine.fsOf(container);
  for (const m of container.mounts)
    if (!fs.isDir(m.destination))
      container.upper[m.destination] = { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: engine.now() };
  // The daemon creates a missing working directory (`-w /app`) in the container's layer.
  const workdir = container.config.workingDir;
  if (workdir.startsWith('/') && !fs.exists(workdir)) fs.mkdir(workdir, { parents: true });
}

/** Starts a container and stays attached as `docker run` does without `-d`. */
export async function startAndAttach(
  cli: DockerCli,
  c: ContainerRecord,
  parsed: ParsedFlags,
): Promise<number> {
  const { engine } = cli;
  const detach = flagOn(parsed, 'detach');
  // Detached, the client prints the new ID as soon as the container is created, so a failed start follows it.
  if (detach) cli.out(`${c.id}\n`);
  else engine.containerEvent(c, 'attach');
  await cli.ctx.sleep(CONTAINER_START_MS);
  const started = await engine.start(c);
  if ('error' in started) {
    if (c.hostConfig.autoRemove) engine.remove(c);
    return runError(cli, 'run', `Error response from daemon: ${started.error}`, started.code);
  }
  if (detach) {
    engine.launch(c, started.main);
    return 0;
  }
  const code = await attach(cli, c, started.main, flagOn(parsed, 'interactive'));
  if (c.hostConfig.autoRemove) engine.remove(c);
  return code;
}

/** Follows the main process until it ends; returns the container's exit code. */
export async function attach(
  cli: DockerCli,
  c: ContainerRecord,
  main: MainProcess,
  interactive: boolean,
): Promise<number> {
  const { engine, ctx } = cli;
  let shown = 0;
  /** Prints the log lines written by now from the `from`th on; returns how many are shown. */
  const replay = (from: number) => {
    const lines = c.logs.filter((l) => l.at <= ctx.now());
    for (const line of lines.slice(from)) (line.stream === 'stdout' ? cli.out : cli.err)(line.text);
    return lines.length;
  };
  const finish = (code: number, oom = false) => {
    if (c.state.status === 'running') engine.finish(c, code, ctx.now(), oom);
    return c.state.exitCode;
  };
  try {
    if (main.kind === 'shell') {
      if (!interactive) return finish(0);
      // A shell reading a pipe (`echo ls | docker run -i alpine`) runs what it reads as a script.
      if (!ctx.stdin.isTTY) {
        const io = { stdout: ctx.stdout, stderr: ctx.stderr };
        return finish(await runInContainer(engine, c, [c.path, ...c.args], hostOf(ctx), ctx.stdin, io));
      }
      const code = await ctx.session({
        system: engine.systemOf(c),
        fs: engine.fsOf(c),
        user: containerUser(c, engine.fsOf(c)),
        cwd: c.config.workingDir || '/',
        env: containerEnv(c),
        shell: main.flavor,
      });
      return finish(code);
    }
    if (main.kind === 'program') {
      const io = { stdout: ctx.stdout, stderr: ctx.stderr };
      // Without -i or -t the container's standard input is /dev/null: `tty` says `not a tty`.
      const stdin = interactive || c.config.tty ? ctx.stdin : EMPTY_INPUT;
      return finish(await runInContainer(engine, c, main.argv, hostOf(ctx), stdin, io));
    }
    // Services, sleepers and memory hogs: replay their log lines as time passes, until they end.
    for (;;) {
      engine.reconcile();
      shown = replay(shown);
      if (c.state.status !== 'running') return c.state.exitCode;
      const next = c.logs[shown]?.at ?? c.state.plannedExit?.at;
      await ctx.sleep(next !== undefined ? Math.max(1, next - ctx.now()) : Number.POSITIVE_INFINITY);
    }
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    // Ctrl-C: a server shuts down at SIGINT; anything else is killed.
    engine.signal(c, 2);
    if (c.state.plannedExit) engine.finish(c, c.state.plannedExit.code, ctx.now());
    engine.signal(c, 9);
    // What the process says as it stops (nginx's exit notices, Python's goodbye) still reaches the terminal.
    if (main.kind !== 'shell' && main.kind !== 'program') replay(shown);
    return c.state.exitCode;
  }
}

/**
 * A `--restart` value as the client parses it (`on-failure:3`) and the daemon checks it, with each
 * side's own error: the client's about the format, the daemon's about the policy.
 */
export function restartPolicy(
  spec: string,
): { policy: RestartPolicy } | { client: string } | { daemon: string; policy: RestartPolicy } {
  const [name = '', count, ...extra] = spec.split(':');
  if (extra.length > 0) return { client: `invalid restart policy format: ${spec}` };
  if (name === '' && count !== undefined)
    return { client: 'invalid restart policy format: no policy provided before colon' };
  if (count !== undefined && !/^-?\d+$/.test(count))
    return { client: 'invalid restart policy format: maximum retry count must be an integer' };
  const policy: RestartPolicy = {
    name: (name || 'no') as RestartPolicy['name'],
    maximumRetryCount: count === undefined ? 0 : Number(count),
  };
  if (!['no', 'always', 'on-failure', 'unless-stopped'].includes(policy.name))
    return {
      daemon: `invalid restart policy: unknown policy '${name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`,
      policy,
    };
  if (policy.name !== 'on-failure' && policy.maximumRetryCount !== 0)
    return {
      daemon: `invalid restart policy: maximum retry count can only be used with 'on-failure'${policy.maximumRetryCount < 0 ? ' and cannot be negative' : ''}`,
      policy,
    };
  if (policy.maximumRetryCount < 0)
    return { daemon: 'invalid restart policy: maximum retry count cannot be negative', policy };
  return { policy };
}

/**
 * The container's health check: the image's HEALTHCHECK with `--health-*` flags over it, or none
 * with `--no-healthcheck` (kept as `["NONE"]`, as the daemon keeps it).
 */
function healthcheck(
  parsed: ParsedFlags,
  image: ImageRecord['config']['Healthcheck'],
): { check?: Healthcheck } {
  if (flagOn(parsed, 'no-healthcheck')) return { check: { test: ['NONE'] } };
  const check = imageHealthcheck(image);
  const cmd = flag(parsed, 'health-cmd');
  const durations = {
    interval: 'health-interval',
    timeout: 'health-timeout',
    startPeriod: 'health-start-period',
    startInterval: 'health-start-interval',
  } as const;
  const given: Partial<Healthcheck> = cmd !== undefined ? { test: ['CMD-SHELL', cmd] } : {};
  for (const [key, name] of Object.entries(durations) as [keyof typeof durations, string][]) {
    const text = flag(parsed, name);
    const parsedDuration = text === undefined ? undefined : parseGoDuration(text);
    if (parsedDuration?.ok) given[key] = parsedDuration.value;
  }
  const retries = flag(parsed, 'health-retries');
  if (retries !== undefined) given.retries = Number(retries);
  if (Object.keys(given).length === 0) return check ? { check } : {};
  return { check: { test: ['NONE'], ...check, ...given } };
}

/** An image's HEALTHCHECK in the container's own terms. */
function imageHealthcheck(image: ImageRecord['config']['Healthcheck']): Healthcheck | undefined {
  if (!image) return undefined;
  return {
    test: image.Test,
    ...(image.Interval ? { interval: image.Interval } : {}),
    ...(image.Timeout ? { timeout: image.Timeout } : {}),
    ...(image.StartPeriod ? { startPeriod: image.StartPeriod } : {}),
    ...(image.StartInterval ? { startInterval: image.StartInterval } : {}),
    ...(image.Retries ? { retries: image.Retries } : {}),
  };
}

/** The health check a new container gets: the one asked for, or its image's. */
function healthcheckOf(spec: ContainerSpec): Healthcheck | undefined {
  return spec.healthcheck ?? imageHealthcheck(spec.image.config.Healthcheck);
}

/** The variables of an `--env-file`: `KEY=value` as written (no quotes), or `KEY` to pass one on. */
function envFileLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s+/, ''))
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The first port of the ephemeral range (32768 up) that no container and no earlier flag holds. */
function ephemeralPort(engine: DockerCli['engine'], taken: PortBinding[]): number {
  const used = new Set([
    ...taken.map((p) => p.hostPort),
    ...Object.values(engine.state.containers).flatMap((c) =>
      c.hostConfig.portBindings.map((b) => b.hostPort),
    ),
  ]);
  let port = 32768;
  while (used.has(port)) port++;
  return port;
}
