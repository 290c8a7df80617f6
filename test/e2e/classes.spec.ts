import { readFileSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { parse } from 'yaml';
import { parseQuiz } from '../../src/grading/quiz';
import { formsFor, instancesOf } from '../../src/grading/quiz-draw';
import { ENGINE_VERSION } from '../../src/sandbox/sandbox';
import { INSTRUCTOR } from './instructor.mjs';
import { post } from './pages';

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/account/');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/classes\/$/);
}

/** What a learner reads and clicks, in the language they browse in. */
const UI = {
  en: {
    prefix: '',
    createForm: 'Create a learner account',
    name: 'Name',
    email: 'Email',
    password: /^Password/,
    create: 'Create account',
    joinForm: 'Join a class',
    joinCode: 'Join code',
    join: 'Join',
    submit: 'Submit for grading',
    verified: (passed: number) => `Verified by the server: ${passed} of 1 tasks done.`,
    used: 'Attempts used: 1 of 3',
  },
  'zh-cn': {
    prefix: '/zh-cn',
    createForm: '注册学员账户',
    name: '姓名',
    email: '电子邮箱',
    password: /^密码/,
    create: '注册',
    joinForm: '加入班级',
    joinCode: '班级码',
    join: '加入',
    submit: '提交评分',
    verified: (passed: number) => `服务器已核验：完成 1 项任务中的 ${passed} 项。`,
    used: '已提交 1 / 3 次',
  },
};

/** A learner in a browser of their own: signs up, joins with the code, submits the assignment. */
async function learnerSubmits(
  browser: Browser,
  lang: keyof typeof UI,
  name: string,
  code: string,
  command: string,
  solves: boolean,
) {
  const ui = UI[lang];
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${ui.prefix}/account/`);
  const form = page.getByRole('form', { name: ui.createForm });
  await form.getByLabel(ui.name).fill(name);
  await form.getByLabel(ui.email).fill(`${name.toLowerCase()}-${Date.now()}@example.com`);
  await form.getByLabel(ui.password).fill('a learner password');
  await form.getByRole('button', { name: ui.create }).click();
  await expect(page).toHaveURL(new RegExp(`^[^?]*${ui.prefix}/classes/$`));
  const join = page.getByRole('form', { name: ui.joinForm });
  await join.getByLabel(ui.joinCode).fill(code);
  await join.getByRole('button', { name: ui.join }).click();
  await expect(page.getByRole('link', { name: 'A memory limit the kernel enforces' })).toBeVisible();
  await page.getByRole('link', { name: 'A memory limit the kernel enforces' }).click();
  await expect(page).toHaveURL(new RegExp(`${ui.prefix}/assignments/`));
  const lab = page.locator('.lab');
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.locator('.lab-screen[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await lab.locator('.lab-screen').click();
  await page.keyboard.type(`${command}\n`);
  // The command has finished once its prompt is back.
  await expect(lab.locator('.xterm-rows')).toContainText(/\$ docker run[^\n]*\n?.*learner@quayside:~\$/s, {
    timeout: 30_000,
  });
  await lab.getByRole('button', { name: ui.submit }).click();
  const status = lab.locator('.lab-tasks [role=status]');
  await expect(status).toHaveText(ui.verified(solves ? 1 : 0), { timeout: 20_000 });
  await page.reload();
  await expect(page.locator('.people-grade')).toContainText(ui.used);
  await context.close();
}

test('an instructor sets an exercise; two learners join and submit; the gradebook and its CSV show both verified scores', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signIn(page, INSTRUCTOR.email, INSTRUCTOR.password);
  const create = page.getByRole('form', { name: 'New class' });
  await create.getByLabel('Name').fill('Containers, spring term');
  await create.getByRole('button', { name: 'Create class' }).click();
  await page.getByRole('link', { name: 'Containers, spring term' }).click();
  const code = (await page.locator('code.people-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);

  const assign = page.getByRole('form', { name: 'New assignment' });
  await assign
    .getByLabel('Exercise or quiz')
    .selectOption({ label: 'Exercise: A memory limit the kernel enforces' });
  await assign.getByLabel('Attempts allowed (empty: no limit)').fill('3');
  await assign.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByRole('link', { name: 'A memory limit the kernel enforces' }).first()).toBeVisible();

  await learnerSubmits(
    browser,
    'en',
    'Ada',
    code,
    'docker run --name hog -m 64m alpine tail /dev/zero',
    true,
  );
  await learnerSubmits(browser, 'zh-cn', 'Bob', code, 'docker run --name hog alpine true', false);

  await page.reload();
  const cell = (who: string) => page.locator(`td[data-learner^="${who.toLowerCase()}-"]`);
  await expect(cell('Ada')).toContainText('100%');
  await expect(cell('Bob')).toContainText('0%');
  await expect(cell('Ada')).toContainText('1 attempt');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV, one row per grade' }).click();
  const file = await (await download).path();
  const rows = readFileSync(file, 'utf8').trimEnd().split('\r\n');
  expect(rows[0]).toBe('name,email,assignment,grade_percent,attempts,late,solutions_opened');
  expect(rows.find((r) => r.startsWith('Ada,'))).toMatch(
    /^Ada,ada-\d+@example\.com,A memory limit the kernel enforces,100,1,false,0$/,
  );
  expect(rows.find((r) => r.startsWith('Bob,'))).toMatch(/,0,1,false,0$/);

  // The drill-down replays the learner's transcript step by step.
  await cell('Ada').getByRole('link').click();
  await expect(page.locator('.people-replay')).toContainText(
    'learner@quayside:~$ docker run --name hog -m 64m alpine tail /dev/zero',
  );
});

test('a learner’s assigned quiz is the graded copy drawn for them: practice never shows its reserved questions', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // A quiz no other browser test practises: while it is assigned, its public practice is closed.
  const parsed = parseQuiz(parse(readFileSync('exercises/quizzes/registries.yaml', 'utf8')), 'registries');
  if (!parsed.ok) throw new Error(parsed.error);
  const plain = (text: string) => text.replaceAll('`', '');
  const prompts = (id: string, copy: 'practice' | 'graded') => {
    const q = parsed.quiz.questions.find((x) => x.id === id);
    return new Set(q ? formsFor(q, copy).flatMap((f) => instancesOf(f).map((i) => plain(i.prompt.en))) : []);
  };

  await signIn(page, INSTRUCTOR.email, INSTRUCTOR.password);
  const create = page.getByRole('form', { name: 'New class' });
  await create.getByLabel('Name').fill('Registries, graded copies');
  await create.getByRole('button', { name: 'Create class' }).click();
  await page.getByRole('link', { name: 'Registries, graded copies' }).click();
  const code = (await page.locator('code.people-code').textContent())?.trim() ?? '';
  const assign = page.getByRole('form', { name: 'New assignment' });
  await assign.getByLabel('Exercise or quiz').selectOption({ label: 'Quiz: Practice: registries' });
  await assign.getByLabel('Attempts allowed (empty: no limit)').fill('1');
  await assign.getByRole('button', { name: 'Assign' }).click();
  const assignmentLink = (p: Page) =>
    p.locator('a[href^="/assignments/"]', { hasText: 'Practice: registries' });
  await expect(assignmentLink(page)).toBeVisible();

  const context = await browser.newContext();
  const learner = await context.newPage();
  await learner.goto('/account/');
  const form = learner.getByRole('form', { name: 'Create a learner account' });
  await form.getByLabel('Name').fill('Cy');
  await form.getByLabel('Email').fill(`cy-${Date.now()}@example.com`);
  await form.getByLabel(/^Password/).fill('a learner password');
  await form.getByRole('button', { name: 'Create account' }).click();
  const join = learner.getByRole('form', { name: 'Join a class' });
  await join.getByLabel('Join code').fill(code);
  await join.getByRole('button', { name: 'Join' }).click();
  await assignmentLink(learner).click();
  const quiz = learner.locator('section.quiz');
  await expect(quiz.getByRole('button', { name: 'Submit answers' })).toBeEnabled({ timeout: 20_000 });
  const questions = quiz.locator('[data-question]');
  await expect(questions).toHaveCount(parsed.quiz.questions.length);
  let reserved = 0;
  for (const question of await questions.all()) {
    const id = (await question.getAttribute('data-question')) ?? '';
    const prompt = ((await question.locator('legend').textContent()) ?? '').replace(/^\d+\. /, '');
    expect(prompts(id, 'graded').has(prompt), prompt).toBe(true);
    if (!prompts(id, 'practice').has(prompt)) reserved++;
  }
  expect(reserved).toBe(parsed.quiz.questions.filter((q) => q.variants?.some((v) => v.reserved)).length);
  await quiz.getByRole('button', { name: 'Submit answers' }).click();
  await quiz.getByRole('button', { name: 'Submit anyway' }).click();
  // One attempt: its score shows at once, its answers only once the assignment closes.
  const review = learner.locator('.people-attempt-review');
  await expect(review).toContainText('score: 0%');
  await expect(review.locator('[data-question]')).toHaveCount(parsed.quiz.questions.length);
  await expect(review).toContainText('You have used every attempt.');
  await context.close();
});

test('an instructor sees which tasks each learner passed, and how many passed each task', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = baseURL as string;
  await signIn(page, INSTRUCTOR.email, INSTRUCTOR.password);
  const klass = (await post(page.context(), origin, '/api/classes', { name: 'Web servers, per task' })).class;
  const assignment = (
    await post(page.context(), origin, `/api/classes/${klass.id}/assignments`, {
      kind: 'exercise',
      // Not an exercise whose solution another test reveals: an open assignment keeps them hidden.
      contentId: 'image-and-instances',
    })
  ).assignment;
  /** A learner (whose name is markup, shown as text) who hands in these lines, one attempt each. */
  const learner = async (name: string, attempts: string[][]) => {
    const context = await browser.newContext();
    const email = `tasks-${attempts.length}-${Date.now()}@example.com`;
    await post(context, origin, '/api/auth/signup', { name, email, password: 'a learner password' });
    await post(context, origin, '/api/auth/login', { email, password: 'a learner password' });
    await post(context, origin, '/api/classes/join', { code: klass.joinCode });
    for (const [i, lines] of attempts.entries())
      await post(context, origin, `/api/assignments/${assignment.id}/submissions`, {
        idempotencyKey: `${email}-${i}`,
        evidence: {
          exercise: 'image-and-instances',
          exerciseVersion: 1,
          engine: ENGINE_VERSION,
          transcript: lines.map((text) => ({ type: 'input', text })),
        },
      });
    return context;
  };
  const run = ['docker run -d --name one nginx', 'docker run -d --name two nginx'];
  const pages = [
    "docker exec one sh -c 'echo one > /usr/share/nginx/html/index.html'",
    "docker exec two sh -c 'echo two > /usr/share/nginx/html/index.html'",
  ];
  // Ada's best attempt is her first (one task); Bob passed the first two tasks.
  const ada = await learner('<b>Ada</b>', [run, ['docker ps']]);
  const bob = await learner('Bob', [[...run, ...pages]]);

  await page.goto(`/assignments/${assignment.id}/`);
  const region = page.getByRole('region', { name: 'Tasks passed in the attempt that counts' });
  await expect(region).toBeVisible();
  await expect(page.getByText('Each learner’s best attempt, the one their grade counts')).toBeVisible();
  const table = region.getByRole('table');
  const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  await expect(table.locator('b')).toHaveCount(0);
  await expect(row('<b>Ada</b>').getByRole('cell')).toHaveText([
    '1: 33.3%',
    '✓passed',
    '✗not passed',
    '✗not passed',
  ]);
  await expect(row('Bob').getByRole('cell')).toHaveText(['1: 66.7%', '✓passed', '✓passed', '✗not passed']);
  await expect(row('Learners who passed').getByRole('cell')).toHaveText(['', '2 of 2', '1 of 2', '0 of 2']);
  // The verdicts are in words, not only in colour or a symbol.
  await expect(row('Bob').locator('[data-task="volume-note"] .sr-only')).toHaveText('not passed');

  // On a 320 px phone the table scrolls in its own region and the page does not.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.evaluate(() => new Promise(requestAnimationFrame));
  const widths = await region.evaluate((box) => ({
    page: document.scrollingElement?.scrollWidth ?? 0,
    window: window.innerWidth,
    region: box.scrollWidth,
    shown: box.clientWidth,
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.window);
  expect(widths.region).toBeGreaterThan(widths.shown);

  // Learners never see it: their own view of the assignment has no such table, and the CSV refuses them.
  const own = await ada.newPage();
  await own.goto(`/assignments/${assignment.id}/`);
  await expect(own.locator('.people-grade')).toContainText('Attempts used: 2');
  await expect(own.locator('.people-task-table')).toHaveCount(0);
  expect((await ada.request.get(`/api/assignments/${assignment.id}/tasks.csv`)).status()).toBe(403);
  await Promise.all([ada.close(), bob.close()]);
});
