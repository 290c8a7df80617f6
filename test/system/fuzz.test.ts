import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../setup/port';
import { address, send } from './http';
import { ApiClient, createInstructor, freshStore, type Store, startServer, stopServer } from './server';

const PAYLOADS = 10_000;
const password = 'a fuzzing password';

/** Every route that takes a body, with the path parameters it may get (POST unless a method is named). */
const ROUTES = [
  '/api/auth/signup',
  '/api/auth/login',
  '/api/auth/logout',
  '/api/classes',
  '/api/classes/join',
  '/api/classes/{class}/assignments',
  '/api/classes/{class}/join-code',
  'PATCH /api/classes/{class}',
  'PATCH /api/assignments/{assignment}',
  'DELETE /api/classes/{class}',
  'DELETE /api/assignments/{assignment}',
  '/api/assignments/{assignment}/submissions',
  '/api/assignments/{assignment}/extensions',
  '/api/exercises/{exercise}/verify',
  '/api/exercises/{exercise}/solution',
  '/api/quizzes/{quiz}/attempts',
  '/api/quizzes/{quiz}/check',
  '/api/quizzes/{quiz}/submit',
  '/api/real-machine/{machine}/solution',
  '/api/real-machine/{machine}/verify',
];

/** Text a store cannot keep or a parser may trip on. */
const nasty = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '0000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '275760-09-13T00:00:01Z',
  '9999-99-99',
  'NaN',
  '1e309',
  '__proto__',
  'constructor',
  '</title><img src=x onerror=alert(1)>',
  "'; drop table users; --",
  '%00',
  'x'.repeat(5_000),
  '../../etc/passwd',
  '00000000-0000-0000-0000-000000000000',
);

const leaf = fc.oneof(
  nasty,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('any'), { maxLength: 5 }),
  object: fc.dictionary(
    fc.oneof(
      fc.constantFrom(
        'email',
        'password',
        'name',
        'code',
        'kind',
        'contentId',
        'dueAt',
        'opensAt',
        'evidence',
        'idempotencyKey',
        'attempt',
        'question',
        'answer',
        'answers',
        'task',
        'input',
        'transcript',
        'engine',
        'exercise',
        'exerciseVersion',
        'learner',
        'maxAttempts',
        '__proto__',
      ),
      fc.string({ maxLength: 8 }),
      nasty,
    ),
    tie('any'),
    { maxKeys: 6 },
  ),
}));

/** A whole body: JSON of odd values, or not JSON at all, or deeply nested. */
const body = fc.oneof(
  value.any.map((v) => JSON.stringify(v)),
  value.object.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 100 }),
  fc.nat({ max: 5_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.constantFrom('', '{', 'null', '"\\ud800"', '{"a":"\\u0000"}', '[1,2', '{"__proto__":{"x":1}}'),
);

/** Percent-encodes a path segment; half a surrogate pair goes out as the invalid UTF-8 it would be. */
function encodePath(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return `%ED%A0%80${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ''))}`;
  }
}

/** A path parameter: a real id, a random string, or something hostile. */
const param = (real: string[]) =>
  fc.oneof(fc.constantFrom(...real), fc.uuid(), fc.string({ minLength: 1, maxLength: 20 }), nasty);

describe.each(['pglite', 'postgres'] as const)('10,000 malformed payloads on %s', (kind) => {
  let store: Store;
  let server: Awaited<ReturnType<typeof startServer>>;
  const ids: Record<string, string[]> = {
    exercise: ['out-of-memory', 'first-web-server'],
    quiz: ['why-isolate', 'final-assessment'],
    machine: ['container-from-scratch'],
    class: [],
    assignment: [],
  };
  const cookies: string[] = [''];

  beforeAll(async () => {
    store = await freshStore(kind, inject('databaseUrl'));
    createInstructor(store, 'fuzz@example.com', password);
    server = await startServer(store, await freePort());
    const teacher = new ApiClient(server.base);
    await teacher.post('/api/auth/login', { email: 'fuzz@example.com', password });
    const klass = (await teacher.post('/api/classes', { name: 'Fuzz' })).body.class as { id: string };
    ids.class = [klass.id];
    const made = await teacher.post(`/api/classes/${klass.id}/assignments`, {
      kind: 'quiz',
      contentId: 'why-isolate',
    });
    ids.assignment = [(made.body.assignment as { id: string }).id];
    cookies.push(teacher.cookie);
  }, 120_000);

  afterAll(async () => {
    await stopServer(server.process);
  });

  it('answers every one with a 4xx or a 2xx: never a 5xx, never a hang', async () => {
    const cases = fc.sample(
      fc.record({
        route: fc.constantFrom(...ROUTES),
        params: fc.record({
          class: param(ids.class as string[]),
          assignment: param(ids.assignment as string[]),
          exercise: param(ids.exercise as string[]),
          quiz: param(ids.quiz as string[]),
          machine: param(ids.machine as string[]),
        }),
        body,
        type: fc.constantFrom(
          'application/json',
          'application/json',
          'application/json',
          'text/plain',
          'application/json; charset=utf-16',
        ),
        origin: fc.constantFrom('own', 'own', 'own', 'https://evil.example', 'null', 'none'),
        cookie: fc.constantFrom(...cookies, 'quayside_session=forged'),
      }),
      { numRuns: PAYLOADS, seed: 20261206 },
    );
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async (lane: number) => {
      for (;;) {
        const i = next++;
        const c = cases[i];
        if (!c) return;
        const [method, route] = c.route.includes(' ') ? c.route.split(' ') : ['POST', c.route];
        const path = (route as string).replace(/\{(\w+)\}/, (_, key: string) =>
          encodePath(c.params[key as keyof typeof c.params] as string),
        );
        // A real-machine grading that happens to be valid is a real boot: not what this test is about.
        if (
          path.includes('/real-machine/') &&
          path.endsWith('/verify') &&
          /^\{"input":"[^"]*"\}$/.test(c.body)
        )
          continue;
        const headers: Record<string, string> = { 'content-type': c.type };
        if (c.origin === 'own') headers.origin = server.base;
        else if (c.origin !== 'none') headers.origin = c.origin;
        if (c.cookie) headers.cookie = c.cookie;
        const response = await send(`${server.base}${path}`, {
          method: method as string,
          headers,
          body: c.body,
          from: address(lane * 97 + i),
        }).catch((error: Error) => ({ status: 0, text: error.message }));
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500 || response.status === 0)
          failures.push(
            `${response.status} ${method} ${path} ${c.body.slice(0, 120)} → ${response.text.slice(0, 200)}`,
          );
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, lane) => worker(lane)));
    expect(failures).toEqual([]);
    // They were really sent, and reached the routes' own checks, not only the first guard.
    const sent = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(sent).toBeGreaterThan(PAYLOADS * 0.95);
    for (const status of [400, 403, 404, 415]) expect(statuses.get(status) ?? 0).toBeGreaterThan(50);
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
  }, 600_000);
});
