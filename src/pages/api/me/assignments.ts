import type { APIRoute } from 'astro';
import { requireUser } from '../../../server/auth/current.ts';
import { database } from '../../../server/db/open.ts';
import { json } from '../../../server/json.ts';
import { assignmentsOfLearner } from '../../../server/queries/submissions.ts';

export const prerender = false;

/** The signed-in learner's assignments across their classes, with due dates, attempts and grades. */
export const GET: APIRoute = async (context) => {
  const signedIn = await requireUser(context);
  if (!signedIn.ok) return signedIn.response;
  return json(200, { assignments: await assignmentsOfLearner(await database(), signedIn.user.id) });
};
