import type { Verification } from '../grading/exercises.ts';
import { gradeAnswers } from '../grading/quiz-attempt.ts';
import { drawQuiz, gradedSeed } from '../grading/quiz-draw.ts';
import { quizEvidence } from '../schemas/assignment.ts';
import { exercises } from './exercises.ts';
import type { Assignment } from './queries/assignments.ts';
import { quizzes } from './quizzes.ts';
import { ReplayFailed, replayPool } from './replay/pool.ts';

export type Graded =
  | { ok: true; score: number; result: unknown }
  | { ok: false; status: 400 | 409 | 422 | 503; error: string };

/** Who submits and which attempt this is: a quiz's questions are drawn from them. */
export interface Submitter {
  learner: string;
  /** The attempt number this submission will take. */
  attempt: number;
  /** Reference solutions the server recorded the learner opening. */
  solutionsViewed?: string[];
}

/**
 * Grades an assignment's evidence from scratch, against the content version the assignment pinned:
 * an exercise's transcript is replayed in a fresh sandbox; a quiz's answers are checked against the
 * keys of the copy drawn for this learner's attempt. The browser's own view of its score is never
 * asked for.
 */
export async function gradeEvidence(
  assignment: Assignment,
  evidence: unknown,
  { learner, attempt, solutionsViewed = [] }: Submitter,
): Promise<Graded> {
  if (assignment.kind === 'exercise') {
    const exercise = exercises().get(assignment.contentId);
    if (!exercise || exercise.version !== assignment.contentVersion)
      return {
        ok: false,
        status: 409,
        error: `exercise "${assignment.contentId}" changed since it was assigned`,
      };
    let verified: Verification;
    try {
      verified = await replayPool().verify(exercise, evidence, { priority: 'graded' });
    } catch (error) {
      if (error instanceof ReplayFailed) return { ok: false, status: error.status, error: error.message };
      throw error;
    }
    if (!verified.ok) return { ok: false, status: verified.status, error: verified.reason };
    return {
      ok: true,
      score: verified.score,
      result: {
        tasks: verified.tasks.map((t) => ({
          id: t.id,
          pass: t.pass,
          messages: t.verdicts.filter((v) => !v.pass).map((v) => v.message),
        })),
        // What the server recorded the learner asking for, not what the page says it showed.
        solutionsShown: solutionsViewed,
      },
    };
  }
  const quiz = quizzes().get(assignment.contentId);
  if (!quiz || quiz.version !== assignment.contentVersion)
    return { ok: false, status: 409, error: `quiz "${assignment.contentId}" changed since it was assigned` };
  const parsed = quizEvidence.safeParse(evidence);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      status: 400,
      error: `invalid answers: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    };
  }
  if (parsed.data.attempt !== undefined && parsed.data.attempt !== attempt)
    return {
      ok: false,
      status: 409,
      error: `these answers are for attempt ${parsed.data.attempt}, but attempt ${attempt} is next: reload the page for its questions`,
    };
  const drawn = drawQuiz(quiz, gradedSeed(assignment.id, learner, attempt), 'graded');
  const graded = gradeAnswers(drawn, parsed.data.answers);
  if (!graded.ok) return { ok: false, status: 400, error: graded.error };
  return { ok: true, score: graded.score, result: { questions: graded.questions } };
}

/**
 * Whether a learner may see their score now. A quiz that allows several attempts would otherwise be
 * an oracle (change one answer, resubmit, read the score): its scores wait until the assignment has
 * closed for everyone. Exercises, and quizzes of one attempt, show the score at once.
 */
export function scoreVisible(
  assignment: Pick<Assignment, 'kind' | 'maxAttempts'>,
  now: number,
  closesAt: string | Date | null,
): boolean {
  if (assignment.kind === 'exercise' || assignment.maxAttempts === 1) return true;
  return closesAt !== null && now >= new Date(closesAt).getTime();
}

/**
 * What a learner may see of a stored result now: exercises show their tasks; a quiz shows its
 * per-question results (the keys) only once the assignment has closed for everyone in the class,
 * extensions included, and only if its reveal policy ever shows them. Until then, the score alone.
 */
export function visibleResult(
  assignment: Assignment,
  result: unknown,
  now: number,
  closesAt: string | Date | null,
): { result?: unknown; revealAt?: string } {
  if (assignment.kind === 'exercise') return { result };
  const quiz = quizzes().get(assignment.contentId);
  if (!quiz || quiz.reveal === 'never' || closesAt === null) return {};
  const closes = new Date(closesAt).getTime();
  return now >= closes ? { result } : { revealAt: new Date(closes).toISOString() };
}
