import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { threadScript } from '../threads.ts';
import type { Database, Queryable } from './database.ts';
import { lockDataDir } from './lock.ts';
import type { FromPgliteThread, ToPgliteThread } from './pglite-thread.ts';

type Request = ToPgliteThread extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never;

/** An error from the database thread, with PostgreSQL's SQLSTATE code when it had one. */
class PgliteError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) in a data directory, or in
 * memory when `dataDir` is undefined. It runs on a thread of its own, so queries never hold the
 * event loop that serves pages; the directory is locked against a second process.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  const script = threadScript(
    'pglite-thread.mjs',
    new URL('./pglite-thread.ts', import.meta.url),
    import.meta.url,
  );
  const thread = new Worker(script, { workerData: dataDir ? { dataDir } : {} });
  thread.unref();
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  let next = 1;
  let failure: Error | undefined;
  thread.on('message', (message: FromPgliteThread) => {
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiting?.resolve(message.rows ?? []);
    else waiting?.reject(new PgliteError(message.message, message.code));
  });
  const fail = (error: Error) => {
    failure = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  thread.on('error', fail);
  thread.on('exit', () => fail(new Error('the embedded database stopped')));
  const call = (request: Request): Promise<unknown[]> => {
    if (failure) return Promise.reject(failure);
    const id = next++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      thread.ref();
      thread.postMessage({ id, ...request } as ToPgliteThread);
    }).finally(() => {
      if (pending.size === 0) thread.unref();
    }) as Promise<unknown[]>;
  };
  const on = (tx?: number): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await call({ op: 'query', sql, params: [...params], ...(tx ? { tx } : {}) })) as Row[];
    },
    async exec(sql: string) {
      await call({ op: 'exec', sql, ...(tx ? { tx } : {}) });
    },
  });
  try {
    await call({ op: 'query', sql: 'select 1', params: [] });
  } catch (error) {
    await thread.terminate();
    release();
    throw error;
  }
  return {
    kind: 'pglite',
    ...on(),
    async transaction(work) {
      const id = next; // the id `call` is about to give the begin, which names the transaction
      await call({ op: 'begin' });
      try {
        const result = await work(on(id));
        await call({ op: 'end', tx: id, commit: true });
        return result;
      } catch (error) {
        await call({ op: 'end', tx: id, commit: false }).catch(() => {});
        throw error;
      }
    },
    async close() {
      await call({ op: 'close' }).catch(() => {});
      await thread.terminate();
      release();
    },
  };
}
