import type { Filesystem } from '../../fs/filesystem.ts';
import type { HttpFailure } from '../../shell/system.ts';
import { envMap } from '../container-process.ts';
import type { ServiceContext, ServiceModel } from '../services.ts';
import type { ContainerRecord } from '../state.ts';
import {
  executeSql,
  type SqlDatabases,
  type SqlError,
  type SqlResult,
  type SqlTable,
  SYSTEM_SCHEMAS,
} from './sql.ts';

/** The server the `mysql:8.0` image runs (Oracle Linux 9 build), as its logs and the client name it. */
export const MYSQL_VERSION = '8.0.44';
const PACKAGE_VERSION = `${MYSQL_VERSION}-1.el9`;
const DATADIR = '/var/lib/mysql';

/**
 * Table files hold the sandbox's own encoding (a header line, then JSON), not InnoDB pages; the
 * system tablespace keeps the accounts the same way.
 */
const TABLE_MAGIC = 'Quayside InnoDB tablespace';
const SYSTEM_MAGIC = 'Quayside InnoDB system tablespace';

interface Account {
  user: string;
  host: string;
  password: string;
  /** Databases the account may use; absent for every one. */
  grants?: string[];
}

/** `2026-11-02 09:00:00+00:00`: the entrypoint's `date --rfc-3339=seconds`. */
function entrypointDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}+00:00`;
}

/** `2026-11-02T09:00:00.123456Z`: mysqld's log time, to the microsecond. */
function serverDate(ms: number): string {
  const micro = String((ms * 7919) % 1000).padStart(3, '0');
  return `${new Date(ms).toISOString().slice(0, 23)}${micro}Z`;
}

function readAccounts(fs: Filesystem): Account[] | undefined {
  try {
    const text = fs.readText(`${DATADIR}/mysql.ibd`);
    if (!text.startsWith(`${SYSTEM_MAGIC}\n`)) return undefined;
    return (JSON.parse(text.slice(SYSTEM_MAGIC.length + 1)) as { accounts: Account[] }).accounts;
  } catch {
    return undefined;
  }
}

/** The user databases in the data directory: a directory each, a `.ibd` file per table. */
export function readDatabases(fs: Filesystem): SqlDatabases {
  const dbs: SqlDatabases = {};
  let names: string[] = [];
  try {
    names = fs.readdir(DATADIR);
  } catch {
    return dbs;
  }
  for (const name of names) {
    if (SYSTEM_SCHEMAS.includes(name) || name.startsWith('#') || !fs.isDir(`${DATADIR}/${name}`)) continue;
    const tables: Record<string, SqlTable> = {};
    for (const file of fs.readdir(`${DATADIR}/${name}`)) {
      if (!file.endsWith('.ibd')) continue;
      try {
        const text = fs.readText(`${DATADIR}/${name}/${file}`);
        if (text.startsWith(`${TABLE_MAGIC}\n`))
          tables[file.slice(0, -4)] = JSON.parse(text.slice(TABLE_MAGIC.length + 1)) as SqlTable;
      } catch {
        // A file the server cannot read is no table to it.
      }
    }
    dbs[name] = tables;
  }
  return dbs;
}

function writeDatabases(fs: Filesystem, dbs: SqlDatabases): void {
  const owner = (path: string) => fs.chown(path, 999, 999);
  const existing = readDatabases(fs);
  for (const name of Object.keys(existing))
    if (!dbs[name]) fs.remove(`${DATADIR}/${name}`, { recursive: true });
  for (const [name, tables] of Object.entries(dbs)) {
    const dir = `${DATADIR}/${name}`;
    if (!fs.exists(dir)) {
      fs.mkdir(dir, { parents: true });
      owner(dir);
    }
    for (const table of Object.keys(existing[name] ?? {}))
      if (!tables[table]) fs.remove(`${dir}/${table}.ibd`);
    for (const [table, content] of Object.entries(tables)) {
      const path = `${dir}/${table}.ibd`;
      const text = `${TABLE_MAGIC}\n${JSON.stringify(content)}\n`;
      if (existing[name]?.[table] && JSON.stringify(existing[name]?.[table]) === JSON.stringify(content))
        continue;
      fs.writeFile(path, text);
      owner(path);
    }
  }
}

/** The files `mysqld --initialize-insecure` leaves in an empty data directory, and the accounts. */
function initialiseDatadir(fs: Filesystem, env: Record<string, string>): void {
  const owner = (path: string) => fs.chown(path, 999, 999);
  fs.mkdir(DATADIR, { parents: true });
  const blobs: Record<string, number> = {
    '#ib_16384_0.dblwr': 196_608,
    '#ib_16384_1.dblwr': 8_585_216,
    'binlog.000001': 3_042_815,
    'binlog.000002': 180,
    ib_buffer_pool: 5_710,
    ibdata1: 12_582_912,
    ibtmp1: 12_582_912,
    undo_001: 16_777_216,
    undo_002: 16_777_216,
    'performance_schema/events_statements_history_long.sdi': 12_104,
    'sys/sys_config.ibd': 114_688,
  };
  for (const dir of ['#innodb_redo', '#innodb_temp', 'mysql', 'performance_schema', 'sys']) {
    fs.mkdir(`${DATADIR}/${dir}`, { parents: true });
    owner(`${DATADIR}/${dir}`);
  }
  for (const [path, size] of Object.entries(blobs)) {
    fs.writeBlob(`${DATADIR}/${path}`, size);
    owner(`${DATADIR}/${path}`);
  }
  const text: Record<string, string> = {
    'auto.cnf': '[auto]\nserver-uuid=0b6a4e2e-5c1f-11f0-8a6c-0242ac120002\n',
    'binlog.index': './binlog.000001\n./binlog.000002\n',
  };
  for (const [path, content] of Object.entries(text)) {
    fs.writeFile(`${DATADIR}/${path}`, content);
    owner(`${DATADIR}/${path}`);
  }
  const accounts: Account[] = [
    { user: 'root', host: 'localhost', password: env.MYSQL_ROOT_PASSWORD ?? '' },
    { user: 'root', host: '%', password: env.MYSQL_ROOT_PASSWORD ?? '' },
  ];
  if (env.MYSQL_USER && env.MYSQL_PASSWORD)
    accounts.push({
      user: env.MYSQL_USER,
      host: '%',
      password: env.MYSQL_PASSWORD,
      grants: env.MYSQL_DATABASE ? [env.MYSQL_DATABASE] : [],
    });
  fs.writeFile(`${DATADIR}/mysql.ibd`, `${SYSTEM_MAGIC}\n${JSON.stringify({ accounts })}\n`);
  owner(`${DATADIR}/mysql.ibd`);
  if (env.MYSQL_DATABASE) writeDatabases(fs, { [env.MYSQL_DATABASE]: {} });
}

/** What a client sends to the server: who it is and the statements it runs, or a readiness probe. */
export interface MysqlRequest {
  ping?: boolean;
  user?: string;
  password?: string;
  database?: string;
  sql?: string[];
}

export type MysqlResponse =
  | { readyAt: number }
  | { connection: number; results: SqlResult[] }
  | { error: SqlError | 'starting' };

const authError = (user: string, host: string, password: string): SqlError => ({
  kind: 'error',
  errno: 1045,
  sqlState: '28000',
  code: 'ER_ACCESS_DENIED_ERROR',
  message: `Access denied for user '${user}'@'${host}' (using password: ${password ? 'YES' : 'NO'})`,
});

/**
 * A connection to a MySQL server over the sandbox's network: one request, one answer. The bytes
 * on the wire are the sandbox's own (JSON), not MySQL's protocol; nobody sees them.
 */
export function mysqlCall(
  tcp: (host: string, port: number, data: string) => { data: string } | HttpFailure,
  host: string,
  request: MysqlRequest,
  port = 3306,
): MysqlResponse | HttpFailure {
  const answer = tcp(host, port, JSON.stringify(request));
  if ('error' in answer) return answer;
  try {
    return JSON.parse(answer.data) as MysqlResponse;
  } catch {
    return { error: 'refused', host, port };
  }
}

function serve(ctx: ServiceContext, data: string, client: string): string {
  const c = ctx.container;
  let request: MysqlRequest;
  try {
    request = JSON.parse(data) as MysqlRequest;
  } catch {
    // Anything but a client's handshake (a curl, a redis-cli) gets nothing it can read.
    return '';
  }
  const readyAt = c.service?.readyAt ?? c.state.startedAt;
  if (request.ping) return JSON.stringify({ readyAt });
  if (ctx.now() < readyAt) return JSON.stringify({ error: 'starting' });
  const host = client === '127.0.0.1' ? 'localhost' : client;
  const user = request.user ?? '';
  const password = request.password ?? '';
  const accounts = readAccounts(ctx.fs) ?? [];
  const account = accounts.find(
    (a) => a.user === user && (a.host === '%' || a.host === host) && a.password === password,
  );
  if (!account) return JSON.stringify({ error: authError(user, host, password) });
  c.service ??= { connections: 0 };
  c.service.connections++;
  const dbs = readDatabases(ctx.fs);
  const session = {
    user,
    host,
    version: MYSQL_VERSION,
    ...(account.grants ? { grants: account.grants } : {}),
  } as Parameters<typeof executeSql>[1];
  if (request.database) {
    const use = executeSql(dbs, session, `USE \`${request.database.replace(/`/g, '``')}\``);
    if (use.kind === 'error') return JSON.stringify({ error: use });
  }
  const results = (request.sql ?? []).map((sql) => executeSql(dbs, session, sql));
  writeDatabases(ctx.fs, dbs);
  // Connection ids go on from those the entrypoint's own clients used.
  return JSON.stringify({ connection: 8 + c.service.connections, results });
}

/** mysqld as the official image's entrypoint starts it: initialises an empty data directory first. */
export function mysqlService(ctx: ServiceContext): ServiceModel | undefined {
  const [program = '', ...args] = ctx.argv;
  if (
    !/(^|\/)mysqld$/.test(program) ||
    args.some((a) => ['--version', '-V', '--help', '-?', '--verbose'].includes(a))
  )
    return undefined;
  const c: ContainerRecord = ctx.container;
  return {
    name: 'mysql',
    ports: [3306, 33060],
    memory: 372 * 1024 * 1024,
    processes: () => [{ args: 'mysqld', rss: 381_000, vsz: 2_640_000, user: 'mysql' }],
    startup: (container, _iso, start) => {
      const env = envMap(container.config.env);
      const lines: { delay: number; stream: 'stdout' | 'stderr'; text: string }[] = [];
      const note = (delay: number, text: string) =>
        lines.push({
          delay,
          stream: 'stdout',
          text: `${entrypointDate(start + delay)} [Note] [Entrypoint]: ${text}`,
        });
      const server = (
        delay: number,
        thread: number,
        level: string,
        code: string,
        part: string,
        text: string,
      ) =>
        lines.push({
          delay,
          stream: 'stderr',
          text: `${serverDate(start + delay)} ${thread} [${level}] [${code}] [${part}] ${text}`,
        });
      const hostCache = (delay: number) =>
        server(
          delay,
          0,
          'Warning',
          'MY-011068',
          'Server',
          "The syntax '--skip-host-cache' is deprecated and will be removed in a future release. Please use SET GLOBAL host_cache_size=0 instead.",
        );
      const boot = (at: number, pid: number, port: number) => {
        hostCache(at);
        server(
          at + 10,
          0,
          'System',
          'MY-010116',
          'Server',
          `/usr/sbin/mysqld (mysqld ${MYSQL_VERSION}) starting as process ${pid}`,
        );
        server(at + 30, 1, 'System', 'MY-013576', 'InnoDB', 'InnoDB initialization has started.');
        server(at + 300, 1, 'System', 'MY-013577', 'InnoDB', 'InnoDB initialization has ended.');
        server(at + 600, 0, 'Warning', 'MY-010068', 'Server', 'CA certificate ca.pem is self signed.');
        server(
          at + 600,
          0,
          'System',
          'MY-013602',
          'Server',
          'Channel mysql_main configured to support TLS. Encrypted connections are now supported for this channel.',
        );
        server(
          at + 605,
          0,
          'Warning',
          'MY-011810',
          'Server',
          "Insecure configuration for --pid-file: Location '/var/run/mysqld' in the path is accessible to all OS users. Consider choosing a different directory.",
        );
        server(
          at + 620,
          0,
          'System',
          'MY-011323',
          'Server',
          port === 0
            ? 'X Plugin ready for connections. Socket: /var/run/mysqld/mysqlx.sock'
            : "X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock",
        );
        server(
          at + 620,
          0,
          'System',
          'MY-010931',
          'Server',
          `/usr/sbin/mysqld: ready for connections. Version: '${MYSQL_VERSION}'  socket: '/var/run/mysqld/mysqld.sock'  port: ${port}  MySQL Community Server - GPL.`,
        );
        return at + 620;
      };
      const socketFix = (delay: number) =>
        lines.push({
          delay,
          stream: 'stdout',
          text: "'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'",
        });
      note(0, `Entrypoint script for MySQL Server ${PACKAGE_VERSION} started.`);
      note(60, "Switching to dedicated user 'mysql'");
      note(90, `Entrypoint script for MySQL Server ${PACKAGE_VERSION} started.`);
      let ready: number;
      if (readAccounts(ctx.fs)) {
        socketFix(100);
        ready = boot(200, 1, 3306);
      } else {
        if (!env.MYSQL_ROOT_PASSWORD && !env.MYSQL_ALLOW_EMPTY_PASSWORD && !env.MYSQL_RANDOM_ROOT_PASSWORD) {
          lines.push({
            delay: 120,
            stream: 'stderr',
            text: `${entrypointDate(start + 120)} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD`,
          });
          container.service = { connections: 0 };
          return { lines, exit: 1 };
        }
        note(160, 'Initializing database files');
        hostCache(200);
        server(
          210,
          0,
          'System',
          'MY-013169',
          'Server',
          `/usr/sbin/mysqld (mysqld ${MYSQL_VERSION}) initializing of server in progress as process 80`,
        );
        server(230, 1, 'System', 'MY-013576', 'InnoDB', 'InnoDB initialization has started.');
        server(900, 1, 'System', 'MY-013577', 'InnoDB', 'InnoDB initialization has ended.');
        server(
          2_400,
          6,
          'Warning',
          'MY-010453',
          'Server',
          'root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.',
        );
        note(5_200, 'Database files initialized');
        note(5_210, 'Starting temporary server');
        boot(5_300, 124, 0);
        note(5_950, 'Temporary server started.');
        socketFix(5_960);
        for (const file of [
          'iso3166.tab',
          'leap-seconds.list',
          'leapseconds',
          'tzdata.zi',
          'zone.tab',
          'zone1970.tab',
        ])
          lines.push({
            delay: 6_800,
            stream: 'stderr',
            text: `Warning: Unable to load '/usr/share/zoneinfo/${file}' as time zone. Skipping it.`,
          });
        let at = 8_100;
        if (env.MYSQL_DATABASE) note(at, `Creating database ${env.MYSQL_DATABASE}`);
        if (env.MYSQL_USER && env.MYSQL_PASSWORD) {
          at += 40;
          note(at, `Creating user ${env.MYSQL_USER}`);
          if (env.MYSQL_DATABASE) {
            at += 40;
            note(at, `Giving user ${env.MYSQL_USER} access to schema ${env.MYSQL_DATABASE}`);
          }
        }
        note(at + 100, 'Stopping temporary server');
        server(
          at + 110,
          13,
          'System',
          'MY-013172',
          'Server',
          `Received SHUTDOWN from user root. Shutting down mysqld (Version: ${MYSQL_VERSION}).`,
        );
        server(
          at + 1_800,
          0,
          'System',
          'MY-010910',
          'Server',
          `/usr/sbin/mysqld: Shutdown complete (mysqld ${MYSQL_VERSION})  MySQL Community Server - GPL.`,
        );
        note(at + 2_000, 'Temporary server stopped');
        lines.push({ delay: at + 2_000, stream: 'stdout', text: '' });
        note(at + 2_000, 'MySQL init process done. Ready for start up.');
        lines.push({ delay: at + 2_000, stream: 'stdout', text: '' });
        initialiseDatadir(ctx.fs, env);
        ready = boot(at + 2_200, 1, 3306);
      }
      container.service = { connections: 0, readyAt: start + ready };
      return { lines };
    },
    shutdown: (_iso, at) => [
      `${serverDate(at)} 0 [System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${MYSQL_VERSION}).`,
      `${serverDate(at + 1_300)} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld ${MYSQL_VERSION})  MySQL Community Server - GPL.`,
    ],
    tcp: (data, client) => serve({ ...ctx, container: c }, data, client),
  };
}
