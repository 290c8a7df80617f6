import { describe, expect, it } from 'vitest';
import { gradeQuestion, normaliseText, parseQuiz, practiceScore } from '../../src/grading/quiz';
import type { Answer, Question, Quiz } from '../../src/schemas/quiz';
import { everyType } from './quiz-fixture';

const parsed = parseQuiz(everyType, 'fixture');
if (!parsed.ok) throw new Error(parsed.error);
const quiz: Quiz = parsed.quiz;
const q = (id: string) => quiz.questions.find((x) => x.id === id) as Question;

function score(id: string, answer: Answer): number {
  const graded = gradeQuestion(q(id), answer);
  if (!graded.ok) throw new Error(graded.error);
  return graded.result.score;
}

describe('gradeQuestion', () => {
  it('single choice: the one correct option, with the chosen option’s feedback', () => {
    expect(score('single', { choice: 'host' })).toBe(1);
    expect(score('single', { choice: 'own' })).toBe(0);
    const graded = gradeQuestion(q('single'), { choice: 'own' });
    expect(graded.ok && graded.result.feedback[0]?.en).toBe('That is a VM.');
    expect(gradeQuestion(q('single'), { choice: 'nope' })).toEqual({
      ok: false,
      error: 'question "single" has no option "nope"',
    });
  });

  it('multiple choice with partial credit: right picks minus wrong picks, never below 0', () => {
    expect(score('multi', { choices: ['pid', 'net'] })).toBe(1);
    expect(score('multi', { choices: ['pid'] })).toBe(0.5);
    expect(score('multi', { choices: ['pid', 'ram'] })).toBe(0);
    expect(score('multi', { choices: ['ram'] })).toBe(0);
    expect(score('multi', { choices: ['pid', 'net', 'ram'] })).toBe(0.5);
  });

  it('multiple choice, all or nothing', () => {
    expect(score('all', { choices: ['kvm', 'esxi'] })).toBe(1);
    expect(score('all', { choices: ['esxi'] })).toBe(0);
    expect(score('all', { choices: ['esxi', 'kvm', 'vbox'] })).toBe(0);
  });

  it('true or false', () => {
    expect(score('tf', { value: false })).toBe(1);
    expect(score('tf', { value: true })).toBe(0);
  });

  it('ordering: the whole order, and every item exactly once', () => {
    expect(score('stack', { order: ['infra', 'host-os', 'hypervisor', 'guest'] })).toBe(1);
    expect(score('stack', { order: ['host-os', 'infra', 'hypervisor', 'guest'] })).toBe(0);
    expect(gradeQuestion(q('stack'), { order: ['infra', 'infra', 'hypervisor', 'guest'] }).ok).toBe(false);
    expect(gradeQuestion(q('stack'), { order: ['infra'] }).ok).toBe(false);
  });

  it('matching with partial credit scores the fraction matched', () => {
    const right = { esxi: 'one', hyperv: 'one', vbox: 'two', workstation: 'two' };
    expect(score('types', { pairs: right })).toBe(1);
    expect(score('types', { pairs: { ...right, hyperv: 'two' } })).toBe(0.75);
    expect(score('types', { pairs: { esxi: 'one' } })).toBe(0.25);
    expect(gradeQuestion(q('types'), { pairs: { esxi: 'three' } }).ok).toBe(false);
  });

  it('numeric: inside the tolerance, at its edges, and just outside', () => {
    expect(score('disk', { number: 2100 })).toBe(1);
    expect(score('disk', { number: 2050 })).toBe(1);
    expect(score('disk', { number: 2150 })).toBe(1);
    expect(score('disk', { number: 2150.01 })).toBe(0);
    expect(score('disk', { number: 2049.99 })).toBe(0);
    expect(score('disk', { number: 700 })).toBe(0);
  });

  it('numeric with no tolerance still accepts a float that prints the same', () => {
    const exact: Question = { ...q('disk'), answer: 0.3, tolerance: 0 } as Question;
    const graded = gradeQuestion(exact, { number: 0.1 + 0.2 });
    expect(graded.ok && graded.result.score).toBe(1);
  });

  it('text: case, width and spacing do not matter; any accepted variant, in either language', () => {
    expect(score('word', { text: '  Control   Groups ' })).toBe(1);
    expect(score('word', { text: 'CGROUP' })).toBe(1);
    expect(score('word', { text: '控制组' })).toBe(1);
    expect(score('word', { text: 'namespace' })).toBe(0);
    expect(normaliseText('ＣＧＲＯＵＰ')).toBe('cgroup');
  });

  it('command: judged by parsed argv, flags in any order, long and short forms equal', () => {
    expect(score('cmd', { text: 'docker run -d --name web -p 8080:80 nginx' })).toBe(1);
    expect(score('cmd', { text: 'docker run --publish=8080:80 --detach --name=web nginx' })).toBe(1);
    expect(score('cmd', { text: 'docker container run -p 8080:80 -d --name web nginx' })).toBe(1);
    expect(score('cmd', { text: 'docker run -dp 8080:80 --name web nginx' })).toBe(1);
    expect(score('cmd', { text: 'docker run -d --name web -p 80:8080 nginx' })).toBe(0);
    expect(score('cmd', { text: 'docker run -d --name web -p 8080:80 --rm nginx' })).toBe(0);
    expect(score('cmd', { text: 'docker run -d --name web nginx -p 8080:80' })).toBe(0);
    const bad = gradeQuestion(q('cmd'), { text: 'docker run --bogus nginx' });
    expect(bad.ok && bad.result).toEqual({
      score: 0,
      correct: false,
      feedback: [{ en: 'unknown flag: --bogus', 'zh-cn': 'unknown flag: --bogus' }],
    });
  });

  it('an answer of the wrong shape is an error that names the right one', () => {
    expect(gradeQuestion(q('single'), { choices: ['host'] })).toEqual({
      ok: false,
      error: 'answer question "single" with { "choice": "<option id>" }',
    });
    expect(gradeQuestion(q('disk'), { text: '2100' }).ok).toBe(false);
  });
});

describe('practiceScore', () => {
  it('takes the penalty for every try after the first, down to 0', () => {
    expect(practiceScore(1, 1, 0.25)).toBe(1);
    expect(practiceScore(1, 2, 0.25)).toBe(0.75);
    expect(practiceScore(1, 3, 0.25)).toBe(0.5);
    expect(practiceScore(0.5, 3, 0.25)).toBe(0);
  });
});

describe('parseQuiz', () => {
  /** The fixture with one question changed, as plain data. */
  const withQuestion = (id: string, change: (q: Record<string, unknown>) => void) => {
    const copy = structuredClone(everyType) as unknown as { questions: Record<string, unknown>[] };
    const question = copy.questions.find((x) => x.id === id);
    if (!question) throw new Error(`no question ${id}`);
    change(question);
    return copy;
  };

  it('accepts the fixture and fills the defaults', () => {
    expect(quiz.mode).toBe('practice');
    expect(quiz.practice).toEqual({ tries: 3, penalty: 0.25 });
  });

  it('refuses a single-choice question with two right options', () => {
    const twoRight = withQuestion('single', (q) => {
      q.options = (q.options as object[]).map((o) => ({ ...o, correct: true }));
    });
    expect(parseQuiz(twoRight, 'quiz.yaml')).toEqual({
      ok: false,
      error: 'quiz.yaml: questions.0.options: a single-choice question has exactly one correct option',
    });
  });

  it('refuses a matching item whose target does not exist, and a command key that does not parse', () => {
    const matching = withQuestion('types', (q) => {
      q.items = [
        ...(q.items as object[]),
        { id: 'xen', text: { en: 'Xen', 'zh-cn': 'Xen' }, match: 'three' },
      ];
    });
    expect(parseQuiz(matching, 'q.yaml')).toMatchObject({
      ok: false,
      error: expect.stringContaining('every item must match'),
    });
    const command = withQuestion('cmd', (q) => {
      q.accept = ['docker run --nope nginx'];
    });
    expect(parseQuiz(command, 'q.yaml')).toEqual({
      ok: false,
      error: 'q.yaml: questions.cmd: cannot read "docker run --nope nginx": unknown flag: --nope',
    });
  });

  it('refuses unknown top-level fields and duplicate question ids', () => {
    expect(parseQuiz({ ...everyType, answers: [] }, 'q.yaml').ok).toBe(false);
    const dup = { ...everyType, questions: [everyType.questions[0], everyType.questions[0]] };
    expect(parseQuiz(dup, 'q.yaml')).toMatchObject({
      ok: false,
      error: expect.stringContaining('question ids must be unique'),
    });
  });
});
