import { nextHex, type RandomState } from '../../core/random.ts';
import { base64, sha1 } from '../../core/sha1.ts';
import type { Filesystem } from '../../fs/filesystem.ts';
import { dirname, normalize, resolvePath } from '../../fs/path.ts';
import type { HttpFailure, HttpResponse } from '../../shell/system.ts';
import type { ServiceContext, ServiceModel } from '../services.ts';
import { httpDate, percentDecode, requestHeader, type ServiceRequest } from './http.ts';
import { mysqlCall } from './mysql.ts';
import { executeSql, type SqlDatabases, type SqlResult, type SqlValue } from './sql.ts';

/**
 * The todo app of Docker's getting-started workshop (github.com/docker/getting-started-app), as
 * node runs its `src/index.js`: Express serving `src/static` and the `/items` routes, keeping items
 * in SQLite at /etc/todos/todo.db, or in MySQL when MYSQL_HOST is set (waiting for the port first,
 * as its wait-port call does). It is recognised from its files, whatever the image is called.
 */

const NODE_VERSION = 'v22.21.1';

/** Where the app is: its entry file, the directory of its static files, the port it listens on. */
export interface TodoApp {
  entry: string;
  staticDir: string;
  port: number;
  /** What it logs once listening (its `app.listen` callback). */
  listening: string;
}

/** The script node is given, if it is the getting-started app's entry point (read from the file). */
export function findTodoApp(fs: Filesystem, cwd: string, script: string): TodoApp | undefined {
  const base = resolvePath(cwd, script);
  const entry = [base, `${base}.js`, `${base}/index.js`].find((p) => fs.stat(p)?.type === 'file');
  if (!entry) return undefined;
  let text: string;
  try {
    text = fs.readText(entry);
  } catch {
    return undefined;
  }
  if (!text.includes("require('./persistence')") || !text.includes('express.static')) return undefined;
  const listen = /app\.listen\((\d+),\s*\(\)\s*=>\s*console\.log\((['"`])(.*?)\2\)\)/.exec(text);
  return {
    entry,
    staticDir: `${dirname(entry)}/static`,
    port: Number(listen?.[1] ?? 3000),
    listening: listen?.[3] ?? 'Listening on port 3000',
  };
}

/** The environment and machine the app runs in. */
export interface TodoHost {
  env: Record<string, string>;
  fs: Filesystem;
  now(): number;
  random: RandomState;
  tcp?(host: string, port: number, data: string): { data: string } | HttpFailure;
  /** The process ends with an unhandled error (a route whose database call failed). */
  crash?(failure: string): void;
}

type Line = { delay: number; stream: 'stdout' | 'stderr'; text: string };

/** The app's database: the SQLite file, or a MySQL server over the network. */
interface Store {
  query(sql: string, params?: SqlValue[]): SqlResult | { failure: string };
}

/** mysql2's and sqlite3's `?` placeholders, filled in with escaped values as the drivers do. */
export function formatSql(sql: string, params: SqlValue[] = []): string {
  let i = 0;
  return sql.replace(/\?/g, () => {
    const v = params[i++];
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number') return String(v);
    return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  });
}

const SQLITE_MAGIC = 'SQLite format 3';

/** The SQLite file: its header line, then the sandbox's own encoding of the tables (JSON). */
function sqliteStore(fs: Filesystem, location: string): Store {
  return {
    query(sql, params) {
      let dbs: SqlDatabases = { main: {} };
      try {
        const text = fs.readText(location);
        if (text.startsWith(`${SQLITE_MAGIC}\n`))
          dbs = { main: JSON.parse(text.slice(SQLITE_MAGIC.length + 1)) };
        else if (text !== '') return { failure: 'Error: SQLITE_NOTADB: file is not a database' };
      } catch {
        dbs = { main: {} };
      }
      const result = executeSql(
        dbs,
        { user: 'root', host: 'localhost', database: 'main', version: '3.44.2' },
        formatSql(sql, params),
      );
      if (result.kind === 'ok') fs.writeFile(location, `${SQLITE_MAGIC}\n${JSON.stringify(dbs.main)}\n`);
      return result;
    },
  };
}

function mysqlStore(host: TodoHost, server: string, user: string, password: string, database: string): Store {
  return {
    query(sql, params) {
      const answer = host.tcp
        ? mysqlCall(host.tcp.bind(host), server, { user, password, database, sql: [formatSql(sql, params)] })
        : ({ error: 'refused', host: server, port: 3306 } as const);
      if ('host' in answer) return { failure: connectError(answer, server) };
      if ('readyAt' in answer)
        return { failure: connectError({ error: 'refused', host: server, port: 3306 }, server) };
      if ('error' in answer) {
        if (answer.error === 'starting')
          return { failure: connectError({ error: 'refused', host: server, port: 3306 }, server) };
        const e = answer.error;
        return {
          failure: `Error: ${e.message}\n    at Packet.asError (/app/node_modules/mysql2/lib/packets/packet.js:728:17)\n    at ClientHandshake.execute (/app/node_modules/mysql2/lib/commands/command.js:29:26)\n    at PoolConnection.handlePacket (/app/node_modules/mysql2/lib/connection.js:456:32) {\n  code: '${e.code}',\n  errno: ${e.errno},\n  sqlState: '${e.sqlState}',\n  sqlMessage: ${nodeString(e.message)}\n}`,
        };
      }
      const result = answer.results[0] as SqlResult;
      if (result.kind === 'error')
        return {
          failure: `Error: ${result.message}\n    at Packet.asError (/app/node_modules/mysql2/lib/packets/packet.js:728:17) {\n  code: '${result.code}',\n  errno: ${result.errno},\n  sqlState: '${result.sqlState}',\n  sqlMessage: ${nodeString(result.message)}\n}`,
        };
      return result;
    },
  };
}

/** A string as Node's inspect prints it: single quotes, or double ones when it holds a single quote. */
function nodeString(text: string): string {
  return text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replace(/'/g, "\\'")}'`;
}

/** How Node prints the error mysql2 gives when it cannot reach the server. */
function connectError(failure: HttpFailure, server: string): string {
  if (failure.error === 'unresolved')
    return `Error: getaddrinfo ENOTFOUND ${server}\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:120:26) {\n  errno: -3008,\n  code: 'ENOTFOUND',\n  syscall: 'getaddrinfo',\n  hostname: '${server}',\n  fatal: true\n}`;
  if (failure.error === 'timeout')
    return `Error: connect ETIMEDOUT\n    at PoolConnection._handleTimeoutError (/app/node_modules/mysql2/lib/connection.js:205:17) {\n  errorno: 'ETIMEDOUT',\n  code: 'ETIMEDOUT',\n  syscall: 'connect',\n  fatal: true\n}`;
  return `Error: connect ECONNREFUSED ${server}:3306\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '${server}',\n  port: 3306,\n  fatal: true\n}`;
}

/** The modules the app requires, by persistence: node finds each in a node_modules above the entry. */
function missingModule(
  fs: Filesystem,
  app: TodoApp,
  mysql: boolean,
): { module: string; from: string } | undefined {
  const needs: [string, string][] = [
    ['express', app.entry],
    ...(mysql
      ? ([
          ['wait-port', `${dirname(app.entry)}/persistence/mysql.js`],
          ['mysql2', `${dirname(app.entry)}/persistence/mysql.js`],
        ] as [string, string][])
      : ([['sqlite3', `${dirname(app.entry)}/persistence/sqlite.js`]] as [string, string][])),
    ['uuid', `${dirname(app.entry)}/routes/addItem.js`],
  ];
  for (const [module, from] of needs) {
    let dir = dirname(from);
    let found = false;
    for (;;) {
      if (fs.isDir(`${dir === '/' ? '' : dir}/node_modules/${module}`)) {
        found = true;
        break;
      }
      if (dir === '/') break;
      dir = dirname(dir);
    }
    if (!found) return { module, from };
  }
  return undefined;
}

function moduleNotFound(module: string, from: string, entry: string): string {
  const stack =
    from === entry
      ? [entry]
      : [from, `${dirname(from)}/index.js`, entry].filter((v, i, a) => a.indexOf(v) === i);
  return `node:internal/modules/cjs/loader:1228
  throw err;
  ^

Error: Cannot find module '${module}'
Require stack:
${stack.map((s) => `- ${s}`).join('\n')}
    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)
    at Module._load (node:internal/modules/cjs/loader:1051:27)
    at Module.require (node:internal/modules/cjs/loader:1311:19)
    at require (node:internal/modules/helpers:179:18)
    at Object.<anonymous> (${from}:1:17)
    at Module._compile (node:internal/modules/cjs/loader:1469:14) {
  code: 'MODULE_NOT_FOUND',
  requireStack: [ ${stack.map((s) => `'${s}'`).join(', ')} ]
}

Node.js ${NODE_VERSION}`;
}

/** What the app logged starting up and, when it ended by itself (an error at start), its status. */
export interface TodoStart {
  lines: Line[];
  exit?: number;
}

function secrets(host: TodoHost) {
  const { env, fs } = host;
  const read = (file: string | undefined, value: string | undefined) =>
    (file ? readSecret(fs, file) : (value ?? '')).trim();
  return {
    server: read(env.MYSQL_HOST_FILE, env.MYSQL_HOST),
    user: read(env.MYSQL_USER_FILE, env.MYSQL_USER),
    password: read(env.MYSQL_PASSWORD_FILE, env.MYSQL_PASSWORD),
    database: read(env.MYSQL_DB_FILE, env.MYSQL_DB),
  };
}

/** The database the app's persistence module (`src/persistence/index.js`) picks. */
function openStore(host: TodoHost): Store {
  if (host.env.MYSQL_HOST) {
    const s = secrets(host);
    return mysqlStore(host, s.server, s.user, s.password, s.database);
  }
  return sqliteStore(host.fs, normalize(host.env.SQLITE_DB_LOCATION || '/etc/todos/todo.db'));
}

/** Answers one request as the running app does. */
export function todoHttp(
  app: TodoApp,
  host: TodoHost,
  request: ServiceRequest & { body?: string },
): HttpResponse {
  return handle(app, host, openStore(host), request);
}

/** Starts the app: opens its database as its persistence module's `init` does, and logs what it logs. */
export function startTodoApp(app: TodoApp, host: TodoHost): TodoStart {
  const { env, fs } = host;
  const lines: Line[] = [];
  const out = (delay: number, text: string) => lines.push({ delay, stream: 'stdout', text });
  const fail = (delay: number, text: string): TodoStart => {
    lines.push({ delay, stream: 'stderr', text });
    return { lines, exit: 1 };
  };
  const useMysql = Boolean(env.MYSQL_HOST);
  const missing = missingModule(fs, app, useMysql);
  if (missing) return fail(60, moduleNotFound(missing.module, missing.from, app.entry));
  const store = openStore(host);
  let ready = 150;
  if (useMysql) {
    const { server } = secrets(host);
    // wait-port: a dot per attempt (IPv4, then once IPv6), one a second, for up to 10 s.
    const probe = host.tcp ? mysqlCall(host.tcp.bind(host), server, { ping: true }) : undefined;
    const start = host.now() + 100;
    const readyAt = probe && 'readyAt' in probe ? probe.readyAt : Number.POSITIVE_INFINITY;
    const waited = Math.max(0, readyAt - start);
    const tries = waited === 0 ? 0 : Math.ceil(waited / 1000);
    if (tries > 10) {
      out(100 + 11_000, `Waiting for ${server}:3306${'.'.repeat(13)}`);
      out(100 + 11_000, 'Timeout');
      const failure =
        probe && 'host' in probe
          ? connectError(probe, server)
          : connectError({ error: 'refused', host: server, port: 3306 }, server);
      return fail(100 + 11_010, failure);
    }
    ready = 100 + tries * 1000;
    out(ready, `Waiting for ${server}:3306${'.'.repeat(tries === 0 ? 1 : 2 + tries)}`);
    out(ready, 'Connected!');
    const created = store.query(
      'CREATE TABLE IF NOT EXISTS todo_items (id varchar(36), name varchar(255), completed boolean) DEFAULT CHARSET utf8mb4',
    );
    if ('failure' in created) return fail(ready + 10, created.failure);
    if (created.kind === 'error') return fail(ready + 10, `Error: ${created.message}`);
    out(ready + 10, `Connected to mysql db at host ${env.MYSQL_HOST}`);
    ready += 10;
  } else {
    const location = env.SQLITE_DB_LOCATION || '/etc/todos/todo.db';
    try {
      fs.mkdir(dirname(normalize(location)), { parents: true });
    } catch (error) {
      return fail(100, `Error: EACCES: permission denied, mkdir '${dirname(location)}' (${String(error)})`);
    }
    if (env.NODE_ENV !== 'test') out(140, `Using sqlite database at ${location}`);
    const created = store.query(
      'CREATE TABLE IF NOT EXISTS todo_items (id varchar(36), name varchar(255), completed boolean)',
    );
    if ('failure' in created) return fail(145, created.failure);
  }
  out(ready, app.listening);
  return { lines };
}

function readSecret(fs: Filesystem, path: string): string {
  try {
    return fs.readText(path);
  } catch {
    return '';
  }
}

/** A v4 UUID from the sandbox's seeded randomness, as the uuid package formats one. */
export function uuidV4(random: RandomState): string {
  const hex = nextHex(random, 32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[Number.parseInt(hex[16] as string, 16) & 3] as string;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Express's weak ETag of a body: `W/"<length in hex>-<base64 SHA-1, 27 characters>"`. */
export function expressEtag(body: string): string {
  const length = new TextEncoder().encode(body).length;
  return `W/"${length.toString(16)}-${base64(sha1(body)).slice(0, 27)}"`;
}

/** The types `send` gives static files (mime 1.x), with the charset it adds to text. */
const STATIC_TYPES: Record<string, string> = {
  html: 'text/html; charset=UTF-8',
  htm: 'text/html; charset=UTF-8',
  js: 'application/javascript; charset=UTF-8',
  css: 'text/css; charset=UTF-8',
  json: 'application/json; charset=UTF-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  eot: 'application/vnd.ms-fontobject',
  ttf: 'font/ttf',
  woff: 'font/woff',
  woff2: 'font/woff2',
  txt: 'text/plain; charset=UTF-8',
};

function handle(
  app: TodoApp,
  host: TodoHost,
  store: Store,
  request: ServiceRequest & { body?: string },
): HttpResponse {
  const now = host.now();
  const base: [string, string][] = [['X-Powered-By', 'Express']];
  const tail: [string, string][] = [
    ['Date', httpDate(now)],
    ['Connection', 'keep-alive'],
    ['Keep-Alive', 'timeout=5'],
  ];
  const head = request.method === 'HEAD';
  const send = (
    status: number,
    statusText: string,
    type: string | undefined,
    body: string,
    extra: [string, string][] = [],
  ): HttpResponse => ({
    status,
    statusText,
    headers: [
      ...base,
      ...extra,
      ...(type ? ([['Content-Type', type]] as [string, string][]) : []),
      ['Content-Length', String(new TextEncoder().encode(body).length)],
      ...(type && status === 200 && extra.length === 0
        ? ([['ETag', expressEtag(body)]] as [string, string][])
        : []),
      ...tail,
    ],
    body: head ? '' : body,
  });
  const json = (value: unknown) => send(200, 'OK', 'application/json; charset=utf-8', JSON.stringify(value));
  const [rawPath = '/'] = request.path.split('?');
  const path = percentDecode(rawPath) ?? rawPath;
  const errorPage = (status: number, statusText: string, text: string, extra: [string, string][] = []) =>
    send(
      status,
      statusText,
      'text/html; charset=utf-8',
      `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>${text}</pre>\n</body>\n</html>\n`,
      [['Content-Security-Policy', "default-src 'none'"], ['X-Content-Type-Options', 'nosniff'], ...extra],
    );
  // express.json(): a JSON body when the request says it is one.
  let body: Record<string, unknown> = {};
  const type = requestHeader(request, 'content-type') ?? '';
  if (/^application\/([\w.+-]*\+)?json\b/i.test(type) && request.body) {
    const text = request.body;
    try {
      const first = text.trimStart()[0];
      if (first !== '{' && first !== '[') JSON.parse(`#${text}`);
      const parsed = JSON.parse(text) as unknown;
      body = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch (error) {
      const message = (error as Error).message;
      return errorPage(
        400,
        'Bad Request',
        `SyntaxError: ${escapeHtml(message)}<br> &nbsp; &nbsp;at JSON.parse (&lt;anonymous&gt;)<br> &nbsp; &nbsp;at parse (/app/node_modules/body-parser/lib/types/json.js:92:19)`,
      );
    }
  }
  // express.static(__dirname + '/static'): GET and HEAD of the files there, index.html for a directory.
  if (request.method === 'GET' || request.method === 'HEAD') {
    const parts = normalize(`/${path}`).split('/').filter(Boolean);
    if (!path.split('/').includes('..')) {
      let file = parts.length > 0 ? `${app.staticDir}/${parts.join('/')}` : app.staticDir;
      const { fs } = host;
      if (fs.isDir(file)) {
        if (!rawPath.endsWith('/')) {
          const location = `${rawPath}/`;
          return send(
            301,
            'Moved Permanently',
            'text/html; charset=UTF-8',
            `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Redirecting</title>\n</head>\n<body>\n<pre>Redirecting to ${location}</pre>\n</body>\n</html>\n`,
            [
              ['Content-Security-Policy', "default-src 'none'"],
              ['X-Content-Type-Options', 'nosniff'],
              ['Location', location],
            ],
          );
        }
        file = `${file}/index.html`;
      }
      const node = fs.stat(file);
      if (node?.type === 'file') {
        const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
        const text = node.text ?? '';
        return {
          status: 200,
          statusText: 'OK',
          headers: [
            ...base,
            ['Accept-Ranges', 'bytes'],
            ['Cache-Control', 'public, max-age=0'],
            ['Last-Modified', httpDate(node.mtime)],
            ['ETag', `W/"${node.size.toString(16)}-${Math.floor(node.mtime).toString(16)}"`],
            ['Content-Type', STATIC_TYPES[ext] ?? 'application/octet-stream'],
            ['Content-Length', String(node.size)],
            ...tail,
          ],
          body: head ? '' : text,
        };
      }
    }
  }
  const route = /^\/items\/?$/i.test(path) ? 'items' : /^\/items\/([^/]+)\/?$/i.exec(path)?.[1];
  const failed = (failure: string) => {
    // The route's promise rejects and nothing catches it: Node ends the process.
    crash?.(failure);
    return { status: 0, statusText: '', headers: [], body: '' } as HttpResponse;
  };
  const crash = host.crash;
  const rows = (result: SqlResult) =>
    result.kind === 'rows'
      ? result.rows.map((row) => {
          const item: Record<string, SqlValue | boolean> = {};
          result.columns.forEach((c, i) => {
            item[c] = row[i] ?? null;
          });
          item.completed = item.completed === 1;
          return item;
        })
      : [];
  if (route === 'items' && request.method === 'GET') {
    const result = store.query('SELECT * FROM todo_items');
    if ('failure' in result) return failed(result.failure);
    return json(rows(result));
  }
  if (route === 'items' && request.method === 'POST') {
    const item = { id: uuidV4(host.random), name: body.name, completed: false };
    const name =
      typeof item.name === 'string' || typeof item.name === 'number'
        ? item.name
        : item.name === undefined
          ? null
          : JSON.stringify(item.name);
    const stored = store.query('INSERT INTO todo_items (id, name, completed) VALUES (?, ?, ?)', [
      item.id,
      name,
      0,
    ]);
    if ('failure' in stored) return failed(stored.failure);
    return json(item);
  }
  if (route !== undefined && route !== 'items' && request.method === 'PUT') {
    const id = percentDecode(route) ?? route;
    const name =
      body.name === undefined
        ? null
        : typeof body.name === 'string' || typeof body.name === 'number'
          ? body.name
          : JSON.stringify(body.name);
    const updated = store.query('UPDATE todo_items SET name=?, completed=? WHERE id = ?', [
      name,
      body.completed ? 1 : 0,
      id,
    ]);
    if ('failure' in updated) return failed(updated.failure);
    const found = store.query('SELECT * FROM todo_items WHERE id=?', [id]);
    if ('failure' in found) return failed(found.failure);
    const [item] = rows(found);
    // res.send(undefined): a 200 with no body at all.
    if (!item)
      return {
        status: 200,
        statusText: 'OK',
        headers: [...base, ['Content-Length', '0'], ...tail],
        body: '',
      };
    return json(item);
  }
  if (route !== undefined && route !== 'items' && request.method === 'DELETE') {
    const removed = store.query('DELETE FROM todo_items WHERE id = ?', [percentDecode(route) ?? route]);
    if ('failure' in removed) return failed(removed.failure);
    return send(200, 'OK', 'text/plain; charset=utf-8', 'OK');
  }
  return errorPage(404, 'Not Found', `Cannot ${request.method} ${escapeHtml(rawPath)}`);
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** `node src/index.js` as a container's main process, when the file is the todo app. */
export function todoAppService(ctx: ServiceContext): ServiceModel | undefined {
  const [, script, ...rest] = ctx.argv;
  if (script === undefined || script.startsWith('-') || rest.length > 0) return undefined;
  const c = ctx.container;
  const app = findTodoApp(ctx.fs, c.config.workingDir || '/', script);
  if (!app) return undefined;
  const env: Record<string, string> = {};
  for (const e of c.config.env) {
    const i = e.indexOf('=');
    if (i > 0) env[e.slice(0, i)] = e.slice(i + 1);
  }
  const host: TodoHost = {
    env,
    fs: ctx.fs,
    now: ctx.now,
    random: ctx.random,
    tcp: ctx.tcp,
    crash: (failure) => {
      const at = ctx.now();
      c.logs.push({ at, stream: 'stderr', text: `${failure}\n\nNode.js ${NODE_VERSION}\n` });
      c.state.plannedExit ??= { at: at + 5, code: 1 };
    },
  };
  return {
    name: 'todo-app',
    ports: [app.port],
    memory: 58 * 1024 * 1024,
    processes: () => [{ args: ctx.argv.join(' '), rss: 59_800, vsz: 1_032_000, user: 'root' }],
    startup: () => {
      const started = startTodoApp(app, host);
      return { lines: started.lines, ...(started.exit !== undefined ? { exit: started.exit } : {}) };
    },
    http: (request) => todoHttp(app, host, request),
  };
}
