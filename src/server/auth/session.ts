import { createHash, randomBytes } from 'node:crypto';
import type { AstroCookies } from 'astro';
import { crossSiteCookie } from '../lti/login.ts';

export const SESSION_COOKIE = 'quayside_session';
/** How long a session lasts without signing in again. */
export const SESSION_DAYS = 14;

/** A new session token (sent to the browser) and its hash (the only thing stored). */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: tokenHash(token) };
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sets the session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS. A session begun by an LTI
 * launch lives in the platform's frame, a cross-site context: see `crossSiteCookie`.
 */
export function setSessionCookie(
  cookies: AstroCookies,
  url: URL,
  token: string,
  expires: Date,
  { framed = false } = {},
): void {
  const secure = url.protocol === 'https:';
  cookies.set(SESSION_COOKIE, token, {
    ...(framed ? crossSiteCookie(url) : { httpOnly: true, sameSite: 'lax', secure }),
    path: '/',
    expires,
  });
}

export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/' });
}
