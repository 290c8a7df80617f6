import { MYSQL_VERSION, type MysqlRequest, mysqlCall } from '../docker/services/mysql.ts';
import {
  formatTable,
  type SqlResult,
  type SqlValue,
  splitStatements,
  summary,
} from '../docker/services/sql.ts';
import type { LineSession, Program, ProgramContext } from '../shell/program.ts';
import type { OutputStream } from '../shell/streams.ts';

const BANNER = (connection: number) => `Welcome to the MySQL monitor.  Commands end with ; or \\g.
Your MySQL connection id is ${connection}
Server version: ${MYSQL_VERSION} MySQL Community Server - GPL

Copyright (c) 2000, 2025, Oracle and/or its affiliates.

Oracle is a registered trademark of Oracle Corporation and/or its
affiliates. Other names may be trademarks of their respective
owners.

Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.

`;

const READING_TABLES =
  'Reading table information for completion of table and column names\nYou can turn off this feature to get a quicker startup with -A\n\n';

interface Options {
  user: string;
  password: string | undefined;
  /** `-p` without a value: ask for the password. */
  prompt: boolean;
  host: string;
  port: number;
  database: string | undefined;
  execute: string | undefined;
  batch: boolean;
  table: boolean;
  skipColumnNames: boolean;
}

function parseOptions(args: string[]): Options | { version: true } | { error: string } {
  const o: Options = {
    user: 'root',
    password: undefined,
    prompt: false,
    host: 'localhost',
    port: 3306,
    database: undefined,
    execute: undefined,
    batch: false,
    table: false,
    skipColumnNames: false,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const long = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    const value = (inline: string | undefined) => inline ?? args[++i] ?? '';
    if (a === '-V' || a === '--version') return { version: true };
    if (long) {
      const [, name, inline] = long;
      if (name === 'user') o.user = value(inline);
      else if (name === 'password') {
        if (inline !== undefined) o.password = inline;
        else o.prompt = true;
      } else if (name === 'host') o.host = value(inline);
      else if (name === 'port') o.port = Number(value(inline));
      else if (name === 'database') o.database = value(inline);
      else if (name === 'execute') o.execute = value(inline);
      else if (name === 'batch') o.batch = true;
      else if (name === 'table') o.table = true;
      else if (name === 'skip-column-names') o.skipColumnNames = true;
      else if (!['protocol', 'socket', 'default-character-set'].includes(name ?? '')) {
        return { error: `mysql: [ERROR] unknown option '--${name}'.` };
      } else if (inline === undefined) i++;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const flag = a[1] as string;
      const rest = a.slice(2);
      if (flag === 'u') o.user = rest || args[++i] || '';
      else if (flag === 'p') {
        if (rest) o.password = rest;
        else o.prompt = true;
      } else if (flag === 'h') o.host = rest || args[++i] || '';
      else if (flag === 'P') o.port = Number(rest || args[++i]);
      else if (flag === 'D') o.database = rest || args[++i];
      else if (flag === 'e') o.execute = rest || args[++i];
      else if (flag === 'B') o.batch = true;
      else if (flag === 't') o.table = true;
      else if (flag === 'N') o.skipColumnNames = true;
      else if (flag !== 'A') return { error: `mysql: [ERROR] unknown option '-${flag}'.` };
      continue;
    }
    o.database = a;
  }
  return o;
}

/** A value as batch mode prints it (tabs, newlines and backslashes escaped). */
function batchValue(v: SqlValue): string {
  if (v === null) return 'NULL';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

/** The client's view of a server: runs statements, reports the errors the way mysql does. */
class Client {
  database: string | undefined;
  private readonly ctx: ProgramContext;
  private readonly o: Options;
  private readonly password: string;
  constructor(ctx: ProgramContext, o: Options, password: string) {
    this.ctx = ctx;
    this.o = o;
    this.password = password;
    this.database = o.database;
  }

  /** Sends statements; a connection error as mysql prints it, or the results. */
  send(sql: string[]): { connection: number; results: SqlResult[] } | { error: string } {
    const tcp = this.ctx.system.tcp?.bind(this.ctx.system);
    const host = this.o.host === 'localhost' ? '127.0.0.1' : this.o.host;
    const request: MysqlRequest = {
      user: this.o.user,
      password: this.password,
      ...(this.database ? { database: this.database } : {}),
      sql,
    };
    const answer = tcp
      ? mysqlCall(tcp, host, request, this.o.port)
      : ({ error: 'refused', host, port: this.o.port } as const);
    const socket =
      "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n";
    if ('host' in answer) {
      if (this.o.host === 'localhost') return { error: socket };
      if (answer.error === 'unresolved')
        return { error: `ERROR 2005 (HY000): Unknown MySQL server host '${this.o.host}' (-2)\n` };
      return {
        error: `ERROR 2003 (HY000): Can't connect to MySQL server on '${this.o.host}:${this.o.port}' (111)\n`,
      };
    }
    if ('readyAt' in answer) return { error: socket };
    if ('error' in answer) {
      if (answer.error === 'starting')
        return {
          error:
            this.o.host === 'localhost'
              ? socket
              : `ERROR 2003 (HY000): Can't connect to MySQL server on '${this.o.host}:${this.o.port}' (111)\n`,
        };
      return { error: `ERROR ${answer.error.errno} (${answer.error.sqlState}): ${answer.error.message}\n` };
    }
    for (const r of answer.results) if (r.kind === 'use') this.database = r.database;
    return answer;
  }
}

/**
 * The mysql command-line client: `-u`, `-p` (asked for, or `-pPASSWORD`), `-h`, `-P`, `-e`, a
 * database to use; an interactive `mysql>` prompt on a terminal, batch output (tab-separated)
 * from a pipe, tables on a terminal. It speaks to servers over the sandbox's network.
 */
export const mysql: Program = async (ctx) => {
  const parsed = parseOptions(ctx.argv.slice(1));
  if ('version' in parsed) {
    ctx.stdout.write(`mysql  Ver ${MYSQL_VERSION} for Linux on x86_64 (MySQL Community Server - GPL)\n`);
    return 0;
  }
  if ('error' in parsed) {
    ctx.stderr.write(`${parsed.error}\n`);
    return 7;
  }
  const o = parsed;
  if (o.password !== undefined)
    ctx.stderr.write('mysql: [Warning] Using a password on the command line interface can be insecure.\n');
  const interactive = ctx.stdin.isTTY && o.execute === undefined;
  if (o.prompt && !ctx.stdin.isTTY) {
    // mysql reads the password from the terminal, never from a pipe.
    ctx.stderr.write('Enter password: ');
    ctx.stderr.write('\n');
    return run(ctx, o, '');
  }
  if (!interactive) return run(ctx, o, o.password ?? '');
  let password = o.password ?? '';
  let client: Client | undefined;
  let buffer = '';
  let asking = o.prompt;
  const start = (out: OutputStream, err: OutputStream): number | undefined => {
    client = new Client(ctx, o, password);
    // Connecting runs nothing but the USE the database argument asks for.
    const hello = client.send(o.database ? ['SHOW TABLES'] : []);
    if ('error' in hello) {
      err.write(hello.error);
      return 1;
    }
    const first = hello.results[0];
    if (first?.kind === 'rows' && first.rows.length > 0) out.write(READING_TABLES);
    out.write(BANNER(hello.connection));
    return undefined;
  };
  const lines: LineSession = {
    prompt: () => {
      if (asking) return 'Enter password: ';
      if (!buffer.trim()) return 'mysql> ';
      const { rest } = splitStatements(buffer);
      const quotes = (rest.match(/'/g) ?? []).length % 2 === 1 ? "    '> " : '    -> ';
      return quotes;
    },
    line: async (text, out, err) => {
      if (asking) {
        asking = false;
        password = text;
        out.write('\n');
        return start(out, err);
      }
      const trimmed = text.trim();
      if (!buffer.trim() && /^(exit|quit|\\q)\s*;?$/i.test(trimmed)) {
        out.write('Bye\n');
        return 0;
      }
      if (trimmed.endsWith('\\c')) {
        buffer = '';
        return undefined;
      }
      buffer += `${text}\n`;
      const { statements, rest } = splitStatements(buffer);
      buffer = rest.trim() ? rest : '';
      for (const sql of statements) {
        if (!sql) {
          err.write('ERROR: \nNo query specified\n\n');
          continue;
        }
        if (/^(help|\\h)$/i.test(sql)) {
          out.write(
            "\nFor information about MySQL products and services, visit:\n   http://www.mysql.com/\n\nThis sandbox's mysql runs SQL statements ending with ; (SHOW DATABASES; USE db; SELECT * FROM t;), and exit.\n\n",
          );
          continue;
        }
        const answer = (client as Client).send([sql]);
        if ('error' in answer) {
          err.write(answer.error);
          continue;
        }
        const result = answer.results[0] as SqlResult;
        const write = result.kind !== 'rows' && result.kind !== 'use' && result.kind !== 'error';
        await ctx.sleep(write ? 8 : 2);
        if (result.kind === 'use') {
          const tables = (client as Client).send(['SHOW TABLES']);
          const list = 'error' in tables ? undefined : tables.results[0];
          if (list?.kind === 'rows' && list.rows.length > 0) out.write(READING_TABLES);
          out.write('Database changed\n');
          continue;
        }
        if (result.kind === 'error') {
          err.write(summary(result, '0.00'));
          continue;
        }
        if (result.kind === 'rows' && result.rows.length > 0) out.write(formatTable(result));
        out.write(`${summary(result, write ? '0.01' : '0.00')}\n`);
      }
      return undefined;
    },
    end: (out) => {
      out.write('Bye\n');
      return 0;
    },
  };
  if (!asking) {
    const failed = start(ctx.stdout, ctx.stderr);
    if (failed !== undefined) return failed;
  }
  return ctx.session({
    system: ctx.system,
    fs: ctx.fs,
    user: ctx.user,
    cwd: ctx.cwd,
    env: ctx.env,
    shell: 'ash',
    lines,
  });
};

/** Batch mode: statements from -e or stdin, results tab-separated (or as tables with -t or a terminal). */
function run(ctx: ProgramContext, o: Options, password: string): number {
  const client = new Client(ctx, o, password);
  const text = o.execute ?? ctx.stdin.read();
  const { statements, rest } = splitStatements(text);
  if (rest.trim()) statements.push(rest.trim());
  const table = o.table || (o.execute !== undefined && ctx.stdout.isTTY && !o.batch);
  const hello = client.send([]);
  if ('error' in hello) {
    ctx.stderr.write(hello.error);
    return 1;
  }
  let line = 1;
  for (const sql of statements) {
    if (!sql) continue;
    const answer = client.send([sql]);
    if ('error' in answer) {
      ctx.stderr.write(answer.error);
      return 1;
    }
    const result = answer.results[0] as SqlResult;
    if (result.kind === 'error') {
      ctx.stderr.write(`ERROR ${result.errno} (${result.sqlState}) at line ${line}: ${result.message}\n`);
      return 1;
    }
    if (result.kind === 'rows' && (result.rows.length > 0 || !table)) {
      if (table) ctx.stdout.write(formatTable(result));
      else {
        if (!o.skipColumnNames && result.rows.length > 0) ctx.stdout.write(`${result.columns.join('\t')}\n`);
        for (const row of result.rows) ctx.stdout.write(`${row.map(batchValue).join('\t')}\n`);
      }
    }
    line += sql.split('\n').length - 1;
  }
  return 0;
}
