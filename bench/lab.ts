/**
 * Lab benchmark in headless Chromium against the built site: JavaScript shipped (gzip) by a lesson
 * page without and with a lab, time from navigation to a usable prompt, and keystroke-to-echo latency.
 * Needs `npm run build` first. Prints medians; the figures go to docs/PERFORMANCE.md.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';

const port = 4390;
const base = `http://127.0.0.1:${port}`;
const runs = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const server = spawn(process.execPath, ['scripts/start.mjs'], {
  env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
  stdio: 'ignore',
});
try {
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const executablePath = ['/usr/bin/chromium'].find((p) => existsSync(p));
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  async function scriptBytes(page: Page, path: string, scrollToLab: boolean): Promise<number> {
    const urls = new Set<string>();
    page.on('request', (r) => {
      if (r.resourceType() === 'script' || r.url().includes('worker')) urls.add(r.url());
    });
    await page.goto(`${base}${path}`);
    if (scrollToLab) {
      await page.locator('.lab').first().scrollIntoViewIfNeeded();
      await page.locator('.lab-screen[data-ready="true"]').first().waitFor({ timeout: 30_000 });
    }
    await page.waitForLoadState('networkidle');
    let total = 0;
    for (const url of urls) total += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
    return total;
  }

  const context = await browser.newContext();
  const without = await scriptBytes(await context.newPage(), '/', false);
  const withLab = await scriptBytes(await context.newPage(), '/why-isolate/', true);

  const ready: number[] = [];
  const echo: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const started = Date.now();
    await page.goto(`${base}/why-isolate/#try-it-two-environments-on-one-host`);
    await page.locator('.lab-screen[data-ready="true"]').first().waitFor({ timeout: 30_000 });
    ready.push(Date.now() - started);
    await page.locator('.lab-screen').first().click();
    await page.evaluate(() => {
      const w = window as unknown as { __echo: number[]; __down: number };
      w.__echo = [];
      document.addEventListener('keydown', (e) => (w.__down = e.timeStamp), true);
      new MutationObserver(() => {
        if (w.__down) w.__echo.push(performance.now() - w.__down);
        w.__down = 0;
      }).observe(document.querySelector('.lab .xterm-rows') as Node, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    });
    for (const ch of 'echo hello') {
      await page.keyboard.press(ch === ' ' ? 'Space' : ch);
      await page.waitForTimeout(60);
    }
    echo.push(...(await page.evaluate(() => (window as unknown as { __echo: number[] }).__echo)));
    await ctx.close();
  }
  await browser.close();
  console.log(
    JSON.stringify({
      benchmark: 'lab',
      runs,
      lessonJsGzipBytesWithoutLab: without,
      lessonJsGzipBytesWithLab: withLab,
      navigationToPromptMs: median(ready),
      keystrokeToEchoMs: Math.round(median(echo) * 10) / 10,
      keystrokes: echo.length,
    }),
  );
} finally {
  server.kill();
}
