import type { RandomState } from '../core/random.ts';
import type { Filesystem } from '../fs/filesystem.ts';
import type { HttpFailure, HttpResponse } from '../shell/system.ts';
import { busyboxHttpdService } from './services/busybox-httpd.ts';
import type { ServiceRequest } from './services/http.ts';
import type { ContainerRecord } from './state.ts';

/** What a service model is made from: the container it runs in, its command line, its files. */
export interface ServiceContext {
  container: ContainerRecord;
  /** The server's command line, program first (`python3 -m http.server 8000`). */
  argv: string[];
  /** The container's filesystem. */
  fs: Filesystem;
  now(): number;
  /** The sandbox's seeded randomness (ids a server makes up, such as the todo app's UUIDs). */
  random: RandomState;
  /** A TCP exchange from this container, for a server that is itself a client (an app and its database). */
  tcp(host: string, port: number, data: string): { data: string } | HttpFailure;
}

/** A long-running server an image starts: what it logs, listens on, uses, and answers. */
export interface ServiceModel {
  /** Which server this is (`nginx`, `registry`, …). */
  name: string;
  ports: number[];
  /** Resident memory of the whole process tree, in bytes. */
  memory: number;
  /**
   * False when the server, as PID 1, installs no SIGTERM handler: the kernel ignores the signal,
   * so `docker stop` waits out its timeout and kills it.
   */
  stopsOnTerm?: boolean;
  /** Process tree inside the container: the first is PID 1. */
  processes(
    container: ContainerRecord,
    cpus: number,
  ): { args: string; rss: number; vsz: number; user: string }[];
  /** Log lines at start-up, each `delay` ms after the start; an exit code if it stops by itself. */
  startup(
    container: ContainerRecord,
    iso: (ms: number) => string,
    start: number,
  ): {
    lines: { delay: number; stream: 'stdout' | 'stderr'; text: string }[];
    exit?: number;
  };
  /** Log lines (stderr) when asked to stop; a server that logs to stdout writes its own. */
  shutdown?(iso: (ms: number) => string, at: number): string[];
  /** Handles a signal that does not end it (nginx reloads on SIGHUP); true when handled. */
  signal?(signal: number): boolean;
  /** Answers an HTTP request. */
  http?(request: ServiceRequest): HttpResponse;
  /** Answers what a client sends over a plain TCP connection (redis's protocol). */
  tcp?(data: string, client: string): string;
}

/** Makes the model of a server for one container; undefined when the command is not that server. */
export type ServiceFactory = (ctx: ServiceContext) => ServiceModel | undefined;

/**
 * Servers by program id (the `program` of the executable a container starts). Each one's code loads
 * the first time a container may run it (`loadService`): a lab that starts no server never fetches
 * nginx's configuration parser or the MySQL server's SQL engine.
 */
const SERVICE_LOADERS: Record<string, () => Promise<ServiceFactory>> = {
  'service/nginx': async () => (await import('./services/nginx.ts')).nginxService,
  'service/redis': async () => (await import('./services/redis.ts')).redisService,
  'service/postgres': async () => (await import('./services/postgres.ts')).postgresService,
  'service/registry': async () => (await import('./services/registry.ts')).registryService,
  'service/mysqld': async () => (await import('./services/mysql.ts')).mysqlService,
  python3: async () => (await import('./services/python-http.ts')).pythonHttpService,
  // Every BusyBox container's command is checked against httpd: the small model stays loaded.
  busybox: async () => busyboxHttpdService,
  node: async () => (await import('./services/todo-app.ts')).todoAppService,
};

/** Factories loaded so far: once loaded, a server's code stays loaded for every sandbox. */
const loadedServices = new Map<string, ServiceFactory>();

/**
 * Loads the model of the server a program id names; undefined (nothing to wait for) when the
 * program is no server or its code is already loaded, so callers await only real loads.
 */
export function loadService(program: string): Promise<void> | undefined {
  const load = Object.hasOwn(SERVICE_LOADERS, program) ? SERVICE_LOADERS[program] : undefined;
  if (!load || loadedServices.has(program)) return undefined;
  return load().then((factory) => {
    loadedServices.set(program, factory);
  });
}

/**
 * The server model factory for a program id, undefined when the program is no server. The engine
 * consults it synchronously, so the code must have been loaded before (`loadService`).
 */
export function serviceFactory(program: string): ServiceFactory | undefined {
  const factory = loadedServices.get(program);
  if (factory || !Object.hasOwn(SERVICE_LOADERS, program)) return factory;
  throw new Error(`the code of the server ${program} was not loaded before its container started`);
}
