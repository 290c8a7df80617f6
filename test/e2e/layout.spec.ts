import { expect, type Locator, type Page, test } from '@playwright/test';
import { builtPages, classroom, hydrate, MISSING_PAGE } from './pages';

/**
 * What makes the page scroll sideways at its current width: the page being wider than the window,
 * and every element reaching past the window's left or right edge that no scrolling or clipping box
 * holds in (a wide table may scroll inside its own box; the page itself may not). A fixed box never
 * scrolls the page (Starlight's table of contents is one, as wide as the window from its left edge);
 * what it holds is checked all the same.
 */
async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const found: string[] = [];
    const page = document.scrollingElement as Element;
    if (page.scrollWidth > width) found.push(`the page is ${page.scrollWidth}px wide in a ${width}px window`);
    const heldIn = (element: Element) => {
      for (let box = element.parentElement; box && box !== document.body; box = box.parentElement)
        if (getComputedStyle(box).overflowX !== 'visible') return true;
      return false;
    };
    const name = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${[...element.classList]
        .filter((c) => !c.startsWith('astro-'))
        .map((c) => `.${c}`)
        .join('')}`;
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.left >= -1 && box.right <= width + 1) continue;
      if (getComputedStyle(element).position === 'fixed' || heldIn(element)) continue;
      found.push(`${name(element)} spans ${Math.round(box.left)}–${Math.round(box.right)}px`);
    }
    return found;
  });
}

/** At 390 px (a phone) and 1280 px (a desktop), after the labs and quizzes came to life at 390 px. */
async function overflowAtBothWidths(page: Page, path: string): Promise<string[]> {
  await page.setViewportSize({ width: 390, height: 844 });
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(500);
  await hydrate(page);
  const found: string[] = [];
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    // Once the resized page has been laid out again.
    await page.evaluate(() => new Promise(requestAnimationFrame));
    found.push(...(await sidewaysOverflow(page)).map((line) => `${width}px: ${line}`));
  }
  return found;
}

test.describe('no page scrolls sideways at 390 px or 1280 px', () => {
  for (const path of [...builtPages(), MISSING_PAGE]) {
    test(path, async ({ page }) => {
      test.setTimeout(90_000);
      expect(await overflowAtBothWidths(page, path)).toEqual([]);
    });
  }

  for (const prefix of ['', '/zh-cn']) {
    test(`the pages for people${prefix && ` in ${prefix}`}`, async ({ browser, baseURL }) => {
      test.setTimeout(240_000);
      const room = await classroom(browser, baseURL as string, `A class that fits ${prefix || 'en'}`);
      for (const { who, path } of room.pages) {
        const page = await room.contexts[who].newPage();
        expect(await overflowAtBothWidths(page, `${prefix}${path}`), `${who} ${prefix}${path}`).toEqual([]);
        await page.close();
      }
      await room.close();
    });
  }
});

/** The box of an element, or undefined when it is not shown at this width. */
async function boxOf(locator: Locator) {
  return (await locator.isVisible()) ? ((await locator.boundingBox()) ?? undefined) : undefined;
}

test.describe('a matching question fits at every width', () => {
  // Pages whose quiz opens with a matching question, one in each language.
  for (const path of ['/hypervisors/', '/zh-cn/hypervisors/']) {
    test(path, async ({ page }) => {
      test.setTimeout(90_000);
      await page.goto(path);
      const matching = page.locator('.quiz-matching').first();
      await matching.scrollIntoViewIfNeeded();
      await expect(matching.locator('select').first()).toBeEnabled({ timeout: 30_000 });
      for (const width of [320, 390, 768, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        await page.evaluate(() => new Promise(requestAnimationFrame));
        await matching.scrollIntoViewIfNeeded();

        // The header's buttons stay on screen: the menu (below 800 px), search, the account link.
        const header = {
          menu: await boxOf(page.locator('button[popovertarget="starlight__sidebar"]')),
          search: await boxOf(page.locator('button[data-open-modal]')),
          account: await boxOf(page.locator('quayside-account')),
        };
        if (width < 800) expect(header.menu, `${width}px: the menu button`).toBeDefined();
        expect(header.search, `${width}px: the search button`).toBeDefined();
        expect(header.account, `${width}px: the account link`).toBeDefined();
        for (const [name, box] of Object.entries(header))
          if (box) {
            expect(box.x, `${width}px: ${name}`).toBeGreaterThanOrEqual(0);
            expect(box.x + box.width, `${width}px: ${name}`).toBeLessThanOrEqual(width);
          }

        // Every dropdown stays inside the lesson's column.
        const column = await page.locator('.sl-markdown-content').first().boundingBox();
        if (!column) throw new Error('no content column');
        for (const select of await matching.locator('select').all()) {
          const box = await select.boundingBox();
          if (!box) throw new Error(`${width}px: a dropdown is not shown`);
          expect(box.x, `${width}px: a dropdown's left edge`).toBeGreaterThanOrEqual(column.x - 0.5);
          expect(box.x + box.width, `${width}px: a dropdown's right edge`).toBeLessThanOrEqual(
            column.x + column.width + 0.5,
          );
        }
        expect(
          await page.evaluate(() => document.scrollingElement?.scrollWidth),
          `${width}px`,
        ).toBeLessThanOrEqual(width);
      }
    });
  }
});
