import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as attempts } from '../../../src/pages/api/quizzes/[id]/attempts';
import { POST as check } from '../../../src/pages/api/quizzes/[id]/check';
import { POST as submit } from '../../../src/pages/api/quizzes/[id]/submit';

import { useDatabase } from '../../../src/server/db/open';
import { quizzes } from '../../../src/server/quizzes';
import { freshDatabase } from '../../setup/databases';

let drop: () => Promise<void>;
beforeAll(async () => {
  const fresh = await freshDatabase('pglite');
  useDatabase(fresh.db);
  drop = fresh.drop;
});
afterAll(() => drop());

const site = 'http://localhost:4321';
let client = 0;

type Route = typeof attempts;

/** Calls a route as Astro would; each test gets its own client address so rate limits do not mix. */
function call(
  route: Route,
  id: string,
  body: unknown,
  init: { origin?: string | null; address?: string } = {},
): Promise<Response> {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (init.origin !== null) headers.set('origin', init.origin ?? site);
  const request = new Request(`${site}/api/quizzes/${id}/x`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return route({
    params: { id },
    request,
    clientAddress: init.address ?? `10.0.0.${++client}`,
    // A visitor: nobody signed in.
    cookies: { get: () => undefined },
  } as never) as Promise<Response>;
}

async function start(id = 'why-isolate'): Promise<string> {
  const response = await call(attempts, id, {});
  expect(response.status).toBe(201);
  const body = await response.json();
  expect(body).toMatchObject({ mode: 'practice', version: quizzes().get(id)?.version, seed: body.attempt });
  // The questions this attempt drew, without a key: every question, in the quiz's order.
  expect(body.quiz.questions.map((q: { id: string }) => q.id)).toEqual(
    quizzes()
      .get(id)
      ?.questions.map((q) => q.id),
  );
  expect(JSON.stringify(body.quiz)).not.toMatch(
    /"(correct|accept|explanation|feedback|answer|variants|params)"/,
  );
  return body.attempt;
}

describe('POST /api/quizzes/:id/check', () => {
  it('checks one answer and sends the explanation only once the question is settled', async () => {
    const attempt = await start();
    const wrong = await call(check, 'why-isolate', {
      attempt,
      question: 'container-kernel',
      answer: { value: true },
    });
    expect(wrong.status).toBe(200);
    const first = await wrong.json();
    expect(first).toEqual({ correct: false, score: 0, triesLeft: 2, feedback: [] });
    const right = await (
      await call(check, 'why-isolate', { attempt, question: 'container-kernel', answer: { value: false } })
    ).json();
    expect(right).toMatchObject({
      correct: true,
      score: 0.75,
      triesLeft: 1,
      solution: { answer: { value: false } },
    });
    expect(right.solution.explanation.en).toContain('ordinary process');
    const again = await call(check, 'why-isolate', {
      attempt,
      question: 'container-kernel',
      answer: { value: false },
    });
    expect(again.status).toBe(409);
  });

  it('spends no try on an answer already checked, whatever the page does', async () => {
    const attempt = await start();
    const ask = async (value: boolean) =>
      (await call(check, 'why-isolate', { attempt, question: 'container-kernel', answer: { value } })).json();
    expect(await ask(true)).toEqual({ correct: false, score: 0, triesLeft: 2, feedback: [] });
    // Sent straight to the server, as a page that does not disable Check would.
    for (let i = 0; i < 5; i++)
      expect(await ask(true)).toEqual({
        correct: false,
        score: 0,
        triesLeft: 2,
        feedback: [],
        repeated: true,
      });
    // The tries are all still there: the right answer scores as a second try, not a seventh.
    expect(await ask(false)).toMatchObject({ correct: true, score: 0.75, triesLeft: 1 });
  });

  it('judges a command question by its parsed argv', async () => {
    const attempt = await start();
    const response = await call(check, 'why-isolate', {
      attempt,
      question: 'run-alpine',
      answer: { text: 'docker container run --rm=true alpine cat /etc/os-release' },
    });
    expect(await response.json()).toMatchObject({ correct: true, score: 1 });
  });

  it('rejects cross-site requests, bad bodies, unknown quizzes, questions and attempts', async () => {
    const attempt = await start();
    const body = { attempt, question: 'container-kernel', answer: { value: false } };
    expect((await call(check, 'why-isolate', body, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await call(check, 'why-isolate', body, { origin: null })).status).toBe(403);
    expect((await call(check, 'why-isolate', '{oops')).status).toBe(400);
    const invalid = await call(check, 'why-isolate', { ...body, attempt: 'not-a-uuid' });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toMatch(/^invalid request: attempt: /);
    expect((await call(check, 'why-isolate', { ...body, extra: 1 })).status).toBe(400);
    expect((await call(check, 'no-such-quiz', body)).status).toBe(404);
    expect((await call(check, 'why-isolate', { ...body, question: 'ghost' })).status).toBe(404);
    const stranger = await call(check, 'why-isolate', { ...body, attempt: crypto.randomUUID() });
    expect(stranger.status).toBe(404);
    expect((await stranger.json()).error).toContain('start a new attempt');
    const shape = await call(check, 'why-isolate', { ...body, answer: { text: 'false' } });
    expect(shape.status).toBe(400);
  });

  it('does not accept an attempt of another quiz', async () => {
    const attempt = await start('virtual-machines');
    const response = await call(check, 'why-isolate', {
      attempt,
      question: 'container-kernel',
      answer: { value: false },
    });
    expect(response.status).toBe(404);
  });

  it('limits how fast one client may check answers, with Retry-After', async () => {
    const address = '10.9.9.9';
    const attempt = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const response = await call(
        check,
        'why-isolate',
        { attempt, question: 'own-kernel', answer: { text: 'x' } },
        { address },
      );
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        break;
      }
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeLessThanOrEqual(31);
  });
});

describe('POST /api/quizzes/:id/submit', () => {
  it('refuses to grade a practice quiz all at once', async () => {
    const attempt = await start();
    const response = await call(submit, 'why-isolate', { attempt, answers: {} });
    expect(response.status).toBe(409);
  });
});
