import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATCH as editAssignment } from '../../../src/pages/api/assignments/[id]/index';
import { POST as submit } from '../../../src/pages/api/assignments/[id]/submissions/index';
import { GET as tasksCsv } from '../../../src/pages/api/assignments/[id]/tasks.csv';
import { POST as assign } from '../../../src/pages/api/classes/[id]/assignments';
import { ENGINE_VERSION } from '../../../src/sandbox/sandbox';
import type { Database } from '../../../src/server/db/database';
import { useDatabase } from '../../../src/server/db/open';
import { taskVerdicts } from '../../../src/server/queries/submissions';
import { ENGINES, freshDatabase } from '../../setup/databases';
import { type Classroom, classroom } from './classroom';
import { Client } from './client';

const transcript = (lines: string[]) => ({
  exercise: 'first-web-server',
  exerciseVersion: 2,
  engine: ENGINE_VERSION,
  transcript: lines.map((text) => ({ type: 'input', text })),
});
const RUN = 'docker run -d --name web -p 8080:80 nginx';
const REACH = 'curl -s localhost:8080 > ~/page.html';

describe.each(ENGINES)('per-task results of an exercise assignment on %s', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  let room: Classroom;
  let other: Classroom;
  let exerciseId: string;
  let quizId: string;
  let keys = 0;

  const hand = async (who: string, lines: string[]) => {
    const done = await (room.learners[who] as Client).call(submit, {
      params: { id: exerciseId },
      body: { idempotencyKey: `tasks-${engine}-${++keys}`, evidence: transcript(lines) },
    });
    expect(done.status).toBe(201);
  };
  const rowsOf = async (client: Client, id = exerciseId) => {
    const answer = await client.fetch(tasksCsv, { params: { id } });
    return { ...answer, rows: answer.text.trimEnd().split('\r\n') };
  };

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(engine));
    useDatabase(db);
    room = await classroom(db, `tasks-${engine}`, ['ada', 'bob', 'cy']);
    other = await classroom(db, `tasks-other-${engine}`, []);
    const set = async (body: object) =>
      (
        (await room.teacher.call(assign, { params: { id: room.classId }, body })).body.assignment as {
          id: string;
        }
      ).id;
    exerciseId = await set({ kind: 'exercise', contentId: 'first-web-server' });
    quizId = await set({ kind: 'quiz', contentId: 'images' });
    // Ada passes the first task, then nothing; Bob the first two; Cy never submits.
    await hand('ada', [RUN]);
    await hand('ada', ['docker ps']);
    await hand('bob', [RUN, REACH]);
  }, 120_000);
  afterAll(() => drop());

  it('exports, for each learner, which tasks the attempt their grade counts passed', async () => {
    const { status, headers, rows } = await rowsOf(room.teacher);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toBe('attachment; filename="tasks.csv"');
    expect(rows).toEqual([
      'name,email,attempt,attempt_percent,run-nginx,reach-it,keep-a-file',
      `ada,ada@tasks-${engine}.example,1,33.3,true,false,false`,
      `bob,bob@tasks-${engine}.example,1,66.7,true,true,false`,
      `cy,cy@tasks-${engine}.example,,,,,`,
    ]);
  });

  it('follows the grading method when the instructor changes it', async () => {
    const edited = await room.teacher.call(editAssignment, {
      method: 'PATCH',
      params: { id: exerciseId },
      body: { grading: 'last' },
    });
    expect(edited.status).toBe(200);
    const { rows } = await rowsOf(room.teacher);
    expect(rows[1]).toBe(`ada,ada@tasks-${engine}.example,2,0,false,false,false`);
    await room.teacher.call(editAssignment, {
      method: 'PATCH',
      params: { id: exerciseId },
      body: { grading: 'highest' },
    });
  });

  it('keeps the results from visitors (401), learners (403) and other instructors (404)', async () => {
    expect((await rowsOf(new Client())).status).toBe(401);
    expect((await rowsOf(room.learners.ada as Client)).status).toBe(403);
    const elsewhere = await rowsOf(other.teacher);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error).toBe('no such assignment among yours');
    expect((await rowsOf(room.teacher, 'not-a-uuid')).status).toBe(404);
  });

  it('answers 409 for a quiz, which has questions rather than tasks', async () => {
    const quiz = await rowsOf(room.teacher, quizId);
    expect(quiz.status).toBe(409);
    expect(quiz.body.error).toBe('task results are kept for exercise assignments only');
  });

  it('puts the authorisation in the query: nobody but the class’s instructor gets verdicts', async () => {
    const [teacher] = await db.query<{ id: string }>('select id from users where email = $1', [
      `tasks-${engine}@example.com`,
    ]);
    const [stranger] = await db.query<{ id: string }>('select id from users where email = $1', [
      `tasks-other-${engine}@example.com`,
    ]);
    const mine = await taskVerdicts(db, teacher?.id as string, exerciseId);
    expect(mine?.learners.map((l) => l.name)).toEqual(['ada', 'bob', 'cy']);
    expect(mine?.attempts).toHaveLength(3);
    expect(await taskVerdicts(db, stranger?.id as string, exerciseId)).toBeUndefined();
    expect(
      await taskVerdicts(db, (room.learners.bob as Client & { id: string }).id, exerciseId),
    ).toBeUndefined();
    expect(await taskVerdicts(db, teacher?.id as string, quizId)).toBeUndefined();
  });
});
