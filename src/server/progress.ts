import type { APIContext } from 'astro';
import { currentUser } from './auth/current.ts';
import type { Queryable } from './db/database.ts';
import { database } from './db/open.ts';
import { type GradedWork, recordProgress } from './queries/progress.ts';

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
