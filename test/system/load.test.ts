import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { ENGINE_VERSION } from '../../src/sandbox/sandbox';
import { freePort } from '../setup/port';
import {
  ApiClient,
  assertStored,
  createInstructor,
  freshStore,
  percentile,
  report,
  startServer,
  stopServer,
} from './server';

const LEARNERS = 40;
const SUBMISSIONS_EACH = 8;
const password = 'a load-test password';

const exerciseEvidence = {
  exercise: 'out-of-memory',
  exerciseVersion: 1,
  engine: ENGINE_VERSION,
  transcript: [{ type: 'input', text: 'docker run --name hog -m 64m alpine tail /dev/zero' }],
};
const quizEvidence = { answers: { 'rebuild-for-guest': { value: false } } };

interface Ack {
  key: string;
  learner: string;
  ms: number;
}

/** A class with an exercise and a quiz assignment, and signed-up learners who joined it. */
async function classroom(base: string) {
  const teacher = new ApiClient(base);
  expect((await teacher.post('/api/auth/login', { email: 'load@example.com', password })).status).toBe(200);
  const klass = (await teacher.post('/api/classes', { name: 'Load' })).body.class as {
    id: string;
    joinCode: string;
  };
  const assignment = async (kind: string, contentId: string) =>
    (
      (await teacher.post(`/api/classes/${klass.id}/assignments`, { kind, contentId })).body.assignment as {
        id: string;
      }
    ).id;
  const exercise = await assignment('exercise', 'out-of-memory');
  const quiz = await assignment('quiz', 'final-assessment');
  const learners: { client: ApiClient; email: string }[] = [];
  for (let i = 0; i < LEARNERS; i++) {
    const client = new ApiClient(base);
    const email = `learner${i}@example.com`;
    expect((await client.post('/api/auth/signup', { email, name: `Learner ${i}`, password })).status).toBe(
      202,
    );
    expect((await client.post('/api/auth/login', { email, password })).status).toBe(200);
    expect((await client.post('/api/classes/join', { code: klass.joinCode })).status).toBe(201);
    learners.push({ client, email });
  }
  return { exercise, quiz, learners };
}

/**
 * Every learner submits in turn, all learners at once. A submission that gets no answer (the server
 * is down) is retried with the same idempotency key until it is acknowledged.
 */
async function load(
  room: Awaited<ReturnType<typeof classroom>>,
  onAck: (count: number) => void = () => {},
): Promise<{ acks: Ack[]; seconds: number; retries: number }> {
  const acks: Ack[] = [];
  let retries = 0;
  const started = performance.now();
  await Promise.all(
    room.learners.map(async ({ client, email }, i) => {
      for (let n = 0; n < SUBMISSIONS_EACH; n++) {
        const key = randomUUID();
        const exercise = (i + n) % 2 === 0;
        const path = `/api/assignments/${exercise ? room.exercise : room.quiz}/submissions`;
        const body = { idempotencyKey: key, evidence: exercise ? exerciseEvidence : quizEvidence };
        for (;;) {
          const t0 = performance.now();
          try {
            const response = await client.post(path, body);
            if (response.status === 201 || response.status === 200) {
              acks.push({ key, learner: email, ms: performance.now() - t0 });
              onAck(acks.length);
              break;
            }
            throw new Error(`status ${response.status}: ${JSON.stringify(response.body)}`);
          } catch (error) {
            if (error instanceof Error && error.message.startsWith('status ')) throw error;
            retries++;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      }
    }),
  );
  return { acks, seconds: (performance.now() - started) / 1000, retries };
}

describe.each(['pglite', 'postgres'] as const)('submissions under load on %s', (kind) => {
  it(`${LEARNERS} learners submitting ${SUBMISSIONS_EACH} times each: every acknowledged submission is stored once`, async () => {
    const store = await freshStore(kind, inject('databaseUrl'));
    createInstructor(store, 'load@example.com', password);
    const server = await startServer(store, await freePort());
    let result: Awaited<ReturnType<typeof load>>;
    try {
      result = await load(await classroom(server.base));
    } finally {
      await stopServer(server.process);
    }
    expect(result.acks).toHaveLength(LEARNERS * SUBMISSIONS_EACH);
    expect(result.retries).toBe(0);
    const latencies = result.acks.map((a) => a.ms);
    report(`load-${kind}`, {
      submissions: result.acks.length,
      concurrency: LEARNERS,
      perSecond: Math.round((result.acks.length / result.seconds) * 10) / 10,
      p50Ms: Math.round(percentile(latencies, 50)),
      p99Ms: Math.round(percentile(latencies, 99)),
    });
    await assertStored(store, result.acks);
  });

  it('the server killed mid-load and restarted: every acknowledged submission is stored once, none twice', async () => {
    const store = await freshStore(kind, inject('databaseUrl'));
    createInstructor(store, 'load@example.com', password);
    const port = await freePort();
    let server = await startServer(store, port);
    const room = await classroom(server.base);
    let killed: Promise<void> | undefined;
    const half = (LEARNERS * SUBMISSIONS_EACH) / 2;
    const running = load(room, (count) => {
      if (count === half && !killed) {
        killed = (async () => {
          await stopServer(server.process, 'SIGKILL');
          server = await startServer(store, port);
        })();
      }
    });
    const result = await running;
    await killed;
    await stopServer(server.process);
    expect(killed).toBeDefined();
    expect(result.acks).toHaveLength(LEARNERS * SUBMISSIONS_EACH);
    report(`fault-${kind}`, { submissions: result.acks.length, retries: result.retries });
    expect(result.retries).toBeGreaterThan(0);
    await assertStored(store, result.acks);
  });
});
