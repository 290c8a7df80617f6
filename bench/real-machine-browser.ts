/**
 * Real-machine benchmark in headless Chromium against the built site: the lesson's JavaScript before
 * and after booting (gzip), boot time by stage and container start as the page measures them, in
 * fresh browser contexts (nothing cached); then "Resume a booted machine" from click to a usable
 * shell, with its phases (fetch, decompress, restore, first prompt). Needs `npm run vm-image` and a
 * build first. BENCH_RUNS boots (3) and RESUME_RUNS resumes (5).
 */
import { gzippedBytes, launchChromium, startSite } from './support/browser.ts';
import { median } from './support/median.ts';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const resumeRuns = Number(process.env.RESUME_RUNS ?? 5);

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
    await lab.getByRole('button', { name: /^Watch it boot/ }).waitFor();
    await page.waitForLoadState('networkidle');
    if (i === 0) before = await gzippedBytes(scripts);
    await lab.getByRole('button', { name: /^Watch it boot/ }).click();
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
  const resumes: Record<string, number>[] = [];
  for (let i = 0; i < resumeRuns; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/container-from-scratch/`);
    const lab = page.locator('.real-machine');
    await lab.scrollIntoViewIfNeeded();
    const resume = lab.getByRole('button', { name: /^Resume a booted machine/ });
    await resume.waitFor();
    await page.waitForLoadState('networkidle');
    await resume.click();
    const figure = lab.locator('.machine-compare[data-resume-ms]');
    await figure.waitFor({ timeout: 120_000 });
    const read = async (name: string) => Number(await figure.getAttribute(`data-${name}-ms`));
    resumes.push({
      fetch: await read('fetch'),
      decompress: await read('decompress'),
      restore: await read('restore'),
      prompt: await read('prompt'),
      resume: await read('resume'),
    });
    await context.close();
  }
  const fromResumes = (key: string) => median(resumes.map((r) => r[key] as number));
  await browser.close();
  console.log(
    JSON.stringify({
      benchmark: 'real-machine-resume-chromium',
      runs: resumeRuns,
      clickToShellMs: fromResumes('resume'),
      clickToShellMinMaxMs: [
        Math.min(...resumes.map((r) => r.resume as number)),
        Math.max(...resumes.map((r) => r.resume as number)),
      ],
      fetchMs: fromResumes('fetch'),
      decompressMs: fromResumes('decompress'),
      restoreMs: fromResumes('restore'),
      firstPromptMs: fromResumes('prompt'),
    }),
  );
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
