import type { APIRoute } from 'astro';
import type { ProgressResponse } from '../../../../schemas/progress.ts';
import { currentUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { json } from '../../../../server/json.ts';
import { learnerProgress } from '../../../../server/learner-progress.ts';
import { shareOf } from '../../../../server/queries/progress.ts';

export const prerender = false;

/**
 * The signed-in learner's progress as the server graded it, and the address of their shared
 * record. A visitor gets an empty answer, not an error: prerendered pages ask without knowing who
 * reads them.
 */
export const GET: APIRoute = async (context) => {
  const user = await currentUser(context);
  if (!user) return json(200, { signedIn: false, items: [], share: null } satisfies ProgressResponse);
  const db = await database();
  const [items, share] = await Promise.all([learnerProgress(db, user.id), shareOf(db, user.id)]);
  return json(200, { signedIn: true, items, share } satisfies ProgressResponse);
};
