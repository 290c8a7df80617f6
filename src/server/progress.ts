import type { APIContext } from 'astro';
import { mergeItems } from '../progress/status.ts';
import type { ProgressItem } from '../schemas/progress.ts';
import { scoreVisible } from './assignment-grading.ts';
import { currentUser } from './auth/current.ts';
import type { Queryable } from './db/database.ts';
import { database } from './db/open.ts';
import { assignmentWork, type GradedWork, progressOf, recordProgress } from './queries/progress.ts';

/**
 * Folds a result into a learner's progress after the grading itself is stored and answered for: a
 * failure here is logged, never turned into an error for a grading the learner already has.
 */
export async function keepProgress(db: Queryable, userId: string, work: GradedWork): Promise<void> {
  try {
    await recordProgress(db, userId, work);
  } catch (error) {
    console.error(`Progress of ${work.kind} ${work.id} not recorded:`, error);
  }
}

/**
 * Folds practice the server just graded into the progress of whoever is signed in; a visitor's
 * practice is graded the same and only their browser keeps it.
 */
export async function recordForSignedIn(
  context: Pick<APIContext, 'cookies'>,
  work: GradedWork,
): Promise<void> {
  try {
    const user = await currentUser(context);
    if (user) await keepProgress(await database(), user.id, work);
  } catch (error) {
    console.error(`Progress of ${work.kind} ${work.id} not recorded:`, error);
  }
}

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
