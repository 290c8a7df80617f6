import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type FrameLocator, type Page, test } from '@playwright/test';
import { ROLES, TestPlatform } from '../lti/platform';
import { LTI_INVITE_FILE } from './instructor.mjs';

const EXERCISE = 'A memory limit the kernel enforces';
const QUIZ = 'Practice: hypervisors';

/** A person's own browser, on the platform's course page, with Quayside framed in it. */
async function inCourse(browser: Browser, platform: TestPlatform, sub: string, message: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${platform.origin}/course/${sub}~${message}`);
  return { context, page, frame: page.frameLocator('iframe[title="Quayside"]') };
}

/** An administrator pastes Quayside's registration link; the platform opens it with its own parameters. */
async function register(browser: Browser, platform: TestPlatform, line: number) {
  const link = new URL(readFileSync(LTI_INVITE_FILE, 'utf8').split('\n')[line] as string);
  link.searchParams.set('openid_configuration', `${platform.origin}/.well-known/openid-configuration`);
  link.searchParams.set('registration_token', platform.registrationToken);
  const admin = await browser.newPage();
  await admin.goto(link.href);
  await expect(admin.getByRole('heading', { name: 'Quayside is registered' })).toBeVisible();
  await expect(admin.getByText(platform.clientId)).toBeVisible();
  await admin.close();
}

/** axe-core's critical and serious findings on a page, as `id: target` lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

async function solveLab(frame: FrameLocator, command: string, tasksDone: number) {
  const lab = frame.locator('.lab');
  await expect(lab.locator('.lab-screen[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await lab.locator('.lab-screen').click();
  await lab.locator('.lab-screen').pressSequentially(`${command}\n`);
  await expect(lab.locator('.xterm-rows')).toContainText(/\$ docker run[^\n]*\n?.*learner@quayside:~\$/s, {
    timeout: 30_000,
  });
  await lab.getByRole('button', { name: 'Submit for grading' }).click();
  await expect(lab.locator('.lab-tasks [role=status]')).toContainText(`${tasksDone} of 1`, {
    timeout: 20_000,
  });
}

test('an LMS registers Quayside, an instructor deep-links an exercise and a quiz, two learners do them in the LMS frame, and the platform gets the gradebook’s scores once each', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const platform = await new TestPlatform().start('127.0.0.1');
  platform.tool = baseURL as string;
  try {
    await register(browser, platform, 0);

    // The instructor adds an exercise and a quiz from Quayside's catalogue, inside the course's frame.
    platform.person('iris', 'Iris Teacher', ROLES.instructor);
    const teacher = await inCourse(browser, platform, 'iris', 'deep');
    await teacher.frame.getByLabel(EXERCISE).check();
    await teacher.frame.getByLabel(QUIZ).check();
    await teacher.frame.getByRole('button', { name: 'Add to the course' }).click();
    await expect(teacher.frame.locator('[data-added="2"]')).toBeVisible();
    expect(platform.lineItems.map((l) => [l.label, l.scoreMaximum])).toEqual([
      [EXERCISE, 100],
      [QUIZ, 100],
    ]);

    // Two learners open both activities from the course and do them.
    for (const [sub, name, command, solves] of [
      ['ada', 'Ada Learner', 'docker run --name hog -m 64m alpine tail /dev/zero', 1],
      ['bob', 'Bob Learner', 'docker run --name hog alpine true', 0],
    ] as const) {
      platform.person(sub, name, ROLES.learner);
      const learner = await inCourse(browser, platform, sub, 'link-1');
      await solveLab(learner.frame, command, solves);
      await learner.page.goto(`${platform.origin}/course/${sub}~link-2`);
      const quiz = learner.frame.locator('section.quiz');
      await expect(quiz.getByRole('button', { name: 'Submit answers' })).toBeEnabled({ timeout: 20_000 });
      if (sub === 'ada') await quiz.locator('[data-question] input').first().check();
      await quiz.getByRole('button', { name: 'Submit answers' }).click();
      await quiz.getByRole('button', { name: 'Submit anyway' }).click();
      // One attempt: the page shows the submitted attempt with its score.
      await expect(learner.frame.locator('.people-attempt-review')).toContainText('score:');
      await learner.context.close();
    }

    // Every attempt's score reaches the platform once: the exercise's and the one-attempt quiz's.
    await expect.poll(() => platform.scores.length, { timeout: 30_000 }).toBe(4);
    const page = teacher.page;
    await page.goto(`${baseURL}/classes/`);
    await page.getByRole('link', { name: 'Containers 101' }).click();
    const classUrl = page.url();
    for (const sub of ['ada', 'bob']) {
      const name = sub === 'ada' ? 'Ada Learner' : 'Bob Learner';
      for (const [lineItem, title] of [
        ['1', EXERCISE],
        ['2', QUIZ],
      ]) {
        const cell = page.locator(`td[data-learner-name="${name}"][data-assignment="${title}"]`);
        const shown = Number.parseFloat((await cell.innerText()).replace('%', ''));
        const posted = platform.scores.filter((s) => s.body.userId === sub && s.lineItem === lineItem);
        expect(posted, `${sub} ${title}`).toHaveLength(1);
        expect(posted[0]?.body).toMatchObject({
          scoreGiven: shown,
          scoreMaximum: 100,
          gradingProgress: 'FullyGraded',
        });
      }
    }

    // The roster: a learner who never launched appears in the gradebook after a sync.
    platform.person('cleo', 'Cleo Quiet', ROLES.learner);
    await page.getByRole('link', { name: 'Roster and scores sent to the platform' }).click();
    await expect(page.locator('[data-score-posts] tr[data-status="sent"]')).toHaveCount(4);
    expect(await seriousViolations(page)).toEqual([]);
    const synced = page.waitForResponse((r) => r.url().endsWith('/lms/roster'));
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Sync the roster' }).click();
    expect((await synced).status()).toBe(200);
    await reloaded;
    await page.goto(classUrl);
    await expect(page.getByRole('rowheader', { name: /Cleo Quiet/ })).toBeVisible();
    // Nothing was posted twice meanwhile.
    expect(platform.scores).toHaveLength(4);
    await teacher.context.close();

    // A teacher whose platform speaks Chinese picks from the catalogue in Chinese.
    platform.person('li', '李老师', ROLES.instructor, 'zh-CN');
    const li = await inCourse(browser, platform, 'li', 'deep');
    await expect(li.frame.getByRole('heading', { name: '把 Quayside 添加到课程' })).toBeVisible();
    await expect(li.frame.getByLabel('由内核强制执行的内存上限')).toBeVisible();
    // The picker on its own, for axe (the test platform's page around it is not Quayside's).
    const picker = li.page
      .frames()
      .find((f) => f.url().includes('/lti/deep-link/'))
      ?.url() as string;
    const alone = await li.context.newPage();
    await alone.goto(picker);
    expect(await seriousViolations(alone)).toEqual([]);
    await li.context.close();
  } finally {
    await platform.stop();
  }
});

test('a platform on another site: where the frame keeps no cookie, the platform’s storage vouches for the login; without storage, a window of its own', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // localhost and 127.0.0.1 are different sites: the browser keeps no cookie Quayside sets in this frame.
  const platform = await new TestPlatform().start('localhost');
  platform.tool = baseURL as string;
  platform.storage = true;
  try {
    await register(browser, platform, 1);
    platform.lineItems.push({
      id: '1',
      url: `${platform.origin}/lineitems/1`,
      resourceLinkId: 'link-1',
      label: EXERCISE,
      scoreMaximum: 100,
      targetLinkUri: `${baseURL}/lti/activity/exercise/out-of-memory`,
      custom: {},
    });
    platform.person('kim', 'Kim Teacher', ROLES.instructor);
    platform.person('lee', 'Lee Learner', ROLES.learner);
    const launched = async (sub: string, message: string) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const accepted = page.waitForResponse(
        (r) => r.url().endsWith('/lti/launch') && r.request().method() === 'POST' && r.status() === 303,
      );
      await page.goto(`${platform.origin}/course/${sub}~${message}`);
      const location = (await accepted).headers().location;
      await context.close();
      return location;
    };
    expect(await launched('kim', 'deep')).toMatch(/^\/lti\/deep-link\//);
    expect(await launched('lee', 'link-1')).toMatch(/^\/assignments\//);

    platform.storage = false;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${platform.origin}/course/lee~link-1`);
    const frame = page.frameLocator('iframe[title="Quayside"]');
    await expect(frame.getByRole('link', { name: 'Open in a new window' })).toBeVisible();
    await context.close();
  } finally {
    await platform.stop();
  }
});
