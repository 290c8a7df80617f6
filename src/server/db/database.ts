/**
 * The one way Quayside's server talks to PostgreSQL, whichever it is: the embedded PGlite or a real
 * server through `pg`. Queries are plain SQL with `$1` parameters, the same text for both.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  /** Which engine answers, for messages and tests. */
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction. Inside it, query through `tx` only, and await nothing but the
   * database: PGlite has a single connection, so anything else would hold it for everyone.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
