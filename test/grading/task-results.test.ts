import { describe, expect, it } from 'vitest';
import { shownAttempt, type TaskAttempt, taskTable } from '../../src/grading/task-results';

const TASKS = ['run', 'reach', 'keep'];
const learner = (id: string) => ({ id, name: id, email: `${id}@example.com` });
const attempt = (userId: string, n: number, passed: string[], all = TASKS): TaskAttempt => ({
  userId,
  attempt: n,
  finalScore: passed.length / all.length,
  tasks: all.map((id) => ({ id, pass: passed.includes(id) })),
});

describe('shownAttempt', () => {
  it('is the attempt the grade counts, or the latest for an average', () => {
    expect(shownAttempt([0.5, 1, 0], 'highest')).toBe(1);
    expect(shownAttempt([0.5, 1, 0], 'last')).toBe(2);
    expect(shownAttempt([0.5, 1, 0], 'first')).toBe(0);
    expect(shownAttempt([0.5, 1, 0], 'average')).toBe(2);
    expect(shownAttempt([], 'average')).toBeUndefined();
  });
});

describe('taskTable', () => {
  const learners = [learner('ada'), learner('bob'), learner('cy')];
  // Stored out of order: the table orders each learner's attempts itself.
  const attempts = [attempt('ada', 2, []), attempt('ada', 1, ['run']), attempt('bob', 1, ['run', 'reach'])];

  it('shows each learner’s counted attempt and counts who passed each task', () => {
    const table = taskTable(TASKS, learners, attempts, 'highest');
    expect(table.tasks).toEqual(TASKS);
    expect(table.rows.map((r) => [r.learner.id, r.attempt, r.passed])).toEqual([
      ['ada', 1, { run: true, reach: false, keep: false }],
      ['bob', 1, { run: true, reach: true, keep: false }],
      ['cy', null, {}],
    ]);
    expect(table.passedBy).toEqual({ run: 2, reach: 1, keep: 0 });
    expect(table.submitted).toBe(2);
  });

  it('follows the grading method: the last attempt counts ada’s failure', () => {
    const table = taskTable(TASKS, learners, attempts, 'last');
    expect(table.rows[0]).toMatchObject({ attempt: 2, finalScore: 0 });
    expect(table.passedBy).toEqual({ run: 1, reach: 1, keep: 0 });
  });

  it('keeps a task only stored attempts name, and leaves a task an attempt was not graded on open', () => {
    const older = attempt('ada', 1, ['gone'], ['run', 'gone']);
    const table = taskTable(TASKS, [learner('ada')], [older], 'highest');
    expect(table.tasks).toEqual([...TASKS, 'gone']);
    expect(table.rows[0]?.passed.keep).toBeUndefined();
    expect(table.passedBy).toEqual({ run: 0, reach: 0, keep: 0, gone: 1 });
  });
});
