import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { builtPages, classroom, hydrate, MISSING_PAGE } from './pages';

/** The widths every page is checked at: a phone's and a desktop's (the header and sidebar differ). */
const WIDTHS = [1280, 390];

/**
 * axe-core's critical and serious violations on the page as it is now, at each width, one line each.
 * Its experimental rules run too: label-content-name-mismatch (a control named otherwise than it
 * reads) is one of them.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    // Expressive Code gives a code block that scrolls sideways its tab stop a moment after a resize,
    // in an idle callback. Headless Chromium sometimes starts no idle period after a resize until a
    // frame is drawn (a screen's vsync would draw one): each look asks for a frame first.
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            await new Promise(requestAnimationFrame);
            return [...document.querySelectorAll('.expressive-code pre')].every(
              (pre) => pre.scrollWidth > pre.clientWidth === pre.hasAttribute('tabindex'),
            );
          }),
        { timeout: 15_000 },
      )
      .toBe(true);
    const { violations } = await new AxeBuilder({ page })
      .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
      .analyze();
    for (const v of violations.filter((v) => v.impact === 'critical' || v.impact === 'serious'))
      for (const node of v.nodes)
        found.push(`${width}px ${v.impact} ${v.id}: ${node.target.join(' ')} (${v.help})`);
  }
  return found;
}

test.describe('no critical or serious accessibility violations (axe-core)', () => {
  for (const path of [...builtPages(), MISSING_PAGE]) {
    test(path, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width: WIDTHS[0] as number, height: 900 });
      await page.goto(path);
      await hydrate(page);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  for (const prefix of ['', '/zh-cn']) {
    test(`the pages for people${prefix && ` in ${prefix}`}: signed out, a learner's, an instructor's`, async ({
      browser,
      baseURL,
    }) => {
      test.setTimeout(240_000);
      const room = await classroom(browser, baseURL as string, `Accessible class ${prefix || 'en'}`);
      for (const { who, path } of room.pages) {
        const page = await room.contexts[who].newPage();
        await page.setViewportSize({ width: WIDTHS[0] as number, height: 900 });
        const response = await page.goto(`${prefix}${path}`);
        expect(response?.status(), `${who} ${path}`).toBe(200);
        await hydrate(page);
        expect(await seriousViolations(page), `${who} ${prefix}${path}`).toEqual([]);
        await page.close();
      }
      await room.close();
    });
  }
});

/**
 * Tabs from the top of the page, as a keyboard user would (leaving a lab's terminal the way its hint
 * says: Escape, then Tab), until focus reaches an answer of the quiz; fails if it wraps round first.
 */
async function tabToQuiz(page: Page): Promise<string> {
  for (let presses = 0; presses < 250; presses++) {
    const inTerminal = await page.evaluate(
      () => document.activeElement?.classList.contains('xterm-helper-textarea') ?? false,
    );
    if (inTerminal) await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    // A person takes a moment between presses; this is quicker than most.
    await page.waitForTimeout(50);
    const focus = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return 'body';
      return element.closest('.quiz-question') ? `quiz ${element.tagName.toLowerCase()}` : element.tagName;
    });
    if (focus.startsWith('quiz')) return focus;
    if (presses > 0 && focus === 'body') return 'wrapped round without reaching the quiz';
  }
  return 'never reached the quiz';
}

test.describe('a quiz is in the Tab order on the first pass', () => {
  for (const path of ['/why-isolate/', '/zh-cn/final-assessment/']) {
    test(path, async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto(path);
      expect(await tabToQuiz(page)).toMatch(/^quiz (input|select|button)$/);
    });
  }
});
