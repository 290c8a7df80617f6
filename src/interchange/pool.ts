import { formsOf, instancesOf } from '../grading/quiz-draw.ts';
import type { QuestionForm, Quiz } from '../schemas/quiz.ts';

/** One concrete question of an export: a form of a quiz question with one row of its values filled in. */
export interface PoolEntry {
  /**
   * The question's id, then `.v<n>` for its n-th form when it has variants and `.r<n>` for its n-th
   * row of values: unique in the quiz, since ids never hold a dot.
   */
  key: string;
  /** Drawn only for graded copies in Quayside. */
  reserved: boolean;
  form: QuestionForm;
}

/** A quiz question and every concrete question it can be asked as. */
export interface QuestionPool {
  id: string;
  /** 1 for the quiz's first question. */
  position: number;
  entries: PoolEntry[];
}

/**
 * What an export holds for each question of a quiz. Quayside draws one form and one row of values per
 * attempt (src/grading/quiz-draw.ts); an LMS cannot run that draw, so the export gives it the whole
 * pool instead: every form (the question itself, then each variant, reserved ones included) with each
 * row of its parameters as a question of its own, all with their keys. The LMS then draws one per
 * attempt itself (a QTI section selecting one, a Moodle category for "random question"), which is what
 * Quayside does; exporting only a first draw would hand every learner the same, harvestable copy.
 */
export function questionPools(quiz: Quiz): QuestionPool[] {
  return quiz.questions.map((q, index) => {
    const forms = formsOf(q);
    return {
      id: q.id,
      position: index + 1,
      entries: forms.flatMap((form, f) =>
        instancesOf(form).map((instance, r) => ({
          key: [q.id, forms.length > 1 ? `v${f + 1}` : '', form.params ? `r${r + 1}` : '']
            .filter(Boolean)
            .join('.'),
          reserved: form.reserved,
          form: instance,
        })),
      ),
    };
  });
}
