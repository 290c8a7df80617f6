import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as submit } from '../../../src/pages/api/assignments/[id]/submissions/index';
import { POST as assign } from '../../../src/pages/api/classes/[id]/assignments';
import { GET as gradebookCsv } from '../../../src/pages/api/classes/[id]/gradebook.csv';
import { GET as exportQuiz } from '../../../src/pages/api/quizzes/[id]/export';
import type { Database } from '../../../src/server/db/database';
import { useDatabase } from '../../../src/server/db/open';
import { all, parseXml, textOf } from '../../interchange/xml-reader';
import { ENGINES, freshDatabase } from '../../setup/databases';
import { type Classroom, classroom } from './classroom';
import { Client } from './client';

const dir = mkdtempSync(join(tmpdir(), 'quayside-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(ENGINES)('instructors’ exports on %s', (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  let room: Classroom;
  let other: Classroom;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(engine));
    useDatabase(db);
    room = await classroom(db, `owner-${engine}`, ['ada', 'bob']);
    other = await classroom(db, `other-${engine}`, []);
    const set = await room.teacher.call(assign, {
      params: { id: room.classId },
      body: { kind: 'quiz', contentId: 'why-isolate', title: 'Why isolate' },
    });
    expect(set.status).toBe(201);
    const done = await (room.learners.ada as Client).call(submit, {
      params: { id: (set.body.assignment as { id: string }).id },
      body: { idempotencyKey: `export-${engine}-ada`, evidence: { answers: {} } },
    });
    expect(done.status).toBe(201);
  });
  afterAll(() => drop());

  const quiz = (client: Client, search: string, id = 'why-isolate') =>
    client.fetch(exportQuiz, { params: { id }, search });
  const csvOf = (client: Client, search: string, id = room.classId) =>
    client.fetch(gradebookCsv, { params: { id }, search });

  it('keeps both exports from anyone signed out (401) and from learners (403)', async () => {
    const anonymous = new Client();
    expect((await quiz(anonymous, '?format=qti')).status).toBe(401);
    expect((await csvOf(anonymous, '?format=canvas')).status).toBe(401);
    const ada = room.learners.ada as Client;
    const refused = await quiz(ada, '?format=moodle');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('only instructors may do this');
    expect((await csvOf(ada, '?format=moodle')).status).toBe(403);
  });

  it('answers 404 for another instructor’s class and a quiz that does not exist', async () => {
    expect((await csvOf(other.teacher, '?format=moodle')).status).toBe(404);
    expect((await csvOf(other.teacher, '?format=canvas')).body.error).toBe('no such class among yours');
    expect((await quiz(room.teacher, '?format=qti', 'no-such-quiz')).status).toBe(404);
  });

  it('keeps a quiz another instructor has assigned, and not closed, from export (423)', async () => {
    const locked = await quiz(other.teacher, '?format=moodle');
    expect(locked.status).toBe(423);
    expect(locked.body.error).toMatch(/assigned in another instructor's class/);
    expect((await quiz(other.teacher, '?format=moodle', 'hypervisors')).status).toBe(200);
  });

  it('answers 400 naming a format or language it does not have', async () => {
    const bad = await quiz(room.teacher, '?format=gift');
    expect(bad).toMatchObject({
      status: 400,
      body: { error: 'invalid request: format: format is qti or moodle' },
    });
    expect((await quiz(room.teacher, '')).status).toBe(400);
    expect((await quiz(room.teacher, '?format=qti&lang=fr')).body.error).toBe(
      'invalid request: lang: lang is en or zh-CN',
    );
    expect((await csvOf(room.teacher, '?format=blackboard')).status).toBe(400);
  });

  it('gives an instructor a quiz as a QTI package and as Moodle XML, in either language', async () => {
    const qti = await quiz(room.teacher, '?format=qti&lang=zh-CN');
    expect(qti.status).toBe(200);
    expect(qti.headers.get('content-type')).toBe('application/zip');
    expect(qti.headers.get('content-disposition')).toBe('attachment; filename="why-isolate.zh-CN.qti.zip"');
    const path = join(dir, `${engine}.zip`);
    writeFileSync(path, qti.bytes);
    expect(execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' })).toMatch(
      /^imsmanifest\.xml\nassessment-test\.xml\nitems\//,
    );
    const test = parseXml(execFileSync('unzip', ['-p', path, 'assessment-test.xml'], { encoding: 'utf8' }));
    expect(test.attributes.title).toMatch(/[\u4e00-\u9fff]/);

    const moodle = await quiz(room.teacher, '?format=moodle');
    expect(moodle.status).toBe(200);
    expect(moodle.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(moodle.headers.get('content-disposition')).toBe(
      'attachment; filename="why-isolate.en.moodle.xml"',
    );
    expect(moodle.headers.get('cache-control')).toBe('no-store');
    const questions = all(parseXml(moodle.text), 'question').filter((q) => q.attributes.type !== 'category');
    expect(questions.length).toBeGreaterThan(0);
    expect(textOf(all(questions[0] as never, 'questiontext')[0] as never)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('gives the class’s instructor the gradebook for Moodle and for Canvas, and the old layouts still', async () => {
    const moodle = await csvOf(room.teacher, '?format=moodle');
    expect(moodle.status).toBe(200);
    expect(moodle.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(moodle.headers.get('content-disposition')).toBe('attachment; filename="gradebook-moodle.csv"');
    const moodleRows = moodle.text.trimEnd().split('\r\n');
    expect(moodleRows[0]).toBe('Full name,Email address,Why isolate');
    expect(moodleRows).toContain(`ada,ada@owner-${engine}.example,0`);
    expect(moodleRows).toContain(`bob,bob@owner-${engine}.example,`);

    const canvas = await csvOf(room.teacher, '?format=canvas&layout=long');
    expect(canvas.headers.get('content-disposition')).toBe('attachment; filename="gradebook-canvas.csv"');
    expect(canvas.text.trimEnd().split('\r\n')).toEqual([
      'Student,ID,SIS User ID,SIS Login ID,Section,Why isolate',
      'Points Possible,,,,,100',
      `ada,,,ada@owner-${engine}.example,,0`,
      `bob,,,bob@owner-${engine}.example,,`,
    ]);

    const wide = await csvOf(room.teacher, '');
    expect(wide.headers.get('content-disposition')).toBe('attachment; filename="gradebook-wide.csv"');
    expect(wide.text.split('\r\n')[0]).toBe('name,email,Why isolate');
    const long = await csvOf(room.teacher, '?layout=long');
    expect(long.text.split('\r\n')[0]).toBe(
      'name,email,assignment,grade_percent,attempts,late,solutions_opened',
    );
  });
});
