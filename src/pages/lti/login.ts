import type { APIRoute } from 'astro';
import { loginInitiation } from '../../schemas/lti-login.ts';
import { database } from '../../server/db/open.ts';
import { tooMany } from '../../server/json.ts';
import { readForm } from '../../server/lti/form.ts';
import { beginLogin, setStateCookie } from '../../server/lti/login.ts';
import { errorPage, storagePutPage } from '../../server/lti/page.ts';
import { RateLimiter } from '../../server/rate-limit.ts';

export const prerender = false;

/** A school behind one address launches a whole class at once: generous, but not unbounded. */
const limiter = new RateLimiter('lti-login', 600, 10);

/** OpenID Connect third-party-initiated login: a platform begins a launch here (GET or POST). */
const begin: APIRoute = async ({ request, url, cookies, clientAddress }) => {
  const form = await readForm(request);
  if (!form) return errorPage(400, 'the login request is not a form Quayside can read');
  const parsed = loginInitiation.safeParse(form);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return errorPage(400, `the login request is missing or has a bad ${issue?.path.join('.')}`);
  }
  const wait = await limiter.takeForAddress(clientAddress);
  if (wait > 0) return tooMany(wait, 'too many launches from this address');
  const begun = await beginLogin(await database(), parsed.data, url);
  if (!begun.ok) return errorPage(begun.status, begun.error);
  setStateCookie(cookies, url, begun.state);
  const target = parsed.data.lti_storage_target;
  if (target)
    return storagePutPage(
      { target, origin: new URL(begun.platform.authLoginUrl).origin, state: begun.state },
      begun.redirect,
      begun.platform.frameOrigins,
    );
  return new Response(null, {
    status: 302,
    headers: { location: begun.redirect, 'cache-control': 'no-store' },
  });
};

export const GET = begin;
export const POST = begin;
