import type { User } from '../shell/program.ts';
import type { EchoRoute, HttpFailure, HttpResponse, NetInterface, ProcessInfo } from '../shell/system.ts';

/**
 * Something that runs on a host's kernel and shows in its process table, memory and disk: the Docker
 * engine, a hypervisor. The host adds up its workloads; it does not know what they are.
 */
export interface Workload {
  /** Processes as the host's PID namespace sees them. */
  processes(now: number): ProcessInfo[];
  /** Resident memory the workload uses, in bytes. */
  memoryBytes(now: number): number;
  /** Bytes the workload keeps on the host's disk (image layers, volumes, disk images). */
  diskBytes(): number;
  /** Answers an HTTP request to `host:port` if the workload owns that address. */
  http?(
    host: string,
    port: number,
    method: string,
    path: string,
    headers?: [string, string][],
    body?: string,
  ): HttpResponse | HttpFailure | undefined;
  /** Answers a plain TCP exchange to `host:port` if the workload owns that address. */
  tcp?(host: string, port: number, data: string): { data: string } | HttpFailure | undefined;
  /** Where an echo request from the host to `host` lands, if the workload owns that name or address. */
  echo?(host: string): EchoRoute | undefined;
  /** Delivers a signal to one of its processes; undefined when the pid is not its own. */
  kill?(pid: number, signal: number, actor: User): 'ok' | 'EPERM' | undefined;
  /** Interfaces the workload adds to the host (bridges, veth ends). */
  interfaces?(): NetInterface[];
  /** Extra lines for /proc files (e.g. /proc/modules for kvm). */
  procFile?(path: string): string | undefined;
}
