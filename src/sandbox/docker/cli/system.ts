import { buildKitRecords, isLocalSource, recordSize } from '../build/cache.ts';
import { goStruct } from '../format/go-values.ts';
import { renderTable } from '../format/table.ts';
import { humanSize } from '../format/units.ts';
import { type DockerCommand, printFormatted } from './context.ts';
import { flag } from './flags.ts';
import { BUILDX_VERSION } from './specs/buildx.ts';
import { DOCKER_VERSION } from './specs/system.ts';

export const version: DockerCommand['run'] = async (cli, parsed) => {
  const format = flag(parsed, 'format');
  if (format !== undefined) return printFormatted(cli, format, [versionData()], {});
  cli.out(`Client: Docker Engine - Community
 Version:           ${DOCKER_VERSION}
 API version:       1.51
 Go version:        go1.25.3
 Git commit:        ecc6942
 Built:             Wed Nov  5 14:43:25 2025
 OS/Arch:           linux/amd64
 Context:           default

Server: Docker Engine - Community
 Engine:
  Version:          ${DOCKER_VERSION}
  API version:      1.51 (minimum version 1.24)
  Go version:       go1.25.3
  Git commit:       89c5e8f
  Built:            Wed Nov  5 14:43:25 2025
  OS/Arch:          linux/amd64
  Experimental:     false
 containerd:
  Version:          v1.7.28
  GitCommit:        b98a3aace656320842a23f4a392a33f46af97866
 runc:
  Version:          1.3.0
  GitCommit:        v1.3.0-0-g4ca628d1
 docker-init:
  Version:          0.19.0
  GitCommit:        de40ad0
`);
  return 0;
};

/** What `docker version -f` reads: the client's and the daemon's versions. */
function versionData() {
  const part = (gitCommit: string, apiVersion: string) =>
    goStruct({
      Version: DOCKER_VERSION,
      ApiVersion: apiVersion,
      GitCommit: gitCommit,
      GoVersion: 'go1.25.3',
      Os: 'linux',
      Arch: 'amd64',
      BuildTime: 'Wed Nov  5 14:43:25 2025',
    });
  return goStruct(
    { Client: part('ecc6942', '1.51'), Server: part('89c5e8f', '1.51') },
    'formatter.VersionInfo',
  );
}

export const info: DockerCommand['run'] = async (cli, parsed) => {
  const { engine } = cli;
  engine.reconcile();
  const containers = Object.values(engine.state.containers);
  const count = (s: string) => containers.filter((c) => c.state.status === s).length;
  const mem = engine.host.memory().total;
  const format = flag(parsed, 'format');
  if (format !== undefined) {
    // The fields of the daemon's /info answer that `docker info` prints.
    const data = goStruct(
      {
        Containers: containers.length,
        ContainersRunning: count('running'),
        ContainersPaused: count('paused'),
        ContainersStopped: count('exited') + count('created'),
        Images: Object.keys(engine.state.images).length,
        Driver: 'overlay2',
        LoggingDriver: 'json-file',
        CgroupDriver: 'systemd',
        CgroupVersion: '2',
        KernelVersion: engine.host.kernel.release,
        OperatingSystem: 'Ubuntu 24.04.1 LTS',
        OSType: 'linux',
        Architecture: 'x86_64',
        NCPU: engine.host.cpus,
        MemTotal: mem,
        Name: engine.host.hostname,
        ServerVersion: DOCKER_VERSION,
        DockerRootDir: '/var/lib/docker',
        DefaultRuntime: 'runc',
      },
      'system.Info',
    );
    return printFormatted(cli, format, [data], {});
  }
  cli.out(`Client: Docker Engine - Community
 Version:    ${DOCKER_VERSION}
 Context:    default
 Debug Mode: false
 Plugins:
  buildx: Docker Buildx (Docker Inc.)
    Version:  ${BUILDX_VERSION}
    Path:     /usr/libexec/docker/cli-plugins/docker-buildx

Server:
 Containers: ${containers.length}
  Running: ${count('running')}
  Paused: ${count('paused')}
  Stopped: ${count('exited') + count('created')}
 Images: ${Object.keys(engine.state.images).length}
 Server Version: ${DOCKER_VERSION}
 Storage Driver: overlay2
  Backing Filesystem: extfs
 Logging Driver: json-file
 Cgroup Driver: systemd
 Cgroup Version: 2
 Plugins:
  Volume: local
  Network: bridge host ipvlan macvlan null overlay
 Swarm: inactive
 Runtimes: io.containerd.runc.v2 runc
 Default Runtime: runc
 Security Options:
  apparmor
  seccomp
   Profile: builtin
  cgroupns
 Kernel Version: ${engine.host.kernel.release}
 Operating System: Ubuntu 24.04.1 LTS
 OSType: linux
 Architecture: x86_64
 CPUs: ${engine.host.cpus}
 Total Memory: ${(mem / 1024 ** 3).toFixed(3).replace(/0+$/, '')}GiB
 Name: ${engine.host.hostname}
 Docker Root Dir: /var/lib/docker
 Debug Mode: false
 Experimental: false
 Insecure Registries:
  ::1/128
  127.0.0.0/8
 Live Restore Enabled: false
`);
  return 0;
};

export const systemDf: DockerCommand['run'] = async (cli) => {
  const { engine } = cli;
  engine.reconcile();
  const images = Object.values(engine.state.images);
  const containers = Object.values(engine.state.containers);
  const usedImages = new Set(containers.map((c) => c.image));
  const layerBytes = Object.values(engine.state.layers).reduce((s, l) => s + l.size, 0);
  const activeLayers = new Set(images.filter((i) => usedImages.has(i.id)).flatMap((i) => i.layers));
  const activeBytes = [...activeLayers].reduce((s, d) => s + (engine.state.layers[d]?.size ?? 0), 0);
  const rw = (c: (typeof containers)[number]) => engine.writableSize(c);
  const containerBytes = containers.reduce((s, c) => s + rw(c), 0);
  const stoppedBytes = containers.filter((c) => c.state.status !== 'running').reduce((s, c) => s + rw(c), 0);
  const volumes = Object.keys(engine.state.volumes);
  const volumeBytes = (name: string) =>
    engine.host.fs.exists(`/var/lib/docker/volumes/${name}/_data`)
      ? engine.host.fs.usage(`/var/lib/docker/volumes/${name}/_data`)
      : 0;
  const volumeTotal = volumes.reduce((s, v) => s + volumeBytes(v), 0);
  const unusedVolumes = volumes.filter((v) => !engine.volumeInUse(v)).reduce((s, v) => s + volumeBytes(v), 0);
  // Records shared with images hold nothing of their own; local sources are all reclaimable.
  const cacheRecords = buildKitRecords(engine.state.buildCache);
  const cacheBytes = cacheRecords
    .filter(([key]) => isLocalSource(key))
    .reduce((s, [, entry]) => s + recordSize(engine.state, entry), 0);
  const pct = (part: number, total: number) =>
    total === 0 ? humanSize(part) : `${humanSize(part)} (${Math.floor((part / total) * 100)}%)`;
  cli.out(
    renderTable([
      ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'],
      [
        'Images',
        String(images.length),
        String(usedImages.size),
        humanSize(layerBytes),
        pct(layerBytes - activeBytes, layerBytes),
      ],
      [
        'Containers',
        String(containers.length),
        String(containers.filter((c) => c.state.status === 'running').length),
        humanSize(containerBytes),
        pct(stoppedBytes, containerBytes),
      ],
      [
        'Local Volumes',
        String(volumes.length),
        String(volumes.filter((v) => engine.volumeInUse(v)).length),
        humanSize(volumeTotal),
        pct(unusedVolumes, volumeTotal),
      ],
      ['Build Cache', String(cacheRecords.length), '0', humanSize(cacheBytes), humanSize(cacheBytes)],
    ]),
  );
  return 0;
};
