/**
 * Lab benchmark in headless Chromium against the built site: JavaScript shipped (gzip) by a lesson
 * page without and with a lab, time from navigation to a usable prompt, and keystroke-to-echo latency.
 * Needs `npm run build` first. Prints medians; the figures go to docs/PERFORMANCE.md.
 */
import type { Page } from '@playwright/test';
import { gzippedBytes, launchChromium, startSite } from './support/browser.ts';
import { median } from './support/median.ts';

const runs = Number(process.env.BENCH_RUNS ?? 5);

const { base, server } = await startSite(4390);
try {
  const browser = await launchChromium();

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
    return gzippedBytes(urls);
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
