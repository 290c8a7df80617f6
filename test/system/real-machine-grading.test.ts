import { describe, expect, it } from 'vitest';
import { POST as verify } from '../../src/pages/api/real-machine/[id]/verify';
import { realMachineExercises } from '../../src/real-machine/exercises';
import { Client } from '../pages/api/client';

describe('grading a real-machine exercise on the server', () => {
  const exercise = realMachineExercises().get('container-from-scratch');
  if (!exercise) throw new Error('container-from-scratch is missing');
  const solution = exercise.tasks.flatMap((t) => t.solution.map((line) => `${line}\r`)).join('');

  it('boots its own machine, types the learner’s input into it, and counts the tasks its checks pass', async () => {
    const response = await new Client().call(verify, {
      params: { id: exercise.id },
      body: { input: solution },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ passed: exercise.tasks.length, total: exercise.tasks.length });
  }, 180_000);

  it('gives no credit for input that does not do the work, whatever the page showed', async () => {
    const response = await new Client().call(verify, {
      params: { id: exercise.id },
      body: { input: 'echo all tasks done\rmkdir -p /tmp/box/merged\r' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ passed: 0, total: exercise.tasks.length });
  }, 180_000);

  it('refuses bad requests before booting anything', async () => {
    const client = new Client();
    expect((await client.call(verify, { params: { id: 'nope' }, body: { input: '' } })).status).toBe(404);
    expect(
      (await client.call(verify, { params: { id: exercise.id }, body: { input: 'x'.repeat(20_001) } }))
        .status,
    ).toBe(400);
    expect((await client.call(verify, { params: { id: exercise.id }, body: { input: 1 } })).status).toBe(400);
    expect(
      (
        await client.call(verify, {
          params: { id: exercise.id },
          body: { input: '' },
          origin: 'https://evil.example',
        })
      ).status,
    ).toBe(403);
  });
});
