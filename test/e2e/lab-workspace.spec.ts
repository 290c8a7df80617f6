import { expect, type Locator, type Page, test } from '@playwright/test';

/** The lesson's labs: a free one, then the exercise "Your first web server in a container". */
const LESSON = '/why-isolate/';
const EXERCISE = 'Lab 2: Your first web server in a container';

async function open(page: Page, name: string | RegExp, path = LESSON): Promise<Locator> {
  await page.goto(path);
  const lab = page.getByRole('region', { name, exact: true });
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.locator('.lab-screen[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
  return lab;
}

let marks = 0;

/**
 * Types a line at the lab's prompt and waits until it has run: the line ends with an echo whose
 * output (an arithmetic result) never appears in what was typed.
 */
async function run(page: Page, lab: Locator, line: string) {
  const mark = ++marks * 7;
  await page.keyboard.type(`${line}; echo "ran-$((${marks}*7))"\n`);
  await expect(lab.locator('.xterm-rows')).toContainText(`ran-${mark}`, { timeout: 20_000 });
}

const columns = async (lab: Locator) => Number(await lab.locator('.lab-screen').getAttribute('data-columns'));
const inTerminal = (page: Page) =>
  page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea') === true);

test.describe('the lab workspace', () => {
  test('opens beside the lesson and full screen with a wider terminal, and Escape brings it back', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const lab = await open(page, EXERCISE);
    const inPage = await columns(lab);
    expect(inPage).toBeGreaterThanOrEqual(70);

    await lab.getByRole('button', { name: 'Beside the lesson' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-lab-workspace', 'side');
    await expect.poll(() => columns(lab)).toBeGreaterThan(inPage);
    // The lesson stays readable beside it: its text is still on screen, left of the lab.
    const frame = await lab.locator('.lab-frame').boundingBox();
    const text = await page.locator('.sl-markdown-content h1, .sl-markdown-content p').first().boundingBox();
    expect(frame && text && text.x + text.width <= frame.x + 1).toBe(true);
    expect(await inTerminal(page)).toBe(true);
    await page.keyboard.press('Escape');
    await expect(page.locator('html')).not.toHaveAttribute('data-lab-workspace', /./);
    await expect.poll(() => columns(lab)).toBe(inPage);

    await lab.getByRole('button', { name: 'Full screen' }).click();
    const dialog = page.getByRole('dialog', { name: EXERCISE });
    await expect(dialog).toBeVisible();
    await expect.poll(() => columns(lab)).toBeGreaterThan(inPage);
    const box = await lab.locator('.lab-frame').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 1280, height: 800 });
    // The rest of the page is inert while the lab is full screen.
    expect(await page.locator('header.header').evaluate((h) => h.closest('[inert]') !== null)).toBe(true);
    await run(page, lab, 'echo typed-in-full-screen');
    await expect(lab.locator('.xterm-rows')).toContainText('typed-in-full-screen');
    await dialog.getByRole('button', { name: 'Back into the lesson' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(lab.getByRole('button', { name: 'Full screen' })).toBeFocused();
    expect(await page.locator('header.header').evaluate((h) => h.closest('[inert]') === null)).toBe(true);
  });

  test('fits a phone: readable type, more columns than before, no sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const lab = await open(page, 'Lab 1');
    const portrait = await columns(lab);
    expect(portrait).toBeGreaterThanOrEqual(48);
    const fontSize = await lab
      .locator('.xterm-rows')
      .evaluate((rows) => Number.parseFloat(getComputedStyle(rows).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(12);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Turning the phone gives the terminal the new width.
    await page.setViewportSize({ width: 844, height: 390 });
    await expect.poll(() => columns(lab)).toBeGreaterThan(portrait);
  });
});

test.describe('the lab from the keyboard', () => {
  test('the first Tab pass reaches the first lab’s terminal, even before it loads, and Shift+Tab leaves it', async ({
    page,
  }) => {
    // Hold the terminal's code (xterm with it) back until the keyboard has reached the lab: its screen must be in
    // the Tab order from the server's HTML, not only once the terminal has opened.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/_astro\/terminal\.[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(LESSON);
    const first = page.getByRole('region', { name: 'Lab 1', exact: true });
    let reached = false;
    for (let i = 0; i < 120 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await first.evaluate((lab) => {
        const focused = document.activeElement;
        return !!focused && lab.contains(focused) && focused.closest('.lab-screen') !== null;
      });
    }
    expect(reached).toBe(true);
    expect(await first.locator('.lab-screen[data-ready="true"]').count()).toBe(0);
    release();
    // Once the terminal is there, the focus is in it and typing goes to the shell.
    await expect(first.locator('.lab-screen[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => inTerminal(page)).toBe(true);
    await run(page, first, 'echo reached-by-keyboard');
    await expect(first.locator('.xterm-rows')).toContainText('reached-by-keyboard');
    // Tab stays for completion; Shift+Tab moves on.
    await page.keyboard.press('Tab');
    expect(await inTerminal(page)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await inTerminal(page)).toBe(false);
  });

  test('two labs on one page have names of their own, in both languages', async ({ page }) => {
    await page.goto(LESSON);
    await expect(page.getByRole('region', { name: 'Lab 1', exact: true })).toHaveCount(1);
    await expect(page.getByRole('region', { name: EXERCISE, exact: true })).toHaveCount(1);
    await page.goto(`/zh-cn${LESSON}`);
    await expect(page.getByRole('region', { name: '实验 1', exact: true })).toHaveCount(1);
    await expect(
      page.getByRole('region', { name: '实验 2：在容器里跑起第一个 Web 服务器', exact: true }),
    ).toHaveCount(1);
  });

  test('Reset and Show solution ask first; Escape answers no and gives the focus back', async ({ page }) => {
    const lab = await open(page, EXERCISE);
    await lab.getByRole('button', { name: 'Reset lab' }).click();
    const reset = lab.getByRole('group', { name: /^Start this lab over\?/ });
    await expect(reset.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(reset).toHaveCount(0);
    await expect(lab.getByRole('button', { name: 'Reset lab' })).toBeFocused();

    await lab.getByRole('button', { name: 'Show solution' }).first().click();
    const solution = lab.getByRole('group', { name: /^See the reference solution/ });
    await expect(solution).toBeVisible();
    await solution.getByRole('button', { name: 'Cancel' }).click();
    await expect(lab.locator('.lab-solution')).toHaveCount(0);
    await expect(lab.getByRole('button', { name: 'Show solution' }).first()).toBeFocused();
  });
});

test.describe('the sandbox’s own help', () => {
  test('help lists bash’s builtins and the lab’s commands, docker among them; Tab completes a container', async ({
    page,
  }) => {
    const lab = await open(page, 'Lab 1');
    await lab.locator('.lab-screen').click();
    await run(page, lab, 'help | head -3');
    await expect(lab.locator('.xterm-rows')).toContainText('GNU bash, version 5.2.21(1)-release');
    await run(page, lab, 'help | grep -A1 docker:');
    await expect(lab.locator('.xterm-rows')).toContainText(/docker: +containerd docker dockerd runc/);
    await run(page, lab, 'docker run -d --name webby nginx');
    await run(page, lab, 'clear');
    await page.keyboard.type('docker stop we');
    await page.keyboard.press('Tab');
    await expect(lab.locator('.xterm-rows')).toContainText('docker stop webby ');
    await page.keyboard.press('Enter');
    await expect(lab.locator('.xterm-rows')).toContainText(/docker stop webby\s+webby/, { timeout: 20_000 });
  });
});

test.describe('feedback on an exercise', () => {
  test('a failed submission shows the server’s reason beside the task, in the learner’s language', async ({
    page,
  }) => {
    const lab = await open(page, '实验 2：在容器里跑起第一个 Web 服务器', `/zh-cn${LESSON}`);
    await lab.locator('.lab-screen').click();
    await run(page, lab, 'docker create --name web -p 8080:80 nginx');
    await lab.getByRole('button', { name: '提交评分' }).click();
    const tasks = lab.locator('.lab-tasks');
    await expect(tasks.getByRole('status')).toHaveText('服务器已核验：完成 3 项任务中的 0 项。', {
      timeout: 20_000,
    });
    const first = tasks.locator('li').first();
    await expect(first.locator('.lab-verdict')).toContainText('服务器：还没完成。');
    await expect(first.locator('.lab-verdict')).toContainText('容器 "web" 已创建，但没有在运行。');
    await expect(lab.locator('.lab-success')).toHaveCount(0);
  });

  test('a passing submission shows what was done and the next step; a later change is explained', async ({
    page,
  }) => {
    const lab = await open(page, EXERCISE);
    await lab.locator('.lab-screen').click();
    await run(page, lab, 'docker run -d --name web -p 8080:80 nginx');
    await run(page, lab, "docker run --rm -v notes:/data alpine sh -c 'echo kept > /data/note.txt'");
    await run(page, lab, 'curl -s localhost:8080 > ~/page.html');
    const tasks = lab.locator('.lab-tasks');
    await expect(tasks.getByRole('img', { name: 'done' })).toHaveCount(3, { timeout: 15_000 });
    await expect(tasks).toContainText('Every task is ticked here: submit');
    await tasks.getByRole('button', { name: 'Submit for grading' }).click();
    await expect(tasks.getByRole('status')).toHaveText('Verified by the server: 3 of 3 tasks done.', {
      timeout: 20_000,
    });
    const success = lab.locator('.lab-success');
    await expect(success).toContainText('Exercise complete: Your first web server in a container');
    await expect(success).toContainText('Run nginx as a container named web');
    await expect(success.getByRole('link', { name: 'Next lesson: Virtual machines →' })).toHaveAttribute(
      'href',
      '/virtual-machines/',
    );
    await expect(
      success.getByRole('link', { name: 'Check yourself with this lesson’s quiz' }),
    ).toHaveAttribute('href', '#quiz');

    // Undoing a task after the verdict: the tick goes, and the page says why it differs from the server.
    await lab.locator('.lab-screen').click();
    await run(page, lab, 'docker rm -f web');
    const first = tasks.locator('li').first();
    await expect(first).toHaveAttribute('data-done', 'false', { timeout: 15_000 });
    await expect(first.locator('.lab-verdict-why')).toContainText(
      'You have run commands since you submitted',
    );
  });
});
