import { defineMiddleware } from 'astro:middleware';
import { SESSION_COOKIE, tokenHash } from './server/auth/session.ts';
import { database } from './server/db/open.ts';
import { isCrossSiteWrite } from './server/http/origin-check.ts';
import { framingOrigins } from './server/queries/users.ts';

/** A response whose headers can be changed: some (Response.redirect) have immutable ones. */
function mutable(response: Response): Response {
  try {
    response.headers.set('Cache-Control', 'no-store');
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set('Cache-Control', 'no-store');
    return copy;
  }
}

/**
 * Everything rendered on demand (the pages for people and the API) is one person's own: account,
 * classes, gradebooks, attempts. No browser or proxy cache may keep it, and the back button after
 * signing out must not show it. Prerendered lesson pages are left to their normal caching.
 * Cross-site writes are refused here (see `isCrossSiteWrite`), and a page in a session an LTI
 * platform began may be framed by that platform, and only by it.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  if (isCrossSiteWrite(context.request, context.url))
    return new Response(`Cross-site ${context.request.method} form submissions are forbidden`, {
      status: 403,
    });
  const response = mutable(await next());
  const policy = response.headers.get('content-security-policy');
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  // Only the site's own policy (`frame-ancestors 'self'` alone); LTI pages name their frames themselves.
  const selfOnly = /frame-ancestors 'self'(?=\s*(;|$))/;
  if (policy && selfOnly.test(policy) && token) {
    const origins = await framingOrigins(await database(), tokenHash(token));
    if (origins.length > 0)
      response.headers.set(
        'content-security-policy',
        policy.replace(selfOnly, `frame-ancestors 'self' ${origins.join(' ')}`),
      );
  }
  return response;
});
