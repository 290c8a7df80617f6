import type { Filesystem } from '../../fs/filesystem.ts';
import type { FileNode } from '../../fs/node.ts';
import { ancestors, normalize } from '../../fs/path.ts';
import type { HttpResponse } from '../../shell/system.ts';
import type { ServiceContext, ServiceModel } from '../services.ts';
import { httpDate, percentDecode, requestHeader, requestLine, type ServiceRequest } from './http.ts';
import {
  filesystemSource,
  findLocation,
  findServer,
  loadNginxConfig,
  type NginxConfig,
  NginxConfigError,
  type ServerConf,
  snapshotSource,
} from './nginx-config.ts';
import { NGINX_DEFAULT_CONF } from './nginx-files.ts';

const VERSION = 'nginx/1.29.3';
/** The first worker's PID inside the container (the master is 1). */
const WORKER_PID = 29;

/** Parsed configurations by the snapshot of files they were read from: a request does not re-parse. */
const parsed = new WeakMap<object, NginxConfig>();

/** The configuration nginx runs with: what it read at start or last reload, not what the files say now. */
function runningConfig(ctx: ServiceContext): NginxConfig {
  const files = ctx.container.service?.config;
  if (!files) return loadNginxConfig(filesystemSource(ctx.fs));
  let config = parsed.get(files);
  if (!config) {
    config = loadNginxConfig(snapshotSource(files));
    parsed.set(files, config);
  }
  return config;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
};

/** nginx's built-in page for a status (CRLF line ends, as ngx_http_special_response.c has them). */
function nginxPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? ''}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>${VERSION}</center>\r\n</body>\r\n</html>\r\n`;
}

/** `2026/12/07 09:00:00`: the time in nginx's error log. */
export function nginxDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19).replace(/-/g, '/');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `07/Dec/2026:09:00:00 +0000`: `$time_local` in a UTC container. */
function timeLocal(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;
}

/** nginx's ETag: hex mtime in seconds, hex size. */
function nginxEtag(file: FileNode): string {
  return `"${Math.floor(file.mtime / 1000).toString(16)}-${file.size.toString(16)}"`;
}

/** The UID and GID of a user in the container's /etc/passwd (nginx's own account is 101). */
function workerIdentity(fs: Filesystem, name: string): { uid: number; gid: number } {
  let passwd = '';
  try {
    passwd = fs.readText('/etc/passwd');
  } catch {
    passwd = '';
  }
  const entry = passwd
    .split('\n')
    .map((l) => l.split(':'))
    .find((f) => f[0] === name);
  if (entry) return { uid: Number(entry[2]), gid: Number(entry[3]) };
  return name === 'nginx' ? { uid: 101, gid: 101 } : { uid: 65534, gid: 65534 };
}

/** What open(2) of a file would fail with for the worker: 2, 20 or 13, or 0 when it opens. */
function openError(fs: Filesystem, path: string, who: { uid: number; gid: number }): number {
  const allowed = (mode: number, uid: number, gid: number, bit: number) => {
    if (who.uid === 0) return true;
    const bits = uid === who.uid ? mode >> 6 : gid === who.gid ? mode >> 3 : mode;
    return (bits & bit) !== 0;
  };
  for (const dir of ancestors(path)) {
    const node = fs.stat(dir);
    if (!node) return 2;
    if (node.type !== 'dir') return 20;
    if (!allowed(node.mode, node.uid, node.gid, 0o1)) return 13;
  }
  const node = fs.stat(path);
  if (!node) return 2;
  if (!allowed(node.mode, node.uid, node.gid, 0o4)) return 13;
  return 0;
}

const ERRNO_TEXT: Record<number, string> = {
  2: 'No such file or directory',
  13: 'Permission denied',
  20: 'Not a directory',
};

interface Exchange {
  request: ServiceRequest;
  server: ServerConf;
  /** The query string, without `?`. */
  args: string;
  errors: string[];
}

/** The response of nginx's static, index and try_files modules for one URI, after internal redirects. */
function handle(ctx: ServiceContext, config: NginxConfig, x: Exchange, uri: string, depth = 0): HttpResponse {
  const { fs } = ctx;
  const location = findLocation(x.server, uri);
  const s = location?.settings ?? x.server.settings;
  const base = [
    ['Server', VERSION],
    ['Date', httpDate(ctx.now())],
  ] as [string, string][];
  const special = (status: number, extra: [string, string][] = []): HttpResponse => {
    const page = nginxPage(status);
    return {
      status,
      statusText: REASONS[status] ?? '',
      headers: [
        ...base,
        ['Content-Type', 'text/html'],
        ['Content-Length', String(page.length)],
        ...extra,
        ['Connection', 'keep-alive'],
      ],
      body: page,
    };
  };
  const fail = (status: number): HttpResponse => {
    const page = s.errorPages[status];
    if (page && depth < 10) {
      const answer = handle(ctx, config, x, page.uri, 10);
      if (answer.status === 200) {
        const final = page.status ?? status;
        return {
          ...answer,
          status: final,
          statusText: REASONS[final] ?? '',
          headers: answer.headers.filter(([k]) => k !== 'Last-Modified' && k !== 'Accept-Ranges'),
        };
      }
    }
    return special(status);
  };
  const log = (message: string) => x.errors.push(message);
  const pathOf = (u: string) =>
    location && s.alias !== undefined ? s.alias + u.slice(location.pattern.length) : s.root + u;

  if (s.return) {
    const { code, text } = s.return;
    if (code >= 301 && code <= 308 && text !== undefined) return special(code, [['Location', text]]);
    if (text === undefined) return REASONS[code] ? fail(code) : special(code);
    return {
      status: code,
      statusText: REASONS[code] ?? '',
      headers: [
        ...base,
        ['Content-Type', s.defaultType],
        ['Content-Length', String(new TextEncoder().encode(text).length)],
        ['Connection', 'keep-alive'],
      ],
      body: text,
    };
  }
  if (s.tryFiles && depth < 10) {
    const list = s.tryFiles;
    let matched: string | undefined;
    for (const entry of list.slice(0, -1)) {
      const testDir = entry.endsWith('/');
      const candidate = (testDir ? entry.slice(0, -1) : entry).replace(/\$uri/g, uri);
      const node = fs.stat(normalize(pathOf(candidate)));
      if (node && (node.type === 'dir') === testDir) {
        matched = candidate;
        break;
      }
    }
    if (matched !== undefined) uri = matched;
    else {
      const last = list[list.length - 1] ?? '';
      if (/^=\d+$/.test(last)) return fail(Number(last.slice(1)));
      return handle(ctx, config, x, last.replace(/\$uri/g, uri), depth + 1);
    }
  }
  if (uri.endsWith('/')) {
    for (const name of s.index) {
      const target = name.startsWith('/') ? name : uri + name;
      if (fs.stat(pathOf(target)) && depth < 10) return handle(ctx, config, x, target, depth + 1);
    }
    const dir = pathOf(uri);
    if (!fs.isDir(dir)) {
      log(`"${dir}${s.index[0] ?? 'index.html'}" is not found (2: No such file or directory)`);
      return fail(404);
    }
    log(`directory index of "${dir}" is forbidden`);
    return fail(403);
  }
  const method = x.request.method;
  if (method !== 'GET' && method !== 'HEAD') return fail(405);
  const path = pathOf(uri);
  const node = fs.stat(path);
  if (node?.type === 'dir') {
    const hostHeader = requestHeader(x.request, 'host');
    const host = hostHeader ? hostHeader.replace(/:\d+$/, '') : (x.server.names[0] ?? 'localhost');
    const port = x.request.port === 80 ? '' : `:${x.request.port}`;
    return special(301, [['Location', `http://${host}${port}${uri}/${x.args ? `?${x.args}` : ''}`]]);
  }
  const errno = openError(fs, path, workerIdentity(fs, config.user));
  if (errno !== 0) {
    log(`open() "${path}" failed (${errno}: ${ERRNO_TEXT[errno]})`);
    return fail(errno === 13 ? 403 : 404);
  }
  const file = fs.readFile(path);
  const dot = uri.lastIndexOf('.');
  const ext = dot > uri.lastIndexOf('/') ? uri.slice(dot + 1).toLowerCase() : '';
  return {
    status: 200,
    statusText: 'OK',
    headers: [
      ...base,
      ['Content-Type', s.types[ext] ?? s.defaultType],
      ['Content-Length', String(file.size)],
      ['Last-Modified', httpDate(Math.floor(file.mtime / 1000) * 1000)],
      ['Connection', 'keep-alive'],
      ['ETag', nginxEtag(file)],
      ['Accept-Ranges', 'bytes'],
    ],
    body: file.text ?? '',
  };
}

/** Merges `//`, resolves `.` and `..`; undefined when the path climbs above the root (a 400). */
function cleanUri(path: string): string | undefined {
  const out: string[] = [];
  const parts = path.split('/');
  for (const [i, part] of parts.entries()) {
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else if (part !== '.' && (part !== '' || i === parts.length - 1)) out.push(part);
  }
  const trailing = /\/\.{0,2}$/.test(path) && out[out.length - 1] !== '';
  return `/${out.join('/')}${trailing ? '/' : ''}`;
}

/** Answers one request as nginx would, logging it as the official image does (access to stdout, errors to stderr). */
function serve(ctx: ServiceContext, request: ServiceRequest): HttpResponse {
  const c = ctx.container;
  c.service ??= { connections: 0 };
  const connection = ++c.service.connections;
  const now = ctx.now();
  const config = runningConfig(ctx);
  const worker = c.service.worker ?? WORKER_PID;
  const hostHeader = requestHeader(request, 'host') ?? '';
  const server = findServer(config, request.port, hostHeader.replace(/:\d+$/, '').toLowerCase());
  const [rawPath = '/', ...query] = request.path.split('?');
  const decoded = percentDecode(rawPath);
  const uri = decoded === undefined ? undefined : cleanUri(decoded);
  const x: Exchange = {
    request,
    server: server as ServerConf,
    args: query.join('?'),
    errors: [],
  };
  let response: HttpResponse;
  if (!server || uri === undefined) {
    const page = nginxPage(400);
    response = {
      status: 400,
      statusText: 'Bad Request',
      headers: [
        ['Server', VERSION],
        ['Date', httpDate(now)],
        ['Content-Type', 'text/html'],
        ['Content-Length', String(page.length)],
        ['Connection', 'close'],
      ],
      body: page,
    };
  } else response = handle(ctx, config, x, uri);
  if (request.method === 'HEAD') response = { ...response, body: '' };
  const line = requestLine(request);
  for (const message of x.errors) {
    c.logs.push({
      at: now,
      stream: 'stderr',
      text: `${nginxDate(now)} [error] ${worker}#${worker}: *${connection} ${message}, client: ${request.client}, server: ${server?.names[0] ?? ''}, request: "${line}"${hostHeader ? `, host: "${hostHeader}"` : ''}\n`,
    });
  }
  const location = server && uri !== undefined ? findLocation(server, uri) : undefined;
  const logs = (location?.settings ?? server?.settings)?.accessLog ?? true;
  if (logs) {
    const bytes = new TextEncoder().encode(response.body).length;
    const quoted = (v: string | undefined) => `"${v ?? '-'}"`;
    c.logs.push({
      at: now,
      stream: 'stdout',
      text: `${request.client} - - [${timeLocal(now)}] "${line}" ${response.status} ${bytes} ${quoted(requestHeader(request, 'referer'))} ${quoted(requestHeader(request, 'user-agent'))} "-"\n`,
    });
  }
  return response;
}

/** SIGHUP: nginx rereads its configuration and replaces its worker; a bad file leaves the old one running. */
function reload(ctx: ServiceContext): boolean {
  const c = ctx.container;
  const now = ctx.now();
  c.service ??= { connections: 0 };
  const memory = c.service;
  const old = memory.worker ?? WORKER_PID;
  // The sender is the newest process in the container: the `nginx -s reload` that signals.
  const from = c.execs[c.execs.length - 1]?.nsPid ?? 0;
  const d = nginxDate(now);
  const lines = [
    `${d} [notice] 1#1: signal 1 (SIGHUP) received from ${from}, reconfiguring`,
    `${d} [notice] 1#1: reconfiguring`,
  ];
  const files: Record<string, string> = {};
  try {
    loadNginxConfig(filesystemSource(ctx.fs, files));
  } catch (error) {
    if (!(error instanceof NginxConfigError)) throw error;
    lines.push(`${d} [emerg] 1#1: ${error.message}`);
    for (const text of lines) c.logs.push({ at: now, stream: 'stderr', text: `${text}\n` });
    return true;
  }
  const worker = Math.max(old, from) + 1;
  memory.config = files;
  memory.worker = worker;
  lines.push(
    `${d} [notice] 1#1: using the "epoll" event method`,
    `${d} [notice] 1#1: start worker processes`,
    `${d} [notice] 1#1: start worker process ${worker}`,
    `${d} [notice] ${old}#${old}: gracefully shutting down`,
    `${d} [notice] ${old}#${old}: exiting`,
    `${d} [notice] ${old}#${old}: exit`,
    `${d} [notice] 1#1: signal 17 (SIGCHLD) received from ${old}`,
    `${d} [notice] 1#1: worker process ${old} exited with code 0`,
    `${d} [notice] 1#1: signal 29 (SIGIO) received`,
  );
  for (const text of lines) c.logs.push({ at: now, stream: 'stderr', text: `${text}\n` });
  return true;
}

/** Whether nginx's configuration files parse, as `nginx -t` checks them; the [emerg] text if not. */
export function testNginxConfig(fs: Filesystem): string | undefined {
  try {
    loadNginxConfig(filesystemSource(fs));
    return undefined;
  } catch (error) {
    if (error instanceof NginxConfigError) return error.message;
    throw error;
  }
}

/** What the entrypoint's IPv6 script says about default.conf (it only edits the packaged file). */
function ipv6Lines(fs: Filesystem): string[] {
  const me = '10-listen-on-ipv6-by-default.sh';
  const file = '/etc/nginx/conf.d/default.conf';
  const node = fs.stat(file);
  if (node?.type !== 'file') return [`${me}: info: ${file} is not a file or does not exist`];
  if (/listen {2}\[::\]:80;/.test(node.text ?? '')) return [`${me}: info: IPv6 listen already enabled`];
  const lines = [`${me}: info: Getting the checksum of ${file}`];
  if (node.text !== NGINX_DEFAULT_CONF)
    return [...lines, `${me}: info: ${file} differs from the packaged version`];
  return [...lines, `${me}: info: Enabled listen on IPv6 in ${file}`];
}

/** nginx as the official image runs it: configuration and files from the container's filesystem. */
export function nginxService(ctx: ServiceContext): ServiceModel {
  let ports: number[] | undefined;
  return {
    name: 'nginx',
    get ports() {
      if (!ports) {
        try {
          ports = [...new Set(runningConfig(ctx).servers.flatMap((s) => s.ports))];
        } catch {
          ports = [];
        }
      }
      return ports;
    },
    memory: 11 * 1024 * 1024,
    processes: (_c, cpus) => [
      { args: 'nginx: master process nginx -g daemon off;', rss: 6_128, vsz: 11_404, user: 'root' },
      ...Array.from({ length: cpus }, () => ({
        args: 'nginx: worker process',
        rss: 2_900,
        vsz: 11_868,
        user: 'nginx',
      })),
    ],
    startup: (c, _iso, start) => {
      const files: Record<string, string> = {};
      c.service = { connections: 0, config: files, worker: WORKER_PID };
      const d = nginxDate(start + 40);
      const out = (text: string, delay = 5) => ({ delay, stream: 'stdout' as const, text });
      const err = (text: string, delay = 40) => ({ delay, stream: 'stderr' as const, text });
      const entrypoint = [
        out(
          '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        ),
        out('/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/'),
        out('/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh'),
        ...ipv6Lines(ctx.fs).map((line, i) => out(line, 12 + 2 * i)),
        out('/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh', 15),
        out('/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh', 16),
        out('/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh', 18),
        out('/docker-entrypoint.sh: Configuration complete; ready for start up', 20),
      ];
      try {
        loadNginxConfig(filesystemSource(ctx.fs, files));
      } catch (error) {
        if (!(error instanceof NginxConfigError)) throw error;
        return {
          lines: [
            ...entrypoint,
            err(`${d} [emerg] 1#1: ${error.message}`),
            err(`nginx: [emerg] ${error.message}`),
          ],
          exit: 1,
        };
      }
      return {
        lines: [
          ...entrypoint,
          err(`${d} [notice] 1#1: using the "epoll" event method`),
          err(`${d} [notice] 1#1: ${VERSION}`),
          err(`${d} [notice] 1#1: built by gcc 14.2.0 (Debian 14.2.0-19) `),
          err(`${d} [notice] 1#1: OS: Linux 6.8.0-45-generic`),
          err(`${d} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`),
          err(`${d} [notice] 1#1: start worker processes`),
          err(`${d} [notice] 1#1: start worker process ${WORKER_PID}`),
        ],
      };
    },
    shutdown: (_iso, at) => [
      `${nginxDate(at)} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`,
      `${nginxDate(at)} [notice] 1#1: exit`,
    ],
    signal: (signal) => (signal === 1 ? reload(ctx) : false),
    http: (request) => serve(ctx, request),
  };
}
