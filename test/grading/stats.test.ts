import { describe, expect, it } from 'vitest';
import { parseQuiz } from '../../src/grading/quiz';
import { questionStats } from '../../src/grading/stats';
import { everyType } from './quiz-fixture';

const parsed = parseQuiz(everyType, 'fixture');
if (!parsed.ok) throw new Error(parsed.error);
const quiz = parsed.quiz;

/** A learner who got `right` of the questions right, in quiz order, picking `choice` on the first. */
const attempt = (right: string[], choice: string) => ({
  answers: { single: { choice }, tf: { value: !right.includes('tf') } },
  scores: Object.fromEntries(quiz.questions.map((q) => [q.id, right.includes(q.id) ? 1 : 0])),
});

describe('questionStats', () => {
  const ids = quiz.questions.map((q) => q.id);
  const attempts = [
    attempt(ids, 'host'),
    attempt(ids.slice(0, 6), 'host'),
    attempt(ids.slice(1, 4), 'own'),
    attempt([], 'own'),
  ];
  const stats = Object.fromEntries(questionStats(quiz, attempts).map((s) => [s.id, s]));

  it('gives each question its facility and counts who answered it', () => {
    expect(stats.single?.facility).toBe(0.5);
    expect(stats.cmd?.facility).toBe(0.25);
    expect(stats.single?.answered).toBe(4);
    expect(stats.disk?.answered).toBe(0);
  });

  it('counts every option picked, wrong ones included', () => {
    expect(stats.single?.picks).toEqual({ host: 2, own: 2 });
    expect(stats.tf?.picks).toBeUndefined();
  });

  it('discriminates: strong learners get a good question right, so it correlates with the rest', () => {
    expect(stats.single?.discrimination).toBeGreaterThan(0.5);
    expect(stats.stack?.discrimination).toBeGreaterThan(0.5);
  });

  it('has no discrimination where it cannot be measured (everyone alike, or too few attempts)', () => {
    const same = questionStats(quiz, [attempt(ids, 'host'), attempt(ids, 'host'), attempt(ids, 'host')]);
    expect(same[0]?.discrimination).toBeNull();
    expect(questionStats(quiz, attempts.slice(0, 2))[0]?.discrimination).toBeNull();
    expect(questionStats(quiz, [])[0]).toMatchObject({ facility: null, discrimination: null, answered: 0 });
  });
});
