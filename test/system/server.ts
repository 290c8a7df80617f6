import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDatabase } from '../../src/server/db/open';
import { openPostgres } from '../../src/server/db/postgres';

/** Where a test server keeps its data: a PGlite directory, or a database on a PostgreSQL server. */
export type Store = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export async function freshStore(kind: Store['kind'], serverUrl: string): Promise<Store> {
  if (kind === 'pglite') {
    mkdirSync('.test-results', { recursive: true });
    return { kind, dataDir: mkdtempSync(join(process.cwd(), '.test-results', 'load-')) };
  }
  const name = `quayside_load_${randomBytes(5).toString('hex')}`;
  const admin = await openPostgres(serverUrl);
  await admin.query(`create database ${name}`);
  await admin.close();
  return { kind, url: serverUrl.replace(/\/[^/]*$/, `/${name}`) };
}

const envOf = (store: Store) =>
  store.kind === 'pglite'
    ? { QUAYSIDE_DATA_DIR: store.dataDir, DATABASE_URL: '' }
    : { DATABASE_URL: store.url, QUAYSIDE_DATA_DIR: '' };

/** Creates an instructor with the CLI, as an administrator would before starting the server. */
export function createInstructor(store: Store, email: string, password: string): void {
  const result = spawnSync(
    process.execPath,
    ['src/cli/instructor.ts', '--email', email, '--name', 'Load Instructor'],
    {
      input: `${password}\n`,
      encoding: 'utf8',
      env: { ...process.env, ...envOf(store) },
    },
  );
  if (result.status !== 0) throw new Error(`instructor CLI failed: ${result.stderr}`);
}

/** The built server (`scripts/start.mjs`) in a process of its own, ready when its health check answers. */
export async function startServer(
  store: Store,
  port: number,
  env: Record<string, string> = {},
): Promise<{ process: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, ...envOf(store), HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { process: child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

/** `npm run grader` on the store's PostgreSQL, ready once it says it is taking gradings. */
export async function startGrader(store: Store & { kind: 'postgres' }): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['src/cli/grader.ts'], {
    env: { ...process.env, ...envOf(store) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('taking real-machine gradings')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the grader exited with ${code}`)));
  });
  return child;
}

/** Stops a server politely and waits for its process to end (so PGlite's lock is released). */
export function stopServer(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A browser-like client of the API: keeps its session cookie and sends this site's Origin. */
export class ApiClient {
  cookie = '';
  readonly base: string;
  constructor(base: string) {
    this.base = base;
  }

  async post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.base, cookie: this.cookie },
      body: JSON.stringify(body),
    });
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] as string;
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  }
}

/** Every acknowledged submission is in the database, exactly once; nothing else is. */
export async function assertStored(store: Store, acks: { key: string }[]) {
  const db = await openDatabase(store.kind === 'pglite' ? { dataDir: store.dataDir } : { url: store.url });
  try {
    const rows = await db.query<{ key: string; n: number }>(
      'select idempotency_key as key, count(*)::int as n from submissions group by idempotency_key',
    );
    const stored = new Map(rows.map((r) => [r.key, r.n]));
    const missing = acks.filter((a) => stored.get(a.key) !== 1);
    expect(missing).toEqual([]);
    expect(stored.size).toBe(acks.length);
    const attempts = await db.query<{ n: number }>(
      'select count(*)::int as n from (select 1 from submissions group by assignment_id, user_id, attempt having count(*) > 1) d',
    );
    expect(attempts[0]?.n).toBe(0);
  } finally {
    await db.close();
  }
}

export function report(name: string, figures: Record<string, number | string>) {
  mkdirSync('.test-results', { recursive: true });
  writeFileSync(`.test-results/${name}.json`, `${JSON.stringify(figures)}\n`);
  console.log(JSON.stringify({ benchmark: name, ...figures }));
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};
