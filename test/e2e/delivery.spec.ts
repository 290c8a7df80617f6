import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { expect, type Page, type Request, test } from '@playwright/test';

/**
 * What a lab costs the learner's connection, in bytes (stable on a noisy machine; times go in
 * `npm run bench`). The budget is today's figure with a little room, so growth fails the run; it is
 * under the 250 kB goal in docs/PERFORMANCE.md.
 */
// A lab page starts every lab within a screen of the viewport, so this counts the first lab's code
// and what the exercise beside it adds (the grading checks and the template engine). The labs'
// interface (React and the island) loads only when a learner reaches for its controls: not counted.
const LAB_JS_BUDGET = 225_000;
/** Chunks that only a lab needs: a page without one must not load them. */
const LAB_CODE = /\/_astro\/(LabTerminal|lab-session|terminal|xterm|addon-[a-z-]+|worker-)[.-]/;

/** Every script a page asks for until `ready` resolves and its network is idle, with the bytes that crossed the wire. */
async function scriptsLoaded(page: Page, path: string, ready: () => Promise<void>) {
  const loaded: { url: string; bytes: number }[] = [];
  const pending: Promise<void>[] = [];
  const count = (request: Request) => {
    if (request.resourceType() !== 'script' && !/\.m?js$/.test(new URL(request.url()).pathname)) return;
    pending.push(
      (async () => {
        // A worker's script reports no body size here; our server states its encoded length. A request
        // cancelled as the page moved on was still asked for, with nothing received.
        const response = await request.response();
        const sizes = await request.sizes().catch(() => ({ responseBodySize: 0 }));
        const stated = Number((await response?.allHeaders())?.['content-length'] ?? 0);
        loaded.push({
          url: new URL(request.url()).pathname,
          bytes: Math.max(sizes.responseBodySize, stated),
        });
      })(),
    );
  };
  page.on('request', count);
  await page.goto(path);
  await ready();
  await page.waitForLoadState('networkidle');
  // Counted once: later requests (search, the next page) are not this page's, and may outlive it.
  page.off('request', count);
  await Promise.all(pending);
  // Each file once: every one is immutable, so a file asked for twice crosses the wire once.
  return [...new Map(loaded.map((s) => [s.url, s])).values()];
}

test.describe('delivery', () => {
  test('hashed assets are cached for a year and sent compressed when the browser takes it', async ({
    request,
  }) => {
    const html = await (await request.get('/containers/')).text();
    const assets = [...new Set([...html.matchAll(/"(\/_astro\/[^"]+\.js)"/g)].map((m) => m[1] as string))];
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      const plain = await request.get(asset, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers()['cache-control'], asset).toBe('public, max-age=31536000, immutable');
      expect(plain.headers()['content-encoding'], asset).toBeUndefined();
      const raw = await fetch(new URL(asset, plain.url()), { headers: { 'accept-encoding': 'br' } });
      expect(raw.headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable');
      expect(raw.headers.get('vary'), asset).toBe('Accept-Encoding');
      // fetch() decodes for us: the bytes are the same file either way.
      expect(Buffer.from(await raw.arrayBuffer()).equals(await plain.body()), asset).toBe(true);
    }
    const wasm = html.match(/\/_astro\/v86\.[\w-]+\.wasm/)?.[0] ?? '';
    if (wasm) {
      const response = await request.get(wasm, { headers: { 'accept-encoding': 'br' } });
      expect(response.headers()['content-type']).toBe('application/wasm');
    }
  });

  test('the real machine’s files are cached at their checksum, not at another', async ({ request }) => {
    const manifest = JSON.parse(readFileSync('public/real-machine/manifest.json', 'utf8')) as {
      files: Record<string, { sha256: string; bytes: number }>;
    };
    for (const [name, entry] of Object.entries(manifest.files)) {
      const current = await request.head(`/real-machine/${name}?v=${entry.sha256.slice(0, 12)}`);
      expect(current.status(), name).toBe(200);
      expect(current.headers()['cache-control'], name).toBe('public, max-age=31536000, immutable');
      const stale = await request.head(`/real-machine/${name}?v=000000000000`);
      expect(stale.headers()['cache-control'], name).not.toContain('immutable');
    }
  });

  test('the brotli copy of a script decodes to the script', async ({ baseURL }) => {
    const html = await (await fetch(new URL('/why-isolate/', baseURL))).text();
    const asset = html.match(/"(\/_astro\/[^"]+\.js)"/)?.[1] as string;
    const encoded = await fetch(new URL(asset, baseURL), { headers: { 'accept-encoding': 'br' } });
    expect(encoded.headers.get('content-encoding')).toBe('br');
    // Node's fetch decodes too; ask the raw stream through a HEAD-less GET with a manual decode.
    const { request } = await import('node:http');
    const body = await new Promise<Buffer>((resolve, reject) => {
      const url = new URL(asset, baseURL);
      request(url, { headers: { 'accept-encoding': 'br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      })
        .on('error', reject)
        .end();
    });
    const plain = await (
      await fetch(new URL(asset, baseURL), { headers: { 'accept-encoding': 'identity' } })
    ).text();
    expect(body.length).toBeLessThan(Buffer.byteLength(plain));
    expect(brotliDecompressSync(body).toString()).toBe(plain);
  });

  test('a lab page starts its labs from its head: their script async, what it loads preloaded', async ({
    request,
  }) => {
    for (const path of ['/why-isolate/', '/zh-cn/containers/']) {
      const html = await (await request.get(path)).text();
      const head = html.slice(0, html.indexOf('</head>'));
      const entry = /<script type="module" async src="(\/_astro\/[^"]+\.js)"><\/script>/.exec(head)?.[1];
      expect(entry, path).toBeDefined();
      // The same script the body runs, so it runs once.
      expect(html.slice(head.length)).toContain(`<script type="module" src="${entry}"></script>`);
      expect(head, path).toMatch(/<link rel="modulepreload" href="\/_astro\/terminal\.[^"]+\.js">/);
      expect(head, path).toMatch(/<link rel="modulepreload" href="\/_astro\/lab-session\.[^"]+\.js">/);
    }
    const plain = await (await request.get('/glossary/')).text();
    expect(plain).not.toContain('modulepreload');
  });

  test('a lab’s JavaScript stays within its budget; a page without a lab loads none of it', async ({
    page,
  }) => {
    const lab = await scriptsLoaded(page, '/containers/', async () => {
      const first = page.locator('.lab').first();
      await first.scrollIntoViewIfNeeded();
      await expect(first.locator('.lab-screen[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
    });
    const total = lab.reduce((sum, s) => sum + s.bytes, 0);
    expect(lab.some((s) => LAB_CODE.test(s.url))).toBe(true);
    // The prompt is usable without the lab's interface: React's client is not among its scripts.
    expect(lab.filter((s) => /\/_astro\/(LabTerminal|client)\./.test(s.url))).toEqual([]);
    expect(total, lab.map((s) => `${s.url} ${s.bytes}`).join('\n')).toBeLessThanOrEqual(LAB_JS_BUDGET);

    const plain = await scriptsLoaded(page, '/glossary/', async () => {
      await page.mouse.wheel(0, 4000);
      // Long enough for a lab within reach of the new scroll position to ask for its code.
      await page.waitForTimeout(1500);
    });
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.filter((s) => LAB_CODE.test(s.url))).toEqual([]);
    // Pagefind's interface waits for a reader to reach for search, on any page.
    const PAGEFIND_UI = /\/ui-core\.[\w-]+\.js$/;
    expect([...lab, ...plain].filter((s) => PAGEFIND_UI.test(s.url))).toEqual([]);
    const searching = page.waitForResponse((r) => PAGEFIND_UI.test(new URL(r.url()).pathname));
    await page.getByRole('button', { name: 'Search' }).click();
    await searching;
    await expect(page.getByRole('dialog').getByRole('textbox', { name: 'Search' })).toBeFocused();
  });
});
