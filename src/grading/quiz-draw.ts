import { nextUint32, seedRandom } from '../sandbox/core/random.ts';
import type { Localized } from '../schemas/exercise.ts';
import type { Question, QuestionForm, Quiz } from '../schemas/quiz.ts';
import { fillPlaceholders } from '../utils/fill-placeholders.ts';

/**
 * Which copy an attempt is: practice (anonymous, or a learner's own) or graded (an assignment's).
 * Practice never draws a reserved variant, so practising cannot harvest a graded copy's keys.
 */
export type Copy = 'practice' | 'graded';

type Values = Record<string, string | number>;

const pick = <T>(items: readonly T[], seed: string): T =>
  items[nextUint32(seedRandom(seed)) % items.length] as T;

const fillLocalized = (text: Localized, values: Values): Localized => ({
  en: fillPlaceholders(text.en, values),
  'zh-cn': fillPlaceholders(text['zh-cn'], values),
});

/** One form with a row of values in place: every text and accepted answer filled. */
export function fillForm(form: QuestionForm, values: Values): QuestionForm {
  const { params: _, reserved: __, ...rest } = form as QuestionForm & { reserved?: boolean };
  const l = (text: Localized) => fillLocalized(text, values);
  const base = { ...rest, prompt: l(form.prompt), explanation: l(form.explanation) };
  switch (base.type) {
    case 'single':
    case 'multiple':
      return {
        ...base,
        options: base.options.map((o) => ({
          ...o,
          text: l(o.text),
          ...(o.feedback ? { feedback: l(o.feedback) } : {}),
        })),
      };
    case 'ordering':
      return { ...base, items: base.items.map((i) => ({ ...i, text: l(i.text) })) };
    case 'matching':
      return {
        ...base,
        items: base.items.map((i) => ({ ...i, text: l(i.text) })),
        targets: base.targets.map((t) => ({ ...t, text: l(t.text) })),
      };
    case 'numeric':
      return base.unit === undefined ? base : { ...base, unit: fillPlaceholders(base.unit, values) };
    case 'text':
    case 'command':
      return { ...base, accept: base.accept.map((a) => fillPlaceholders(a, values)) };
    case 'true-false':
      return base;
  }
}

/** Every form of a question: its own, then its variants. */
export function formsOf(q: Question): (QuestionForm & { reserved: boolean })[] {
  const { id: _, variants = [], ...base } = q;
  return [{ ...(base as QuestionForm), reserved: false }, ...variants];
}

/** The forms a copy may draw from: practice skips reserved ones; graded prefers them when any exist. */
export function formsFor(q: Question, copy: Copy): QuestionForm[] {
  const forms = formsOf(q);
  const reserved = forms.filter((f) => f.reserved);
  return copy === 'graded' && reserved.length > 0 ? reserved : forms.filter((f) => !f.reserved);
}

/** Every concrete question a form can become: one per row of values, or the form itself. */
export function instancesOf(form: QuestionForm): QuestionForm[] {
  return form.params ? form.params.map((row) => fillForm(form, row)) : [fillForm(form, {})];
}

/**
 * The quiz one attempt answers: for each question, a form drawn from the attempt's seed and a row of
 * its values filled in. Question ids and order stay, so answers, scores and statistics line up
 * across learners; the same seed always draws the same questions.
 */
export function drawQuiz(quiz: Quiz, seed: string, copy: Copy): Quiz {
  return {
    ...quiz,
    questions: quiz.questions.map((q) => {
      const form = pick(formsFor(q, copy), `${seed}/${q.id}/form`);
      const row = form.params ? pick(form.params, `${seed}/${q.id}/values`) : {};
      return { id: q.id, ...fillForm(form, row) } as Question;
    }),
  };
}

/** The seed of a learner's graded attempt: fixed by the server, never chosen by the page. */
export const gradedSeed = (assignment: string, learner: string, attempt: number): string =>
  `${assignment}/${learner}/${attempt}`;
