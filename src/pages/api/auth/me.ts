import type { APIRoute } from 'astro';
import { currentUser } from '../../../server/auth/current.ts';
import { json } from '../../../server/json.ts';

export const prerender = false;

/**
 * Who is signed in: the user, or `null` for nobody. Every page's header asks, signed in or not, so
 * nobody is an answer rather than an error (a 401 would be a console error on every lesson).
 */
export const GET: APIRoute = async (context) => json(200, { user: (await currentUser(context)) ?? null });
