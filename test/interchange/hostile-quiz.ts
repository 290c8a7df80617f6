import { type Quiz, quiz } from '../../src/schemas/quiz';
import { everyType } from '../grading/quiz-fixture';

/** Markup, entities and quotes that an export must carry as text. */
export const HOSTILE = ' <b>&amp; "x"</b> & <';

/**
 * The every-type quiz with `HOSTILE` after every text (prompts, options, items, targets, feedback,
 * explanations, title) and after every accepted answer, plus a `*` in one.
 */
export function hostileQuiz(): Quiz {
  const spoil = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(spoil);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => {
        if (key === 'en' || key === 'zh-cn') return [key, `${inner}${HOSTILE}`];
        if (key === 'accept') return [key, [...(inner as string[]).map((a) => `${a}${HOSTILE}`), 'ls *.txt']];
        return [key, spoil(inner)];
      }),
    );
  };
  return quiz.parse(spoil(everyType));
}
