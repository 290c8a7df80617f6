import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { INSTRUCTOR } from './instructor.mjs';

/** Clicks a download link and returns the file's name and path. */
async function download(page: Page, link: string): Promise<{ name: string; path: string }> {
  const started = page.waitForEvent('download');
  await page.getByRole('link', { name: link, exact: true }).click();
  const file = await started;
  return { name: file.suggestedFilename(), path: await file.path() };
}

test('an instructor downloads an assigned quiz for an LMS, and the gradebook for Moodle and Canvas', async ({
  page,
  baseURL,
}) => {
  await page.goto('/account/');
  const signIn = page.getByRole('form', { name: 'Sign in' });
  await signIn.getByLabel('Email').fill(INSTRUCTOR.email);
  await signIn.getByLabel('Password').fill(INSTRUCTOR.password);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/classes\/$/);
  const create = page.getByRole('form', { name: 'New class' });
  await create.getByLabel('Name').fill('Exports, autumn term');
  await create.getByRole('button', { name: 'Create class' }).click();
  await page.getByRole('link', { name: 'Exports, autumn term' }).click();
  const classId = new URL(page.url()).pathname.split('/')[2] as string;

  // Set the quiz with its due date already past: it is closed, so other tests may still practise it.
  const hour = 3_600_000;
  const set = await page.request.post(`/api/classes/${classId}/assignments`, {
    headers: { origin: baseURL as string },
    data: {
      kind: 'quiz',
      contentId: 'hypervisors',
      title: 'Hypervisors, for the LMS',
      opensAt: new Date(Date.now() - 2 * hour).toISOString(),
      dueAt: new Date(Date.now() - hour).toISOString(),
    },
  });
  expect(set.status()).toBe(201);
  const assignmentId = ((await set.json()) as { assignment: { id: string } }).assignment.id;

  await page.goto(`/assignments/${assignmentId}/`);
  const qti = await download(page, 'QTI 3.0 package');
  expect(qti.name).toBe('hypervisors.en.qti.zip');
  const listing = execFileSync('unzip', ['-Z1', qti.path], { encoding: 'utf8' }).split('\n');
  expect(listing.slice(0, 2)).toEqual(['imsmanifest.xml', 'assessment-test.xml']);
  expect(listing.filter((name) => name.startsWith('items/')).length).toBeGreaterThan(3);
  const moodle = await download(page, 'Moodle XML');
  expect(moodle.name).toBe('hypervisors.en.moodle.xml');
  expect(readFileSync(moodle.path, 'utf8')).toMatch(
    /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<quiz>\n<question type="category">/,
  );

  await page.goto(`/zh-cn/assignments/${assignmentId}/`);
  expect((await download(page, 'QTI 3.0 压缩包')).name).toBe('hypervisors.zh-CN.qti.zip');

  await page.goto(`/classes/${classId}/`);
  const canvas = await download(page, 'CSV for Canvas’s gradebook import');
  expect(canvas.name).toBe('gradebook-canvas.csv');
  expect(readFileSync(canvas.path, 'utf8').split('\r\n').slice(0, 2)).toEqual([
    'Student,ID,SIS User ID,SIS Login ID,Section,"Hypervisors, for the LMS"',
    'Points Possible,,,,,100',
  ]);
  const grades = await download(page, 'CSV for Moodle’s grade import');
  expect(readFileSync(grades.path, 'utf8').split('\r\n')[0]).toBe(
    'Full name,Email address,"Hypervisors, for the LMS"',
  );
});
