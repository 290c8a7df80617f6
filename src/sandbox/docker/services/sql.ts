/**
 * The small part of MySQL's SQL that the workshop and its todo app use: databases, tables of
 * varchar and integer columns, INSERT, SELECT (with `WHERE col = value [AND …]`), UPDATE, DELETE,
 * SHOW and DESCRIBE, with MySQL 8's error numbers and messages. Anything else is a syntax error,
 * worded as MySQL words one.
 */

export type SqlValue = string | number | null;

export interface SqlColumn {
  name: string;
  /** The type as MySQL shows it (`varchar(36)`, `tinyint(1)`). */
  type: string;
}

export interface SqlTable {
  columns: SqlColumn[];
  rows: SqlValue[][];
}

/** User databases and their tables (the system schemas are not stored). */
export type SqlDatabases = Record<string, Record<string, SqlTable>>;

export type SqlResult =
  | { kind: 'rows'; columns: string[]; numeric: boolean[]; rows: SqlValue[][] }
  | { kind: 'ok'; affected: number; warnings?: number; info?: string }
  | { kind: 'use'; database: string }
  | SqlError;

export interface SqlError {
  kind: 'error';
  errno: number;
  sqlState: string;
  code: string;
  message: string;
}

/** What a connection knows: who it is and which database it uses. */
export interface SqlSession {
  user: string;
  host: string;
  database?: string;
  /** Databases this user may see and use; undefined for every one (root). */
  grants?: string[];
  version: string;
}

export const SYSTEM_SCHEMAS = ['information_schema', 'mysql', 'performance_schema', 'sys'];

const error = (errno: number, sqlState: string, code: string, message: string): SqlError => ({
  kind: 'error',
  errno,
  sqlState,
  code,
  message,
});

type Token = { kind: 'word' | 'ident' | 'string' | 'number' | 'symbol'; text: string; at: number };

/** Splits SQL into tokens; undefined when a quote is never closed. */
function tokenize(sql: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const at = i;
    if (ch === "'" || ch === '"' || ch === '`') {
      let text = '';
      i++;
      for (;;) {
        if (i >= sql.length) return undefined;
        const c = sql[i] as string;
        if (c === '\\' && ch !== '`' && i + 1 < sql.length) {
          const n = sql[i + 1] as string;
          text += { n: '\n', t: '\t', r: '\r', '0': '\0' }[n] ?? n;
          i += 2;
          continue;
        }
        if (c === ch) {
          if (sql[i + 1] === ch) {
            text += ch;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += c;
        i++;
      }
      out.push({ kind: ch === '`' ? 'ident' : 'string', text, at });
    } else if (
      /[0-9]/.test(ch) ||
      (ch === '-' && /[0-9]/.test(sql[i + 1] ?? '') && out.at(-1)?.kind === 'symbol')
    ) {
      let j = i + 1;
      while (j < sql.length && /[0-9.]/.test(sql[j] as string)) j++;
      out.push({ kind: 'number', text: sql.slice(i, j), at });
      i = j;
    } else if (/[A-Za-z_$@]/.test(ch)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$@.]/.test(sql[j] as string)) j++;
      out.push({ kind: 'word', text: sql.slice(i, j), at });
      i = j;
    } else {
      const two = sql.slice(i, i + 2);
      const sym = ['<=', '>=', '!=', '<>'].includes(two) ? two : ch;
      out.push({ kind: 'symbol', text: sym, at });
      i += sym.length;
    }
  }
  return out;
}

class Parser {
  private i = 0;
  private readonly tokens: Token[];
  private readonly sql: string;
  constructor(tokens: Token[], sql: string) {
    this.tokens = tokens;
    this.sql = sql;
  }
  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }
  /** The next token if it is this keyword (any case), consumed. */
  keyword(...words: string[]): boolean {
    const t = this.peek();
    if (t?.kind === 'word' && words.includes(t.text.toUpperCase())) {
      this.i++;
      return true;
    }
    return false;
  }
  symbol(text: string): boolean {
    if (this.peek()?.kind === 'symbol' && this.peek()?.text === text) {
      this.i++;
      return true;
    }
    return false;
  }
  name(): string | undefined {
    const t = this.peek();
    if (t && (t.kind === 'word' || t.kind === 'ident')) {
      this.i++;
      return t.text;
    }
    return undefined;
  }
  value(): SqlValue | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.kind === 'string') {
      this.i++;
      return t.text;
    }
    if (t.kind === 'number') {
      this.i++;
      return Number(t.text);
    }
    if (t.kind === 'word') {
      const w = t.text.toUpperCase();
      if (w === 'NULL' || w === 'TRUE' || w === 'FALSE') {
        this.i++;
        return w === 'NULL' ? null : w === 'TRUE' ? 1 : 0;
      }
    }
    return undefined;
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
  /** MySQL's syntax error, quoting the statement from the token it stopped at. */
  syntax(): SqlError {
    const at = this.peek()?.at ?? this.sql.length;
    return error(
      1064,
      '42000',
      'ER_PARSE_ERROR',
      `You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${this.sql.slice(at).slice(0, 80)}' at line 1`,
    );
  }
}

const NUMERIC =
  /^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|bool|boolean|bit)/i;

/** A column type as MySQL stores and shows it. */
function canonicalType(words: string[]): string {
  const t = words.join('').toLowerCase();
  if (t === 'boolean' || t === 'bool') return 'tinyint(1)';
  if (t === 'int' || t === 'integer') return 'int';
  return t;
}

function coerce(column: SqlColumn, value: SqlValue): SqlValue {
  if (value === null) return null;
  if (NUMERIC.test(column.type)) {
    const n = typeof value === 'number' ? value : Number.parseFloat(value);
    return Number.isFinite(n) ? n : 0;
  }
  return String(value);
}

/** MySQL's default collation compares text without regard to case or trailing spaces. */
function equal(a: SqlValue, b: SqlValue): boolean {
  if (a === null || b === null) return false;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return a.replace(/ +$/, '').toLowerCase() === b.replace(/ +$/, '').toLowerCase();
}

interface Condition {
  column: string;
  value: SqlValue;
}

function parseWhere(p: Parser): Condition[] | SqlError {
  const out: Condition[] = [];
  if (!p.keyword('WHERE')) return out;
  do {
    const column = p.name();
    if (!column || !p.symbol('=')) return p.syntax();
    const value = p.value();
    if (value === undefined) return p.syntax();
    out.push({ column, value });
  } while (p.keyword('AND'));
  return out;
}

/** Runs one statement (without its terminating `;`) against the databases. */
export function executeSql(dbs: SqlDatabases, session: SqlSession, sql: string): SqlResult {
  const tokens = tokenize(sql);
  const p = new Parser(tokens ?? [], sql);
  if (!tokens) return p.syntax();
  const visible = (db: string) =>
    !session.grants || session.grants.includes(db) || db === 'information_schema';
  const denied = (db: string) =>
    error(
      1044,
      '42000',
      'ER_DBACCESS_DENIED_ERROR',
      `Access denied for user '${session.user}'@'${session.host}' to database '${db}'`,
    );
  const table = (name: string): { db: string; t: SqlTable } | SqlError => {
    const [dbName, tableName] = name.includes('.')
      ? (name.split('.') as [string, string])
      : [session.database, name];
    if (!dbName) return error(1046, '3D000', 'ER_NO_DB_ERROR', 'No database selected');
    const t = dbs[dbName]?.[tableName];
    if (!t) return error(1146, '42S02', 'ER_NO_SUCH_TABLE', `Table '${dbName}.${tableName}' doesn't exist`);
    return { db: dbName, t };
  };
  const unknownColumn = (column: string, where: string) =>
    error(1054, '42S22', 'ER_BAD_FIELD_ERROR', `Unknown column '${column}' in '${where}'`);
  const matches = (t: SqlTable, conditions: Condition[]): ((row: SqlValue[]) => boolean) | SqlError => {
    const idx: [number, SqlValue][] = [];
    for (const c of conditions) {
      const i = t.columns.findIndex((col) => col.name.toLowerCase() === c.column.toLowerCase());
      if (i < 0) return unknownColumn(c.column, 'where clause');
      idx.push([i, c.value]);
    }
    return (row) => idx.every(([i, v]) => equal(row[i] ?? null, v));
  };

  if (p.keyword('SHOW')) {
    if (p.keyword('DATABASES', 'SCHEMAS')) {
      const names = [...SYSTEM_SCHEMAS, ...Object.keys(dbs)].filter(visible).sort();
      return { kind: 'rows', columns: ['Database'], numeric: [false], rows: names.map((n) => [n]) };
    }
    if (p.keyword('TABLES')) {
      if (!session.database) return error(1046, '3D000', 'ER_NO_DB_ERROR', 'No database selected');
      const names = Object.keys(dbs[session.database] ?? {}).sort();
      return {
        kind: 'rows',
        columns: [`Tables_in_${session.database}`],
        numeric: [false],
        rows: names.map((n) => [n]),
      };
    }
    return p.syntax();
  }
  if (p.keyword('USE')) {
    const name = p.name();
    if (!name) return p.syntax();
    if (!SYSTEM_SCHEMAS.includes(name) && !dbs[name])
      return error(1049, '42000', 'ER_BAD_DB_ERROR', `Unknown database '${name}'`);
    if (!visible(name)) return denied(name);
    session.database = name;
    return { kind: 'use', database: name };
  }
  if (p.keyword('CREATE')) {
    if (p.keyword('DATABASE', 'SCHEMA')) {
      const ifNotExists = p.keyword('IF') && p.keyword('NOT') && p.keyword('EXISTS');
      const name = p.name();
      if (!name) return p.syntax();
      if (dbs[name] || SYSTEM_SCHEMAS.includes(name)) {
        if (ifNotExists) return { kind: 'ok', affected: 1, warnings: 1 };
        return error(
          1007,
          'HY000',
          'ER_DB_CREATE_EXISTS',
          `Can't create database '${name}'; database exists`,
        );
      }
      if (session.grants) return denied(name);
      dbs[name] = {};
      return { kind: 'ok', affected: 1 };
    }
    if (p.keyword('TABLE')) {
      const ifNotExists = p.keyword('IF') && p.keyword('NOT') && p.keyword('EXISTS');
      const name = p.name();
      if (!name || !p.symbol('(')) return p.syntax();
      const columns: SqlColumn[] = [];
      do {
        const column = p.name();
        if (!column) return p.syntax();
        const type: string[] = [];
        const word = p.name();
        if (!word) return p.syntax();
        type.push(word);
        if (p.symbol('(')) {
          const size = p.peek();
          if (size?.kind !== 'number') return p.syntax();
          p.value();
          if (!p.symbol(')')) return p.syntax();
          type.push(`(${size.text})`);
        }
        // Column options (NOT NULL, PRIMARY KEY, DEFAULT …) are accepted and not modelled.
        while (p.peek() && !(p.peek()?.kind === 'symbol' && [',', ')'].includes(p.peek()?.text ?? ''))) {
          if (p.symbol('(')) {
            while (!p.done() && !p.symbol(')')) p.name() ?? p.value() ?? p.symbol(',');
          } else if (p.name() === undefined && p.value() === undefined) return p.syntax();
        }
        columns.push({ name: column, type: canonicalType(type) });
      } while (p.symbol(','));
      if (!p.symbol(')')) return p.syntax();
      const db = session.database;
      if (!db) return error(1046, '3D000', 'ER_NO_DB_ERROR', 'No database selected');
      const tables = dbs[db];
      if (!tables) return error(1049, '42000', 'ER_BAD_DB_ERROR', `Unknown database '${db}'`);
      if (tables[name]) {
        if (ifNotExists) return { kind: 'ok', affected: 0, warnings: 1 };
        return error(1050, '42S01', 'ER_TABLE_EXISTS_ERROR', `Table '${name}' already exists`);
      }
      tables[name] = { columns, rows: [] };
      return { kind: 'ok', affected: 0 };
    }
    return p.syntax();
  }
  if (p.keyword('DROP')) {
    const isDb = p.keyword('DATABASE', 'SCHEMA');
    if (!isDb && !p.keyword('TABLE')) return p.syntax();
    const ifExists = p.keyword('IF') && p.keyword('EXISTS');
    const name = p.name();
    if (!name) return p.syntax();
    if (isDb) {
      const tables = dbs[name];
      if (!tables) {
        if (ifExists) return { kind: 'ok', affected: 0, warnings: 1 };
        return error(
          1008,
          'HY000',
          'ER_DB_DROP_EXISTS',
          `Can't drop database '${name}'; database doesn't exist`,
        );
      }
      delete dbs[name];
      if (session.database === name) delete session.database;
      return { kind: 'ok', affected: Object.keys(tables).length };
    }
    const found = table(name);
    if ('kind' in found) {
      if (ifExists && found.errno === 1146) return { kind: 'ok', affected: 0, warnings: 1 };
      return found.errno === 1146
        ? error(1051, '42S02', 'ER_BAD_TABLE_ERROR', `Unknown table '${found.message.split("'")[1]}'`)
        : found;
    }
    delete dbs[found.db]?.[name.split('.').pop() as string];
    return { kind: 'ok', affected: 0 };
  }
  if (p.keyword('INSERT')) {
    if (!p.keyword('INTO')) return p.syntax();
    const name = p.name();
    if (!name) return p.syntax();
    const found = table(name);
    if ('kind' in found) return found;
    const { t } = found;
    let order = t.columns.map((_, i) => i);
    if (p.symbol('(')) {
      order = [];
      do {
        const column = p.name();
        if (!column) return p.syntax();
        const i = t.columns.findIndex((c) => c.name.toLowerCase() === column.toLowerCase());
        if (i < 0) return unknownColumn(column, 'field list');
        order.push(i);
      } while (p.symbol(','));
      if (!p.symbol(')')) return p.syntax();
    }
    if (!p.keyword('VALUES', 'VALUE')) return p.syntax();
    const rows: SqlValue[][] = [];
    do {
      if (!p.symbol('(')) return p.syntax();
      const values: SqlValue[] = [];
      do {
        const v = p.value();
        if (v === undefined) return p.syntax();
        values.push(v);
      } while (p.symbol(','));
      if (!p.symbol(')')) return p.syntax();
      if (values.length !== order.length)
        return error(
          1136,
          '21S01',
          'ER_WRONG_VALUE_COUNT_ON_ROW',
          `Column count doesn't match value count at row ${rows.length + 1}`,
        );
      const row: SqlValue[] = t.columns.map(() => null);
      order.forEach((col, k) => {
        row[col] = coerce(t.columns[col] as SqlColumn, values[k] ?? null);
      });
      rows.push(row);
    } while (p.symbol(','));
    if (!p.done()) return p.syntax();
    t.rows.push(...rows);
    return {
      kind: 'ok',
      affected: rows.length,
      ...(rows.length > 1 ? { info: `Records: ${rows.length}  Duplicates: 0  Warnings: 0` } : {}),
    };
  }
  if (p.keyword('SELECT')) {
    const items: (
      | { star: true }
      | { column: string }
      | { value: SqlValue; label: string }
      | { fn: string }
    )[] = [];
    do {
      const t = p.peek();
      if (p.symbol('*')) items.push({ star: true });
      else if (t?.kind === 'word' && p.peek(1)?.text === '(') {
        p.name();
        p.symbol('(');
        const star = p.symbol('*');
        if (!p.symbol(')')) return p.syntax();
        items.push({ fn: `${t.text}(${star ? '*' : ''})` });
      } else {
        const start = p.peek()?.at ?? 0;
        const value = p.value();
        if (value !== undefined)
          items.push({ value, label: sql.slice(start, p.peek()?.at ?? sql.length).trim() });
        else {
          const column = p.name();
          if (!column) return p.syntax();
          items.push({ column });
        }
      }
    } while (p.symbol(','));
    const fnValue = (fn: string, count: number): SqlValue | SqlError => {
      const f = fn.toUpperCase();
      if (f === 'VERSION()') return session.version;
      if (f === 'DATABASE()') return session.database ?? null;
      if (f === 'USER()' || f === 'CURRENT_USER()' || f === 'CURRENT_USER')
        return `${session.user}@${f === 'USER()' ? session.host : '%'}`;
      if (f === 'COUNT(*)') return count;
      return error(
        1305,
        '42000',
        'ER_SP_DOES_NOT_EXIST',
        `FUNCTION ${session.database ?? 'mysql'}.${fn.split('(')[0]} does not exist`,
      );
    };
    if (!p.keyword('FROM')) {
      if (!p.done()) return p.syntax();
      const row: SqlValue[] = [];
      for (const item of items) {
        if ('star' in item) return error(1096, 'HY000', 'ER_NO_TABLES_USED', 'No tables used');
        if ('column' in item) return unknownColumn(item.column, 'field list');
        if ('fn' in item) {
          const v = fnValue(item.fn, 0);
          if (v !== null && typeof v === 'object') return v;
          row.push(v);
        } else row.push(item.value);
      }
      return {
        kind: 'rows',
        columns: items.map((i) => ('fn' in i ? i.fn : 'label' in i ? i.label : '')),
        numeric: row.map((v) => typeof v === 'number'),
        rows: [row],
      };
    }
    const name = p.name();
    if (!name) return p.syntax();
    const found = table(name);
    if ('kind' in found) return found;
    const { t } = found;
    const where = parseWhere(p);
    if ('kind' in where) return where;
    let limit = Number.POSITIVE_INFINITY;
    if (p.keyword('LIMIT')) {
      const n = p.value();
      if (typeof n !== 'number') return p.syntax();
      limit = n;
    }
    if (!p.done()) return p.syntax();
    const test = matches(t, where);
    if (typeof test !== 'function') return test;
    const rows = t.rows.filter(test).slice(0, limit);
    const columns: string[] = [];
    const numeric: boolean[] = [];
    const pick: ((row: SqlValue[]) => SqlValue)[] = [];
    const aggregate = items.some((i) => 'fn' in i);
    for (const item of items) {
      if ('star' in item) {
        t.columns.forEach((c, i) => {
          columns.push(c.name);
          numeric.push(NUMERIC.test(c.type));
          pick.push((row) => row[i] ?? null);
        });
      } else if ('column' in item) {
        const i = t.columns.findIndex((c) => c.name.toLowerCase() === item.column.toLowerCase());
        if (i < 0) return unknownColumn(item.column, 'field list');
        columns.push(item.column);
        numeric.push(NUMERIC.test((t.columns[i] as SqlColumn).type));
        pick.push((row) => row[i] ?? null);
      } else if ('fn' in item) {
        const v = fnValue(item.fn, rows.length);
        if (v !== null && typeof v === 'object') return v;
        columns.push(item.fn);
        numeric.push(typeof v === 'number');
        pick.push(() => v);
      } else {
        columns.push(item.label);
        numeric.push(typeof item.value === 'number');
        pick.push(() => item.value);
      }
    }
    const source = aggregate ? [rows[0] ?? []] : rows;
    return { kind: 'rows', columns, numeric, rows: source.map((row) => pick.map((f) => f(row))) };
  }
  if (p.keyword('UPDATE')) {
    const name = p.name();
    if (!name || !p.keyword('SET')) return p.syntax();
    const found = table(name);
    if ('kind' in found) return found;
    const { t } = found;
    const sets: [number, SqlValue][] = [];
    do {
      const column = p.name();
      if (!column || !p.symbol('=')) return p.syntax();
      const value = p.value();
      if (value === undefined) return p.syntax();
      const i = t.columns.findIndex((c) => c.name.toLowerCase() === column.toLowerCase());
      if (i < 0) return unknownColumn(column, 'field list');
      sets.push([i, coerce(t.columns[i] as SqlColumn, value)]);
    } while (p.symbol(','));
    const where = parseWhere(p);
    if ('kind' in where) return where;
    if (!p.done()) return p.syntax();
    const test = matches(t, where);
    if (typeof test !== 'function') return test;
    let matched = 0;
    let changed = 0;
    for (const row of t.rows) {
      if (!test(row)) continue;
      matched++;
      if (sets.some(([i, v]) => row[i] !== v)) changed++;
      for (const [i, v] of sets) row[i] = v;
    }
    return {
      kind: 'ok',
      affected: changed,
      info: `Rows matched: ${matched}  Changed: ${changed}  Warnings: 0`,
    };
  }
  if (p.keyword('DELETE')) {
    if (!p.keyword('FROM')) return p.syntax();
    const name = p.name();
    if (!name) return p.syntax();
    const found = table(name);
    if ('kind' in found) return found;
    const { t } = found;
    const where = parseWhere(p);
    if ('kind' in where) return where;
    if (!p.done()) return p.syntax();
    const test = matches(t, where);
    if (typeof test !== 'function') return test;
    const before = t.rows.length;
    t.rows = t.rows.filter((row) => !test(row));
    return { kind: 'ok', affected: before - t.rows.length };
  }
  if (p.keyword('DESCRIBE', 'DESC', 'EXPLAIN')) {
    const name = p.name();
    if (!name) return p.syntax();
    const found = table(name);
    if ('kind' in found) return found;
    return {
      kind: 'rows',
      columns: ['Field', 'Type', 'Null', 'Key', 'Default', 'Extra'],
      numeric: [false, false, false, false, false, false],
      rows: found.t.columns.map((c) => [c.name, c.type, 'YES', '', null, '']),
    };
  }
  return p.syntax();
}

/** MySQL's `Query OK` line, `1 row in set`, or the table of a result, as the mysql client prints on a terminal. */
export function formatTable(result: { columns: string[]; numeric: boolean[]; rows: SqlValue[][] }): string {
  const show = (v: SqlValue) => (v === null ? 'NULL' : String(v));
  const widths = result.columns.map((c, i) =>
    Math.max(c.length, ...result.rows.map((r) => [...show(r[i] ?? null)].length)),
  );
  const line = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const cells = (values: string[], right: boolean[]) =>
    `| ${values.map((v, i) => (right[i] ? v.padStart(widths[i] as number) : v.padEnd(widths[i] as number))).join(' | ')} |`;
  return [
    line,
    cells(
      result.columns,
      result.columns.map(() => false),
    ),
    line,
    ...result.rows.map((r) => cells(r.map(show), result.numeric)),
    line,
    '',
  ].join('\n');
}

/** The line the mysql client prints after a statement, with the time it took. */
export function summary(result: SqlResult, seconds: string): string {
  switch (result.kind) {
    case 'rows':
      return result.rows.length === 0
        ? `Empty set (${seconds} sec)\n`
        : `${result.rows.length} row${result.rows.length === 1 ? '' : 's'} in set (${seconds} sec)\n`;
    case 'ok': {
      const warnings = result.warnings
        ? `, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}`
        : '';
      return `Query OK, ${result.affected} row${result.affected === 1 ? '' : 's'} affected${warnings} (${seconds} sec)\n${result.info ? `${result.info}\n` : ''}`;
    }
    case 'use':
      return 'Database changed\n';
    case 'error':
      return `ERROR ${result.errno} (${result.sqlState}): ${result.message}\n`;
  }
}

/** Splits client input into statements at `;` (and `\g`) outside quotes; the rest is unfinished. */
export function splitStatements(text: string): { statements: string[]; rest: string } {
  const statements: string[] = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === ';' || (ch === '\\' && (text[i + 1] === 'g' || text[i + 1] === 'G'))) {
      statements.push(text.slice(start, i).trim());
      if (ch === '\\') i++;
      start = i + 1;
    }
  }
  return { statements, rest: text.slice(start) };
}
