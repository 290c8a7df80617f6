// Serves the built site and its API from one Node process: Astro's standalone handler, behind a
// server that adds the per-path headers the build listed (cross-origin isolation for the pages
// whose labs may boot a WebContainer) and the security headers every response carries, among them
// the Content-Security-Policy Astro computed. Defaults: http://localhost:4321; PORT and HOST override
// them.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? 'localhost';
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = await import('../dist/server/entry.mjs');

const listFile = new URL('../dist/server/page-headers.json', import.meta.url);
/** @type {{ path: string, headers: Record<string, string> }[]} */
const rules = existsSync(listFile) ? JSON.parse(readFileSync(listFile, 'utf8')) : [];
const matches = (rule, path) =>
  rule.path.endsWith('*')
    ? path.startsWith(rule.path.slice(0, -1))
    : path === rule.path || `${path}/` === rule.path;

// Astro computes the Content-Security-Policy of each prerendered page (security.csp, with
// staticHeaders) into this file, but the adapter finds a page's entry only without its trailing
// slash, so lesson pages went without one: apply them here, by path. A path with no entry (a 404,
// an asset) gets the 404 page's policy; pages rendered on demand get Astro's own header over it.
const cspFile = new URL('../dist/_headers.json', import.meta.url);
/** @type {Map<string, string>} */
const policies = new Map(
  (existsSync(cspFile) ? JSON.parse(readFileSync(cspFile, 'utf8')) : []).flatMap(
    (/** @type {{ pathname: string, headers: { key: string, value: string }[] }} */ page) =>
      page.headers
        .filter((h) => h.key.toLowerCase() === 'content-security-policy')
        .map((h) => [page.pathname, h.value]),
  ),
);

/** On every response: no MIME sniffing, no framing by other sites, no full URLs sent to other sites. */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  'Referrer-Policy': 'same-origin',
};

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split(/[?#]/)[0];
  for (const [key, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(key, value);
  const policy = policies.get(path.replace(/(.)\/(index\.html)?$/, '$1')) ?? policies.get('/404');
  if (policy) res.setHeader('Content-Security-Policy', policy);
  // The API answers for one person only (src/middleware.ts says so for the pages for people, too);
  // set here as well so that even an unknown /api/ address is never cached.
  if (path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
  for (const rule of rules) {
    if (matches(rule, path))
      for (const [key, value] of Object.entries(rule.headers)) res.setHeader(key, value);
  }
  handler(req, res);
});
server.listen(port, host, () => console.log(`Quayside is serving http://${host}:${port}/`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
