import { describe, expect, it } from 'vitest';
import { gradeQuestion, parseQuiz } from '../../src/grading/quiz';
import { keyOf } from '../../src/grading/quiz-attempt';
import { drawQuiz, gradedSeed } from '../../src/grading/quiz-draw';
import type { Answer, QuizInput } from '../../src/schemas/quiz';

const t = (en: string) => ({ en, 'zh-cn': `中文：${en}` });

const varied: QuizInput = {
  id: 'varied',
  title: t('Varied'),
  mode: 'assessment',
  questions: [
    {
      id: 'publish',
      type: 'command',
      params: [
        { host: 8080, name: 'web' },
        { host: 3000, name: 'shop' },
        { host: 5000, name: 'api' },
      ],
      prompt: t('Run nginx as `{name}` on host port {host}.'),
      accept: ['docker run -d --name {name} -p {host}:80 nginx'],
      explanation: t('`-p {host}:80` publishes port 80 on {host}.'),
    },
    {
      id: 'kernel',
      type: 'single',
      prompt: t('Which kernel does a container use?'),
      options: [
        { id: 'host', text: t('The host kernel'), correct: true },
        { id: 'own', text: t('Its own') },
      ],
      explanation: t('One kernel.'),
      variants: [
        {
          type: 'true-false',
          prompt: t('A container boots its own kernel.'),
          answer: false,
          explanation: t('It does not.'),
        },
        {
          reserved: true,
          type: 'numeric',
          prompt: t('How many kernels run on a host with 3 containers?'),
          answer: 1,
          explanation: t('One.'),
        },
        {
          reserved: true,
          type: 'single',
          prompt: t('What does a VM guest run that a container does not?'),
          options: [
            { id: 'kernel', text: t('Its own kernel'), correct: true },
            { id: 'shell', text: t('A shell') },
          ],
          explanation: t('Its own kernel.'),
        },
      ],
    },
  ],
};

const parsed = parseQuiz(varied, 'varied.yaml');
if (!parsed.ok) throw new Error(parsed.error);
const quiz = parsed.quiz;
const seeds = Array.from({ length: 200 }, (_, i) => `seed-${i}`);

describe('drawQuiz', () => {
  it('draws the same questions from the same seed, and keeps ids and order', () => {
    const a = drawQuiz(quiz, 'same', 'graded');
    expect(drawQuiz(quiz, 'same', 'graded')).toEqual(a);
    expect(a.questions.map((q) => q.id)).toEqual(['publish', 'kernel']);
    expect(JSON.stringify(a)).not.toMatch(/\{(host|name)\}|variants|reserved|params/);
  });

  it('fills one row of values into the prompt, explanation and accepted answers alike', () => {
    const prompts = new Set<string>();
    for (const seed of seeds) {
      const q = drawQuiz(quiz, seed, 'practice').questions[0];
      if (q?.type !== 'command') throw new Error('command expected');
      const [, name, host] = /`(\w+)` on host port (\d+)/.exec(q.prompt.en) ?? [];
      expect(q.accept).toEqual([`docker run -d --name ${name} -p ${host}:80 nginx`]);
      expect(q.explanation['zh-cn']).toContain(`-p ${host}:80`);
      prompts.add(q.prompt.en);
    }
    expect(prompts.size).toBe(3);
  });

  it('never draws a reserved variant for practice, and only reserved ones for graded copies', () => {
    const practice = new Set(seeds.map((s) => drawQuiz(quiz, s, 'practice').questions[1]?.type));
    expect(practice).toEqual(new Set(['single', 'true-false']));
    const graded = new Set(seeds.map((s) => drawQuiz(quiz, s, 'graded').questions[1]?.prompt.en));
    expect(graded).toEqual(
      new Set([
        'How many kernels run on a host with 3 containers?',
        'What does a VM guest run that a container does not?',
      ]),
    );
  });

  it('gives two learners of one assignment different copies, so one key does not fit the other', () => {
    const keyFor = (learner: string) =>
      Object.fromEntries(
        drawQuiz(quiz, gradedSeed('a1', learner, 1), 'graded').questions.map((q) => [q.id, keyOf(q)]),
      );
    const learners = Array.from({ length: 20 }, (_, i) => `learner-${i}`);
    // A key of the wrong shape for another learner's variant is refused, which scores no better.
    const fits = (learner: string) => {
      const key = keyFor('learner-0');
      return drawQuiz(quiz, gradedSeed('a1', learner, 1), 'graded').questions.every((q) => {
        const graded = gradeQuestion(q, key[q.id] as Answer);
        return graded.ok && graded.result.correct;
      });
    };
    expect(fits('learner-0')).toBe(true);
    expect(learners.filter(fits).length).toBeLessThan(learners.length / 2);
    // Next attempt, next draw: the seeds differ per attempt.
    expect(gradedSeed('a1', 'x', 1)).not.toBe(gradedSeed('a1', 'x', 2));
  });
});

describe('parseQuiz with variants and parameters', () => {
  const base = varied.questions[0] as Extract<QuizInput['questions'][number], { type: 'command' }>;
  const withQuestion = (q: object) => ({ ...varied, questions: [q] });

  it('names a placeholder that has no value', () => {
    const result = parseQuiz(withQuestion({ ...base, prompt: t('Run on {port}.') }), 'q.yaml');
    expect(result).toEqual({ ok: false, error: 'q.yaml: questions.publish: {port} has no value in params' });
  });

  it('needs the same names in every row', () => {
    const result = parseQuiz(
      withQuestion({ ...base, params: [{ host: 1, name: 'a' }, { host: 2 }] }),
      'q.yaml',
    );
    expect(result).toEqual({
      ok: false,
      error: 'q.yaml: questions.publish: every row of params needs the same names',
    });
  });

  it('reads every accepted command of every variant', () => {
    const result = parseQuiz(
      withQuestion({
        ...base,
        variants: [
          { reserved: true, type: 'command', prompt: t('p'), explanation: t('e'), accept: ["docker run 'x"] },
        ],
      }),
      'q.yaml',
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('cannot read "docker run \'x"');
  });
});
