import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { parse } from 'yaml';
import { parseQuiz } from '../../src/grading/quiz';
import { keyOf } from '../../src/grading/quiz-attempt';
import { drawQuiz } from '../../src/grading/quiz-draw';
import { ENGINE_VERSION } from '../../src/sandbox/sandbox';
import { post } from './pages';

const sidebarLink = (page: Page, name: RegExp) => page.locator('nav.sidebar').getByRole('link', { name });

test.describe('progress', () => {
  test('without an account: ticks in the sidebar, kept in the browser, and "continue where you left off"', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.locator('quayside-continue')).toBeHidden();

    // The exercise of lesson 1, done and verified: the lesson is begun, not done (its quiz is left).
    await page.goto('/why-isolate/');
    const lab = page.locator('.lab').nth(1);
    await lab.scrollIntoViewIfNeeded();
    await expect(lab.locator('.lab-screen[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
    await lab.locator('.lab-screen').click();
    await page.keyboard.type('docker run -d --name web -p 8080:80 nginx\n');
    await page.keyboard.type("docker run --rm -v notes:/data alpine sh -c 'echo kept > /data/note.txt'\n");
    await page.keyboard.type('curl -s localhost:8080 > ~/page.html\n');
    const tasks = lab.getByRole('region', { name: /Exercise: Your first web server/ });
    await expect(tasks.getByRole('img', { name: 'done' })).toHaveCount(3, { timeout: 15_000 });
    await tasks.getByRole('button', { name: 'Submit for grading' }).click();
    await expect(tasks.getByRole('status')).toHaveText('Verified by the server: 3 of 3 tasks done.');
    const lesson1 = sidebarLink(page, /Why isolate/);
    await expect(lesson1.locator('.progress-tick')).toHaveAttribute('data-status', 'started');
    await expect(lesson1).toHaveAccessibleName(/\(started\)$/);

    // The final assessment is a quiz alone: submitted (blank, after confirming), it is done.
    await page.goto('/final-assessment/');
    const quiz = page.locator('section.quiz');
    await quiz.scrollIntoViewIfNeeded();
    await expect(quiz.locator('fieldset:enabled').first()).toBeVisible({ timeout: 20_000 });
    await quiz.getByRole('button', { name: 'Submit' }).click();
    await quiz.getByRole('button', { name: 'Submit anyway' }).click();
    await expect(quiz.locator('.quiz-score')).toBeVisible();
    const final = sidebarLink(page, /Final assessment/);
    await expect(final.locator('.progress-tick')).toHaveAttribute('data-status', 'done');
    await expect(final).toHaveAccessibleName(/\(done\)$/);

    // The landing page: back to the last page read, the next to do, and the count; ticks in its list.
    await page.goto('/');
    const card = page.locator('quayside-continue');
    await expect(card).toBeVisible();
    await expect(card.getByRole('heading')).toHaveText('Continue where you left off');
    await expect(card.locator('[data-last]')).toHaveText('Final assessment');
    await expect(card.locator('[data-next]')).toHaveText('Why isolate applications?');
    await expect(card).toContainText('1 of 20 done');
    await expect(card).toContainText('kept in this browser only');
    await expect(page.locator('.lesson-list a[href="/final-assessment/"] .progress-tick')).toHaveAttribute(
      'data-status',
      'done',
    );
    // The Chinese landing page continues on the same page, in Chinese.
    await page.goto('/zh-cn/');
    await expect(page.locator('quayside-continue [data-last]')).toHaveAttribute(
      'href',
      '/zh-cn/final-assessment/',
    );
    await expect(page.locator('quayside-continue')).toContainText('已完成 1 / 20');
    // Ticks are the browser's word only: the progress page offers to keep a verified record.
    await page.goto('/progress/');
    await expect(page.getByRole('link', { name: 'Sign in or create an account' })).toBeVisible();
    await expect(page.locator('main a[href="/final-assessment/"] .progress-tick')).toHaveAttribute(
      'data-status',
      'done',
    );
  });

  test('with an account: the server’s record on any browser, and a record to show', async ({
    browser,
    baseURL,
  }) => {
    const origin = baseURL as string;
    const name = `<b>Ada</b> & "Co" ${Date.now()}`;
    const email = `progress-${Date.now()}@example.com`;
    const password = 'a learner password';
    const first = await browser.newContext();
    await post(first, origin, '/api/auth/signup', { name, email, password });
    await post(first, origin, '/api/auth/login', { email, password });
    // Lesson 4's exercise and quiz, graded by the server (as the lab and the quiz send them).
    await post(first, origin, '/api/exercises/out-of-memory/verify', {
      exercise: 'out-of-memory',
      exerciseVersion: 1,
      engine: ENGINE_VERSION,
      transcript: [{ type: 'input', text: 'docker run --name hog -m 64m alpine tail /dev/zero' }],
    });
    const parsed = parseQuiz(parse(readFileSync('exercises/quizzes/containers.yaml', 'utf8')), 'containers');
    if (!parsed.ok) throw new Error(parsed.error);
    const quiz = parsed.quiz;
    const { attempt, seed } = await post(first, origin, '/api/quizzes/containers/attempts', {});
    for (const q of drawQuiz(quiz, seed, 'practice').questions)
      await post(first, origin, '/api/quizzes/containers/check', {
        attempt,
        question: q.id,
        answer: keyOf(q),
      });
    await first.close();

    // Another browser, nothing in its storage: signing in brings the ticks.
    const second = await browser.newContext();
    await post(second, origin, '/api/auth/login', { email, password });
    const page = await second.newPage();
    await page.goto('/images/');
    await expect(
      sidebarLink(page, /Containers$|Containers \(done\)/).locator('.progress-tick'),
    ).toHaveAttribute('data-status', 'done');
    await page.goto('/progress/');
    const row = page.locator('tr[data-page="containers"]');
    await expect(row).toHaveAttribute('data-done', '');
    await expect(row.locator('td').nth(0)).toContainText('passed on');
    await expect(row.locator('td').nth(1)).toContainText('100%, first finished on');
    await expect(page.locator('.record-summary')).toHaveText('1 of 20 course pages done.');

    await page.getByRole('button', { name: 'Share my record' }).click();
    const link = page.locator('a[data-share]');
    await expect(link).toBeVisible();
    const address = (await link.getAttribute('href')) as string;
    expect(address).toMatch(/\/record\/[A-Za-z0-9_-]{22}\/$/);

    // Anyone with the address sees the name (as text, escaped everywhere) and the results.
    const visitor = await browser.newContext();
    const shown = await visitor.newPage();
    await shown.goto(address);
    await expect(shown).toHaveTitle(
      new RegExp(`Course record: ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    await expect(shown.locator('main b')).toHaveCount(0);
    await expect(shown.locator('.record-headline')).toHaveText(
      `${name} is taking Quayside’s hands-on course on containers and virtual machines.`,
    );
    await expect(shown.locator('tr[data-page="containers"]')).toHaveAttribute('data-done', '');
    await expect(shown.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
    await shown.goto(address.replace('/record/', '/zh-cn/record/'));
    await expect(shown.locator('.record-summary')).toHaveText('已完成 1 / 20 个课程页面。');

    // Stopping asks first; then the address is gone.
    await page.getByRole('button', { name: 'Stop sharing' }).click();
    await page.getByRole('group').getByRole('button', { name: 'Stop sharing' }).click();
    await expect(page.getByRole('button', { name: 'Share my record' })).toBeVisible();
    const gone = await shown.goto(address);
    expect(gone?.status()).toBe(404);
    await expect(shown.locator('main')).toContainText('This record is not shared');
    await Promise.all([second.close(), visitor.close()]);
  });
});
