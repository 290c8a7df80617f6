import { describe, expect, it } from 'vitest';
import { parseQuiz } from '../../src/grading/quiz';
import { publicQuiz } from '../../src/grading/quiz-public';
import { everyType } from './quiz-fixture';

const parsed = parseQuiz(everyType, 'fixture');
if (!parsed.ok) throw new Error(parsed.error);
const quiz = parsed.quiz;

describe('publicQuiz', () => {
  const view = publicQuiz(quiz, 'en');
  const text = JSON.stringify(view);

  it('keeps prompts and choices in the page’s language', () => {
    expect(view.questions.map((q) => q.prompt)).toEqual(quiz.questions.map((q) => q.prompt.en));
    expect(text).not.toContain('中文');
    expect(JSON.stringify(publicQuiz(quiz, 'zh-cn'))).toContain('中文：Which kernel');
  });

  it('drops every key: correct flags, feedback, explanations, answers, accepted texts, matches', () => {
    for (const leak of [
      'correct',
      'feedback',
      'explanation',
      'answer',
      'accept',
      'match',
      'tolerance',
      'scoring',
    ]) {
      expect(text).not.toContain(`"${leak}"`);
    }
    for (const q of quiz.questions) expect(text).not.toContain(q.explanation.en);
    expect(text).not.toContain('2100');
    expect(text).not.toContain('control groups');
    expect(text).not.toContain('8080:80 nginx');
  });

  it('lists ordering items in an order unrelated to the key, the same on every build', () => {
    const stack = view.questions.find((q) => q.id === 'stack');
    if (stack?.type !== 'ordering') throw new Error('no ordering question');
    const ids = stack.items.map((i) => i.id);
    expect([...ids].sort()).toEqual(['guest', 'host-os', 'hypervisor', 'infra']);
    expect(ids).not.toEqual(['infra', 'host-os', 'hypervisor', 'guest']);
    expect(publicQuiz(quiz, 'en')).toEqual(view);
  });
});
