import { sha256Hex } from '../sandbox/core/sha256.ts';
import type { Question, Quiz } from '../schemas/quiz.ts';

export type Locale = 'en' | 'zh-cn';

interface Choice {
  id: string;
  text: string;
}

/** A question as the page may know it: what to ask and what to choose from, never what is right. */
export type PublicQuestion = { id: string; prompt: string } & (
  | { type: 'single' | 'multiple'; options: Choice[] }
  | { type: 'true-false' }
  | { type: 'ordering'; items: Choice[] }
  | { type: 'matching'; items: Choice[]; targets: Choice[] }
  | { type: 'numeric'; unit?: string }
  | { type: 'text' | 'command' }
);

export interface PublicQuiz {
  id: string;
  version: number;
  title: string;
  mode: Quiz['mode'];
  tries: number;
  penalty: number;
  questions: PublicQuestion[];
}

/**
 * Items in an order that says nothing of the key: sorted by a hash of their ids, so an ordering
 * question's file order (which is the answer) never reaches the page.
 */
function keyless(
  items: { id: string; text: Record<Locale, string> }[],
  salt: string,
  locale: Locale,
): Choice[] {
  return items
    .map((item) => ({ item, rank: sha256Hex(`${salt}/${item.id}`) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1))
    .map(({ item }) => ({ id: item.id, text: item.text[locale] }));
}

function publicQuestion(quizId: string, q: Question, locale: Locale): PublicQuestion {
  const base = { id: q.id, prompt: q.prompt[locale] };
  const salt = `${quizId}/${q.id}`;
  switch (q.type) {
    case 'single':
    case 'multiple':
      return { ...base, type: q.type, options: keyless(q.options, salt, locale) };
    case 'ordering':
      return { ...base, type: q.type, items: keyless(q.items, salt, locale) };
    case 'matching':
      return {
        ...base,
        type: q.type,
        items: keyless(q.items, salt, locale),
        targets: q.targets.map((t) => ({ id: t.id, text: t.text[locale] })),
      };
    case 'numeric':
      return q.unit === undefined ? { ...base, type: q.type } : { ...base, type: q.type, unit: q.unit };
    case 'true-false':
    case 'text':
    case 'command':
      return { ...base, type: q.type };
  }
}

/** The quiz without its keys, in one language: all a page ever receives. */
export function publicQuiz(quiz: Quiz, locale: Locale): PublicQuiz {
  return {
    id: quiz.id,
    version: quiz.version,
    title: quiz.title[locale],
    mode: quiz.mode,
    tries: quiz.practice.tries,
    penalty: quiz.practice.penalty,
    questions: quiz.questions.map((q) => publicQuestion(quiz.id, q, locale)),
  };
}
