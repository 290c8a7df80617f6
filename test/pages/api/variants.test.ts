import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyOf } from '../../../src/grading/quiz-attempt';
import { drawQuiz, gradedSeed } from '../../../src/grading/quiz-draw';
import { POST as submit } from '../../../src/pages/api/assignments/[id]/submissions/index';
import { POST as assign } from '../../../src/pages/api/classes/[id]/assignments';
import { POST as attempts } from '../../../src/pages/api/quizzes/[id]/attempts';
import { POST as submitQuiz } from '../../../src/pages/api/quizzes/[id]/submit';
import type { Answer } from '../../../src/schemas/quiz';
import { useDatabase } from '../../../src/server/db/open';
import { quizzes } from '../../../src/server/quizzes';
import { ENGINES, freshDatabase } from '../../setup/databases';
import { type Classroom, classroom } from './classroom';
import { Client } from './client';

const QUIZ = 'final-assessment';
const DAY = 86_400_000;
let keys = 0;
const key = () => `variants-${Date.now()}-${++keys}`;

/**
 * Harvesting an assessment's keys from practice before a class is given it, and passing one
 * learner's answers to another: neither may fit a graded copy.
 */
describe.each(ENGINES)('graded copies are drawn per learner, on %s', (engine) => {
  let drop: () => Promise<void>;
  let room: Classroom;
  /** Every key practice revealed, by the prompt it answered. */
  const harvest = new Map<string, string>();

  beforeAll(async () => {
    const fresh = await freshDatabase(engine);
    drop = fresh.drop;
    useDatabase(fresh.db);
    room = await classroom(fresh.db, 'variants', ['ada', 'bob', 'cy', 'dee']);
    // An outsider's harvest, from many addresses so that no rate limit stops it.
    for (let i = 0; i < 24; i++) {
      const outsider = new Client();
      const started = await outsider.call(attempts, { params: { id: QUIZ }, body: { lang: 'en' } });
      expect(started.status).toBe(201);
      const view = started.body.quiz as { questions: { id: string; prompt: string }[] };
      const sent = await outsider.call(submitQuiz, {
        params: { id: QUIZ },
        body: { attempt: started.body.attempt, answers: {} },
      });
      expect(sent.status).toBe(200);
      for (const q of sent.body.questions as { id: string; solution: { answer: Answer } }[]) {
        const prompt = view.questions.find((p) => p.id === q.id)?.prompt as string;
        harvest.set(prompt, JSON.stringify(q.solution.answer));
      }
    }
  });
  afterAll(() => drop());

  it('asks graded copies nothing that practice revealed', async () => {
    const quiz = quizzes().get(QUIZ);
    if (!quiz) throw new Error('no final assessment');
    const made = await room.teacher.call(assign, {
      params: { id: room.classId },
      body: {
        kind: 'quiz',
        contentId: QUIZ,
        maxAttempts: 1,
        dueAt: new Date(Date.now() + DAY).toISOString(),
      },
    });
    expect(made.status).toBe(201);
    const assignment = (made.body.assignment as { id: string }).id;
    const copies = Object.fromEntries(
      Object.entries(room.learners).map(([name, l]) => [
        name,
        drawQuiz(quiz, gradedSeed(assignment, l.id, 1), 'graded'),
      ]),
    );
    expect(harvest.size).toBeGreaterThanOrEqual(quiz.questions.length);
    for (const copy of Object.values(copies))
      for (const q of copy.questions) expect(harvest.has(q.prompt.en), q.prompt.en).toBe(false);

    // Ada's own keys score 1 for her; handed to the others, they do not fit their copies.
    const adaKeys = Object.fromEntries(copies.ada?.questions.map((q) => [q.id, keyOf(q)]) ?? []);
    const send = (name: string, answers: Record<string, Answer>) =>
      room.learners[name]?.call(submit, {
        params: { id: assignment },
        body: { idempotencyKey: key(), evidence: { answers, attempt: 1 } },
      });
    expect((await send('ada', adaKeys))?.body.score).toBe(1);
    for (const name of ['bob', 'cy', 'dee']) {
      const copy = copies[name];
      // Only the answers whose shape fits this copy's questions: anything else is refused outright.
      const fitting = Object.fromEntries(
        Object.entries(adaKeys).filter(([id]) => {
          const theirs = copy?.questions.find((q) => q.id === id);
          return theirs && Object.keys(keyOf(theirs))[0] === Object.keys(adaKeys[id] as Answer)[0];
        }),
      );
      const sent = await send(name, fitting);
      expect(sent?.status).toBe(201);
      expect(sent?.body.score as number).toBeLessThan(0.8);
    }
  });

  it('refuses answers to an attempt that is no longer the next one', async () => {
    const made = await room.teacher.call(assign, {
      params: { id: room.classId },
      body: { kind: 'quiz', contentId: 'images', dueAt: new Date(Date.now() + DAY).toISOString() },
    });
    const assignment = (made.body.assignment as { id: string }).id;
    const bob = room.learners.bob as Client;
    const send = (attempt: number) =>
      bob.call(submit, {
        params: { id: assignment },
        body: { idempotencyKey: key(), evidence: { answers: {}, attempt } },
      });
    expect((await send(1)).status).toBe(201);
    const stale = await send(1);
    expect(stale).toEqual({
      status: 409,
      body: {
        error: 'these answers are for attempt 1, but attempt 2 is next: reload the page for its questions',
      },
    });
    expect((await send(2)).status).toBe(201);
  });
});
