import type { Localized } from '../schemas/exercise.ts';
import type { Answer, Question, Quiz } from '../schemas/quiz.ts';
import { gradeQuestion, practiceScore } from './quiz.ts';

/** One learner's attempt at one quiz, as the server keeps it. Plain data. */
export interface QuizAttempt {
  id: string;
  quiz: string;
  version: number;
  /** Seeds the order of options on the page. */
  seed: string;
  startedAt: number;
  /** Practice: checks used and best score so far, per question. */
  tries: Record<string, number>;
  scores: Record<string, number>;
  /** Practice: every answer already checked, per question (`sameAnswer` form): checking one again is free. */
  checked?: Record<string, string[]>;
  /** Questions answered right or out of tries: their explanation is shown, no more checks. */
  settled: string[];
  /** Assessment: when it was submitted (once). */
  submittedAt?: number;
}

/** What the learner may be told about a settled question: the key, in words. */
export interface Solution {
  explanation: Localized;
  /** The right answer, in the answer's own shape, so the page can mark it. */
  answer: Answer;
}

export type CheckOutcome =
  | {
      ok: true;
      correct: boolean;
      /** This question's score so far, after the try penalty. */
      score: number;
      triesLeft: number;
      feedback: Localized[];
      solution?: Solution;
      /** This answer was checked before: the verdict is the same, and no try was spent. */
      repeated?: true;
    }
  | { ok: false; status: 400 | 404 | 409; error: string };

/** The right answer to a question, in the shape a learner's answer takes. */
export function keyOf(q: Question): Answer {
  switch (q.type) {
    case 'single':
      return { choice: q.options.find((o) => o.correct)?.id ?? '' };
    case 'multiple':
      return { choices: q.options.filter((o) => o.correct).map((o) => o.id) };
    case 'true-false':
      return { value: q.answer };
    case 'ordering':
      return { order: q.items.map((i) => i.id) };
    case 'matching':
      return { pairs: Object.fromEntries(q.items.map((i) => [i.id, i.match])) };
    case 'numeric':
      return { number: q.answer };
    case 'text':
    case 'command':
      return { text: q.accept[0] as string };
  }
}

const solutionOf = (q: Question): Solution => ({ explanation: q.explanation, answer: keyOf(q) });

/**
 * An answer in one canonical form, so that two answers that say the same thing compare equal: the
 * choices of a multiple-choice answer in any order, the pairs of a matching in any order, a text with
 * its surrounding and repeated spaces (which grading ignores) dropped.
 */
export function sameAnswer(answer: Answer): string {
  if ('choices' in answer) return JSON.stringify({ choices: [...new Set(answer.choices)].sort() });
  if ('pairs' in answer)
    return JSON.stringify({ pairs: Object.entries(answer.pairs).sort(([a], [b]) => (a < b ? -1 : 1)) });
  if ('text' in answer) return JSON.stringify({ text: answer.text.trim().replace(/\s+/g, ' ') });
  return JSON.stringify(answer);
}

/**
 * Practice: checks one answer, spends a try, and settles the question when it is right or the tries
 * are gone. An answer already checked for this question costs nothing: it gets its verdict again
 * (a right one would have settled the question), with the tries left unchanged. Mutates `attempt`.
 */
export function checkPractice(
  quiz: Quiz,
  attempt: QuizAttempt,
  questionId: string,
  answer: Answer,
): CheckOutcome {
  if (quiz.mode !== 'practice')
    return { ok: false, status: 409, error: 'this quiz is an assessment: submit all answers at once' };
  const question = quiz.questions.find((q) => q.id === questionId);
  if (!question)
    return { ok: false, status: 404, error: `quiz "${quiz.id}" has no question "${questionId}"` };
  if (attempt.settled.includes(question.id))
    return {
      ok: false,
      status: 409,
      error: `question "${question.id}" is settled in this attempt; start a new attempt to try again`,
    };
  const graded = gradeQuestion(question, answer);
  if (!graded.ok) return { ok: false, status: 400, error: graded.error };
  const said = sameAnswer(answer);
  const checked = attempt.checked?.[question.id] ?? [];
  if (checked.includes(said))
    return {
      ok: true,
      correct: graded.result.correct,
      score: attempt.scores[question.id] ?? 0,
      triesLeft: quiz.practice.tries - (attempt.tries[question.id] ?? 0),
      feedback: graded.result.feedback,
      repeated: true,
    };
  attempt.checked = { ...attempt.checked, [question.id]: [...checked, said] };
  const tries = (attempt.tries[question.id] ?? 0) + 1;
  attempt.tries[question.id] = tries;
  const score = practiceScore(graded.result.score, tries, quiz.practice.penalty);
  attempt.scores[question.id] = Math.max(attempt.scores[question.id] ?? 0, score);
  const triesLeft = quiz.practice.tries - tries;
  const settled = graded.result.correct || triesLeft === 0;
  if (settled) attempt.settled.push(question.id);
  return {
    ok: true,
    correct: graded.result.correct,
    score: attempt.scores[question.id] ?? 0,
    triesLeft,
    feedback: graded.result.feedback,
    ...(settled ? { solution: solutionOf(question) } : {}),
  };
}

export interface QuestionReport {
  id: string;
  /** What was asked: with variants, learners' copies differ, and the instructor sees which. */
  prompt: Localized;
  score: number;
  correct: boolean;
  feedback: Localized[];
  solution: Solution;
}

export type SubmitOutcome =
  | {
      ok: true;
      /** Sum of question scores over the number of questions, 0 to 1. */
      score: number;
      /** Per question, only when the quiz's reveal policy allows it now. */
      questions?: QuestionReport[];
      /** When the answers will be revealed, for `after-due`. */
      revealAt?: number;
    }
  | { ok: false; status: 400 | 409; error: string };

/**
 * Grades a whole set of answers at once. Unanswered questions score 0; an answer to a question the
 * quiz lacks, or of the wrong shape, is an error.
 */
export function gradeAnswers(
  quiz: Quiz,
  answers: Record<string, Answer>,
): { ok: true; score: number; questions: QuestionReport[] } | { ok: false; error: string } {
  const unknown = Object.keys(answers).find((id) => !quiz.questions.some((q) => q.id === id));
  if (unknown) return { ok: false, error: `quiz "${quiz.id}" has no question "${unknown}"` };
  const questions: QuestionReport[] = [];
  for (const q of quiz.questions) {
    const given = answers[q.id];
    const graded = given
      ? gradeQuestion(q, given)
      : { ok: true as const, result: { score: 0, correct: false, feedback: [] } };
    if (!graded.ok) return graded;
    questions.push({ id: q.id, prompt: q.prompt, ...graded.result, solution: solutionOf(q) });
  }
  return { ok: true, score: questions.reduce((sum, r) => sum + r.score, 0) / questions.length, questions };
}

/** Whether a quiz's reveal policy shows the answers now, given the due date if there is one. */
export function revealed(quiz: Quiz, now: number, due?: number): boolean {
  return quiz.reveal === 'immediately' || (quiz.reveal === 'after-due' && due !== undefined && now >= due);
}

/**
 * Assessment: grades every answer once. The reveal policy decides whether the per-question results
 * (and so the keys) go back with the score.
 */
export function submitAssessment(
  quiz: Quiz,
  attempt: QuizAttempt,
  answers: Record<string, Answer>,
  now: number,
  due?: number,
): SubmitOutcome {
  if (quiz.mode !== 'assessment')
    return { ok: false, status: 409, error: 'this quiz is for practice: check one question at a time' };
  if (attempt.submittedAt !== undefined)
    return { ok: false, status: 409, error: 'this attempt was already submitted; start a new attempt' };
  const graded = gradeAnswers(quiz, answers);
  if (!graded.ok) return { ok: false, status: 400, error: graded.error };
  for (const q of graded.questions) attempt.scores[q.id] = q.score;
  attempt.submittedAt = now;
  attempt.settled = quiz.questions.map((q) => q.id);
  const { score, questions } = graded;
  if (revealed(quiz, now, due)) return { ok: true, score, questions };
  return quiz.reveal === 'after-due' && due !== undefined
    ? { ok: true, score, revealAt: due }
    : { ok: true, score };
}

/** Practice score over the whole quiz, 0 to 1. */
export function attemptScore(quiz: Quiz, attempt: QuizAttempt): number {
  return quiz.questions.reduce((sum, q) => sum + (attempt.scores[q.id] ?? 0), 0) / quiz.questions.length;
}
