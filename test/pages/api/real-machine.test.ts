import { describe, expect, it, vi } from 'vitest';
import { POST as verify } from '../../../src/pages/api/real-machine/[id]/verify';
import { Client } from './client';

// The machine itself is tested in test/system/; here the grader fails or is busy.
const withMachine = vi.hoisted(() => vi.fn());
vi.mock('../../../src/server/real-machine.ts', () => ({ withMachine }));

describe('POST /api/real-machine/:id/verify when the grader cannot help', () => {
  it('says so with a 503 when the machine cannot start', async () => {
    withMachine.mockRejectedValueOnce(
      new Error("the real machine's vmlinuz is missing: run npm run vm-image"),
    );
    const response = await new Client().call(verify, {
      params: { id: 'container-from-scratch' },
      body: { input: 'ls\r' },
    });
    expect(response.status).toBe(503);
    expect(response.body.error).toMatch(/could not run its machine: .*npm run vm-image/);
  });

  it('says so with a 503 when the queue is full', async () => {
    withMachine.mockResolvedValueOnce(undefined);
    const response = await new Client().call(verify, {
      params: { id: 'container-from-scratch' },
      body: { input: 'ls\r' },
    });
    expect(response.status).toBe(503);
    expect(response.body.error).toMatch(/busy/);
  });
});
