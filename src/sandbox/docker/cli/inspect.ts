import { containerEnv } from '../container-process.ts';
import { type DockerEngine, dnsNames, endpointsOf } from '../engine.ts';
import { HOST_PLATFORM } from '../platform.ts';
import type { ContainerRecord, ImageRecord, VolumeRecord } from '../state.ts';
import type { DockerCommand } from './context.ts';
import { flag } from './flags.ts';

const iso = (ms: number) =>
  ms
    ? new Date(ms).toISOString().replace(/\.(\d+)Z$/, (_m, f: string) => `.${f.padEnd(9, '0')}Z`)
    : '0001-01-01T00:00:00Z';

/** `docker inspect` JSON for a container, keys in the daemon's order. */
export function containerJson(engine: DockerEngine, c: ContainerRecord) {
  const ports: Record<string, { HostIp: string; HostPort: string }[] | null> = {};
  for (const p of c.config.exposedPorts) ports[p] = null;
  for (const b of c.hostConfig.portBindings) {
    const key = `${b.containerPort}/${b.protocol}`;
    ports[key] = [...(ports[key] ?? []), { HostIp: b.hostIp, HostPort: String(b.hostPort) }];
    if (b.hostIp === '0.0.0.0') ports[key]?.push({ HostIp: '::', HostPort: String(b.hostPort) });
  }
  const running = c.state.status === 'running' || c.state.status === 'paused';
  return {
    Id: c.id,
    Created: iso(c.created),
    Path: c.path,
    Args: c.args,
    State: {
      Status: c.state.status,
      Running: running,
      Paused: c.state.status === 'paused',
      Restarting: c.state.status === 'restarting',
      OOMKilled: c.state.oomKilled,
      Dead: c.state.status === 'dead',
      Pid: c.state.pid,
      ExitCode: c.state.exitCode,
      Error: c.state.error,
      StartedAt: iso(c.state.startedAt),
      FinishedAt: iso(c.state.finishedAt),
      ...(c.state.health
        ? {
            Health: {
              Status: c.state.health.status,
              FailingStreak: c.state.health.failingStreak,
              Log: c.state.health.log.map((r) => ({
                Start: iso(r.start),
                End: iso(r.end),
                ExitCode: r.exitCode,
                Output: r.output,
              })),
            },
          }
        : {}),
    },
    Image: c.image,
    ResolvConfPath: `/var/lib/docker/containers/${c.id}/resolv.conf`,
    HostnamePath: `/var/lib/docker/containers/${c.id}/hostname`,
    HostsPath: `/var/lib/docker/containers/${c.id}/hosts`,
    LogPath: `/var/lib/docker/containers/${c.id}/${c.id}-json.log`,
    Name: `/${c.name}`,
    RestartCount: c.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: c.hostConfig.privileged ? 'unconfined' : 'docker-default',
    ExecIDs: null,
    HostConfig: {
      Binds: c.mounts
        .filter((m) => m.type === 'bind' || !/^[a-f0-9]{64}$/.test(m.source))
        .map((m) => `${m.source}:${m.destination}${m.readOnly ? ':ro' : ''}`),
      NetworkMode: c.hostConfig.networkMode === 'default' ? 'bridge' : c.hostConfig.networkMode,
      PortBindings: Object.fromEntries(
        c.hostConfig.portBindings.map((b) => [
          `${b.containerPort}/${b.protocol}`,
          [{ HostIp: b.hostIp === '0.0.0.0' ? '' : b.hostIp, HostPort: String(b.hostPort) }],
        ]),
      ),
      RestartPolicy: {
        Name: c.hostConfig.restartPolicy?.name ?? 'no',
        MaximumRetryCount: c.hostConfig.restartPolicy?.maximumRetryCount ?? 0,
      },
      AutoRemove: c.hostConfig.autoRemove,
      CapAdd: c.hostConfig.capAdd ?? null,
      CapDrop: c.hostConfig.capDrop ?? null,
      Privileged: c.hostConfig.privileged,
      ReadonlyRootfs: c.hostConfig.readOnly,
      SecurityOpt: c.hostConfig.securityOpt ?? null,
      ...(c.hostConfig.tmpfs ? { Tmpfs: c.hostConfig.tmpfs } : {}),
      Memory: c.hostConfig.memory,
      NanoCpus: c.hostConfig.nanoCpus,
      PidsLimit: c.hostConfig.pidsLimit || null,
    },
    GraphDriver: {
      Data: {
        MergedDir: `/var/lib/docker/overlay2/${c.id.slice(0, 25)}/merged`,
        UpperDir: `/var/lib/docker/overlay2/${c.id.slice(0, 25)}/diff`,
        WorkDir: `/var/lib/docker/overlay2/${c.id.slice(0, 25)}/work`,
      },
      Name: 'overlay2',
    },
    Mounts: c.mounts.map((m) => ({
      Type: m.type,
      ...(m.type === 'volume' ? { Name: m.source } : {}),
      Source: m.type === 'volume' ? `/var/lib/docker/volumes/${m.source}/_data` : m.source,
      Destination: m.destination,
      Driver: m.type === 'volume' ? 'local' : undefined,
      Mode: m.type === 'volume' ? 'z' : '',
      RW: !m.readOnly,
      Propagation: m.type === 'bind' ? 'rprivate' : '',
    })),
    Config: {
      Hostname: c.config.hostname,
      Domainname: '',
      User: c.config.user,
      AttachStdin: c.config.openStdin,
      AttachStdout: true,
      AttachStderr: true,
      ExposedPorts: Object.fromEntries(c.config.exposedPorts.map((p) => [p, {}])),
      Tty: c.config.tty,
      OpenStdin: c.config.openStdin,
      ...(c.config.healthcheck
        ? {
            Healthcheck: {
              Test: c.config.healthcheck.test,
              ...(c.config.healthcheck.interval ? { Interval: c.config.healthcheck.interval } : {}),
              ...(c.config.healthcheck.timeout ? { Timeout: c.config.healthcheck.timeout } : {}),
              ...(c.config.healthcheck.startPeriod ? { StartPeriod: c.config.healthcheck.startPeriod } : {}),
              ...(c.config.healthcheck.startInterval
                ? { StartInterval: c.config.healthcheck.startInterval }
                : {}),
              ...(c.config.healthcheck.retries ? { Retries: c.config.healthcheck.retries } : {}),
            },
          }
        : {}),
      StdinOnce: c.config.openStdin,
      Env: Object.entries(containerEnv(c))
        .filter(([k]) => k !== 'HOME' && k !== 'HOSTNAME' && k !== 'TERM')
        .map(([k, v]) => `${k}=${v}`),
      Cmd:
        c.args.length > 0 || !engine.state.images[c.image]?.config.Entrypoint
          ? [c.path, ...c.args].slice(engine.state.images[c.image]?.config.Entrypoint?.length ?? 0)
          : null,
      Image: c.imageRef,
      Volumes: null,
      WorkingDir: c.config.workingDir,
      Entrypoint: engine.state.images[c.image]?.config.Entrypoint ?? null,
      OnBuild: null,
      Labels: c.config.labels,
    },
    NetworkSettings: {
      Ports: ports,
      // The deprecated top-level fields: the default bridge's endpoint, still filled by Engine 28.
      ...legacyBridgeFields(c, running),
      Networks: running
        ? Object.fromEntries(
            endpointsOf(c)
              .filter((e) => e.ip)
              .map((e) => [
                e.network,
                {
                  Gateway: `${e.ip.split('.').slice(0, 3).join('.')}.1`,
                  IPAddress: e.ip,
                  IPPrefixLen: 16,
                  MacAddress: e.mac,
                  ...(e.network === 'bridge'
                    ? { DNSNames: null }
                    : { Aliases: e.aliases ?? null, DNSNames: dnsNames(c) }),
                },
              ]),
          )
        : {},
    },
  };
}

/** `docker image inspect` JSON. */
export function imageJson(engine: DockerEngine, image: ImageRecord) {
  return {
    Id: image.id,
    RepoTags: engine.tagsOf(image.id),
    RepoDigests: image.repoDigests,
    Parent: '',
    Comment: '',
    Created: iso(image.created),
    DockerVersion: '',
    Author: '',
    Config: {
      ...image.config,
      Cmd: image.config.Cmd ?? null,
      Entrypoint: image.config.Entrypoint ?? null,
      OnBuild: null,
    },
    Architecture: image.architecture ?? HOST_PLATFORM.architecture,
    ...(image.variant ? { Variant: image.variant } : {}),
    Os: image.os,
    Size: engine.imageSize(image),
    GraphDriver: { Data: null, Name: 'overlay2' },
    RootFS: { Type: 'layers', Layers: image.layers },
    Metadata: { LastTagTime: iso(image.lastTagTime) },
  };
}

/** `docker volume inspect` JSON. */
export function volumeJson(volume: VolumeRecord) {
  return {
    CreatedAt: new Date(volume.created).toISOString().replace(/\.\d+Z$/, 'Z'),
    Driver: 'local',
    Labels: volume.labels,
    Mountpoint: `/var/lib/docker/volumes/${volume.name}/_data`,
    Name: volume.name,
    Options: null,
    Scope: 'local',
  };
}

export const inspect: DockerCommand['run'] = async (cli, parsed) => {
  const { engine } = cli;
  engine.reconcile();
  const type = flag(parsed, 'type');
  const format = flag(parsed, 'format');
  // A template that does not parse stops the client before it looks anything up.
  const { formatRows } = await import('../format/template.ts');
  const parsedFormat = format ? formatRows(format, [], {}) : undefined;
  if (parsedFormat && !parsedFormat.ok) {
    cli.err(`${parsedFormat.error}\n`);
    return 64;
  }
  // Each name in turn: its object, or its error. With a template the client runs it on the typed
  // object first, then on the raw JSON with missingkey=error. It prints whatever succeeded (an
  // empty line if nothing did), then every error in the order of the names.
  const found: unknown[] = [];
  const errors: string[] = [];
  let text = '';
  for (const name of parsed.positionals) {
    const c = type === 'image' ? undefined : engine.findContainer(name);
    const image = c || type === 'container' ? undefined : engine.findImage(name);
    const volume = c || image ? undefined : engine.state.volumes[name];
    const object = c
      ? containerJson(engine, c)
      : image
        ? imageJson(engine, image)
        : volume && volumeJson(volume);
    if (!object) {
      errors.push(`Error: No such object: ${name}`);
      continue;
    }
    found.push(object);
    if (!format) continue;
    const typed = formatRows(format, [object], {});
    const result = typed.ok
      ? typed
      : formatRows(format, [object], {}, { mapsOnly: true, missingKey: 'error' });
    if (result.ok) text += result.text;
    else errors.push(result.error);
  }
  cli.out(format ? text || '\n' : `${JSON.stringify(found, null, 4)}\n`);
  for (const error of errors) cli.err(`${error}\n`);
  return errors.length > 0 ? 1 : 0;
};

/** NetworkSettings' old top-level endpoint fields: set for a running container on the default bridge. */
function legacyBridgeFields(c: ContainerRecord, running: boolean) {
  const on = running && c.network.network === 'bridge' && c.network.ip !== '';
  return {
    Gateway: on ? `${c.network.ip.split('.').slice(0, 3).join('.')}.1` : '',
    IPAddress: on ? c.network.ip : '',
    IPPrefixLen: on ? 16 : 0,
    MacAddress: on ? c.network.mac : '',
  };
}
