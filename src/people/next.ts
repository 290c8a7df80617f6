/**
 * Where to go after signing in or out, from an untrusted `next=` value: the value itself when it is
 * a path on this site, otherwise `fallback`. A path here starts with exactly one `/` and holds no
 * backslash (browsers read `\` as `/`, so `/\evil.example` is another site), no whitespace or
 * control character (browsers drop tabs and line breaks, so `/<tab>/evil.example` becomes
 * `//evil.example`), and so no scheme (`javascript:`, `https:`) either. Pure, for server and browser.
 *
 * @param next the requested address, already URL-decoded (as `URLSearchParams.get` returns it)
 * @param fallback a path of this site to use instead
 */
export function sameSitePath(next: string | null | undefined, fallback: string): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\\\s\p{C}]*$/u.test(next) ? next : fallback;
}
