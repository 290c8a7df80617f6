/**
 * Lab benchmark in headless Chromium against the built site: JavaScript shipped (gzip) by a lesson
 * page without and with a lab, time from navigation to a usable prompt on the page's own clock (and
 * as the benchmark's wall clock sees it, Playwright's round trips included) with its phases (the marks
 * `src/lab/lab-trace.ts` sets, as times since navigation), time from a lab coming into view to its
 * prompt for a reader who scrolls down a screen at a time and for one who jumps straight to it, and
 * keystroke-to-echo latency.
 * Needs `npm run build` first; `BENCH_PORT` picks the server's port (4390). Prints medians; the figures
 * go to docs/PERFORMANCE.md.
 */
import type { Page } from '@playwright/test';
import { gzippedBytes, launchChromium, startSite } from './support/browser.ts';
import { median } from './support/median.ts';

const runs = Number(process.env.BENCH_RUNS ?? 5);

const { base, server } = await startSite(Number(process.env.BENCH_PORT ?? 4390));
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

  const phaseNames = [
    'session',
    'terminal',
    'worker-script',
    'engine',
    'setup',
    'prompt',
    'hydrated',
  ] as const;
  /** Where the first lab's start spent its time: each phase's time since navigation, from its marks. */
  const phasesOf = (page: Page) =>
    page.evaluate(
      (names) => {
        const at = (name: string) => performance.getEntriesByName(`quayside:lab:${name}`)[0]?.startTime ?? -1;
        // The page's own script starts the session; the interface (LabTerminal) loads only when used.
        const sessionScript = performance
          .getEntriesByType('resource')
          .find((r) => /lab-session[.-]/.test(r.name)) as PerformanceResourceTiming | undefined;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return {
          html: nav.responseEnd,
          'session-script': sessionScript ? sessionScript.responseEnd : -1,
          ...Object.fromEntries(names.map((n) => [n, at(n)])),
        } as Record<string, number>;
      },
      phaseNames as unknown as string[],
    );

  const ready: number[] = [];
  const scrolled: number[] = [];
  const reading: number[] = [];
  const phases: Record<string, number>[] = [];
  const echo: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const started = Date.now();
    await page.goto(`${base}/why-isolate/#try-it-two-environments-on-one-host`);
    await page.locator('.lab-screen[data-ready="true"]').first().waitFor({ timeout: 30_000 });
    ready.push(Date.now() - started);
    phases.push(await phasesOf(page));
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

    // A reader at the top of a lesson who jumps to its lab once the page has settled.
    const reader = await ctx.newPage();
    await reader.goto(`${base}/why-isolate/`);
    await reader.waitForLoadState('networkidle');
    const lab = reader.locator('.lab-screen').first();
    const jumped = Date.now();
    await lab.scrollIntoViewIfNeeded();
    await reader.locator('.lab-screen[data-ready="true"]').first().waitFor({ timeout: 30_000 });
    scrolled.push(Date.now() - jumped);

    // A reader who scrolls down through the lesson a screen at a time, reading as they go.
    const scroller = await ctx.newPage();
    await scroller.goto(`${base}/why-isolate/`);
    await scroller.waitForLoadState('networkidle');
    const target = scroller.locator('.lab-screen').first();
    const height = scroller.viewportSize()?.height ?? 720;
    for (let step = 0; step < 200; step++) {
      const box = await target.boundingBox();
      if (box && box.y < height) break;
      await scroller.mouse.wheel(0, height * 0.8);
      await scroller.waitForTimeout(400);
    }
    const entered = Date.now();
    await scroller.locator('.lab-screen[data-ready="true"]').first().waitFor({ timeout: 30_000 });
    reading.push(Date.now() - entered);
    await ctx.close();
  }
  const phaseMedians = Object.fromEntries(
    ['html', 'session-script', ...phaseNames].map((n) => [
      n,
      Math.round(median(phases.map((p) => p[n] ?? -1))),
    ]),
  );
  await browser.close();
  console.log(
    JSON.stringify({
      benchmark: 'lab',
      runs,
      lessonJsGzipBytesWithoutLab: without,
      lessonJsGzipBytesWithLab: withLab,
      navigationToPromptMs: phaseMedians.prompt,
      navigationToPromptWallMs: median(ready),
      navigationPhasesMs: phaseMedians,
      jumpToPromptMs: median(scrolled),
      scrollToPromptMs: median(reading),
      keystrokeToEchoMs: Math.round(median(echo) * 10) / 10,
      keystrokes: echo.length,
    }),
  );
} finally {
  server.kill();
}
