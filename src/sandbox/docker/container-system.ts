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
    return this.host.procFile(path, now);
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
