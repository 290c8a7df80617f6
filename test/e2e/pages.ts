// Every page of the site, for the checks that must hold on all of them (accessibility, layout): the
// prerendered pages as the build lists them, the 404 page, and the pages for people with a class to
// show, and how to bring a page's labs and quizzes to life before checking it.
import { readdirSync, readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import { ENGINE_VERSION } from '../../src/sandbox/sandbox';
import { INSTRUCTOR } from './instructor.mjs';

/** The prerendered pages, from the build's sitemap: a new lesson is covered as soon as it is built. */
export function builtPages(): string[] {
  const dir = 'dist/client';
  const sitemaps = readdirSync(dir).filter((f) => /^sitemap-\d+\.xml$/.test(f));
  const paths = sitemaps.flatMap((file) =>
    [...readFileSync(`${dir}/${file}`, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map(
      (m) => new URL(m[1] as string).pathname,
    ),
  );
  if (paths.length < 30)
    throw new Error(`${dir}: the sitemap lists ${paths.length} pages; build the site first`);
  return paths;
}

/** A path no page has: the 404 page. */
export const MISSING_PAGE = '/no-such-page/';

/** POSTs JSON as the site's own pages do (same Origin) and insists it worked. */
export async function post(context: BrowserContext, origin: string, path: string, body: unknown) {
  const response = await context.request.post(path, { data: body, headers: { origin } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

/** One page for people, as someone sees it. */
export interface PeoplePage {
  who: 'nobody' | 'instructor' | 'learner';
  path: string;
}

/**
 * A class to show on the pages for people: the end-to-end instructor signs in and sets an exercise
 * (never a quiz: a quiz assigned without a due date closes its public practice for every other test),
 * and a new learner joins. Returns a browser context for each person and every page for people.
 */
export async function classroom(browser: Browser, origin: string, name: string) {
  const contexts = {
    nobody: await browser.newContext(),
    instructor: await browser.newContext(),
    learner: await browser.newContext(),
  };
  await post(contexts.instructor, origin, '/api/auth/login', {
    email: INSTRUCTOR.email,
    password: INSTRUCTOR.password,
  });
  const klass = (await post(contexts.instructor, origin, '/api/classes', { name })).class;
  const assignment = (
    await post(contexts.instructor, origin, `/api/classes/${klass.id}/assignments`, {
      kind: 'exercise',
      contentId: 'out-of-memory',
    })
  ).assignment;
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.com`;
  const password = 'a learner password';
  await post(contexts.learner, origin, '/api/auth/signup', { name: `${name} learner`, email, password });
  await post(contexts.learner, origin, '/api/auth/login', { email, password });
  await post(contexts.learner, origin, '/api/classes/join', { code: klass.joinCode });
  // One attempt, which fails its task: the instructor's pages then show a verdict in every table.
  await post(contexts.learner, origin, `/api/assignments/${assignment.id}/submissions`, {
    idempotencyKey: `${email}-1`,
    evidence: {
      exercise: 'out-of-memory',
      exerciseVersion: 1,
      engine: ENGINE_VERSION,
      transcript: [{ type: 'input', text: 'docker ps' }],
    },
  });
  const learners = await (await contexts.instructor.request.get(`/api/classes/${klass.id}/learners`)).json();
  const record = (await post(contexts.learner, origin, '/api/me/progress/share', { share: true })).share;
  const pages: PeoplePage[] = [
    { who: 'nobody', path: '/account/' },
    { who: 'learner', path: '/account/' },
    { who: 'learner', path: '/classes/' },
    { who: 'learner', path: '/classes/join/' },
    { who: 'nobody', path: '/progress/' },
    { who: 'learner', path: '/progress/' },
    { who: 'nobody', path: `/record/${record}/` },
    { who: 'learner', path: `/assignments/${assignment.id}/` },
    { who: 'instructor', path: '/classes/' },
    { who: 'instructor', path: `/classes/${klass.id}/` },
    { who: 'instructor', path: `/assignments/${assignment.id}/` },
    { who: 'instructor', path: `/assignments/${assignment.id}/${learners.learners[0].id}/` },
  ];
  return {
    contexts,
    pages,
    close: () => Promise.all(Object.values(contexts).map((c) => c.close())),
  };
}

/**
 * Scrolls every lab and quiz into view (they start when seen, a lab's controls when reached for) and
 * waits until each has come to life: a simulated lab's terminal ready, the real machine ready to boot (booting it downloads a
 * kernel), a quiz's answers enabled, or the message saying why they cannot be (practice of an
 * assigned quiz is closed). Ends back at the top of the page.
 */
export async function hydrate(page: Page): Promise<void> {
  for (const section of await page.locator('section.lab, section.quiz').all()) {
    await section.scrollIntoViewIfNeeded();
    const settled = section.locator(
      [
        '.lab-screen:not(.machine-screen)[data-ready="true"]',
        '.machine[data-phase="idle"] .lab-toolbar button:enabled',
        '.machine-missing',
        '.quiz-question fieldset:enabled',
        '.quiz-error',
      ].join(', '),
    );
    await expect(settled.first()).toBeVisible({ timeout: 30_000 });
    // A simulated lab's controls hydrate when first reached for (`client:lab`).
    const tabs = section.locator('.lab-tabs');
    if ((await tabs.count()) > 0) await tabs.hover();
  }
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
}
