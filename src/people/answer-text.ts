import type { PublicQuestion } from '../grading/quiz-public.ts';
import type { Answer } from '../schemas/quiz.ts';

/** The words an answer is read in: true and false, and what separates several picks. */
export interface AnswerWords {
  true: string;
  false: string;
  separator: string;
}

/**
 * An answer as a person reads it, in the words of the question it answers: options, items and
 * targets by their text rather than their ids (an id the question lacks stays as it is), an order
 * as a chain of arrows, a number with its unit. Texts keep their backticked code spans.
 */
export function answerText(q: PublicQuestion, answer: Answer, words: AnswerWords): string {
  const choices = 'options' in q ? q.options : [];
  const items = 'items' in q ? q.items : [];
  const targets = 'targets' in q ? q.targets : [];
  const text = (list: { id: string; text: string }[], id: string) =>
    list.find((x) => x.id === id)?.text ?? id;
  if ('choice' in answer) return text(choices, answer.choice);
  if ('choices' in answer) return answer.choices.map((id) => text(choices, id)).join(words.separator);
  if ('value' in answer) return answer.value ? words.true : words.false;
  if ('order' in answer) return answer.order.map((id) => text(items, id)).join(' → ');
  if ('pairs' in answer) {
    // In the question's order of items, so two answers to one question read alike.
    const given = Object.keys(answer.pairs);
    const ordered = [
      ...items.map((i) => i.id).filter((id) => given.includes(id)),
      ...given.filter((id) => !items.some((i) => i.id === id)),
    ];
    return ordered
      .map((id) => `${text(items, id)} → ${text(targets, answer.pairs[id] ?? '')}`)
      .join(words.separator);
  }
  if ('number' in answer)
    return q.type === 'numeric' && q.unit ? `${answer.number} ${q.unit}` : String(answer.number);
  return answer.text;
}
