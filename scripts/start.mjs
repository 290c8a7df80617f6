// Serves the built site and its API from one Node process: Astro's standalone handler, behind a
// server that adds the per-path headers the build listed (cross-origin isolation for the pages
// whose labs may boot a WebContainer) and the security headers every response carries, among them
// the Content-Security-Policy Astro computed. Defaults: http://localhost:4321; PORT and HOST override
// them.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const client = fileURLToPath(new URL('../dist/client/', import.meta.url));
const machineFile = join(client, 'real-machine', 'manifest.json');
/** The real machine's files by name, with the checksum prefix their addresses carry (`?v=`). */
const machineVersions = new Map(
  Object.entries(existsSync(machineFile) ? JSON.parse(readFileSync(machineFile, 'utf8')).files : {}).map(
    ([name, entry]) => [`/real-machine/${name}`, entry.sha256.slice(0, 12)],
  ),
);
const IMMUTABLE = 'public, max-age=31536000, immutable';
const TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Whether an Accept-Encoding header admits `coding` (an explicit q=0 refuses it). */
function accepts(header, coding) {
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (name === coding || name === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/**
 * Addresses that name their content (Astro's hashed `/_astro/` files, the real machine's files at
 * their current `?v=` checksum) are cached for a year; the build's Brotli or gzip copy is sent when
 * the browser takes it. Returns whether it answered.
 */
function serveImmutable(req, res, path, query) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const machine = machineVersions.get(path);
  if (machine !== undefined && new URLSearchParams(query).get('v') === machine) {
    res.setHeader('Cache-Control', IMMUTABLE);
    return false; // the adapter sends the file itself, keeping this header
  }
  if (!path.startsWith('/_astro/')) return false;
  res.setHeader('Cache-Control', IMMUTABLE);
  const type = TYPES[extname(path)];
  let file;
  try {
    file = normalize(join(client, decodeURIComponent(path)));
  } catch {
    return false; // a malformed escape: the adapter answers it
  }
  if (!type || !file.startsWith(client)) return false;
  const header = String(req.headers['accept-encoding'] ?? '');
  for (const [coding, suffix] of [
    ['br', '.br'],
    ['gzip', '.gz'],
  ]) {
    if (!accepts(header, coding) || !existsSync(file + suffix)) continue;
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Encoding': coding,
      'Content-Length': statSync(file + suffix).size,
      Vary: 'Accept-Encoding',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file + suffix).pipe(res);
    return true;
  }
  res.setHeader('Vary', 'Accept-Encoding');
  return false;
}

const server = createServer((req, res) => {
  const [path = '/', query = ''] = (req.url ?? '/').split('#')[0].split('?');
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
  if (serveImmutable(req, res, path, query)) return;
  handler(req, res);
});
/**
 * Asks the server's own /api/health until it says ready: the first ask starts opening the database,
 * so the first learner does not pay for it, and each ask after a failure tries again.
 */
async function awaitReadiness(origin) {
  const started = performance.now();
  let said = '';
  for (;;) {
    const answer = await fetch(`${origin}/api/health`).then(
      async (r) => ({ ok: r.ok, body: await r.json().catch(() => ({})) }),
      (error) => ({ ok: false, body: { error: error.message } }),
    );
    if (answer.ok) {
      console.log(
        `Quayside is ready (database open in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
      return;
    }
    const now = String(answer.body.error ?? 'no answer');
    if (now !== said) console.log(`Quayside is not ready yet: ${now}`);
    said = now;
    await new Promise((resolve) => setTimeout(resolve, answer.body.status === 'starting' ? 100 : 5000));
  }
}

server.listen(port, host, () => {
  console.log(`Quayside is serving http://${host}:${port}/`);
  const bound = server.address();
  const origin =
    typeof bound === 'object' && bound
      ? `http://${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`
      : `http://${host}:${port}`;
  void awaitReadiness(origin);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
