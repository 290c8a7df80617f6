import type { APIRoute } from 'astro';
import { currentUser } from '../../../server/auth/current.ts';
import { database } from '../../../server/db/open.ts';
import { json } from '../../../server/json.ts';
import { assignmentsOfLearner } from '../../../server/queries/submissions.ts';

export const prerender = false;

/**
 * The signed-in learner's assignments across their classes, with due dates, attempts and grades.
 * Nobody signed in has none: a prerendered lesson asks without knowing who reads it, and a visitor
 * gets an empty list rather than an error.
 */
export const GET: APIRoute = async (context) => {
  const user = await currentUser(context);
  return json(200, { assignments: user ? await assignmentsOfLearner(await database(), user.id) : [] });
};
