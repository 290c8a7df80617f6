import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIContext } from 'astro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the route and the database module, with its own "not opened yet". */
async function fresh() {
  vi.resetModules();
  const open = await import('../../../src/server/db/open');
  const { GET } = await import('../../../src/pages/api/health');
  const ask = async () => {
    const response = await GET({} as APIContext);
    return {
      status: response.status,
      body: await response.json(),
      retryAfter: response.headers.get('retry-after'),
    };
  };
  return { open, ask };
}

describe('GET /api/health', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quayside-health-'));
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('QUAYSIDE_LTI_SENDER', 'off');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 while the database opens, without waiting, and 200 once it is open', async () => {
    vi.stubEnv('QUAYSIDE_DATA_DIR', join(dir, 'data'));
    const { open, ask } = await fresh();
    const asked = performance.now();
    expect(await ask()).toEqual({
      status: 503,
      body: { status: 'starting', error: 'The database is still opening.' },
      retryAfter: '1',
    });
    expect(performance.now() - asked).toBeLessThan(500);
    const db = await open.database();
    try {
      expect(await ask()).toEqual({ status: 200, body: { status: 'ok' }, retryAfter: null });
    } finally {
      await db.close();
    }
  }, 60_000);

  it('says the database cannot be opened, and tries again at the next ask', async () => {
    // A data directory inside a file: no PGlite can live there.
    writeFileSync(join(dir, 'file'), '');
    vi.stubEnv('QUAYSIDE_DATA_DIR', join(dir, 'file', 'data'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { open, ask } = await fresh();
    expect((await ask()).body.status).toBe('starting');
    await expect(open.database()).rejects.toThrow();
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^Quayside cannot open its database: /));
    const failures = errors.mock.calls.length;
    expect(await ask()).toEqual({
      status: 503,
      body: { status: 'unavailable', error: 'The database cannot be opened: the server log says why.' },
      retryAfter: null,
    });
    // That ask started another attempt, which failed in turn.
    await vi.waitFor(() => expect(errors).toHaveBeenCalledTimes(failures + 1));
    errors.mockRestore();
  });
});
