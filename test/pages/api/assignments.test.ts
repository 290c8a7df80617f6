import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as extend } from '../../../src/pages/api/assignments/[id]/extensions';
import { GET as stats } from '../../../src/pages/api/assignments/[id]/stats';
import { GET as drillDown } from '../../../src/pages/api/assignments/[id]/submissions/[learner]';
import { GET as myAttempts, POST as submit } from '../../../src/pages/api/assignments/[id]/submissions/index';
import { POST as login } from '../../../src/pages/api/auth/login';
import { POST as signup } from '../../../src/pages/api/auth/signup';
import { POST as assign, GET as listAssignments } from '../../../src/pages/api/classes/[id]/assignments';
import { GET as gradebook } from '../../../src/pages/api/classes/[id]/gradebook';
import { GET as gradebookCsv } from '../../../src/pages/api/classes/[id]/gradebook.csv';
import { POST as createClass } from '../../../src/pages/api/classes/index';
import { POST as join } from '../../../src/pages/api/classes/join';
import { GET as mine } from '../../../src/pages/api/me/assignments';
import { ENGINE_VERSION } from '../../../src/sandbox/sandbox';
import { hashPassword } from '../../../src/server/auth/password';
import type { Database } from '../../../src/server/db/database';
import { useDatabase } from '../../../src/server/db/open';
import { createUser } from '../../../src/server/queries/users';
import { quizzes } from '../../../src/server/quizzes';
import { percentOf } from '../../../src/utils/display';
import { ENGINES, freshDatabase } from '../../setup/databases';
import { Client } from './client';

/** One right answer in the final assessment is worth this share of it. */
const QUESTIONS = quizzes().get('final-assessment')?.questions.length ?? Number.NaN;

const password = 'correct horse battery';
const DAY = 86_400_000;
let keys = 0;
const key = () => `key-${Date.now()}-${++keys}`;

const transcript = (lines: string[]) => ({
  exercise: 'out-of-memory',
  exerciseVersion: 1,
  engine: ENGINE_VERSION,
  transcript: lines.map((text) => ({ type: 'input', text })),
});
const solved = transcript(['docker run --name hog -m 64m alpine tail /dev/zero']);

describe.each(ENGINES)('assignments, submissions and the gradebook on %s', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  let teacher: Client;
  let classId: string;
  let exerciseId: string;
  let quizId: string;
  const learners: Record<string, Client & { id?: string }> = {};

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(engine));
    useDatabase(db);
    await createUser(db, {
      email: 'teach@example.com',
      name: 'Teacher',
      passwordHash: await hashPassword(password),
      role: 'instructor',
    });
    teacher = new Client();
    await teacher.call(login, { body: { email: 'teach@example.com', password } });
    const klass = (await teacher.call(createClass, { body: { name: 'VMs and containers' } })).body.class as {
      id: string;
      joinCode: string;
    };
    classId = klass.id;
    for (const name of ['ada', 'bob', '=cmd|calc']) {
      const client = new Client() as Client & { id?: string };
      const email = `${name.replace(/\W/g, 'x')}@example.com`;
      await client.call(signup, { body: { email, name, password } });
      const signed = await client.call(login, { body: { email, password } });
      client.id = (signed.body.user as { id: string }).id;
      await client.call(join, { body: { code: klass.joinCode } });
      learners[name] = client;
    }
  });
  afterAll(() => drop());

  it('lets the instructor set an exercise and a quiz, pinned to their versions', async () => {
    const exercise = await teacher.call(assign, {
      params: { id: classId },
      body: {
        kind: 'exercise',
        contentId: 'out-of-memory',
        maxAttempts: 2,
        dueAt: new Date(Date.now() + 7 * DAY).toISOString(),
      },
    });
    expect(exercise.status).toBe(201);
    expect(exercise.body.assignment).toMatchObject({
      kind: 'exercise',
      contentId: 'out-of-memory',
      contentVersion: 1,
      title: 'A memory limit the kernel enforces',
      maxAttempts: 2,
      grading: 'highest',
    });
    exerciseId = (exercise.body.assignment as { id: string }).id;
    const quiz = await teacher.call(assign, {
      params: { id: classId },
      body: {
        kind: 'quiz',
        contentId: 'final-assessment',
        title: 'Final',
        dueAt: new Date(Date.now() - 1.5 * DAY).toISOString(),
        opensAt: new Date(Date.now() - 3 * DAY).toISOString(),
        grading: 'last',
        latePercentPerDay: 10,
        lateFloorPercent: 50,
      },
    });
    expect(quiz.status).toBe(201);
    quizId = (quiz.body.assignment as { id: string }).id;
    const seen = await (learners.ada as Client).call(listAssignments, { params: { id: classId } });
    expect((seen.body.assignments as { id: string }[]).map((a) => a.id).sort()).toEqual(
      [exerciseId, quizId].sort(),
    );
  });

  it('grades a submission by replaying it, and a retry with the same key is the same attempt', async () => {
    const ada = learners.ada as Client;
    const k = key();
    const first = await ada.call(submit, {
      params: { id: exerciseId },
      body: { idempotencyKey: k, evidence: solved },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ attempt: 1, score: 1, daysLate: 0, finalScore: 1 });
    expect(first.body.result).toMatchObject({ tasks: [{ id: 'oom', pass: true, messages: [] }] });
    const retry = await ada.call(submit, {
      params: { id: exerciseId },
      body: { idempotencyKey: k, evidence: solved },
    });
    expect(retry.status).toBe(200);
    expect(retry.body.attempt).toBe(1);
    const [count] = await db.query<{ n: number }>('select count(*)::int as n from submissions');
    expect(count?.n).toBe(1);
  });

  it('grades a forged submission on its evidence, and stops at the attempt limit', async () => {
    const ada = learners.ada as Client;
    const forged = await ada.call(submit, {
      params: { id: exerciseId },
      body: { idempotencyKey: key(), evidence: { ...transcript(['echo done']), score: 1 } },
    });
    expect(forged.status).toBe(201);
    expect(forged.body).toMatchObject({ attempt: 2, score: 0 });
    const third = await ada.call(submit, {
      params: { id: exerciseId },
      body: { idempotencyKey: key(), evidence: solved },
    });
    expect(third).toEqual({
      status: 409,
      body: { error: 'all 2 attempts allowed for this assignment are used' },
    });
    const stale = await (learners.bob as Client).call(submit, {
      params: { id: exerciseId },
      body: { idempotencyKey: key(), evidence: { ...solved, engine: 'old' } },
    });
    expect(stale.status).toBe(409);
  });

  it('takes the late penalty, down to its floor, and reveals a quiz as its policy says', async () => {
    const bob = learners.bob as Client;
    const late = await bob.call(submit, {
      params: { id: quizId },
      body: { idempotencyKey: key(), evidence: { answers: { 'rebuild-for-guest': { value: false } } } },
    });
    expect(late.status).toBe(201);
    expect(late.body.daysLate).toBe(2);
    expect(late.body.score).toBeCloseTo(1 / QUESTIONS);
    expect(late.body.finalScore).toBeCloseTo((1 / QUESTIONS) * 0.8);
    const questions = (late.body.result as { questions: { id: string; correct: boolean }[] }).questions;
    expect(questions.find((q) => q.id === 'rebuild-for-guest')?.correct).toBe(true);
    const bad = await bob.call(submit, {
      params: { id: quizId },
      body: { idempotencyKey: key(), evidence: { answers: { ghost: { value: true } } } },
    });
    expect(bad).toEqual({ status: 400, body: { error: 'quiz "final-assessment" has no question "ghost"' } });
  });

  it('honours an extension: the same submission is then on time', async () => {
    const cmd = learners['=cmd|calc'] as Client & { id: string };
    const extended = await teacher.call(extend, {
      params: { id: quizId },
      body: { learnerId: cmd.id, dueAt: new Date(Date.now() + DAY).toISOString() },
    });
    expect(extended.status).toBe(200);
    const onTime = await cmd.call(submit, {
      params: { id: quizId },
      body: { idempotencyKey: key(), evidence: { answers: { 'rebuild-for-guest': { value: false } } } },
    });
    expect(onTime.body).toMatchObject({ daysLate: 0 });
    // The class's quiz is open again until cmd's extension ends: scores wait for it (see keys.test.ts).
    expect(onTime.body).not.toHaveProperty('finalScore');
    const [stored] = await db.query<{ final: number }>(
      'select final_score::float8 as final from submissions where user_id = $1 order by submitted_at desc limit 1',
      [cmd.id],
    );
    expect(stored?.final).toBeCloseTo(1 / QUESTIONS);
  });

  it('shows the gradebook to the class instructor: grades by method, attempts, late flags', async () => {
    const book = await teacher.call(gradebook, { params: { id: classId } });
    expect(book.status).toBe(200);
    const { learners: people, cells } = book.body as {
      learners: { id: string; name: string }[];
      cells: Record<string, Record<string, { grade: number | null; attempts: number; late: boolean }>>;
    };
    const byName = Object.fromEntries(people.map((p) => [p.name, cells[p.id]]));
    expect(byName.ada?.[exerciseId]).toEqual({ grade: 1, attempts: 2, late: false, solutionsOpened: 0 });
    expect(byName.bob?.[quizId]?.late).toBe(true);
    expect(byName.bob?.[quizId]?.grade).toBeCloseTo((1 / QUESTIONS) * 0.8);
    expect(byName.bob?.[exerciseId]).toEqual({ grade: null, attempts: 0, late: false, solutionsOpened: 0 });
  });

  it('gives per-question statistics of a quiz to its instructor', async () => {
    const result = await teacher.call(stats, { params: { id: quizId } });
    expect(result.status).toBe(200);
    expect(result.body.learners).toBe(2);
    const byId = Object.fromEntries(
      (result.body.questions as { id: string; picks?: Record<string, number> }[]).map((q) => [q.id, q]),
    );
    expect(byId['rebuild-for-guest']).toMatchObject({ answered: 2, facility: 1 });
    expect(byId['newer-kernel-feature']).toMatchObject({ answered: 0, facility: 0 });
    expect(Object.values(byId['newer-kernel-feature']?.picks ?? {}).every((n) => n === 0)).toBe(true);
    expect((await teacher.call(stats, { params: { id: exerciseId } })).status).toBe(409);
    expect((await (learners.ada as Client).call(stats, { params: { id: quizId } })).status).toBe(403);
  });

  it('exports the gradebook as CSV, wide and long, safe against formula injection', async () => {
    const wide = await teacher.fetch(gradebookCsv, { params: { id: classId } });
    expect(wide.status).toBe(200);
    expect(wide.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(wide.headers.get('content-disposition')).toBe('attachment; filename="gradebook-wide.csv"');
    const wideLines = wide.text.trimEnd().split('\r\n');
    expect(wideLines[0]).toBe('name,email,Final,A memory limit the kernel enforces');
    expect(wideLines).toContain('ada,ada@example.com,,100');
    const long = await teacher.fetch(gradebookCsv, { params: { id: classId }, search: '?layout=long' });
    const lines = long.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('name,email,assignment,grade_percent,attempts,late,solutions_opened');
    expect(lines).toContain('ada,ada@example.com,A memory limit the kernel enforces,100,2,false,0');
    expect(lines).toContain(`bob,bob@example.com,Final,${percentOf((1 / QUESTIONS) * 0.8)},1,true,0`);
    expect(lines.some((l) => l.startsWith("'=cmd|calc,"))).toBe(true);
    expect(lines).toHaveLength(1 + 3 * 2);
    expect(
      (await teacher.call(gradebookCsv, { params: { id: classId }, search: '?layout=tall' })).status,
    ).toBe(400);
  });

  it('shows a learner their own assignments and attempts, and the instructor any learner’s evidence', async () => {
    const ada = learners.ada as Client & { id: string };
    const list = (await ada.call(mine)).body.assignments as {
      id: string;
      grade: number | null;
      attempts: number;
      className: string;
    }[];
    expect(list.find((a) => a.id === exerciseId)).toMatchObject({
      grade: 1,
      attempts: 2,
      className: 'VMs and containers',
    });
    const own = await ada.call(myAttempts, { params: { id: exerciseId } });
    expect((own.body.attempts as { attempt: number }[]).map((a) => a.attempt)).toEqual([1, 2]);
    expect(JSON.stringify(own.body)).not.toContain('"evidence"');
    const drill = await teacher.call(drillDown, { params: { id: exerciseId, learner: ada.id } });
    expect(
      (drill.body.attempts as { evidence: { transcript: { text: string }[] } }[])[0]?.evidence.transcript[0]
        ?.text,
    ).toBe('docker run --name hog -m 64m alpine tail /dev/zero');
  });

  it('keeps everyone to their own classes and their own work, in the queries', async () => {
    await createUser(db, {
      email: 'other@example.com',
      name: 'Other',
      passwordHash: await hashPassword(password),
      role: 'instructor',
    });
    const other = new Client();
    await other.call(login, { body: { email: 'other@example.com', password } });
    const ada = learners.ada as Client & { id: string };
    expect((await other.call(gradebook, { params: { id: classId } })).status).toBe(404);
    expect((await other.call(gradebookCsv, { params: { id: classId } })).status).toBe(404);
    expect((await other.call(drillDown, { params: { id: exerciseId, learner: ada.id } })).status).toBe(404);
    expect((await teacher.call(drillDown, { params: { id: exerciseId, learner: 'ada' } })).status).toBe(404);
    expect(
      (
        await teacher.call(extend, {
          params: { id: 'not-a-uuid' },
          body: { learnerId: ada.id, dueAt: new Date().toISOString() },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await other.call(extend, {
          params: { id: quizId },
          body: { learnerId: ada.id, dueAt: new Date().toISOString() },
        })
      ).status,
    ).toBe(404);
    expect(
      (await other.call(assign, { params: { id: classId }, body: { kind: 'quiz', contentId: 'images' } }))
        .status,
    ).toBe(404);
    expect((await ada.call(drillDown, { params: { id: exerciseId, learner: ada.id } })).status).toBe(403);
    expect((await ada.call(gradebook, { params: { id: classId } })).status).toBe(403);
    // A visitor who is not signed in has no assignments: a prerendered lesson may ask without an error.
    expect(await new Client().call(mine)).toEqual({ status: 200, body: { assignments: [] } });
    const outsider = new Client();
    await outsider.call(signup, { body: { email: 'outsider@example.com', name: 'Out', password } });
    await outsider.call(login, { body: { email: 'outsider@example.com', password } });
    expect(
      (
        await outsider.call(submit, {
          params: { id: exerciseId },
          body: { idempotencyKey: key(), evidence: solved },
        })
      ).status,
    ).toBe(404);
    expect((await outsider.call(listAssignments, { params: { id: classId } })).status).toBe(404);
    expect(
      (
        await new Client().call(submit, {
          params: { id: exerciseId },
          body: { idempotencyKey: key(), evidence: solved },
        })
      ).status,
    ).toBe(401);
  });

  it('validates assignments and submissions, and refuses work before an assignment opens', async () => {
    const bad = [
      { kind: 'essay', contentId: 'images' },
      { kind: 'quiz', contentId: 'no-such-quiz' },
      { kind: 'quiz', contentId: 'images', opensAt: '2030-01-02T00:00:00Z', dueAt: '2030-01-01T00:00:00Z' },
      { kind: 'quiz', contentId: 'images', maxAttempts: 0 },
      { kind: 'quiz', contentId: 'images', latePercentPerDay: 101 },
    ];
    for (const body of bad)
      expect((await teacher.call(assign, { params: { id: classId }, body })).status).toBe(400);
    const future = (
      await teacher.call(assign, {
        params: { id: classId },
        body: { kind: 'quiz', contentId: 'images', opensAt: new Date(Date.now() + DAY).toISOString() },
      })
    ).body.assignment as { id: string };
    const ada = learners.ada as Client;
    const early = await ada.call(submit, {
      params: { id: future.id },
      body: { idempotencyKey: key(), evidence: { answers: {} } },
    });
    expect(early.status).toBe(403);
    expect(early.body.error).toMatch(/^this assignment opens at /);
    expect(
      (
        await ada.call(submit, {
          params: { id: exerciseId },
          body: { idempotencyKey: 'short', evidence: solved },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await ada.call(submit, {
          params: { id: exerciseId },
          body: { idempotencyKey: key(), evidence: solved },
          origin: 'https://evil.example',
        })
      ).status,
    ).toBe(403);
  });
});
