import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { INSTRUCTOR } from './instructor.mjs';

const DAY = 86_400_000;
const run = Date.now().toString(36);

/** Sends JSON as the site's own pages do (same Origin), and insists it worked. */
async function send(
  request: APIRequestContext,
  origin: string,
  path: string,
  data: unknown,
  method = 'POST',
) {
  const response = await request.fetch(path, { method, data, headers: { origin } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

/** An instructor's browser, signed in, with a new class; and the class. */
async function instructorWithClass(browser: Browser, origin: string, name: string) {
  const context = await browser.newContext();
  await send(context.request, origin, '/api/auth/login', {
    email: INSTRUCTOR.email,
    password: INSTRUCTOR.password,
  });
  const klass = (await send(context.request, origin, '/api/classes', { name })).class as {
    id: string;
    joinCode: string;
  };
  return { context, page: await context.newPage(), klass };
}

/** A learner's browser: signed up, signed in, in the class. */
async function learnerIn(browser: Browser, origin: string, name: string, code: string) {
  const context = await browser.newContext();
  const account = { email: `${name.toLowerCase()}-${run}@example.com`, name, password: 'a learner password' };
  await send(context.request, origin, '/api/auth/signup', account);
  const { user } = await send(context.request, origin, '/api/auth/login', {
    email: account.email,
    password: account.password,
  });
  await send(context.request, origin, '/api/classes/join', { code });
  return { context, page: await context.newPage(), id: user.id as string };
}

/** Sets an `<input type="datetime-local">` to an instant, in the page's own time zone. */
async function fillInstant(page: Page, label: string, instant: number) {
  const local = await page.evaluate((at) => {
    const d = new Date(at);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
  }, instant);
  await page.getByLabel(label).fill(local);
}

test('a quiz assignment: counted, confirmed, submitted, then reviewed as it may be seen, by the learner and the instructor', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const origin = baseURL as string;
  const teacher = await instructorWithClass(browser, origin, `Security ${run}`);
  const { assignment } = await send(
    teacher.context.request,
    origin,
    `/api/classes/${teacher.klass.id}/assignments`,
    {
      kind: 'quiz',
      contentId: 'security-and-isolation',
      title: 'Security check',
      opensAt: new Date(Date.now() - 2 * DAY).toISOString(),
      dueAt: new Date(Date.now() + DAY).toISOString(),
      maxAttempts: 2,
    },
  );
  const ada = await learnerIn(browser, origin, 'Ada', teacher.klass.joinCode);

  // Attempt 1 of 2: the counter follows the answers, and blank questions are named before sending.
  await ada.page.goto(`/assignments/${assignment.id}/`);
  const quiz = ada.page.locator('section.quiz');
  await expect(quiz.locator('.quiz-attempt')).toHaveText('Attempt 1 of 2');
  const total = await quiz.locator('[data-question]').count();
  await expect(quiz.locator('.quiz-progress')).toHaveText(`0 of ${total} answered`);
  const rootIsRoot = quiz.locator('[data-question="root-is-root"]');
  await rootIsRoot.getByRole('radio', { name: 'True' }).check({ timeout: 20_000 });
  await quiz.locator('[data-question="vms-share-nothing"]').getByRole('radio', { name: 'True' }).check();
  await expect(quiz.locator('.quiz-progress')).toHaveText(`2 of ${total} answered`);
  await quiz.getByRole('button', { name: 'Submit answers' }).click();
  const ask = quiz.getByRole('group', { name: `${total - 2} questions have no answer`, exact: false });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Keep answering' }).click();
  await expect(ask).toHaveCount(0);
  await quiz.getByRole('button', { name: 'Submit answers' }).click();
  await ask.getByRole('button', { name: 'Submit anyway' }).click();

  // The page now shows the attempt as submitted: the answers, but no verdict or key before it closes.
  const review = ada.page.locator('.people-attempt-review');
  await expect(review.getByRole('heading', { name: 'Attempt 1 of 2' })).toBeVisible();
  await expect(review).toContainText('shown after');
  const reviewed = (id: string) => review.locator(`[data-question="${id}"]`);
  await expect(reviewed('root-is-root')).toContainText('Your answer: True');
  await expect(reviewed('what-limits-root')).toContainText('Your answer: none');
  await expect(review.locator('[data-verdict]')).toHaveCount(0);
  await expect(review).not.toContainText('Right answer');
  // Revisiting shows the same attempt, not a blank new one.
  await ada.page.goto(`/assignments/${assignment.id}/`);
  await expect(reviewed('root-is-root')).toContainText('Your answer: True');
  await expect(ada.page.locator('section.quiz')).toHaveCount(0);

  // The instructor closes the assignment by editing its due date.
  await teacher.page.goto(`/assignments/${assignment.id}/`);
  const edit = teacher.page.getByRole('form', { name: 'Edit the assignment' });
  await expect(edit.getByRole('button', { name: 'Save changes' })).toBeEnabled();
  await expect(edit.getByLabel('Title')).toHaveValue('Security check');
  await fillInstant(teacher.page, 'Due (empty: no due date)', Date.now() - 60_000);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(teacher.page.getByText(/^Due \d{4}-/)).toContainText(new Date().toISOString().slice(0, 10));

  // Now the review shows each verdict, the right answer and the explanation.
  await ada.page.reload();
  await expect(reviewed('root-is-root')).toHaveAttribute('data-verdict', 'correct');
  await expect(reviewed('vms-share-nothing')).toHaveAttribute('data-verdict', 'wrong');
  await expect(reviewed('vms-share-nothing')).toContainText('Right answer: False');
  await expect(reviewed('what-limits-root')).toHaveAttribute('data-verdict', 'wrong');
  await expect(review).not.toContainText('shown after');
  // A second attempt is there to start, with fresh questions.
  await review.getByRole('link', { name: 'Start attempt 2 of 2' }).click();
  const second = ada.page.locator('section.quiz');
  await expect(second.locator('.quiz-attempt')).toHaveText('Attempt 2 of 2');
  await expect(second.locator('.quiz-progress')).toHaveText(`0 of ${total} answered`);

  // The instructor reads the attempt as questions, answers and verdicts, in either language.
  await teacher.page.goto(`/assignments/${assignment.id}/${ada.id}/`);
  const attempt = teacher.page.locator('.people-attempt').first();
  await expect(attempt.locator('[data-question="root-is-root"]')).toContainText(
    'a process running as root in a container has UID 0 on the host',
  );
  await expect(attempt.locator('[data-question="root-is-root"]')).toContainText('Answer given: True');
  await expect(attempt.locator('[data-question="root-is-root"]')).toContainText('Correct');
  await expect(attempt.locator('[data-question="vms-share-nothing"]')).toContainText('Right answer: False');
  await expect(attempt).not.toContainText('{"value"');
  await teacher.page.goto(`/zh-cn/assignments/${assignment.id}/${ada.id}/`);
  const zh = teacher.page.locator('.people-attempt').first().locator('[data-question="root-is-root"]');
  await expect(zh).toContainText('所填答案：对');
  await expect(zh).toContainText('正确');
  await expect(zh).toContainText('容器里以 root 运行的进程');
  await teacher.context.close();
  await ada.context.close();
});

test('an instructor renames and archives a class: its learner loses sight of it, then it is deleted', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = baseURL as string;
  const teacher = await instructorWithClass(browser, origin, `Term one ${run}`);
  const bo = await learnerIn(browser, origin, 'Bo', teacher.klass.joinCode);
  const page = teacher.page;

  await page.goto(`/classes/${teacher.klass.id}/`);
  const rename = page.getByRole('form', { name: 'Rename the class' });
  await expect(rename.getByLabel('Name')).toHaveValue(`Term one ${run}`);
  await rename.getByLabel('Name').fill(`Term two ${run}`);
  await rename.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Term two ${run}`);
  await bo.page.goto('/classes/');
  await expect(bo.page.getByRole('listitem').filter({ hasText: `Term two ${run}` })).toBeVisible();

  // Archiving asks first; "Cancel" changes nothing.
  await page.getByRole('button', { name: 'Archive class' }).click();
  const ask = page.getByRole('group', { name: /^Archive this class\?/ });
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.people-archived')).toHaveCount(0);
  await page.getByRole('button', { name: 'Archive class' }).click();
  await ask.getByRole('button', { name: 'Archive class' }).click();
  await expect(page.locator('.people-archived')).toContainText('This class is archived');

  await bo.page.reload();
  await expect(bo.page.getByText(`Term two ${run}`)).toHaveCount(0);
  await page.goto('/classes/');
  await expect(page.getByRole('table', { name: 'Archived classes' })).toContainText(`Term two ${run}`);
  await expect(page.getByRole('table', { name: 'Classes you teach' })).not.toContainText(`Term two ${run}`);

  // Archived, it may be deleted, after one more question.
  await page.getByRole('link', { name: `Term two ${run}` }).click();
  await page.getByRole('button', { name: 'Delete class' }).click();
  await page
    .getByRole('group', { name: /^Delete this class for good\?/ })
    .getByRole('button', { name: 'Delete class' })
    .click();
  await expect(page).toHaveURL(/\/classes\/$/);
  await expect(page.getByText(`Term two ${run}`)).toHaveCount(0);
  await teacher.context.close();
  await bo.context.close();
});

test('a lesson tells a signed-in learner that its exercise is assigned to them, when it is due, and where to do it', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = baseURL as string;
  const teacher = await instructorWithClass(browser, origin, `Machines ${run}`);
  const due = Date.now() + 3 * DAY;
  const { assignment } = await send(
    teacher.context.request,
    origin,
    `/api/classes/${teacher.klass.id}/assignments`,
    {
      kind: 'exercise',
      contentId: 'vm-beside-container',
      title: 'VM beside a container',
      dueAt: new Date(due).toISOString(),
    },
  );
  const quiz = await send(teacher.context.request, origin, `/api/classes/${teacher.klass.id}/assignments`, {
    kind: 'quiz',
    contentId: 'virtual-machines',
    title: 'VM quiz',
  });
  const cy = await learnerIn(browser, origin, 'Cy', teacher.klass.joinCode);

  await cy.page.goto('/virtual-machines/');
  const notices = cy.page.getByRole('complementary', { name: 'Assigned to you' });
  await expect(notices).toHaveCount(2);
  // The quiz's notice, and its practice closed with the server's own reason, not "unreachable".
  const quizNotice = notices.filter({ hasText: 'VM quiz' });
  await expect(quizNotice).toContainText(`“VM quiz”, in Machines ${run}, has no due date.`);
  await expect(quizNotice.getByRole('link', { name: 'Go to the assignment' })).toHaveAttribute(
    'href',
    `/assignments/${quiz.assignment.id}/`,
  );
  await cy.page.locator('section.quiz').scrollIntoViewIfNeeded();
  await expect(cy.page.locator('section.quiz .quiz-error')).toHaveText(/^this is assigned in a class/);
  const notice = notices.filter({ hasText: 'VM beside a container' });
  await expect(notice).toContainText(`“VM beside a container”, in Machines ${run}, is due`);
  await expect(notice).toContainText(String(new Date(due).getFullYear()));
  await expect(notice).toContainText('Practice here does not count toward your grade');
  await notice.getByRole('link', { name: 'Go to the assignment' }).click();
  await expect(cy.page).toHaveURL(new RegExp(`/assignments/${assignment.id}/$`));

  await cy.page.goto('/zh-cn/virtual-machines/');
  await expect(cy.page.getByRole('complementary', { name: '布置给你的作业' }).first()).toContainText(
    '在这里练习不计入成绩',
  );

  // Someone not signed in sees no notice, and the page reports no error.
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const asked = page.waitForResponse((r) => r.url().endsWith('/api/me/assignments'));
  await page.goto('/virtual-machines/');
  expect((await asked).status()).toBe(200);
  await expect(page.locator('.assigned-notice')).toHaveCount(0);
  expect(errors).toEqual([]);
  await visitor.close();
  await teacher.context.close();
  await cy.context.close();
});
