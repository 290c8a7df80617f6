import type { Filesystem } from '../fs/filesystem.ts';
import type { HttpResponse } from '../shell/system.ts';
import { NGINX_INDEX } from './catalogue.ts';
import { VolumeStore } from './registry/store.ts';
import type { ContainerRecord } from './state.ts';

const MiB = 1024 * 1024;

/** A long-running server an image starts: what it logs, listens on, uses, and answers. */
export interface ServiceModel {
  ports: number[];
  /** Resident memory of the whole process tree, in bytes. */
  memory: number;
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
  /** Log lines when asked to stop. */
  shutdown?(iso: (ms: number) => string, at: number): string[];
  /** Answers a request; `fs` is the container's filesystem (where a registry keeps its blobs). */
  http?(method: string, path: string, fs: Filesystem): HttpResponse;
}

function nginxDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19).replace(/-/g, '/');
}

const NGINX: ServiceModel = {
  ports: [80],
  memory: 11 * MiB,
  processes: (_c, cpus) => [
    { args: 'nginx: master process nginx -g daemon off;', rss: 6_128, vsz: 11_404, user: 'root' },
    ...Array.from({ length: cpus }, () => ({
      args: 'nginx: worker process',
      rss: 2_900,
      vsz: 11_868,
      user: 'nginx',
    })),
  ],
  startup: (_c, _iso, start) => {
    const d = nginxDate(start + 40);
    const out = (text: string, delay = 5) => ({ delay, stream: 'stdout' as const, text });
    const err = (text: string, delay = 40) => ({ delay, stream: 'stderr' as const, text });
    return {
      lines: [
        out(
          '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        ),
        out('/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/'),
        out('/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh'),
        out(
          '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
          12,
        ),
        out(
          '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
          14,
        ),
        out('/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh', 15),
        out('/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh', 16),
        out('/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh', 18),
        out('/docker-entrypoint.sh: Configuration complete; ready for start up', 20),
        err(`${d} [notice] 1#1: using the "epoll" event method`),
        err(`${d} [notice] 1#1: nginx/1.29.3`),
        err(`${d} [notice] 1#1: built by gcc 14.2.0 (Debian 14.2.0-19) `),
        err(`${d} [notice] 1#1: OS: Linux 6.8.0-45-generic`),
        err(`${d} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`),
        err(`${d} [notice] 1#1: start worker processes`),
        err(`${d} [notice] 1#1: start worker process 29`),
      ],
    };
  },
  shutdown: (_iso, at) => [
    `${nginxDate(at)} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`,
    `${nginxDate(at)} [notice] 1#1: exit`,
  ],
  http: (method, path) => {
    const headers: [string, string][] = [
      ['Server', 'nginx/1.29.3'],
      ['Content-Type', 'text/html'],
    ];
    if (path === '/' || path === '/index.html') {
      const body = method === 'HEAD' ? '' : NGINX_INDEX;
      return {
        status: 200,
        statusText: 'OK',
        headers: [
          ...headers,
          ['Content-Length', String(NGINX_INDEX.length)],
          ['Connection', 'keep-alive'],
          ['Accept-Ranges', 'bytes'],
        ],
        body,
      };
    }
    const page =
      '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.29.3</center>\r\n</body>\r\n</html>\r\n';
    return {
      status: 404,
      statusText: 'Not Found',
      headers: [...headers, ['Content-Length', String(page.length)], ['Connection', 'keep-alive']],
      body: method === 'HEAD' ? '' : page,
    };
  },
};

const REDIS: ServiceModel = {
  ports: [6379],
  memory: 4 * MiB,
  processes: () => [{ args: 'redis-server *:6379', rss: 4_096, vsz: 58_212, user: 'redis' }],
  startup: (_c, _iso, start) => {
    const t = (ms: number) => {
      const d = new Date(start + ms);
      const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
      return `1:M ${String(d.getUTCDate()).padStart(2, '0')} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 23)}`;
    };
    const line = (text: string, delay: number) => ({ delay, stream: 'stdout' as const, text });
    return {
      lines: [
        line('Starting Redis Server', 2),
        line(`${t(3)} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`.replace('1:M', '1:C'), 3),
        line(
          `${t(3)} * Redis version=8.2.3, bits=64, commit=00000000, modified=1, pid=1, just started`.replace(
            '1:M',
            '1:C',
          ),
          3,
        ),
        line(
          `${t(3)} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`.replace(
            '1:M',
            '1:C',
          ),
          3,
        ),
        line(`${t(4)} * monotonic clock: POSIX clock_gettime`, 4),
        line(`${t(4)} * Running mode=standalone, port=6379.`, 4),
        line(`${t(5)} * Server initialized`, 5),
        line(`${t(5)} * Ready to accept connections tcp`, 5),
      ],
    };
  },
};

const POSTGRES: ServiceModel = {
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

const REGISTRY: ServiceModel = {
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
  http: (method, path, fs) => registryApi(new VolumeStore(fs), method, path),
};

/** Services by program id (the `program` of the executable an image starts). */
export const SERVICES: Record<string, ServiceModel> = {
  'service/nginx': NGINX,
  'service/redis': REDIS,
  'service/postgres': POSTGRES,
  'service/registry': REGISTRY,
};

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
