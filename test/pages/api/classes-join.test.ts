import { afterEach, describe, expect, it } from 'vitest';
import { POST as login } from '../../../src/pages/api/auth/login';
import { POST as signup } from '../../../src/pages/api/auth/signup';
import { GET as learners } from '../../../src/pages/api/classes/[id]/learners';
import { POST as createClass, GET as listClasses } from '../../../src/pages/api/classes/index';
import { POST as join } from '../../../src/pages/api/classes/join';
import { hashPassword } from '../../../src/server/auth/password';
import { joinClass } from '../../../src/server/queries/classes';
import { createUser } from '../../../src/server/queries/users';
import { databaseFor, ENGINES } from '../../setup/databases';
import { Client } from './client';

const password = 'correct horse battery';

describe.each(ENGINES)('who may join a class, on %s', (engine) => {
  const db = databaseFor(engine, { serve: true });
  afterEach(() => {
    delete process.env.QUAYSIDE_INSTRUCTORS_MAY_JOIN;
  });

  async function instructor(email: string): Promise<Client & { id: string }> {
    const user = await createUser(db(), {
      email,
      name: email,
      passwordHash: await hashPassword(password),
      role: 'instructor',
    });
    const client = new Client() as Client & { id: string };
    client.id = (user as { id: string }).id;
    expect((await client.call(login, { body: { email, password } })).status).toBe(200);
    return client;
  }

  async function learner(email: string): Promise<Client> {
    const client = new Client();
    expect((await client.call(signup, { body: { email, name: 'Learner', password } })).status).toBe(202);
    expect((await client.call(login, { body: { email, password } })).status).toBe(200);
    return client;
  }

  it("refuses an instructor joining another instructor's class, or their own, as a learner", async () => {
    const owner = await instructor('owner@example.com');
    const other = await instructor('other@example.com');
    const klass = (await owner.call(createClass, { body: { name: 'Owned' } })).body.class as {
      id: string;
      joinCode: string;
    };
    const refused = {
      status: 403,
      body: { error: 'instructors cannot join classes as learners; use a learner account to try a class' },
    };
    expect(await other.call(join, { body: { code: klass.joinCode } })).toEqual(refused);
    expect(await owner.call(join, { body: { code: klass.joinCode } })).toEqual(refused);
    // Nothing was written: the class has no learners, and the other instructor sees no new class.
    expect((await owner.call(learners, { params: { id: klass.id } })).body.learners).toEqual([]);
    expect((await other.call(listClasses)).body.classes).toEqual([]);
    // A wrong code is still a wrong code, and learners still join.
    expect((await other.call(join, { body: { code: 'ZZZZ-ZZZZ' } })).status).toBe(404);
    expect(
      (await (await learner('ada@example.com')).call(join, { body: { code: klass.joinCode } })).status,
    ).toBe(201);
  });

  it('keeps the rule in the query, whoever calls it', async () => {
    const owner = await instructor('query-owner@example.com');
    const other = await instructor('query-other@example.com');
    const klass = (await owner.call(createClass, { body: { name: 'Query' } })).body.class as {
      joinCode: string;
    };
    expect(await joinClass(db(), other.id, klass.joinCode)).toEqual({ ok: false, reason: 'instructor' });
    const [row] = await db().query<{ n: number }>(
      'select count(*)::int as n from enrolments where user_id = $1',
      [other.id],
    );
    expect(row?.n).toBe(0);
    expect(await joinClass(db(), other.id, klass.joinCode, { instructorsMayJoin: true })).toMatchObject({
      ok: true,
      already: false,
    });
  });

  it('lets instructors join only where the deployment deliberately allows it', async () => {
    const owner = await instructor('allow-owner@example.com');
    const colleague = await instructor('colleague@example.com');
    const klass = (await owner.call(createClass, { body: { name: 'Open to colleagues' } })).body.class as {
      id: string;
      joinCode: string;
    };
    process.env.QUAYSIDE_INSTRUCTORS_MAY_JOIN = 'true';
    expect((await colleague.call(join, { body: { code: klass.joinCode } })).status).toBe(201);
    process.env.QUAYSIDE_INSTRUCTORS_MAY_JOIN = '1';
    const other = await instructor('not-allowed@example.com');
    expect((await other.call(join, { body: { code: klass.joinCode } })).status).toBe(403);
  });
});
