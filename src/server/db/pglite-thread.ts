// The embedded database's own thread: PGlite runs PostgreSQL compiled to WebAssembly, and every query
// would otherwise run on the event loop that answers every request.

import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';

export type ToPgliteThread =
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'close' };

export type FromPgliteThread =
  | { id: number; ok: true; rows?: unknown[] }
  | { id: number; ok: false; message: string; code?: string };

const ready = PGlite.create(
  (workerData as { dataDir?: string }).dataDir ? { dataDir: workerData.dataDir } : {},
);
const open = new Map<number, { tx: Transaction; end: (commit: boolean) => void; done: Promise<void> }>();
const reply = (message: FromPgliteThread) => parentPort?.postMessage(message);

parentPort?.on('message', async (message: ToPgliteThread) => {
  try {
    const pg = await ready;
    switch (message.op) {
      case 'query': {
        const on = message.tx === undefined ? pg : open.get(message.tx)?.tx;
        if (!on) throw new Error('the transaction has ended');
        reply({ id: message.id, ok: true, rows: (await on.query(message.sql, message.params)).rows });
        return;
      }
      case 'exec': {
        const on = message.tx === undefined ? pg : open.get(message.tx)?.tx;
        if (!on) throw new Error('the transaction has ended');
        await on.exec(message.sql);
        reply({ id: message.id, ok: true });
        return;
      }
      case 'begin': {
        // Held open until the main thread ends it; PGlite keeps other queries waiting meanwhile.
        let started!: (value: { tx: Transaction; end: (commit: boolean) => void }) => void;
        const opened = new Promise<{ tx: Transaction; end: (commit: boolean) => void }>((r) => {
          started = r;
        });
        const done = pg
          .transaction(async (tx) => {
            const commit = await new Promise<boolean>((end) => started({ tx, end }));
            if (!commit) await tx.rollback();
          })
          .then(() => undefined);
        open.set(message.id, { ...(await opened), done });
        reply({ id: message.id, ok: true });
        return;
      }
      case 'end': {
        const held = open.get(message.tx);
        if (!held) throw new Error('the transaction has ended');
        open.delete(message.tx);
        held.end(message.commit);
        await held.done;
        reply({ id: message.id, ok: true });
        return;
      }
      case 'close':
        await pg.close();
        reply({ id: message.id, ok: true });
        return;
    }
  } catch (error) {
    const e = error as { message?: string; code?: string };
    reply({
      id: message.id,
      ok: false,
      message: e.message ?? String(error),
      ...(e.code ? { code: e.code } : {}),
    });
  }
});
