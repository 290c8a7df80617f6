import { mergeItems } from '../progress/status.ts';
import type { ProgressItem } from '../schemas/progress.ts';
import { scoreVisible } from './assignment-grading.ts';
import type { Queryable } from './db/database.ts';
import { assignmentWork, progressOf } from './queries/progress.ts';

// Apart from src/server/progress.ts: this reads the exercises and quizzes (through the grading
// rules), which a grader process, started by plain Node, cannot bundle.

/**
 * A learner's progress: their practice and real-machine gradings, and their assignment submissions
 * whose scores they may see now (a hidden quiz grade joins once the assignment closes), each item
 * kept as first done.
 */
export async function learnerProgress(
  db: Queryable,
  userId: string,
  now = Date.now(),
): Promise<ProgressItem[]> {
  const [own, submitted] = await Promise.all([progressOf(db, userId), assignmentWork(db, userId)]);
  const seen = submitted
    .filter((s) => scoreVisible(s, now, s.closesAt))
    .map((s): ProgressItem => {
      const done = s.kind === 'quiz' || s.score === 1;
      return {
        kind: s.kind,
        id: s.contentId,
        score: s.score,
        doneAt: done ? new Date(s.submittedAt).toISOString() : null,
        solutionsOpened: 0,
        finished: done ? 1 : 0,
      };
    });
  return [...mergeItems(own, seen).values()];
}
