import { readFileSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { INSTRUCTOR } from './instructor.mjs';

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/account/');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/classes\/$/);
}

/** A learner in a browser of their own: signs up, joins with the code, submits the assignment. */
async function learnerSubmits(
  browser: Browser,
  name: string,
  code: string,
  command: string,
  solves: boolean,
) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/account/');
  const form = page.getByRole('form', { name: 'Create an account' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Email').fill(`${name.toLowerCase()}-${Date.now()}@example.com`);
  await form.getByLabel(/^Password/).fill('a learner password');
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/classes\/$/);
  const join = page.getByRole('form', { name: 'Join a class' });
  await join.getByLabel('Join code').fill(code);
  await join.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('link', { name: 'A memory limit the kernel enforces' })).toBeVisible();
  await page.getByRole('link', { name: 'A memory limit the kernel enforces' }).click();
  const lab = page.locator('.lab');
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.locator('.lab-screen[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await lab.locator('.lab-screen').click();
  await page.keyboard.type(`${command}\n`);
  // The command has finished once its prompt is back.
  await expect(lab.locator('.xterm-rows')).toContainText(/\$ docker run[^\n]*\n?.*learner@quayside:~\$/s, {
    timeout: 30_000,
  });
  await lab.getByRole('button', { name: 'Submit for grading' }).click();
  const status = lab.locator('.lab-tasks [role=status]');
  await expect(status).toHaveText(`Verified by the server: ${solves ? 1 : 0} of 1 tasks done.`, {
    timeout: 20_000,
  });
  await page.reload();
  await expect(page.locator('.people-grade')).toContainText('Attempts used: 1 of 3');
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

  await learnerSubmits(browser, 'Ada', code, 'docker run --name hog -m 64m alpine tail /dev/zero', true);
  await learnerSubmits(browser, 'Bob', code, 'docker run --name hog alpine true', false);

  await page.reload();
  const cell = (who: string) => page.locator(`td[data-learner^="${who.toLowerCase()}-"]`);
  await expect(cell('Ada')).toContainText('100%');
  await expect(cell('Bob')).toContainText('0%');
  await expect(cell('Ada')).toContainText('1 attempt');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV, one row per grade' }).click();
  const file = await (await download).path();
  const rows = readFileSync(file, 'utf8').trimEnd().split('\r\n');
  expect(rows[0]).toBe('name,email,assignment,grade_percent,attempts,late');
  expect(rows.find((r) => r.startsWith('Ada,'))).toMatch(
    /^Ada,ada-\d+@example\.com,A memory limit the kernel enforces,100,1,false$/,
  );
  expect(rows.find((r) => r.startsWith('Bob,'))).toMatch(/,0,1,false$/);

  // The drill-down replays the learner's transcript step by step.
  await cell('Ada').getByRole('link').click();
  await expect(page.locator('.people-replay')).toContainText(
    'learner@quayside:~$ docker run --name hog -m 64m alpine tail /dev/zero',
  );
});
