import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyOf } from '../../../src/grading/quiz-attempt';
import { drawQuiz } from '../../../src/grading/quiz-draw';
import { PATCH as editAssignment } from '../../../src/pages/api/assignments/[id]/index';
import { POST as submitAssignment } from '../../../src/pages/api/assignments/[id]/submissions/index';
import { POST as assign } from '../../../src/pages/api/classes/[id]/assignments';
import { POST as solution } from '../../../src/pages/api/exercises/[id]/solution';
import { POST as verify } from '../../../src/pages/api/exercises/[id]/verify';
import { GET as progress } from '../../../src/pages/api/me/progress/index';
import { POST as share } from '../../../src/pages/api/me/progress/share';
import { POST as startAttempt } from '../../../src/pages/api/quizzes/[id]/attempts';
import { POST as check } from '../../../src/pages/api/quizzes/[id]/check';
import { POST as submitQuiz } from '../../../src/pages/api/quizzes/[id]/submit';
import { ENGINE_VERSION } from '../../../src/sandbox/sandbox';
import type { ProgressItem } from '../../../src/schemas/progress';
import type { Database } from '../../../src/server/db/database';
import { useDatabase } from '../../../src/server/db/open';
import { learnerProgress } from '../../../src/server/learner-progress';
import { sharedRecordOwner } from '../../../src/server/queries/progress';
import { quizzes } from '../../../src/server/quizzes';
import { replayPool } from '../../../src/server/replay/pool';
import { ENGINES, freshDatabase } from '../../setup/databases';
import { type Classroom, classroom } from './classroom';
import { Client } from './client';

const evidence = (lines: string[]) => ({
  exercise: 'out-of-memory',
  exerciseVersion: 1,
  engine: ENGINE_VERSION,
  transcript: lines.map((text) => ({ type: 'input', text })),
});
const OOM = 'docker run --name hog -m 64m alpine tail /dev/zero';

/** A different wrong answer for each try, in the shape the question takes. */
function wrongFor(q: Parameters<typeof keyOf>[0], n: number): unknown {
  const key = keyOf(q) as Record<string, unknown>;
  if ('text' in key) return { text: `not it ${n}` };
  if ('number' in key) return { number: -1000 - n };
  if ('command' in key) return { command: `false ${n}` };
  if ('choice' in key) {
    const other = (q as { options?: { id: string }[] }).options?.find((o) => o.id !== key.choice);
    return { choice: other?.id ?? key.choice };
  }
  return { text: `not it ${n}` };
}

afterAll(() => replayPool().close());

/** Progress: what the server graded counts for whoever is signed in, and only that. */
describe.each(ENGINES)('progress on %s', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  let learners: Classroom['learners'];
  let teacher: Client;
  let classId: string;
  const rows = async () => (await db.query<{ n: number }>('select count(*)::int as n from progress'))[0]?.n;
  const mine = async (client: Client) => {
    const answer = await client.call(progress);
    expect(answer.status).toBe(200);
    return answer.body as { signedIn: boolean; items: ProgressItem[]; share: string | null };
  };
  const item = async (client: Client, kind: string, id: string) =>
    (await mine(client)).items.find((i) => i.kind === kind && i.id === id);

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(engine));
    useDatabase(db);
    ({ teacher, classId, learners } = await classroom(db, `progress-${engine}`, ['ada', 'bob']));
  });
  afterAll(() => drop());

  it('tells a visitor they have none, without an error', async () => {
    expect(await mine(new Client())).toEqual({ signedIn: false, items: [], share: null });
  });

  it('keeps an exercise’s best score and the first time it was fully passed', async () => {
    const ada = learners.ada as Client;
    const failed = await ada.call(verify, { params: { id: 'out-of-memory' }, body: evidence(['ls']) });
    expect(failed.status).toBe(200);
    expect(await item(ada, 'exercise', 'out-of-memory')).toEqual({
      kind: 'exercise',
      id: 'out-of-memory',
      score: 0,
      doneAt: null,
      solutionsOpened: 0,
      finished: 0,
    });
    await ada.call(verify, { params: { id: 'out-of-memory' }, body: evidence([OOM]) });
    const passed = await item(ada, 'exercise', 'out-of-memory');
    expect(passed).toMatchObject({ score: 1, solutionsOpened: 0 });
    expect(Date.parse(passed?.doneAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    // A worse try later changes nothing.
    await ada.call(verify, { params: { id: 'out-of-memory' }, body: evidence([]) });
    expect(await item(ada, 'exercise', 'out-of-memory')).toEqual(passed);
    // Bob's progress is his own.
    expect((await mine(learners.bob as Client)).items).toEqual([]);
  });

  it('counts the reference solutions the server saw opened before the first pass, whatever the browser says', async () => {
    const bob = learners.bob as Client;
    // The browser's own list of solutions shown is not evidence: an empty one hides nothing.
    await bob.call(solution, { params: { id: 'out-of-memory' }, body: { task: 'oom' } });
    await bob.call(verify, { params: { id: 'out-of-memory' }, body: { ...evidence([OOM]), revealed: [] } });
    const first = await item(bob, 'exercise', 'out-of-memory');
    expect(first).toMatchObject({ score: 1, solutionsOpened: 1, finished: 1 });
    // Passing again counts as another finish; the record of the first pass stays.
    await bob.call(verify, { params: { id: 'out-of-memory' }, body: evidence([OOM]) });
    expect(await item(bob, 'exercise', 'out-of-memory')).toEqual({ ...first, finished: 2 });
  });

  it('records nothing for a visitor’s practice', async () => {
    const before = await rows();
    const visitor = new Client();
    expect(
      (await visitor.call(verify, { params: { id: 'out-of-memory' }, body: evidence([OOM]) })).status,
    ).toBe(200);
    expect(await rows()).toBe(before);
  });

  it('finishes a practice quiz when its last question is settled, with the attempt’s score', async () => {
    const ada = learners.ada as Client;
    const started = await ada.call(startAttempt, { params: { id: 'why-isolate' }, body: {} });
    expect(started.status).toBe(201);
    const { attempt, seed } = started.body as { attempt: string; seed: string };
    const drawn = drawQuiz(quizzes().get('why-isolate') ?? (undefined as never), seed, 'practice');
    for (const [n, q] of drawn.questions.entries()) {
      expect(await item(ada, 'quiz', 'why-isolate')).toBeUndefined();
      const checked = await ada.call(check, {
        params: { id: 'why-isolate' },
        body: { attempt, question: q.id, answer: keyOf(q) },
      });
      expect(checked.status, `question ${n}`).toBe(200);
    }
    expect(await item(ada, 'quiz', 'why-isolate')).toMatchObject({ score: 1, doneAt: expect.any(String) });
  });

  it('keeps a quiz’s first finished score: a retake once its key is known only counts as another finish', async () => {
    const bob = learners.bob as Client;
    const finish = async (stumble: boolean) => {
      const { attempt, seed } = (await bob.call(startAttempt, { params: { id: 'containers' }, body: {} }))
        .body as {
        attempt: string;
        seed: string;
      };
      for (const q of drawQuiz(quizzes().get('containers') ?? (undefined as never), seed, 'practice')
        .questions) {
        const answer = (a: unknown) =>
          bob.call(check, { params: { id: 'containers' }, body: { attempt, question: q.id, answer: a } });
        // A wrong try first costs the question part of its score; then the key settles it.
        if (stumble) await answer(wrongFor(q, 0));
        expect((await answer(keyOf(q))).status).toBe(200);
      }
    };
    await finish(true);
    const first = await item(bob, 'quiz', 'containers');
    expect(first?.doneAt).toEqual(expect.any(String));
    expect(first?.score).toBeLessThan(1);
    await finish(false);
    expect(await item(bob, 'quiz', 'containers')).toEqual({ ...first, finished: 2 });
  });

  it('finishes an assessment when it is submitted, whatever its score', async () => {
    const ada = learners.ada as Client;
    const { attempt } = (await ada.call(startAttempt, { params: { id: 'final-assessment' }, body: {} }))
      .body as {
      attempt: string;
    };
    const sent = await ada.call(submitQuiz, {
      params: { id: 'final-assessment' },
      body: { attempt, answers: {} },
    });
    expect(sent.status).toBe(200);
    expect(await item(ada, 'quiz', 'final-assessment')).toMatchObject({
      score: 0,
      doneAt: expect.any(String),
    });
  });

  it('counts an assigned quiz only once its grade is the learner’s to see', async () => {
    const bob = learners.bob as Client;
    const due = new Date(Date.now() + 86_400_000).toISOString();
    const hidden = await teacher.call(assign, {
      params: { id: classId },
      body: {
        kind: 'quiz',
        contentId: 'images',
        opensAt: new Date(Date.now() - 86_400_000).toISOString(),
        dueAt: due,
        maxAttempts: 3,
      },
    });
    expect(hidden.status).toBe(201);
    const hiddenId = (hidden.body.assignment as { id: string }).id;
    const sent = await bob.call(submitAssignment, {
      params: { id: hiddenId },
      body: { idempotencyKey: `hidden-${engine}`, evidence: { answers: {} } },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.score).toBeUndefined();
    // Progress would show the hidden grade: it stays out until the learner may see it…
    expect(await item(bob, 'quiz', 'images')).toBeUndefined();
    // …and joins once the assignment has closed, dated when it was submitted.
    const closed = await teacher.call(editAssignment, {
      params: { id: hiddenId },
      method: 'PATCH',
      body: { dueAt: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(closed.status).toBe(200);
    expect(await item(bob, 'quiz', 'images')).toEqual({
      kind: 'quiz',
      id: 'images',
      score: 0,
      doneAt: sent.body.submittedAt,
      solutionsOpened: 0,
      finished: 1,
    });

    const once = await teacher.call(assign, {
      params: { id: classId },
      body: { kind: 'quiz', contentId: 'registries', maxAttempts: 1 },
    });
    const onceId = (once.body.assignment as { id: string }).id;
    const graded = await bob.call(submitAssignment, {
      params: { id: onceId },
      body: { idempotencyKey: `once-${engine}`, evidence: { answers: {} } },
    });
    expect(graded.body.score).toBe(0);
    expect(await item(bob, 'quiz', 'registries')).toMatchObject({ score: 0, doneAt: expect.any(String) });
  });

  it('shares a record at an unguessable address, renews it, and stops', async () => {
    const sharedRecord = async (address: string) => {
      const owner = await sharedRecordOwner(db, address);
      return owner && { name: owner.name, items: await learnerProgress(db, owner.userId) };
    };
    const ada = learners.ada as Client;
    expect((await new Client().call(share, { body: { share: true } })).status).toBe(401);
    for (const body of [{}, { share: 'yes' }, { share: true, user: 'bob' }])
      expect((await ada.call(share, { body })).status).toBe(400);
    expect((await ada.call(share, { body: { share: true }, origin: 'https://evil.example' })).status).toBe(
      403,
    );

    const first = await ada.call(share, { body: { share: true } });
    expect(first.status).toBe(201);
    const address = first.body.share as string;
    expect(address).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await mine(ada)).share).toBe(address);
    const record = await sharedRecord(address);
    expect(record?.name).toBe('ada');
    expect(record?.items.map((i) => `${i.kind}:${i.id}`).sort()).toEqual([
      'exercise:out-of-memory',
      'quiz:final-assessment',
      'quiz:why-isolate',
    ]);

    const renewed = (await ada.call(share, { body: { share: true } })).body.share as string;
    expect(renewed).not.toBe(address);
    expect(await sharedRecord(address)).toBeUndefined();
    expect((await sharedRecord(renewed))?.name).toBe('ada');

    expect((await ada.call(share, { body: { share: false } })).body).toEqual({ share: null });
    expect(await sharedRecord(renewed)).toBeUndefined();
    expect((await mine(ada)).share).toBeNull();
  });
});
