import type { RandomState } from '../core/random.ts';
import type { Filesystem } from '../fs/filesystem.ts';
import type { HttpFailure, HttpResponse } from '../shell/system.ts';
import { VolumeStore } from './registry/store.ts';
import type { ServiceRequest } from './services/http.ts';
import type { ContainerRecord } from './state.ts';

const MiB = 1024 * 1024;

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

const fixed =
  (model: ServiceModel): ServiceFactory =>
  () =>
    model;

const POSTGRES: ServiceModel = {
  name: 'postgres',
  ports: [5432],
  memory: 38 * MiB,
  processes: () => [
    { args: 'postgres', rss: 29_000, vsz: 221_000, user: 'postgres' },
    { args: 'postgres: checkpointer ', rss: 6_200, vsz: 221_100, user: 'postgres' },
    { args: 'postgres: background writer ', rss: 6_100, vsz: 221_100, user: 'postgres' },
    { args: 'postgres: walwriter ', rss: 9_800, vsz: 221_000, user: 'postgres' },
    { args: 'postgres: autovacuum launcher ', rss: 8_500, vsz: 222_500, user: 'postgres' },
    { args: 'postgres: logical replication launcher ', rss: 7_900, vsz: 222_500, user: 'postgres' },
  ],
  startup: (c, _iso, start) => {
    const env = new Map(c.config.env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
    if (!env.get('POSTGRES_PASSWORD') && env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
      const err = (text: string) => ({ delay: 30, stream: 'stderr' as const, text });
      return {
        lines: [
          err('Error: Database is uninitialized and superuser password is not specified.'),
          err('       You must specify POSTGRES_PASSWORD to a non-empty value for the'),
          err('       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".'),
          err(''),
          err('       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all'),
          err('       connections without a password. This is *not* recommended.'),
          err(''),
          err('       See PostgreSQL documentation about "trust":'),
          err('       https://www.postgresql.org/docs/current/auth-trust.html'),
        ],
        exit: 1,
      };
    }
    const ts = new Date(start + 2_400).toISOString().replace('T', ' ').slice(0, 23);
    const line = (text: string, delay = 2_400) => ({ delay, stream: 'stdout' as const, text });
    return {
      lines: [
        line('The files belonging to this database system will be owned by user "postgres".', 200),
        line('This user must also own the server process.', 200),
        line('', 200),
        line('Success. You can now start the database server using:', 1_900),
        line('', 1_900),
        line('PostgreSQL init process complete; ready for start up.', 2_300),
        line(''),
        {
          delay: 2_400,
          stream: 'stderr',
          text: `${ts} UTC [1] LOG:  starting PostgreSQL 18.1 (Debian 18.1-1.pgdg13+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit`,
        },
        {
          delay: 2_400,
          stream: 'stderr',
          text: `${ts} UTC [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
        },
        {
          delay: 2_450,
          stream: 'stderr',
          text: `${ts} UTC [1] LOG:  database system is ready to accept connections`,
        },
      ],
    };
  },
};

const REGISTRY = (fs: Filesystem): ServiceModel => ({
  name: 'registry',
  ports: [5000],
  memory: 12 * MiB,
  processes: () => [
    { args: 'registry serve /etc/docker/registry/config.yml', rss: 12_000, vsz: 731_000, user: 'root' },
  ],
  startup: (_c, iso, start) => ({
    lines: [
      {
        delay: 20,
        stream: 'stderr',
        text: `time="${iso(start + 20)}" level=info msg="listening on [::]:5000" go.version=go1.20.8 instance.id=0d3c8b3e-3b46-4d40-b9d4-4a0a1c1a8d5f service=registry version=2.8.3`,
      },
    ],
  }),
  http: (request) => registryApi(new VolumeStore(fs), request.method, request.path),
});

/**
 * Servers by program id (the `program` of the executable a container starts). Each one's code loads
 * the first time a container may run it (`loadService`): a lab that starts no server never fetches
 * nginx's configuration parser or the MySQL server's SQL engine.
 */
const SERVICE_LOADERS: Record<string, () => Promise<ServiceFactory>> = {
  'service/nginx': async () => (await import('./services/nginx.ts')).nginxService,
  'service/redis': async () => (await import('./services/redis.ts')).redisService,
  'service/postgres': async () => fixed(POSTGRES),
  'service/registry': async () => (ctx) => REGISTRY(ctx.fs),
  'service/mysqld': async () => (await import('./services/mysql.ts')).mysqlService,
  python3: async () => (await import('./services/python-http.ts')).pythonHttpService,
  busybox: async () => (await import('./services/busybox-httpd.ts')).busyboxHttpdService,
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

const API_HEADERS: [string, string][] = [
  ['Content-Type', 'application/json'],
  ['Docker-Distribution-Api-Version', 'registry/2.0'],
  ['X-Content-Type-Options', 'nosniff'],
];

function apiError(status: number, code: string, message: string, detail: unknown): HttpResponse {
  return {
    status,
    statusText: status === 404 ? 'Not Found' : 'Bad Request',
    headers: API_HEADERS,
    body: `${JSON.stringify({ errors: [{ code, message, detail }] })}\n`,
  };
}

/** The OCI distribution API of `registry:2`: /v2/, _catalog, tags/list, manifests. */
function registryApi(store: VolumeStore, method: string, path: string): HttpResponse {
  const ok = (body: string, extra: [string, string][] = []): HttpResponse => ({
    status: 200,
    statusText: 'OK',
    headers: [...API_HEADERS, ...extra],
    body: method === 'HEAD' ? '' : body,
  });
  if (path === '/v2/' || path === '/v2') return ok('{}');
  if (path === '/v2/_catalog') return ok(`${JSON.stringify({ repositories: store.repositories() })}\n`);
  const tags = /^\/v2\/(.+)\/tags\/list$/.exec(path);
  if (tags?.[1]) {
    const list = store.tags(tags[1]);
    if (!list)
      return apiError(404, 'NAME_UNKNOWN', 'repository name not known to registry', { name: tags[1] });
    return ok(`${JSON.stringify({ name: tags[1], tags: list })}\n`);
  }
  const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(path);
  if (manifest?.[1] && manifest[2]) {
    const found = store.manifest(manifest[1], manifest[2]);
    if (!found) {
      if (!store.tags(manifest[1]))
        return apiError(404, 'NAME_UNKNOWN', 'repository name not known to registry', { name: manifest[1] });
      return apiError(404, 'MANIFEST_UNKNOWN', 'manifest unknown', { Tag: manifest[2] });
    }
    return ok(found.text, [
      ['Content-Type', 'application/vnd.docker.distribution.manifest.v2+json'],
      ['Docker-Content-Digest', found.digest],
      ['Etag', `"${found.digest}"`],
    ]);
  }
  return {
    status: 404,
    statusText: 'Not Found',
    headers: [
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['X-Content-Type-Options', 'nosniff'],
    ],
    body: '404 page not found\n',
  };
}
