import { expect, type Page, test } from '@playwright/test';

/** Searches from the page's own search dialog; the addresses of the results, best first. */
async function search(page: Page, label: string, words: string): Promise<() => Promise<string[]>> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await dialog.getByRole('textbox').fill(words);
  const results = dialog.locator('.pagefind-ui__result-inner > .pagefind-ui__result-title a');
  await expect(results.first()).toBeVisible();
  return async () =>
    (await results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname))).slice(0, 3);
}

test.describe('search', () => {
  test('the search button is named by the word it shows, on a desktop and on a phone', async ({ page }) => {
    for (const [path, label] of [
      ['/images/', 'Search'],
      ['/zh-cn/images/', '搜索'],
    ] as const) {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(path);
        const button = page.locator('button[data-open-modal]');
        await expect(button, `${path} ${width}px`).toHaveAccessibleName(label);
        await expect(button, `${path} ${width}px`).not.toHaveAttribute('aria-label');
      }
    }
  });

  test('Chinese: the words learners type for the course’s terms find the lessons that teach them', async ({
    page,
  }) => {
    /** A word, and the lessons that must come first for it (in either order). */
    const expected: [string, string[]][] = [
      ['虚拟机监视器', ['/zh-cn/hypervisors/', '/zh-cn/virtual-machines/']],
      ['虚拟化管理程序', ['/zh-cn/hypervisors/', '/zh-cn/virtual-machines/']],
      ['容器引擎', ['/zh-cn/containers/']],
      ['数据卷', ['/zh-cn/containers-and-images/']],
      ['镜像仓库', ['/zh-cn/registries/']],
    ];
    for (const [words, lessons] of expected) {
      await page.goto('/zh-cn/');
      const found = await search(page, '搜索', words);
      await expect
        .poll(async () => (await found()).slice(0, lessons.length).sort(), words)
        .toEqual(lessons.sort());
    }
  });

  test('English: another spelling or name finds the lesson', async ({ page }) => {
    for (const [words, lesson] of [
      ['virtualization', '/virtual-machines/'],
      ['container engine', '/containers/'],
    ] as const) {
      await page.goto('/');
      const found = await search(page, 'Search', words);
      await expect.poll(found, words).toContain(lesson);
    }
  });
});
