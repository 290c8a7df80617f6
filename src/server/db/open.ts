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
let opened = false;
/** Why the last attempt to open failed, until one succeeds. */
let failure: unknown;

/** The server's database, opened once (PGlite's first creation takes seconds); a failed open is tried again. */
export function database(): Promise<Database> {
  shared ??= openDatabase(configFromEnv()).then(
    (db) => {
      opened = true;
      failure = undefined;
      return db;
    },
    (error: unknown) => {
      shared = undefined;
      failure = error;
      console.error(
        `Quayside cannot open its database: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw error;
    },
  );
  return shared;
}

/** Whether the server can answer with its database yet. */
export type Readiness = 'open' | 'opening' | 'failed';

/**
 * Where the server's database is, without waiting for it: open, opening, or failed last time. Asking
 * starts the open when none is under way, so a failed one is tried again at each ask.
 */
export function databaseReadiness(): Readiness {
  if (opened) return 'open';
  const failedLastTime = shared === undefined && failure !== undefined;
  database().catch(() => {
    // Reported by the next ask.
  });
  return failedLastTime ? 'failed' : 'opening';
}

/** Lets tests give the server a database of their own. */
export function useDatabase(db: Database): void {
  shared = Promise.resolve(db);
  opened = true;
}
