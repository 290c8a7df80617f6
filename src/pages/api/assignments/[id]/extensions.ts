import type { APIRoute } from 'astro';
import { extensionRequest } from '../../../../schemas/assignment.ts';
import { requireUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { json, problem, readValid } from '../../../../server/json.ts';
import { oweScore } from '../../../../server/lti/scores.ts';
import { setExtension } from '../../../../server/queries/assignments.ts';

export const prerender = false;

/** Gives one learner of the class a later due date for this assignment. */
export const POST: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const body = await readValid(context.request, extensionRequest);
  if (!body.ok) return body.response;
  const id = context.params.id;
  const db = await database();
  const set = await setExtension(db, signedIn.user.id, id, body.value.learnerId, body.value.dueAt);
  if (!set) return problem(404, 'no such assignment among yours, or that learner is not in its class');
  // A later due date can change the late penalty and when a hidden grade shows: post it again.
  await oweScore(db, id as string, set.learnerId, `extension:${new Date(set.dueAt).toISOString()}`);
  return json(200, { extension: set });
};
