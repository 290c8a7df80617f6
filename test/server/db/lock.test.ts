import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../../../src/server/db/lock';

const dir = () => mkdtempSync(join(tmpdir(), 'quayside-lock-'));

describe('lockDataDir', () => {
  it('claims the directory, refuses it twice in one process, and releases it', () => {
    const d = dir();
    const release = lockDataDir(d);
    expect(readFileSync(join(d, 'quayside.lock'), 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(d)).toThrow(`the data directory ${d} is already open in this process`);
    release();
    expect(existsSync(join(d, 'quayside.lock'))).toBe(false);
    lockDataDir(d)();
  });

  it('refuses a directory another live process holds, naming it', async () => {
    const d = dir();
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(join(d, 'quayside.lock'), String(other.pid));
      expect(() => lockDataDir(d)).toThrow(
        `the data directory ${d} is in use by another Quayside process (pid ${other.pid}); stop it first, or set QUAYSIDE_DATA_DIR to another directory`,
      );
    } finally {
      other.kill();
    }
  });

  it('takes over a lock left by a process that died', () => {
    const d = dir();
    writeFileSync(join(d, 'quayside.lock'), '2147483646');
    const release = lockDataDir(d);
    expect(readFileSync(join(d, 'quayside.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });
});
