import { defineMiddleware } from 'astro:middleware';

/**
 * Everything rendered on demand (the pages for people and the API) is one person's own: account,
 * classes, gradebooks, attempts. No browser or proxy cache may keep it, and the back button after
 * signing out must not show it. Prerendered lesson pages are left to their normal caching.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.isPrerendered) return response;
  try {
    response.headers.set('Cache-Control', 'no-store');
    return response;
  } catch {
    // Some responses (Response.redirect) have immutable headers: copy them into a new one.
    const copy = new Response(response.body, response);
    copy.headers.set('Cache-Control', 'no-store');
    return copy;
  }
});
