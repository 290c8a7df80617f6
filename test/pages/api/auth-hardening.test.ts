import { describe, expect, it, vi } from 'vitest';
import { POST as login } from '../../../src/pages/api/auth/login';
import { GET as me } from '../../../src/pages/api/auth/me';
import { POST as signup } from '../../../src/pages/api/auth/signup';
import { hashPassword } from '../../../src/server/auth/password';
import { databaseFor, ENGINES } from '../../setup/databases';
import { Client } from './client';

// The real scrypt, watched: a taken email must cost the same hashing as a new one.
vi.mock('../../../src/server/auth/password', async (original) => {
  const real = await original<typeof import('../../../src/server/auth/password')>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});

const password = 'correct horse battery';

describe.each(ENGINES)('signing up and signing in on %s', (engine) => {
  const db = databaseFor(engine, { serve: true });

  describe('sign-up tells no one which emails have accounts', () => {
    it('answers a new email and a taken one alike, signs no one in, and hashes the password either way', async () => {
      const hashing = vi.mocked(hashPassword);
      hashing.mockClear();
      const first = new Client();
      const created = await first.fetch(signup, {
        body: { email: 'grace@example.com', name: 'Grace', password },
      });
      const other = new Client();
      const taken = await other.fetch(signup, {
        body: { email: 'GRACE@example.com', name: 'Mallory', password: 'another password' },
      });
      expect(created.status).toBe(202);
      expect(taken.status).toBe(created.status);
      expect(taken.text).toBe(created.text);
      expect(JSON.stringify(created.body)).not.toMatch(/grace|user|id/i);
      expect([...taken.headers.keys()].sort()).toEqual([...created.headers.keys()].sort());
      expect(first.cookies.size + other.cookies.size).toBe(0);
      expect(hashing).toHaveBeenCalledTimes(2);
    });

    it('lets the new account sign in with the same credentials; the taken email is only a failed sign-in', async () => {
      const owner = new Client();
      expect((await owner.call(login, { body: { email: 'grace@example.com', password } })).status).toBe(200);
      expect((await owner.call(me)).body.user).toMatchObject({ name: 'Grace', role: 'learner' });
      const mallory = new Client();
      const failed = await mallory.call(login, {
        body: { email: 'grace@example.com', password: 'another password' },
      });
      const unknown = await mallory.call(login, { body: { email: 'nobody@example.com', password } });
      expect(failed).toEqual({ status: 401, body: { error: 'wrong email or password' } });
      expect(unknown).toEqual(failed);
    });

    it('still validates the input first', async () => {
      const response = await new Client().call(signup, { body: { email: 'nope', name: 'N', password } });
      expect(response.body.error).toBe(
        'invalid request: email: enter an email address such as ada@example.com',
      );
    });

    it('limits new accounts per client address (a class at once, not hundreds)', async () => {
      const script = new Client();
      const statuses: number[] = [];
      for (let i = 0; i < 41; i++) {
        const response = await script.fetch(signup, {
          body: { email: `bulk-${i}@example.com`, name: `Bulk ${i}`, password },
        });
        statuses.push(response.status);
        if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(statuses.slice(0, 40).every((s) => s === 202)).toBe(true);
      expect(statuses[40]).toBe(429);
      // The refusal creates nothing, and another address is not held back.
      const [row] = await db().query<{ n: number }>(
        "select count(*)::int as n from users where email like 'bulk-%'",
      );
      expect(row?.n).toBe(40);
      const elsewhere = await new Client().call(signup, {
        body: { email: 'elsewhere@example.com', name: 'E', password },
      });
      expect(elsewhere.status).toBe(202);
    }, 60_000);
  });

  describe('failed sign-ins slow the guesser, never the owner', () => {
    it("lets the owner sign in at once from another address after an attacker failed 50 times on the owner's email", async () => {
      await new Client().call(signup, { body: { email: 'victim@example.com', name: 'Victim', password } });
      const attacker = new Client();
      const statuses: number[] = [];
      for (let i = 0; i < 50; i++)
        statuses.push(
          (await attacker.call(login, { body: { email: 'victim@example.com', password: `guess ${i}` } }))
            .status,
        );
      // The attacker is slowed down: ten tries, then a wait.
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
      // Even with the right password, and on any other account, until the wait is over.
      expect((await attacker.call(login, { body: { email: 'victim@example.com', password } })).status).toBe(
        429,
      );
      // The victim, from their own address, is not locked out.
      const victim = new Client();
      expect((await victim.call(login, { body: { email: 'victim@example.com', password } })).status).toBe(
        200,
      );
      expect((await victim.call(me)).body.user).toMatchObject({ email: 'victim@example.com' });
    }, 60_000);

    it('holds back an attacker who takes a fresh IPv6 address from the same /64 for every guess', async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= 12; i++) {
        const guesser = new Client(`2001:db8:7:7::${i.toString(16)}`);
        statuses.push(
          (await guesser.call(login, { body: { email: 'victim@example.com', password: 'guess' } })).status,
        );
      }
      expect(statuses.at(-1)).toBe(429);
      expect(
        (await new Client('2001:db8:7:8::1').call(login, { body: { email: 'victim@example.com', password } }))
          .status,
      ).toBe(200);
    }, 60_000);

    it('never slows a class signing in correctly from one school address', async () => {
      const school = new Client().address;
      for (let i = 0; i < 12; i++) {
        const email = `pupil-${i}@example.com`;
        await new Client().call(signup, { body: { email, name: 'Pupil', password } });
        expect((await new Client(school).call(login, { body: { email, password } })).status).toBe(200);
      }
    }, 60_000);
  });
});
