import type { APIRoute } from 'astro';
import { createClassRequest } from '../../../schemas/class.ts';
import { requireUser } from '../../../server/auth/current.ts';
import { database } from '../../../server/db/open.ts';
import { json, readValid } from '../../../server/json.ts';
import { classesJoinedBy, classesTaughtBy, createClass } from '../../../server/queries/classes.ts';

export const prerender = false;

/** An instructor's own classes (with join codes), or the classes a learner has joined. */
export const GET: APIRoute = async (context) => {
  const signedIn = await requireUser(context);
  if (!signedIn.ok) return signedIn.response;
  const { user } = signedIn;
  const db = await database();
  const classes =
    user.role === 'instructor' ? await classesTaughtBy(db, user.id) : await classesJoinedBy(db, user.id);
  return json(200, { classes });
};

/** Creates a class owned by the signed-in instructor, with a fresh join code. */
export const POST: APIRoute = async (context) => {
  const signedIn = await requireUser(context, 'instructor');
  if (!signedIn.ok) return signedIn.response;
  const body = await readValid(context.request, createClassRequest);
  if (!body.ok) return body.response;
  return json(201, { class: await createClass(await database(), signedIn.user.id, body.value.name) });
};
