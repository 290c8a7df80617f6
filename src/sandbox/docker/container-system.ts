import type { Filesystem } from '../fs/filesystem.ts';
import type { Host } from '../host/host.ts';
import type { Program, User } from '../shell/program.ts';
import type {
  DiskInfo,
  EchoRoute,
  HttpFailure,
  HttpRequest,
  HttpResponse,
  Kernel,
  MemoryInfo,
  NetInterface,
  ProcessInfo,
  System,
} from '../shell/system.ts';
import type { ContainerRecord } from './state.ts';

/** What a container's engine must answer for the container's view of the machine. */
export interface ContainerView {
  processesOf(container: ContainerRecord): (ProcessInfo & { hostPid: number })[];
  httpFrom(
    container: ContainerRecord,
    host: string,
    port: number,
    method: string,
    path: string,
    headers?: [string, string][],
    body?: string,
  ): HttpResponse | HttpFailure;
  tcpFrom(
    container: ContainerRecord,
    host: string,
    port: number,
    data: string,
  ): { data: string } | HttpFailure;
  killIn(container: ContainerRecord, nsPid: number, signal: number): 'ok' | 'ESRCH';
  echoFrom?(container: ContainerRecord, host: string): EchoRoute;
  listenIn?(
    container: ContainerRecord,
    port: number,
    handler: (request: HttpRequest) => HttpResponse,
  ): () => void;
  fsOf(container: ContainerRecord): Filesystem;
  interfacesOf(container: ContainerRecord): NetInterface[];
}

/**
 * A container seen from inside: its own hostname, filesystem and PID namespace, but the host's
 * kernel, CPUs and memory figures (a memory limit does not change what `free` reads).
 */
export class ContainerSystem implements System {
  private readonly host: Host;
  private readonly container: ContainerRecord;
  private readonly view: ContainerView;

  constructor(host: Host, container: ContainerRecord, view: ContainerView) {
    this.host = host;
    this.container = container;
    this.view = view;
  }

  get hostname(): string {
    return this.container.config.hostname;
  }

  get kernel(): Kernel {
    return this.host.kernel;
  }

  get cpus(): number {
    return this.host.cpus;
  }

  get programs(): Readonly<Record<string, Program>> {
    return this.host.programs;
  }

  processes(): ProcessInfo[] {
    return this.view.processesOf(this.container).map(({ hostPid: _, ...p }) => p);
  }

  memory(): MemoryInfo {
    return this.host.memory();
  }

  disks(): DiskInfo[] {
    const root = this.host.disks().find((d) => d.mountpoint === '/') as DiskInfo;
    return [
      { ...root, filesystem: 'overlay', type: 'overlay', mountpoint: '/' },
      { filesystem: 'tmpfs', type: 'tmpfs', size: 64 * 1024 * 1024, used: 0, mountpoint: '/dev' },
      { filesystem: 'shm', type: 'tmpfs', size: 64 * 1024 * 1024, used: 0, mountpoint: '/dev/shm' },
      { ...root, mountpoint: '/etc/hosts' },
    ];
  }

  interfaces(): NetInterface[] {
    return this.view.interfacesOf(this.container);
  }

  uptimeMs(now: number): number {
    return this.host.uptimeMs(now);
  }

  procFile(path: string, now: number): string | undefined {
    if (path === '/proc/1/cgroup' || path === '/proc/self/cgroup') return '0::/\n';
    if (path === '/sys/fs/cgroup/memory.max') {
      return this.container.hostConfig.memory > 0 ? `${this.container.hostConfig.memory}\n` : 'max\n';
    }
    if (path === '/sys/fs/cgroup/pids.max') {
      return this.container.hostConfig.pidsLimit > 0 ? `${this.container.hostConfig.pidsLimit}\n` : 'max\n';
    }
    if (path === '/sys/fs/cgroup/cpu.max') {
      const cpus = this.container.hostConfig.nanoCpus / 1e9;
      return cpus > 0 ? `${Math.round(cpus * 100_000)} 100000\n` : 'max 100000\n';
    }
    if (path === '/proc/sys/kernel/hostname') return `${this.hostname}\n`;
    // Since Engine 20.10 a container with a network namespace of its own may bind any port.
    if (
      path === '/proc/sys/net/ipv4/ip_unprivileged_port_start' &&
      this.container.hostConfig.networkMode !== 'host'
    )
      return '0\n';
    if (path === '/proc/mounts' || path === '/proc/self/mounts') return this.mountTable();
    const own = /^\/proc\/(\d+)\/(comm|cmdline)$/.exec(path);
    if (own) {
      const argv = this.argvOf(Number(own[1]));
      if (!argv) return undefined;
      if (own[2] === 'cmdline') return argv.map((arg) => `${arg}\0`).join('');
      return `${(argv[0] ?? '').split('/').pop()?.slice(0, 15)}\n`;
    }
    return this.host.procFile(path, now);
  }

  /** A process's arguments; PID 1's as the container was created with them. */
  private argvOf(pid: number): string[] | undefined {
    const c = this.container;
    if (pid === 1) return [c.path, ...c.args];
    return this.processes()
      .find((p) => p.pid === pid)
      ?.args.split(' ');
  }

  /**
   * The container's mount table as runc sets it up for Engine 28 on a cgroup v2 host: the overlay
   * root, Docker's default mounts (moby's `oci/defaults.go`), the files Docker binds from the host's
   * disk, the volumes and bind mounts, then the read-only and masked /proc and /sys paths.
   */
  private mountTable(): string {
    const id = this.container.id;
    const link = (seed: string) =>
      seed
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '')
        .slice(0, 26)
        .padEnd(26, 'Q');
    const layers = '/var/lib/docker/overlay2';
    const disk = '/dev/vda1';
    const diskOptions = 'rw,relatime,discard,errors=remount-ro';
    const lines = [
      `overlay / overlay rw,relatime,lowerdir=${layers}/l/${link(id.slice(12, 40))}:${layers}/l/${link(id.slice(40))},upperdir=${layers}/${id}/diff,workdir=${layers}/${id}/work,nouserxattr 0 0`,
      'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
      'tmpfs /dev tmpfs rw,nosuid,size=65536k,mode=755,inode64 0 0',
      'devpts /dev/pts devpts rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666 0 0',
      'sysfs /sys sysfs ro,nosuid,nodev,noexec,relatime 0 0',
      'cgroup /sys/fs/cgroup cgroup2 ro,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0',
      'mqueue /dev/mqueue mqueue rw,nosuid,nodev,noexec,relatime 0 0',
      'shm /dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k,inode64 0 0',
      ...['/etc/resolv.conf', '/etc/hostname', '/etc/hosts'].map(
        (file) => `${disk} ${file} ext4 ${diskOptions} 0 0`,
      ),
      ...this.container.mounts.map(
        (m) =>
          `${disk} ${m.destination} ext4 ${m.readOnly ? 'ro' : 'rw'},relatime,discard,errors=remount-ro 0 0`,
      ),
      ...['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'].map(
        (dir) => `proc ${dir} proc ro,nosuid,nodev,noexec,relatime 0 0`,
      ),
      'tmpfs /proc/acpi tmpfs ro,relatime,inode64 0 0',
      ...['/proc/kcore', '/proc/keys', '/proc/timer_list'].map(
        (file) => `tmpfs ${file} tmpfs rw,nosuid,size=65536k,mode=755,inode64 0 0`,
      ),
      'tmpfs /proc/scsi tmpfs ro,relatime,inode64 0 0',
      'tmpfs /sys/firmware tmpfs ro,relatime,inode64 0 0',
    ];
    return `${lines.join('\n')}\n`;
  }

  http(
    host: string,
    port: number,
    method: string,
    path: string,
    headers?: [string, string][],
    body?: string,
  ): HttpResponse | HttpFailure {
    return this.view.httpFrom(this.container, host, port, method, path, headers, body);
  }

  listen(port: number, handler: (request: HttpRequest) => HttpResponse): () => void {
    return this.view.listenIn?.(this.container, port, handler) ?? (() => {});
  }

  tcp(host: string, port: number, data: string): { data: string } | HttpFailure {
    return this.view.tcpFrom(this.container, host, port, data);
  }

  echo(host: string): EchoRoute {
    return this.view.echoFrom?.(this.container, host) ?? { error: 'unresolved' };
  }

  kill(pid: number, signal: number, actor: User): 'ok' | 'ESRCH' | 'EPERM' {
    if (actor.uid !== 0) return 'EPERM';
    return this.view.killIn(this.container, pid, signal);
  }
}
