import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as extend } from '../../../src/pages/api/assignments/[id]/extensions';
import { POST as submit } from '../../../src/pages/api/assignments/[id]/submissions/index';
import { POST as assign } from '../../../src/pages/api/classes/[id]/assignments';
import { POST as solution } from '../../../src/pages/api/exercises/[id]/solution';
import { POST as attempts } from '../../../src/pages/api/quizzes/[id]/attempts';
import { POST as check } from '../../../src/pages/api/quizzes/[id]/check';
import { POST as submitQuiz } from '../../../src/pages/api/quizzes/[id]/submit';
import { ENGINE_VERSION } from '../../../src/sandbox/sandbox';
import type { Database } from '../../../src/server/db/database';
import { useDatabase } from '../../../src/server/db/open';
import { replayPool } from '../../../src/server/replay/pool';
import { ENGINES, freshDatabase } from '../../setup/databases';
import { type Classroom, classroom } from './classroom';
import { Client } from './client';

const DAY = 86_400_000;
let keys = 0;
const key = () => `key-${Date.now()}-${++keys}`;
const transcript = (lines: string[], revealed: string[] = []) => ({
  exercise: 'out-of-memory',
  exerciseVersion: 1,
  engine: ENGINE_VERSION,
  transcript: lines.map((text) => ({ type: 'input', text })),
  revealed,
});

/**
 * Harvesting keys as an outsider or a curious learner would, while a quiz or an exercise is assigned
 * in a class: nothing public may give them away before the assignment closes for everyone.
 */
describe.each(ENGINES)('keys stay hidden while assigned, on %s', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  let teacher: Client;
  let classId: string;
  let learners: Classroom['learners'];

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(engine));
    useDatabase(db);
    ({ teacher, classId, learners } = await classroom(db, 'keys', ['ada', 'bob']));
  });
  afterAll(async () => {
    await replayPool().close();
    await drop();
  });

  const assignQuiz = async (contentId: string, dueAt: number | null, maxAttempts?: number) => {
    const made = await teacher.call(assign, {
      params: { id: classId },
      body: {
        kind: 'quiz',
        contentId,
        ...(dueAt ? { dueAt: new Date(dueAt).toISOString() } : {}),
        ...(maxAttempts ? { maxAttempts } : {}),
      },
    });
    expect(made.status).toBe(201);
    return (made.body.assignment as { id: string }).id;
  };

  it('refuses public practice and assessment of an assigned quiz, with the time it reopens', async () => {
    const outsider = new Client();
    const early = (await outsider.call(attempts, { params: { id: 'why-isolate' }, body: {} })).body
      .attempt as string;
    const due = Date.now() + 2 * DAY;
    await assignQuiz('why-isolate', due);
    await assignQuiz('final-assessment', null);

    const start = await outsider.call(attempts, { params: { id: 'why-isolate' }, body: {} });
    expect(start.status).toBe(423);
    expect(start.body.error).toContain(new Date(due).toISOString());
    // An attempt begun before the assignment gets no answers checked now either.
    for (let i = 0; i < 3; i++) {
      const harvest = await outsider.call(check, {
        params: { id: 'why-isolate' },
        body: { attempt: early, question: 'container-kernel', answer: { value: i % 2 === 0 } },
      });
      expect(harvest.status).toBe(423);
      expect(harvest.body).not.toHaveProperty('correct');
      expect(harvest.body).not.toHaveProperty('solution');
    }
    const assessment = await outsider.call(submitQuiz, {
      params: { id: 'final-assessment' },
      body: { attempt: early, answers: {} },
    });
    expect(assessment.status).toBe(423);
    expect(assessment.body.error).toContain('no due date');
  });

  it('keeps even the score of a quiz of several attempts until it closes: no answer-by-answer oracle', async () => {
    const ada = learners.ada as Client;
    const bob = learners.bob as Client & { id: string };
    // Due yesterday for the class, but bob has until tomorrow: the keys wait for bob.
    const id = await assignQuiz('containers', Date.now() - DAY);
    expect(
      (
        await teacher.call(extend, {
          params: { id },
          body: { learnerId: bob.id, dueAt: new Date(Date.now() + DAY).toISOString() },
        })
      ).status,
    ).toBe(200);
    const sent = await ada.call(submit, {
      params: { id },
      body: { idempotencyKey: key(), evidence: { answers: {} } },
    });
    expect(sent.status).toBe(201);
    expect(sent.body).not.toHaveProperty('score');
    expect(sent.body).not.toHaveProperty('finalScore');
    expect(sent.body).not.toHaveProperty('result');
    expect(new Date(sent.body.revealAt as string).getTime()).toBeGreaterThan(Date.now());
    // Once bob's extension is over too, the same attempt shows its questions and keys.
    await teacher.call(extend, {
      params: { id },
      body: { learnerId: bob.id, dueAt: new Date(Date.now() - 1000).toISOString() },
    });
    const later = await ada.call(submit, {
      params: { id },
      body: { idempotencyKey: key(), evidence: { answers: {} } },
    });
    expect(later.body.result).toMatchObject({ questions: expect.any(Array) });
    expect(later.body).toHaveProperty('score');
  });

  it('shows the score of a one-attempt quiz at once, but not its answers before it closes', async () => {
    const id = await assignQuiz('images', Date.now() + DAY, 1);
    const sent = await (learners.ada as Client).call(submit, {
      params: { id },
      body: { idempotencyKey: key(), evidence: { answers: {} } },
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ score: 0 });
    expect(sent.body).not.toHaveProperty('result');
  });

  it('sends an exercise’s solution only on request, and only to its learners while it is assigned', async () => {
    const outsider = new Client();
    const ask = (client: Client) =>
      client.call(solution, { params: { id: 'out-of-memory' }, body: { task: 'oom' } });
    expect(await ask(outsider)).toMatchObject({ status: 200, body: { task: 'oom', recorded: false } });
    const made = await teacher.call(assign, {
      params: { id: classId },
      body: {
        kind: 'exercise',
        contentId: 'out-of-memory',
        maxAttempts: 1,
        dueAt: new Date(Date.now() + DAY).toISOString(),
      },
    });
    const id = (made.body.assignment as { id: string }).id;
    expect((await ask(outsider)).status).toBe(423);
    const ada = learners.ada as Client;
    const seen = await ask(ada);
    expect(seen).toMatchObject({ status: 200, body: { recorded: true } });
    expect((seen.body.solution as string[]).join('\n')).toContain('docker run');

    // The gradebook's "solutions shown" is what the server recorded, not what the page claims.
    const adaSent = await ada.call(submit, {
      params: { id },
      body: {
        idempotencyKey: key(),
        evidence: transcript(['docker run --name hog -m 64m alpine tail /dev/zero']),
      },
    });
    expect(adaSent.body.result).toMatchObject({ solutionsShown: ['oom'] });
    const bobSent = await (learners.bob as Client).call(submit, {
      params: { id },
      body: { idempotencyKey: key(), evidence: transcript([], ['oom']) },
    });
    expect(bobSent.body.result).toMatchObject({ solutionsShown: [] });

    // Attempts spent: refused before the evidence is even looked at (here it is not even valid).
    const again = await ada.call(submit, {
      params: { id },
      body: { idempotencyKey: key(), evidence: { junk: true } },
    });
    expect(again).toEqual({
      status: 409,
      body: { error: 'all 1 attempts allowed for this assignment are used' },
    });
  });

  it('answers text no store may keep, and dates no store can hold, with 400, not a server error', async () => {
    for (const opensAt of ['0000-01-01T00:00:00Z', '10000-01-01T00:00:00Z', '1969-12-31T23:59:59Z']) {
      const made = await teacher.call(assign, {
        params: { id: classId },
        body: { kind: 'quiz', contentId: 'why-isolate', opensAt },
      });
      expect(made.status).toBe(400);
    }
    const bob = learners.bob as Client;
    for (const evil of ['a\u0000b', '\ud800']) {
      const sent = await bob.call(submit, {
        params: { id: classId },
        body: { idempotencyKey: key(), evidence: transcript([evil]) },
      });
      expect(sent.status).toBe(400);
    }
  });
});
