import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/server/auth/password';
import { openDatabase } from '../../src/server/db/open';

const dataDir = mkdtempSync(join(tmpdir(), 'quayside-cli-'));

function instructor(args: string[], password: string) {
  return spawnSync(process.execPath, ['src/cli/instructor.ts', ...args], {
    input: `${password}\n`,
    encoding: 'utf8',
    env: { ...process.env, QUAYSIDE_DATA_DIR: dataDir, DATABASE_URL: '' },
  });
}

describe('npm run instructor', () => {
  it('creates an instructor from a password on standard input, and refuses a second one', {
    timeout: 60_000,
  }, async () => {
    const first = instructor(['--email', 'hopper@example.com', '--name', 'Grace Hopper'], 'a long password');
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('Created instructor Grace Hopper <hopper@example.com>.\n');
    expect(first.status).toBe(0);
    const again = instructor(['--email', 'HOPPER@example.com', '--name', 'G'], 'a long password');
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('instructor: an account with the email HOPPER@example.com already exists\n');
    const short = instructor(['--email', 'x@example.com', '--name', 'X'], 'short');
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('instructor: password: use a password of at least 10 characters');

    const db = await openDatabase({ dataDir });
    const [row] = await db.query<{ role: string; password_hash: string }>(
      'select role, password_hash from users',
    );
    await db.close();
    expect(row?.role).toBe('instructor');
    expect(await verifyPassword('a long password', row?.password_hash ?? '')).toBe(true);
    expect(await verifyPassword('another password', row?.password_hash ?? '')).toBe(false);
  });
});
