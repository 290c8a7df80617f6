const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Where a learning platform posts its LTI messages from its own pages: signed, so no Origin is needed. */
const PLATFORM_POSTS = new Set(['/lti/login', '/lti/launch']);

/**
 * Whether a request is a cross-site write to refuse: a form-like or bodiless POST (or any unsafe
 * method) whose Origin is not this site. Astro's own check does the same for every route; Quayside
 * keeps it, except for the two addresses a platform posts to, whose messages are verified instead.
 */
export function isCrossSiteWrite(request: Request, url: URL): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  if (PLATFORM_POSTS.has(url.pathname.replace(/\/$/, ''))) return false;
  if (request.headers.get('origin') === url.origin) return false;
  const type = request.headers.get('content-type');
  return type === null || FORM_TYPES.some((t) => type.toLowerCase().includes(t));
}
