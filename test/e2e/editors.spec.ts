import { expect, type Page, test } from '@playwright/test';

/** The lesson's first lab. */
const firstLab = (page: Page) => page.locator('.lab').first();
const screen = (page: Page) => firstLab(page).locator('.xterm-rows');

async function openLab(page: Page) {
  await page.goto('/why-isolate/');
  await firstLab(page).scrollIntoViewIfNeeded();
  await expect(firstLab(page).locator('.lab-screen[data-ready="true"]')).toBeVisible({ timeout: 20_000 });
  await firstLab(page).locator('.lab-screen').click();
}

test.describe('editors in the lab terminal', () => {
  test('nano: type, write out with ^O Enter, leave with ^X, and the shell reads the file', async ({
    page,
  }) => {
    await openLab(page);
    // Typed straight after the command: the keys wait for nano, as a terminal's type-ahead does.
    await page.keyboard.type('nano hello.txt\nHello from nano');
    await expect(screen(page)).toContainText('GNU nano 7.2');
    await expect(screen(page)).toContainText('hello.txt *');
    await page.keyboard.press('Enter');
    await page.keyboard.type('second line');
    await page.keyboard.press('Control+O');
    await expect(screen(page)).toContainText('File Name to Write: hello.txt');
    await page.keyboard.press('Enter');
    await expect(screen(page)).toContainText('[ Wrote 2 lines ]');
    // Typed straight after ^X: whatever nano did not read reaches the shell, in the order typed.
    await page.keyboard.press('Control+X');
    await page.keyboard.type('cat hello.txt; wc -c hello.txt\n');
    await expect(screen(page)).not.toContainText('GNU nano 7.2');
    await expect(screen(page)).toContainText('Hello from nanosecond line');
    await expect(screen(page)).toContainText('28 hello.txt');
  });

  test('vi: insert with i, Escape, :wq, and the shell reads the file', async ({ page }) => {
    await openLab(page);
    await page.keyboard.type('vi notes.txt\n');
    await expect(screen(page)).toContainText('"notes.txt" [New]');
    await page.keyboard.type('i');
    await expect(screen(page)).toContainText('-- INSERT --');
    await page.keyboard.type('written in vi');
    await page.keyboard.press('Escape');
    await page.keyboard.type(':q\n');
    await expect(screen(page)).toContainText('E37: No write since last change (add ! to override)');
    await page.keyboard.type(':wq\n');
    await expect(screen(page)).not.toContainText('-- INSERT --');
    await page.keyboard.type('cat notes.txt\n');
    await expect(screen(page)).toContainText('cat notes.txtwritten in vi');
  });
});
