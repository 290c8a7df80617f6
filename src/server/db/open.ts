import type { Database } from './database.ts';
import { migrate } from './migrations.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

/** Where the database is: `DATABASE_URL` (a PostgreSQL server) or a PGlite data directory. */
export interface DatabaseConfig {
  url?: string | undefined;
  /** PGlite's directory; undefined keeps it in memory (tests). */
  dataDir?: string | undefined;
}

/** Reads the configuration from the environment, as the server and the CLI do. */
export function configFromEnv(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  return env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.QUAYSIDE_DATA_DIR ?? './data' };
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const db = config.url ? await openPostgres(config.url) : await openPglite(config.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

let shared: Promise<Database> | undefined;

/** The server's database, opened on first use (PGlite's first creation takes seconds). */
export function database(): Promise<Database> {
  shared ??= openDatabase(configFromEnv()).catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

/** Lets tests give the server a database of their own. */
export function useDatabase(db: Database): void {
  shared = Promise.resolve(db);
}
