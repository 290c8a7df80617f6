import type { APIRoute } from 'astro';
import { shareRequest } from '../../../../schemas/progress.ts';
import { requireUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { json, readValid } from '../../../../server/json.ts';
import { startSharing, stopSharing } from '../../../../server/queries/progress.ts';

export const prerender = false;

/** Shares the learner's course record at a new address (the old one stops working), or stops sharing it. */
export const POST: APIRoute = async (context) => {
  const signedIn = await requireUser(context);
  if (!signedIn.ok) return signedIn.response;
  const body = await readValid(context.request, shareRequest);
  if (!body.ok) return body.response;
  const db = await database();
  if (!body.value.share) {
    await stopSharing(db, signedIn.user.id);
    return json(200, { share: null });
  }
  return json(201, { share: await startSharing(db, signedIn.user.id) });
};
