import { describe, expect, it } from 'vitest';
import { parseQuiz } from '../../src/grading/quiz';
import {
  attemptScore,
  checkPractice,
  keyOf,
  type QuizAttempt,
  submitAssessment,
} from '../../src/grading/quiz-attempt';
import type { Quiz } from '../../src/schemas/quiz';
import { everyType } from './quiz-fixture';

function load(overrides: Record<string, unknown> = {}): Quiz {
  const parsed = parseQuiz({ ...everyType, ...overrides }, 'fixture');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.quiz;
}

const fresh = (): QuizAttempt => ({
  id: 'a',
  quiz: 'every-type',
  version: 1,
  seed: 's',
  startedAt: 0,
  tries: {},
  scores: {},
  settled: [],
});

describe('practice', () => {
  it('settles a right answer at once, with its explanation and key', () => {
    const quiz = load();
    const attempt = fresh();
    const outcome = checkPractice(quiz, attempt, 'single', { choice: 'host' });
    expect(outcome).toMatchObject({ ok: true, correct: true, score: 1, triesLeft: 2 });
    expect(outcome.ok && outcome.solution).toEqual({
      explanation: {
        en: 'Containers share the host kernel.',
        'zh-cn': '中文：Containers share the host kernel.',
      },
      answer: { choice: 'host' },
    });
    expect(checkPractice(quiz, attempt, 'single', { choice: 'host' })).toMatchObject({
      ok: false,
      status: 409,
    });
  });

  it('keeps the key back until the tries run out, and takes the penalty per extra try', () => {
    const quiz = load();
    const attempt = fresh();
    const first = checkPractice(quiz, attempt, 'tf', { value: true });
    expect(first).toMatchObject({ ok: true, correct: false, score: 0, triesLeft: 2 });
    expect(first.ok && first.solution).toBeUndefined();
    const second = checkPractice(quiz, attempt, 'tf', { value: false });
    expect(second).toMatchObject({ ok: true, correct: true, score: 0.75, triesLeft: 1 });
    expect(attemptScore(quiz, attempt)).toBeCloseTo(0.75 / quiz.questions.length);
  });

  it('settles a question when the last try is wrong, revealing the answer then', () => {
    const quiz = load({ practice: { tries: 2, penalty: 0.5 } });
    const attempt = fresh();
    checkPractice(quiz, attempt, 'disk', { number: 1 });
    const last = checkPractice(quiz, attempt, 'disk', { number: 2 });
    expect(last).toMatchObject({
      ok: true,
      correct: false,
      triesLeft: 0,
      solution: { answer: { number: 2100 } },
    });
    expect(attempt.settled).toEqual(['disk']);
  });

  it('checking an answer already checked spends no try: the same verdict, the same tries left', () => {
    const quiz = load();
    const attempt = fresh();
    const first = checkPractice(quiz, attempt, 'multi', { choices: ['pid', 'ram'] });
    expect(first).toMatchObject({ ok: true, correct: false, triesLeft: 2 });
    // The same choices in another order say the same thing.
    const again = checkPractice(quiz, attempt, 'multi', { choices: ['ram', 'pid'] });
    expect(again).toEqual({ ...first, repeated: true });
    expect(attempt.tries.multi).toBe(1);
    const other = checkPractice(quiz, attempt, 'multi', { choices: ['net'] });
    expect(other).toMatchObject({ ok: true, correct: false, triesLeft: 1 });
    expect(other).not.toHaveProperty('repeated');
    // Back to the first answer: still known, still free.
    expect(checkPractice(quiz, attempt, 'multi', { choices: ['pid', 'ram'] })).toMatchObject({
      triesLeft: 1,
      repeated: true,
    });
    const text = checkPractice(quiz, attempt, 'cmd', { text: 'docker ps' });
    expect(checkPractice(quiz, attempt, 'cmd', { text: '  docker   ps ' })).toEqual({
      ...text,
      repeated: true,
    });
    expect(attempt.tries.cmd).toBe(1);
  });

  it('a malformed answer spends no try', () => {
    const quiz = load();
    const attempt = fresh();
    expect(checkPractice(quiz, attempt, 'tf', { text: 'no' })).toMatchObject({ ok: false, status: 400 });
    expect(attempt.tries).toEqual({});
    expect(checkPractice(quiz, attempt, 'nope', { value: true })).toMatchObject({ ok: false, status: 404 });
  });

  it('refuses to check single questions of an assessment', () => {
    expect(checkPractice(load({ mode: 'assessment' }), fresh(), 'tf', { value: false })).toMatchObject({
      ok: false,
      status: 409,
    });
  });
});

describe('assessment', () => {
  const answers = {
    single: { choice: 'host' },
    multi: { choices: ['pid'] },
    tf: { value: true },
  };

  it('grades every answer once; unanswered questions score 0; results shown immediately', () => {
    const quiz = load({ mode: 'assessment' });
    const attempt = fresh();
    const outcome = submitAssessment(quiz, attempt, answers, 1000);
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.score).toBeCloseTo(1.5 / quiz.questions.length);
    expect(outcome.questions?.map((q) => [q.id, q.score])).toEqual([
      ['single', 1],
      ['multi', 0.5],
      ['all', 0],
      ['tf', 0],
      ['stack', 0],
      ['types', 0],
      ['disk', 0],
      ['word', 0],
      ['cmd', 0],
    ]);
    expect(submitAssessment(quiz, attempt, answers, 2000)).toMatchObject({ ok: false, status: 409 });
  });

  it('reveals nothing but the score under "never"', () => {
    const outcome = submitAssessment(load({ mode: 'assessment', reveal: 'never' }), fresh(), answers, 1000);
    expect(outcome).toEqual({ ok: true, score: expect.any(Number) });
    expect(JSON.stringify(outcome)).not.toContain('explanation');
  });

  it('under "after-due", reveals once the due date has passed, and says when otherwise', () => {
    const quiz = load({ mode: 'assessment', reveal: 'after-due' });
    const before = submitAssessment(quiz, fresh(), answers, 1000, 5000);
    expect(before).toEqual({ ok: true, score: expect.any(Number), revealAt: 5000 });
    const after = submitAssessment(quiz, fresh(), answers, 6000, 5000);
    expect(after.ok && after.questions?.length).toBe(quiz.questions.length);
  });

  it('rejects answers to questions the quiz does not have, and practice quizzes', () => {
    expect(
      submitAssessment(load({ mode: 'assessment' }), fresh(), { ghost: { value: true } }, 0),
    ).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(submitAssessment(load(), fresh(), answers, 0)).toMatchObject({ ok: false, status: 409 });
  });
});

describe('keyOf', () => {
  it('gives every question type’s right answer in the answer’s own shape', () => {
    const quiz = load();
    expect(Object.fromEntries(quiz.questions.map((q) => [q.id, keyOf(q)]))).toEqual({
      single: { choice: 'host' },
      multi: { choices: ['pid', 'net'] },
      all: { choices: ['esxi', 'kvm'] },
      tf: { value: false },
      stack: { order: ['infra', 'host-os', 'hypervisor', 'guest'] },
      types: { pairs: { esxi: 'one', hyperv: 'one', vbox: 'two', workstation: 'two' } },
      disk: { number: 2100 },
      word: { text: 'cgroup' },
      cmd: { text: 'docker run -d --name web -p 8080:80 nginx' },
    });
  });
});
