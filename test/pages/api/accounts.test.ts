import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../../src/pages/api/auth/login';
import { POST as logout } from '../../../src/pages/api/auth/logout';
import { GET as me } from '../../../src/pages/api/auth/me';
import { POST as signup } from '../../../src/pages/api/auth/signup';
import { POST as joinCode } from '../../../src/pages/api/classes/[id]/join-code';
import { GET as learners } from '../../../src/pages/api/classes/[id]/learners';
import { POST as createClass, GET as listClasses } from '../../../src/pages/api/classes/index';
import { POST as join } from '../../../src/pages/api/classes/join';
import { hashPassword } from '../../../src/server/auth/password';
import type { Database } from '../../../src/server/db/database';
import { useDatabase } from '../../../src/server/db/open';
import { createUser } from '../../../src/server/queries/users';
import { ENGINES, freshDatabase } from '../../setup/databases';
import { Client } from './client';

const password = 'correct horse battery';

describe.each(ENGINES)('accounts and classes on %s', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(engine));
    useDatabase(db);
  });
  afterAll(() => drop());

  async function instructor(email: string): Promise<Client> {
    await createUser(db, {
      email,
      name: email.split('@')[0] as string,
      passwordHash: await hashPassword(password),
      role: 'instructor',
    });
    const client = new Client();
    expect((await client.call(login, { body: { email, password } })).status).toBe(200);
    return client;
  }

  /** Signs up, then in with the same credentials, as the account form does. */
  async function learner(email: string, client = new Client()): Promise<Client> {
    expect((await client.call(signup, { body: { email, name: 'Learner', password } })).status).toBe(202);
    expect((await client.call(login, { body: { email, password } })).status).toBe(200);
    return client;
  }

  describe('sign-up, sign-in, sign-out', () => {
    it('signs a new learner up and in, with an HttpOnly, SameSite session cookie', async () => {
      const client = new Client();
      const response = await client.call(signup, {
        body: { email: 'Grace@Example.com', name: 'Grace', password },
      });
      // Sign-up signs no one in (see auth-hardening.test.ts): the form signs in next.
      expect(response.status).toBe(202);
      expect(client.cookies.size).toBe(0);
      const signedIn = await client.call(login, { body: { email: 'Grace@Example.com', password } });
      expect(signedIn.body.user).toMatchObject({
        email: 'Grace@Example.com',
        name: 'Grace',
        role: 'learner',
      });
      expect(JSON.stringify(signedIn.body)).not.toContain('password');
      const cookie = client.cookies.get('quayside_session');
      expect(cookie?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: false });
      expect((await client.call(me)).body.user).toMatchObject({ email: 'Grace@Example.com' });
    });

    it('makes no second account for the same email, in any case, and does not say so', async () => {
      const response = await new Client().call(signup, {
        body: { email: 'grace@example.COM', name: 'G', password: 'not the password' },
      });
      expect(response.status).toBe(202);
      const [row] = await db.query<{ n: number }>(
        "select count(*)::int as n from users where lower(email) = 'grace@example.com'",
      );
      expect(row?.n).toBe(1);
    });

    it('validates the input and names the problem', async () => {
      const client = new Client();
      expect((await client.call(signup, { body: { email: 'nope', name: 'N', password } })).body.error).toBe(
        'invalid request: email: enter an email address such as ada@example.com',
      );
      expect(
        (await client.call(signup, { body: { email: 'n@example.com', name: 'N', password: 'short' } }))
          .status,
      ).toBe(400);
      expect(
        (
          await client.call(signup, {
            body: { email: 'n@example.com', name: 'N', password, role: 'instructor' },
          })
        ).status,
      ).toBe(400);
      expect((await client.call(signup, { body: '{oops' })).status).toBe(400);
    });

    it('refuses cross-site requests before doing anything', async () => {
      const client = new Client();
      const response = await client.call(signup, {
        body: { email: 'x@example.com', name: 'X', password },
        origin: 'https://evil.example',
      });
      expect(response.status).toBe(403);
      expect((await client.call(login, { body: { email: 'x@example.com', password } })).status).toBe(401);
    });

    it('gives one answer for an unknown email and a wrong password, then signs in and out', async () => {
      const client = new Client();
      const unknown = await client.call(login, { body: { email: 'who@example.com', password } });
      const wrong = await client.call(login, {
        body: { email: 'grace@example.com', password: 'not the password' },
      });
      expect(unknown).toEqual({ status: 401, body: { error: 'wrong email or password' } });
      expect(wrong).toEqual(unknown);
      expect((await client.call(login, { body: { email: 'GRACE@example.com', password } })).status).toBe(200);
      const token = client.cookies.get('quayside_session')?.value;
      expect((await client.call(logout, { body: {} })).status).toBe(204);
      expect(client.cookies.has('quayside_session')).toBe(false);
      // The session is gone on the server too: the old cookie no longer works.
      client.cookies.set('quayside_session', { value: token as string, options: {} });
      expect(await client.call(me)).toEqual({ status: 200, body: { user: null } });
    });

    it('expires sessions', async () => {
      const client = await learner('old@example.com');
      await db.query("update sessions set expires_at = now() - interval '1 second'");
      expect(await client.call(me)).toEqual({ status: 200, body: { user: null } });
    });

    it('limits failed sign-ins per client address, never correct ones', async () => {
      const target = `grace-${randomUUID()}@example.com`;
      const client = new Client();
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push((await client.call(login, { body: { email: target, password: 'guess' } })).status);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      // Per address only: a limit per email would let anyone lock its owner out.
      expect((await new Client().call(login, { body: { email: target, password: 'guess' } })).status).toBe(
        401,
      );
      // A class signing in correctly from one school address is not.
      const school = new Client().address;
      for (let i = 0; i < 12; i++) {
        const email = `pupil-${i}-${randomUUID()}@example.com`;
        expect((await new Client().call(signup, { body: { email, name: 'Pupil', password } })).status).toBe(
          202,
        );
        expect((await new Client(school).call(login, { body: { email, password } })).status).toBe(200);
      }
    }, 30_000);
  });

  describe('classes and join codes', () => {
    it('lets an instructor create a class with a join code; learners join with it', async () => {
      const teacher = await instructor('turing@example.com');
      const created = await teacher.call(createClass, { body: { name: 'Containers 101' } });
      expect(created.status).toBe(201);
      const klass = created.body.class as { id: string; joinCode: string };
      expect(klass.joinCode).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      const ada = await learner('ada@example.com');
      const joined = await ada.call(join, { body: { code: klass.joinCode.toLowerCase().replace('-', ' ') } });
      expect(joined.status).toBe(201);
      expect(joined.body.class).toMatchObject({ id: klass.id, name: 'Containers 101', learners: 1 });
      expect((await ada.call(join, { body: { code: klass.joinCode } })).status).toBe(200);
      expect((await ada.call(listClasses)).body.classes).toEqual([
        { id: klass.id, name: 'Containers 101', learners: 1 },
      ]);
      expect(
        (
          (await teacher.call(learners, { params: { id: klass.id } })).body.learners as { email: string }[]
        ).map((l) => l.email),
      ).toEqual(['ada@example.com']);
    });

    it('keeps each instructor to their own classes, in the queries', async () => {
      const owner = await instructor('owner@example.com');
      const other = await instructor('other@example.com');
      const { id } = (await owner.call(createClass, { body: { name: 'Mine' } })).body.class as { id: string };
      expect(
        ((await other.call(listClasses)).body.classes as { id: string }[]).map((c) => c.id),
      ).not.toContain(id);
      expect((await other.call(learners, { params: { id } })).status).toBe(404);
      expect((await other.call(joinCode, { params: { id }, body: { action: 'rotate' } })).status).toBe(404);
      expect((await other.call(learners, { params: { id: 'not-a-uuid' } })).status).toBe(404);
    });

    it('rotates, disables, expires and re-enables a code', async () => {
      const teacher = await instructor('codes@example.com');
      const klass = (await teacher.call(createClass, { body: { name: 'Codes' } })).body.class as {
        id: string;
        joinCode: string;
      };
      const rotated = (await teacher.call(joinCode, { params: { id: klass.id }, body: { action: 'rotate' } }))
        .body.class as { joinCode: string };
      expect(rotated.joinCode).not.toBe(klass.joinCode);
      const bob = await learner('bob@example.com');
      expect(await bob.call(join, { body: { code: klass.joinCode } })).toEqual({
        status: 404,
        body: { error: 'no class has this join code; check it with your instructor' },
      });
      await teacher.call(joinCode, { params: { id: klass.id }, body: { action: 'disable' } });
      expect((await bob.call(join, { body: { code: rotated.joinCode } })).status).toBe(410);
      await teacher.call(joinCode, {
        params: { id: klass.id },
        body: { action: 'enable', expiresAt: '2000-01-01T00:00:00Z' },
      });
      expect((await bob.call(join, { body: { code: rotated.joinCode } })).body.error).toBe(
        'this join code has expired; ask your instructor for a new one',
      );
      await teacher.call(joinCode, { params: { id: klass.id }, body: { action: 'enable', expiresAt: null } });
      expect((await bob.call(join, { body: { code: rotated.joinCode } })).status).toBe(201);
    });

    it('refuses classes to learners and to strangers, and bad input to everyone', async () => {
      const ada = await learner('ada2@example.com');
      expect((await ada.call(createClass, { body: { name: 'Mine' } })).status).toBe(403);
      expect((await new Client().call(createClass, { body: { name: 'Mine' } })).status).toBe(401);
      expect((await new Client().call(join, { body: { code: 'AAAA-BBBB' } })).status).toBe(401);
      const teacher = await instructor('strict@example.com');
      expect((await teacher.call(createClass, { body: { name: '   ' } })).body.error).toBe(
        'invalid request: name: name the class',
      );
      expect((await teacher.call(createClass, { body: { name: 'X' }, origin: null })).status).toBe(403);
      const { id } = (await teacher.call(createClass, { body: { name: 'X' } })).body.class as { id: string };
      expect((await teacher.call(joinCode, { params: { id }, body: { action: 'explode' } })).status).toBe(
        400,
      );
    });

    it('limits wrong join codes, so codes cannot be enumerated, but never a class joining together', async () => {
      const guesser = await learner(`guesser-${randomUUID()}@example.com`);
      let last = 0;
      for (let i = 0; i < 12; i++)
        last = (await guesser.call(join, { body: { code: `ZZZZ-ZZ${i}Z` } })).status;
      expect(last).toBe(429);
      const teacher = await instructor(`hopper-${randomUUID()}@example.com`);
      const klass = (await teacher.call(createClass, { body: { name: 'Everyone at once' } })).body.class as {
        joinCode: string;
      };
      const school = new Client().address;
      for (let i = 0; i < 12; i++) {
        const pupil = await learner(`pupil-${i}-${randomUUID()}@example.com`, new Client(school));
        expect((await pupil.call(join, { body: { code: klass.joinCode } })).status).toBe(201);
      }
    }, 30_000);
  });
});
