// Serves the built site and its API from one Node process: Astro's standalone handler, behind a
// server that adds the per-path headers the build listed (cross-origin isolation for the pages
// whose labs may boot a WebContainer). Defaults: http://localhost:4321; PORT and HOST override them.
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

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split(/[?#]/)[0];
  for (const rule of rules) {
    if (matches(rule, path))
      for (const [key, value] of Object.entries(rule.headers)) res.setHeader(key, value);
  }
  handler(req, res);
});
server.listen(port, host, () => console.log(`Quayside is serving http://${host}:${port}/`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
