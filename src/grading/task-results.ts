import { countedAttempt, type GradingMethod } from './policy.ts';

/** One stored attempt at an exercise assignment, with the server's verdict on each task. */
export interface TaskAttempt {
  userId: string;
  attempt: number;
  finalScore: number;
  tasks: readonly { id: string; pass: boolean }[];
}

export interface TaskLearner {
  id: string;
  name: string;
  email: string;
}

export interface TaskRow {
  learner: TaskLearner;
  /** The attempt shown, or null when the learner has made none. */
  attempt: number | null;
  /** That attempt's score after any late penalty. */
  finalScore: number | null;
  /** Each task's verdict in that attempt; a task it was not graded on (added since) has none. */
  passed: Record<string, boolean | undefined>;
}

/** Learners against tasks: which tasks each learner's counted attempt passed, and how many passed each. */
export interface TaskTable {
  /** Task ids, in the exercise's order, then any that only stored attempts name. */
  tasks: string[];
  rows: TaskRow[];
  /** How many learners passed each task in the attempt shown. */
  passedBy: Record<string, number>;
  /** How many learners have an attempt. */
  submitted: number;
}

/**
 * The attempt whose tasks an instructor is shown: the one the grade counts by the assignment's
 * method, or for an average, which counts them all, the latest. An index into `scores`.
 */
export function shownAttempt(scores: readonly number[], method: GradingMethod): number | undefined {
  return method === 'average' && scores.length > 0 ? scores.length - 1 : countedAttempt(scores, method);
}

/** Builds the table from every learner and all their attempts (any order). */
export function taskTable(
  exerciseTasks: readonly string[],
  learners: readonly TaskLearner[],
  attempts: readonly TaskAttempt[],
  method: GradingMethod,
): TaskTable {
  const tasks = [...exerciseTasks];
  for (const a of attempts) for (const t of a.tasks) if (!tasks.includes(t.id)) tasks.push(t.id);
  const passedBy = Object.fromEntries(tasks.map((t) => [t, 0]));
  const rows = learners.map((learner): TaskRow => {
    const mine = attempts.filter((a) => a.userId === learner.id).sort((a, b) => a.attempt - b.attempt);
    const index = shownAttempt(
      mine.map((a) => a.finalScore),
      method,
    );
    const shown = index === undefined ? undefined : mine[index];
    if (!shown) return { learner, attempt: null, finalScore: null, passed: {} };
    const passed = Object.fromEntries(shown.tasks.map((t) => [t.id, t.pass]));
    for (const t of tasks) if (passed[t]) passedBy[t] = (passedBy[t] ?? 0) + 1;
    return { learner, attempt: shown.attempt, finalScore: shown.finalScore, passed };
  });
  return { tasks, rows, passedBy, submitted: rows.filter((r) => r.attempt !== null).length };
}
