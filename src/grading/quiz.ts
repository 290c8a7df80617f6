import type { Localized } from '../schemas/exercise.ts';
import { type Answer, type Question, type Quiz, quiz as quizSchema } from '../schemas/quiz.ts';
import { matches, normaliseLine } from './argv.ts';
import { formsOf, instancesOf } from './quiz-draw.ts';

/** How one answer to one question scored, with the feedback of the options the learner chose. */
export interface QuestionResult {
  /** 0 to 1; below 1 only for wrong answers or partial credit. */
  score: number;
  correct: boolean;
  feedback: Localized[];
}

/** Validates a quiz file's parsed content, including what zod cannot see (command keys that parse). */
export function parseQuiz(
  data: unknown,
  source: string,
): { ok: true; quiz: Quiz } | { ok: false; error: string } {
  const result = quizSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    return {
      ok: false,
      error: `${source}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid quiz'}`,
    };
  }
  for (const q of result.data.questions) {
    for (const form of formsOf(q)) {
      const rows = form.params ?? [];
      const names = Object.keys(rows[0] ?? {})
        .sort()
        .join();
      if (rows.some((row) => Object.keys(row).sort().join() !== names))
        return { ok: false, error: `${source}: questions.${q.id}: every row of params needs the same names` };
      for (const instance of instancesOf(form)) {
        const unfilled = JSON.stringify(instance).match(/\{\w+\}/);
        if (unfilled)
          return { ok: false, error: `${source}: questions.${q.id}: ${unfilled[0]} has no value in params` };
        if (instance.type !== 'command') continue;
        for (const line of instance.accept) {
          const parsed = normaliseLine(line);
          if (!parsed.ok)
            return {
              ok: false,
              error: `${source}: questions.${q.id}: cannot read "${line}": ${parsed.error}`,
            };
        }
      }
    }
  }
  return { ok: true, quiz: result.data };
}

/** Text answers compare ignoring case, width forms, surrounding and repeated spaces. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

const result = (score: number, feedback: Localized[] = []): QuestionResult => ({
  score: Math.max(0, Math.min(1, score)),
  correct: score >= 1,
  feedback,
});

/** Which answer shape each question type takes, for messages. */
const SHAPES: Record<Question['type'], string> = {
  single: '{ "choice": "<option id>" }',
  multiple: '{ "choices": ["<option id>", …] }',
  'true-false': '{ "value": true | false }',
  ordering: '{ "order": ["<item id>", …] }',
  matching: '{ "pairs": { "<item id>": "<target id>" } }',
  numeric: '{ "number": <number> }',
  text: '{ "text": "…" }',
  command: '{ "text": "<command line>" }',
};

/** Grades one answer against one question's key. An answer of the wrong shape is an error, not a zero. */
export function gradeQuestion(
  question: Question,
  answer: Answer,
): { ok: true; result: QuestionResult } | { ok: false; error: string } {
  const wrongShape = {
    ok: false as const,
    error: `answer question "${question.id}" with ${SHAPES[question.type]}`,
  };
  switch (question.type) {
    case 'single': {
      if (!('choice' in answer)) return wrongShape;
      const chosen = question.options.find((o) => o.id === answer.choice);
      if (!chosen) return { ok: false, error: `question "${question.id}" has no option "${answer.choice}"` };
      return { ok: true, result: result(chosen.correct ? 1 : 0, chosen.feedback ? [chosen.feedback] : []) };
    }
    case 'multiple': {
      if (!('choices' in answer)) return wrongShape;
      const picked = new Set(answer.choices);
      const unknown = [...picked].find((c) => !question.options.some((o) => o.id === c));
      if (unknown) return { ok: false, error: `question "${question.id}" has no option "${unknown}"` };
      const chosen = question.options.filter((o) => picked.has(o.id));
      const correct = question.options.filter((o) => o.correct).length;
      const right = chosen.filter((o) => o.correct).length;
      const wrong = chosen.length - right;
      const exact = right === correct && wrong === 0;
      const score = question.scoring === 'partial' ? (right - wrong) / correct : exact ? 1 : 0;
      return {
        ok: true,
        result: result(
          score,
          chosen.flatMap((o) => (o.feedback ? [o.feedback] : [])),
        ),
      };
    }
    case 'true-false':
      if (!('value' in answer)) return wrongShape;
      return { ok: true, result: result(answer.value === question.answer ? 1 : 0) };
    case 'ordering': {
      if (!('order' in answer)) return wrongShape;
      const key = question.items.map((i) => i.id);
      if (answer.order.length !== key.length || [...answer.order].sort().join() !== [...key].sort().join())
        return { ok: false, error: `order every item of question "${question.id}" exactly once` };
      return { ok: true, result: result(answer.order.every((id, i) => id === key[i]) ? 1 : 0) };
    }
    case 'matching': {
      if (!('pairs' in answer)) return wrongShape;
      const unknown = Object.entries(answer.pairs).find(
        ([item, target]) =>
          !question.items.some((i) => i.id === item) || !question.targets.some((t) => t.id === target),
      );
      if (unknown)
        return {
          ok: false,
          error: `question "${question.id}" has no pair "${unknown[0]}" → "${unknown[1]}"`,
        };
      const right = question.items.filter((i) => answer.pairs[i.id] === i.match).length;
      const fraction = right / question.items.length;
      return { ok: true, result: result(question.scoring === 'partial' ? fraction : fraction === 1 ? 1 : 0) };
    }
    case 'numeric': {
      if (!('number' in answer) || !Number.isFinite(answer.number)) return wrongShape;
      // A relative epsilon keeps 0.1 + 0.2 within a tolerance of 0.3 ± 0.
      const slack = question.tolerance + Math.abs(question.answer) * 1e-9;
      return { ok: true, result: result(Math.abs(answer.number - question.answer) <= slack ? 1 : 0) };
    }
    case 'text': {
      if (!('text' in answer)) return wrongShape;
      const given = normaliseText(answer.text);
      return { ok: true, result: result(question.accept.some((a) => normaliseText(a) === given) ? 1 : 0) };
    }
    case 'command': {
      if (!('text' in answer)) return wrongShape;
      const given = normaliseLine(answer.text);
      if (!given.ok) return { ok: true, result: result(0, [{ en: given.error, 'zh-cn': given.error }]) };
      const right = question.accept.some((line) => {
        const key = normaliseLine(line);
        return key.ok && matches(key.argv, given.argv, true);
      });
      return { ok: true, result: result(right ? 1 : 0) };
    }
  }
}

/** A practice question's score after `tries` checks, the last of them scoring `score`. */
export function practiceScore(score: number, tries: number, penalty: number): number {
  return Math.max(0, score - penalty * (tries - 1));
}
