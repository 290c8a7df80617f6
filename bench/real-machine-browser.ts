/**
 * Real-machine benchmark in headless Chromium against the built site: the lesson's JavaScript before
 * and after booting (gzip), boot time by stage and container start as the page measures them, in
 * fresh browser contexts (nothing cached). Needs `npm run vm-image` and a build first.
 */
import { gzippedBytes, launchChromium, startSite } from './support/browser.ts';
import { median } from './support/median.ts';

const runs = Number(process.env.BENCH_RUNS ?? 3);

const { base, server } = await startSite(4391);
try {
  const browser = await launchChromium();
  const results: Record<string, number>[] = [];
  let before = 0;
  let after = 0;
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('request', (r) => {
      if (r.resourceType() === 'script' || /worker|\.mjs$|\.js$/.test(r.url())) scripts.add(r.url());
    });
    await page.goto(`${base}/container-from-scratch/`);
    const lab = page.locator('.real-machine');
    await lab.scrollIntoViewIfNeeded();
    await lab.getByRole('button').first().waitFor();
    await page.waitForLoadState('networkidle');
    if (i === 0) before = await gzippedBytes(scripts);
    await lab.getByRole('button').first().click();
    const figure = lab.locator('.machine-compare[data-container-ms]');
    await figure.waitFor({ timeout: 300_000 });
    if (i === 0) after = await gzippedBytes(scripts);
    const read = async (name: string) => Number(await figure.getAttribute(`data-${name}-ms`));
    results.push({
      firmware: await read('firmware'),
      kernel: await read('kernel'),
      init: await read('init'),
      boot: await read('boot'),
      container: await read('container'),
    });
    await context.close();
  }
  await browser.close();
  const pick = (key: string) => median(results.map((r) => r[key] as number));
  console.log(
    JSON.stringify({
      benchmark: 'real-machine-chromium',
      runs,
      firmwareMs: pick('firmware'),
      kernelMs: pick('kernel'),
      initMs: pick('init'),
      bootMs: pick('boot'),
      bootMinMaxMs: [
        Math.min(...results.map((r) => r.boot as number)),
        Math.max(...results.map((r) => r.boot as number)),
      ],
      containerMs: pick('container'),
      lessonScriptGzipBytes: before,
      afterBootScriptGzipBytes: after,
    }),
  );
} finally {
  server.kill();
}
