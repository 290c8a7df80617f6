import type { APIContext } from 'astro';
import { currentUser } from './auth/current.ts';
import { database } from './db/open.ts';
import { type GradedWork, recordProgress } from './queries/progress.ts';

/**
 * Folds practice the server just graded into the progress of whoever is signed in; a visitor's
 * practice is graded the same and only their browser keeps it.
 */
export async function recordForSignedIn(
  context: Pick<APIContext, 'cookies'>,
  work: GradedWork,
): Promise<void> {
  const user = await currentUser(context);
  if (user) await recordProgress(await database(), user.id, work);
}
