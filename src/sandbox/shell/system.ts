import type { Program, User } from './program.ts';

/** One process as `ps` shows it, already translated to the viewer's PID namespace. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  uid: number;
  user: string;
  tty: string;
  /** State letters, e.g. `Ss`, `R+`. */
  stat: string;
  /** Start time, virtual milliseconds since the epoch. */
  start: number;
  cpuMs: number;
  /** Resident memory in KiB. */
  rss: number;
  /** Virtual memory in KiB. */
  vsz: number;
  /** The full command line. */
  args: string;
}

/** Bytes, as /proc/meminfo reports them (which `free` reads). */
export interface MemoryInfo {
  total: number;
  used: number;
  free: number;
  shared: number;
  buffCache: number;
  available: number;
  swapTotal: number;
  swapUsed: number;
}

export interface DiskInfo {
  filesystem: string;
  type: string;
  size: number;
  used: number;
  mountpoint: string;
}

export interface HttpResponse {
  /** The status line's protocol when it is not `HTTP/1.1` (Python's http.server answers `HTTP/1.0`). */
  protocol?: string;
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

/** A request as a server receives it. */
export interface HttpRequest {
  method: string;
  /** The request target: path and query, as sent. */
  path: string;
  headers: [string, string][];
  /** The peer address the server sees. */
  client: string;
  /** The port the connection came in on. */
  port: number;
  body?: string;
}

export type HttpFailure = { error: 'refused' | 'unresolved' | 'timeout'; host: string; port: number };

/** Where an ICMP echo request goes: the address a name resolves to and whether a machine there answers. */
export type EchoRoute = { address: string; answers: boolean } | { error: 'unresolved' };

/** A network interface as `ip addr` shows it. */
export interface NetInterface {
  index: number;
  name: string;
  /** `eth0@if7` style peer suffix for veth pairs. */
  peer?: string;
  mac: string;
  mtu: number;
  up: boolean;
  /** Addresses with prefix length, e.g. `172.17.0.2/16`. */
  inet: string[];
}

export interface Kernel {
  name: string;
  release: string;
  version: string;
  machine: string;
}

/** The machine a program runs on (a host, a container, a guest), as the program is allowed to see it. */
export interface System {
  readonly hostname: string;
  /**
   * No network beyond the machine and its guests: names outside do not resolve, so package
   * archives cannot be reached (the lab's host). Containers reach the lab's package mirrors.
   */
  readonly offline?: boolean;
  readonly kernel: Kernel;
  readonly cpus: number;
  /** Implementations of the executables this machine's files name (`FileNode.program`). */
  readonly programs: Readonly<Record<string, Program>>;
  processes(): ProcessInfo[];
  memory(): MemoryInfo;
  disks(): DiskInfo[];
  /** Network interfaces in this machine's network namespace. */
  interfaces(): NetInterface[];
  /** Milliseconds since this machine (or container) started. */
  uptimeMs(now: number): number;
  /** Text of a virtual file under /proc or /sys, or undefined when it does not exist. */
  procFile(path: string, now: number): string | undefined;
  /** An HTTP request from this machine, for curl and wget, with the headers the client sends. */
  http(
    host: string,
    port: number,
    method: string,
    path: string,
    headers?: [string, string][],
    body?: string,
  ): HttpResponse | HttpFailure;
  /** Sends `data` over a TCP connection and returns what the server answers (redis-cli's protocol). */
  tcp?(host: string, port: number, data: string): { data: string } | HttpFailure;
  /** Resolves `host` as this machine does and says whether an echo request there is answered (ping). */
  echo?(host: string): EchoRoute;
  /**
   * Starts answering HTTP on a port of this machine, for a server a program runs in the foreground
   * (a container's dev server); returns how to stop. Absent where nothing can listen.
   */
  listen?(port: number, handler: (request: HttpRequest) => HttpResponse): () => void;
  /** Sends a signal; the result is the errno the kill(2) call would give. */
  kill(pid: number, signal: number, actor: User): 'ok' | 'ESRCH' | 'EPERM';
}
