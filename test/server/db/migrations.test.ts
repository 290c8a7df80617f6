import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/server/db/database';
import { MIGRATIONS, migrate } from '../../../src/server/db/migrations';
import { ENGINES, freshDatabase } from '../../setup/databases';

describe.each(ENGINES)('migrations on %s', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(engine));
  });
  afterAll(() => drop());

  it('records every migration once, and a second run applies nothing', async () => {
    const rows = await db.query<{ id: string }>('select id from schema_migrations order by id');
    expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await migrate(db)).toEqual([]);
  });

  it('rolls a transaction back when its work fails', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(
          "insert into users (email, name, password_hash, role) values ('t@example.com', 'T', 'x', 'learner')",
        );
        await tx.query(
          "insert into users (email, name, password_hash, role) values ('T@example.com', 'T', 'x', 'learner')",
        );
      }),
    ).rejects.toThrow();
    expect(await db.query("select 1 from users where lower(email) = 't@example.com'")).toEqual([]);
  });
});
