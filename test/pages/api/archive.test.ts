import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DELETE as deleteAssignment,
  PATCH as editAssignment,
} from '../../../src/pages/api/assignments/[id]/index';
import { POST as submit } from '../../../src/pages/api/assignments/[id]/submissions/index';
import { POST as login } from '../../../src/pages/api/auth/login';
import { POST as signup } from '../../../src/pages/api/auth/signup';
import { POST as assign, GET as listAssignments } from '../../../src/pages/api/classes/[id]/assignments';
import { GET as gradebook } from '../../../src/pages/api/classes/[id]/gradebook';
import { GET as gradebookCsv } from '../../../src/pages/api/classes/[id]/gradebook.csv';
import { DELETE as deleteClass, PATCH as editClass } from '../../../src/pages/api/classes/[id]/index';
import { GET as listClasses } from '../../../src/pages/api/classes/index';
import { POST as join } from '../../../src/pages/api/classes/join';
import { POST as solution } from '../../../src/pages/api/exercises/[id]/solution';
import { GET as mine } from '../../../src/pages/api/me/assignments';
import { hashPassword } from '../../../src/server/auth/password';
import type { Database } from '../../../src/server/db/database';
import { useDatabase } from '../../../src/server/db/open';
import { solutionViewsFor } from '../../../src/server/queries/solutions';
import { createUser } from '../../../src/server/queries/users';
import { ENGINES, freshDatabase } from '../../setup/databases';
import { type Classroom, classroom, PASSWORD } from './classroom';
import { Client } from './client';

const DAY = 86_400_000;
let keys = 0;
const key = () => `archive-${Date.now()}-${++keys}`;

/** Editing, archiving and deleting classes and assignments: who may, and what is kept. */
describe.each(ENGINES)('editing, archiving and deleting on %s', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  let teacher: Client;
  let classId: string;
  let learners: Classroom['learners'];
  let other: Client;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(engine));
    useDatabase(db);
    ({ teacher, classId, learners } = await classroom(db, 'archive', ['ada', 'bob']));
    await createUser(db, {
      email: 'someone-else@example.com',
      name: 'Other',
      passwordHash: await hashPassword(PASSWORD),
      role: 'instructor',
    });
    other = new Client();
    await other.call(login, { body: { email: 'someone-else@example.com', password: PASSWORD } });
  });
  afterAll(() => drop());

  const newQuiz = async (body: Record<string, unknown> = {}) => {
    const made = await teacher.call(assign, {
      params: { id: classId },
      body: { kind: 'quiz', contentId: 'images', ...body },
    });
    expect(made.status).toBe(201);
    return (made.body.assignment as { id: string }).id;
  };
  const answered = (client: Client, id: string) =>
    client.call(submit, { params: { id }, body: { idempotencyKey: key(), evidence: { answers: {} } } });
  const count = async (sql: string, params: unknown[]) => (await db.query<{ n: number }>(sql, params))[0]?.n;

  it('renames a class, for its own instructor only, and validates the change', async () => {
    const renamed = await teacher.call(editClass, {
      params: { id: classId },
      body: { name: '  Spring term ' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.class).toMatchObject({ id: classId, name: 'Spring term', archivedAt: null });
    for (const body of [
      {},
      { name: '' },
      { name: 'x'.repeat(121) },
      { joinCode: 'AAAA-BBBB' },
      { archived: 'yes' },
    ])
      expect(
        (await teacher.call(editClass, { params: { id: classId }, body })).status,
        JSON.stringify(body),
      ).toBe(400);
    expect(
      (
        await teacher.call(editClass, {
          params: { id: classId },
          body: { name: 'x' },
          origin: 'https://evil.example',
        })
      ).status,
    ).toBe(403);
    expect(
      (await other.call(editClass, { params: { id: classId }, body: { name: 'Mine now' } })).status,
    ).toBe(404);
    expect((await other.call(editClass, { params: { id: 'not-a-uuid' }, body: { name: 'x' } })).status).toBe(
      404,
    );
    expect(
      (await (learners.ada as Client).call(editClass, { params: { id: classId }, body: { name: 'Ours' } }))
        .status,
    ).toBe(403);
    expect(
      (await new Client().call(editClass, { params: { id: classId }, body: { name: 'Anyone' } })).status,
    ).toBe(401);
    const [row] = await db.query<{ name: string }>('select name from classes where id = $1', [classId]);
    expect(row?.name).toBe('Spring term');
  });

  it('edits an assignment’s settings, keeping what it assigns, for its own instructor only', async () => {
    const id = await newQuiz({ title: 'Images', maxAttempts: 2 });
    const due = new Date(Date.now() + 3 * DAY).toISOString();
    const edited = await teacher.call(editAssignment, {
      params: { id },
      body: {
        title: 'Images, again',
        dueAt: due,
        maxAttempts: null,
        grading: 'average',
        latePercentPerDay: 5,
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.assignment).toMatchObject({
      id,
      kind: 'quiz',
      contentId: 'images',
      title: 'Images, again',
      maxAttempts: null,
      grading: 'average',
      latePercentPerDay: 5,
      lateFloorPercent: 0,
      archivedAt: null,
    });
    expect(new Date((edited.body.assignment as { dueAt: string }).dueAt).toISOString()).toBe(due);
    // Left out stays; null clears the due date.
    const cleared = await teacher.call(editAssignment, { params: { id }, body: { dueAt: null } });
    expect(cleared.body.assignment).toMatchObject({
      title: 'Images, again',
      dueAt: null,
      grading: 'average',
    });

    // A due date before the stored opening date, or a change of content, is refused.
    const opensAt = new Date(Date.now() + DAY).toISOString();
    expect((await teacher.call(editAssignment, { params: { id }, body: { opensAt } })).status).toBe(200);
    const early = await teacher.call(editAssignment, {
      params: { id },
      body: { dueAt: new Date(Date.now() + DAY / 2).toISOString() },
    });
    expect(early).toEqual({
      status: 400,
      body: { error: 'invalid request: dueAt: the due date must come after the opening date' },
    });
    for (const body of [
      {},
      { contentId: 'containers' },
      { maxAttempts: 0 },
      { title: ' ' },
      { dueAt: 'tomorrow' },
    ])
      expect(
        (await teacher.call(editAssignment, { params: { id }, body })).status,
        JSON.stringify(body),
      ).toBe(400);

    expect((await other.call(editAssignment, { params: { id }, body: { title: 'Taken' } })).status).toBe(404);
    expect((await other.call(deleteAssignment, { params: { id }, body: {} })).status).toBe(404);
    // A route parameter that is no id at all is simply not found, never a database error.
    expect(
      (await teacher.call(editAssignment, { params: { id: 'not-a-uuid' }, body: { title: 'x' } })).status,
    ).toBe(404);
    expect((await teacher.call(deleteAssignment, { params: { id: 'not-a-uuid' }, body: {} })).status).toBe(
      404,
    );
    expect(
      (await (learners.ada as Client).call(editAssignment, { params: { id }, body: { maxAttempts: 99 } }))
        .status,
    ).toBe(403);
    expect((await (learners.ada as Client).call(deleteAssignment, { params: { id }, body: {} })).status).toBe(
      403,
    );
    expect((await new Client().call(editAssignment, { params: { id }, body: { title: 'x' } })).status).toBe(
      401,
    );
    expect((await new Client().call(deleteAssignment, { params: { id }, body: {} })).status).toBe(401);
    expect(
      (await teacher.call(deleteAssignment, { params: { id }, body: {}, origin: 'https://evil.example' }))
        .status,
    ).toBe(403);
    const [row] = await db.query<{ title: string; max: number | null }>(
      'select title, max_attempts as max from assignments where id = $1',
      [id],
    );
    expect(row).toEqual({ title: 'Images, again', max: null });
    // Nobody has submitted to it: it may go at once.
    expect(await teacher.call(deleteAssignment, { params: { id }, body: {} })).toEqual({
      status: 200,
      body: { deleted: id },
    });
    expect(await count('select count(*)::int as n from assignments where id = $1', [id])).toBe(0);
  });

  it('archives an assignment before it may be deleted: learners lose sight of it, its grades stay', async () => {
    const ada = learners.ada as Client & { id: string };
    const id = await newQuiz({ title: 'Archived quiz' });
    expect((await answered(ada, id)).status).toBe(201);
    const refused = await teacher.call(deleteAssignment, { params: { id }, body: {} });
    expect(refused).toEqual({
      status: 409,
      body: { error: 'this assignment holds submissions: archive it first, then delete it' },
    });
    expect(await count('select count(*)::int as n from submissions where assignment_id = $1', [id])).toBe(1);

    const archived = await teacher.call(editAssignment, { params: { id }, body: { archived: true } });
    expect(archived.status).toBe(200);
    expect((archived.body.assignment as { archivedAt: string | null }).archivedAt).not.toBeNull();
    const listed = async (client: Client) => [
      ...((await client.call(mine)).body.assignments as { id: string }[]).map((a) => a.id),
      ...(
        (await client.call(listAssignments, { params: { id: classId } })).body.assignments as { id: string }[]
      ).map((a) => a.id),
    ];
    expect(await listed(ada)).not.toContain(id);
    expect((await answered(ada, id)).status).toBe(404);
    // The instructor still has it, its grade in the gradebook and the CSV.
    expect(await listed(teacher)).toContain(id);
    const book = (await teacher.call(gradebook, { params: { id: classId } })).body as {
      cells: Record<string, Record<string, { attempts: number }>>;
    };
    expect(book.cells[ada.id]?.[id]?.attempts).toBe(1);
    expect(
      (await teacher.fetch(gradebookCsv, { params: { id: classId }, search: '?layout=long' })).text,
    ).toContain(',Archived quiz,0,1,false,0');

    // Restored, it is the learner's again; archived once more, it may be deleted, submissions and all.
    await teacher.call(editAssignment, { params: { id }, body: { archived: false } });
    expect(await listed(ada)).toContain(id);
    await teacher.call(editAssignment, { params: { id }, body: { archived: true } });
    expect(await teacher.call(deleteAssignment, { params: { id }, body: {} })).toEqual({
      status: 200,
      body: { deleted: id },
    });
    expect(await count('select count(*)::int as n from submissions where assignment_id = $1', [id])).toBe(0);
    expect((await teacher.call(deleteAssignment, { params: { id }, body: {} })).status).toBe(404);
  });

  it('archives a class: gone from its learners’ lists and closed to joining, its gradebook still exported', async () => {
    const bob = learners.bob as Client & { id: string };
    const made = (await teacher.call(listClasses)).body.classes as { id: string; joinCode: string }[];
    const code = made.find((c) => c.id === classId)?.joinCode as string;
    const id = await newQuiz({ title: 'Before the break' });
    expect((await answered(bob, id)).status).toBe(201);

    expect((await teacher.call(deleteClass, { params: { id: classId }, body: {} })).status).toBe(409);
    expect((await other.call(editClass, { params: { id: classId }, body: { archived: true } })).status).toBe(
      404,
    );
    expect((await bob.call(editClass, { params: { id: classId }, body: { archived: true } })).status).toBe(
      403,
    );
    const archived = await teacher.call(editClass, { params: { id: classId }, body: { archived: true } });
    expect(archived.status).toBe(200);
    expect((archived.body.class as { archivedAt: string | null }).archivedAt).not.toBeNull();

    expect(((await bob.call(listClasses)).body.classes as { id: string }[]).map((c) => c.id)).not.toContain(
      classId,
    );
    expect((await bob.call(mine)).body.assignments).toEqual([]);
    expect((await bob.call(listAssignments, { params: { id: classId } })).status).toBe(404);
    expect((await answered(bob, id)).status).toBe(404);
    const newcomer = new Client();
    await newcomer.call(signup, {
      body: { email: 'late@archive.example', name: 'Late', password: PASSWORD },
    });
    await newcomer.call(login, { body: { email: 'late@archive.example', password: PASSWORD } });
    expect((await newcomer.call(join, { body: { code } })).status).toBe(410);

    // The instructor keeps all of it, and the CSV.
    const taught = (await teacher.call(listClasses)).body.classes as {
      id: string;
      archivedAt: string | null;
    }[];
    expect(taught.find((c) => c.id === classId)?.archivedAt).not.toBeNull();
    const csv = await teacher.fetch(gradebookCsv, { params: { id: classId }, search: '?layout=long' });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('bob,bob@archive.example,Before the break,0,1,false,0');

    // Restoring brings it back to its learners.
    await teacher.call(editClass, { params: { id: classId }, body: { archived: false } });
    expect(((await bob.call(listClasses)).body.classes as { id: string }[]).map((c) => c.id)).toContain(
      classId,
    );
    await teacher.call(editClass, { params: { id: classId }, body: { archived: true } });

    expect((await other.call(deleteClass, { params: { id: classId }, body: {} })).status).toBe(404);
    expect((await bob.call(deleteClass, { params: { id: classId }, body: {} })).status).toBe(403);
    expect((await new Client().call(deleteClass, { params: { id: classId }, body: {} })).status).toBe(401);
    expect(await teacher.call(deleteClass, { params: { id: classId }, body: {} })).toEqual({
      status: 200,
      body: { deleted: classId },
    });
    expect(await count('select count(*)::int as n from submissions where assignment_id = $1', [id])).toBe(0);
    expect(await count('select count(*)::int as n from enrolments where class_id = $1', [classId])).toBe(0);
    expect((await teacher.call(gradebook, { params: { id: classId } })).status).toBe(404);
  });

  it('deletes a class nobody has submitted to without archiving it first', async () => {
    const fresh = await classroom(db, 'archive-empty', ['cy']);
    const made = await fresh.teacher.call(assign, {
      params: { id: fresh.classId },
      body: { kind: 'quiz', contentId: 'images' },
    });
    expect(made.status).toBe(201);
    expect((await fresh.teacher.call(deleteClass, { params: { id: fresh.classId }, body: {} })).status).toBe(
      200,
    );
    expect(await count('select count(*)::int as n from classes where id = $1', [fresh.classId])).toBe(0);
  });

  it('shows the instructor which reference solutions a learner opened, and no one else', async () => {
    const fresh = await classroom(db, 'solutions', ['dee', 'eve']);
    const made = await fresh.teacher.call(assign, {
      params: { id: fresh.classId },
      body: { kind: 'exercise', contentId: 'out-of-memory' },
    });
    const id = (made.body.assignment as { id: string }).id;
    const dee = fresh.learners.dee as Client & { id: string };
    const eve = fresh.learners.eve as Client & { id: string };
    expect(
      (await dee.call(solution, { params: { id: 'out-of-memory' }, body: { task: 'oom' } })).status,
    ).toBe(200);
    const book = (await fresh.teacher.call(gradebook, { params: { id: fresh.classId } })).body as {
      cells: Record<string, Record<string, { solutionsOpened: number }>>;
    };
    expect(book.cells[dee.id]?.[id]?.solutionsOpened).toBe(1);
    expect(book.cells[eve.id]?.[id]?.solutionsOpened).toBe(0);
    const teacherId = (
      await db.query<{ id: string }>("select id from users where email = 'solutions@example.com'")
    )[0]?.id as string;
    const views = await solutionViewsFor(db, teacherId, id, dee.id);
    expect(views?.map((v) => v.task)).toEqual(['oom']);
    expect(await solutionViewsFor(db, teacherId, id, eve.id)).toEqual([]);
    // In the query: another instructor, or the learner, finds nothing.
    const otherId = (
      await db.query<{ id: string }>("select id from users where email = 'someone-else@example.com'")
    )[0]?.id as string;
    expect(await solutionViewsFor(db, otherId, id, dee.id)).toBeUndefined();
    expect(await solutionViewsFor(db, dee.id, id, dee.id)).toBeUndefined();
  });
});
