import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import type { Database } from '../../src/server/db/database';
import { openDatabase, useDatabase as serveDatabase } from '../../src/server/db/open';
import { openPostgres } from '../../src/server/db/postgres';

/** The two engines every database test runs on. */
export const ENGINES = ['pglite', 'postgres'] as const;

/**
 * A fresh, migrated database of the given engine: PGlite in memory, or a new database on the suite's
 * PostgreSQL server. `drop` removes it.
 */
export async function freshDatabase(
  engine: (typeof ENGINES)[number],
): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const db = await openDatabase({});
    return { db, drop: () => db.close() };
  }
  const server = inject('databaseUrl');
  const name = `quayside_test_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(server);
  await admin.query(`create database ${name}`);
  const db = await openDatabase({ url: server.replace(/\/[^/]*$/, `/${name}`) });
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.query(`drop database ${name} with (force)`);
      await admin.close();
    },
  };
}

/**
 * A fresh database of `engine` for the enclosing `describe`, made before its tests and dropped after;
 * with `serve`, also the one the server's routes use. Returns a getter for it.
 */
export function databaseFor(
  engine: (typeof ENGINES)[number],
  options: { serve?: boolean } = {},
): () => Database {
  let db: Database | undefined;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(engine));
    if (options.serve) serveDatabase(db);
  });
  afterAll(() => drop());
  return () => {
    if (!db) throw new Error('the database is made before the tests run');
    return db;
  };
}
