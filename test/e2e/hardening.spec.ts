import { createHash } from 'node:crypto';
import { type APIRequestContext, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { INSTRUCTOR } from './instructor.mjs';

const run = Date.now().toString(36);
const password = 'a learner password';
const SIGN_IN = { email: INSTRUCTOR.email, password: INSTRUCTOR.password };

/**
 * A payload for one field: it closes the <title>, then tries an element with a handler and a
 * quoted-attribute escape. `data-xss` names the field, so a failure says which one got through.
 */
const hostile = (field: string) =>
  `</title><img src=x data-xss="${field}" onerror=alert(document.domain)>"'><b data-xss="${field}">`;

/** Every CSP violation and console error a page reports, collected from before its first script. */
async function watch(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
}

function troubles(page: Page): { dialogs: string[]; console: string[] } {
  const found = { dialogs: [] as string[], console: [] as string[] };
  page.on('dialog', (dialog) => {
    found.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text()))
      found.console.push(message.text());
  });
  return found;
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** POSTs JSON as the site's own pages do (same Origin), and insists it worked. */
async function post(request: APIRequestContext, origin: string, path: string, body: unknown) {
  const response = await request.post(path, { data: body, headers: { origin } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

test('text that people chose is text on every page for people, in both languages, <title> included', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const origin = baseURL as string;
  const instructor = await browser.newContext();
  const learner = await browser.newContext();
  await Promise.all([watch(instructor), watch(learner)]);

  // Every field a person can set: a class name and an assignment title (the instructor), a display
  // name, an email (as hostile as a valid address can be: quote marks, a leading minus) and a quiz
  // answer (the learner).
  await post(instructor.request, origin, '/api/auth/login', SIGN_IN);
  const klass = (await post(instructor.request, origin, '/api/classes', { name: hostile('class') })).class;
  const assignment = (
    await post(instructor.request, origin, `/api/classes/${klass.id}/assignments`, {
      kind: 'quiz',
      contentId: 'images',
      title: hostile('assignment'),
    })
  ).assignment;
  const email = `-'xss-${run}'+@evil.example`;
  await post(learner.request, origin, '/api/auth/signup', { name: hostile('name'), email, password });
  await post(learner.request, origin, '/api/auth/login', { email, password });
  await post(learner.request, origin, '/api/classes/join', { code: klass.joinCode });
  await post(learner.request, origin, `/api/assignments/${assignment.id}/submissions`, {
    idempotencyKey: `xss-${run}`,
    evidence: { answers: { whiteout: { text: hostile('answer') } } },
  });
  const learnerId = (await (await instructor.request.get(`/api/classes/${klass.id}/learners`)).json())
    .learners[0].id;

  // A typed answer is shown as typed, to the instructor and in the learner's own review.
  const answer = hostile('answer');
  /** Each page, who sees it, and the planted text it must show as text (in its title or body). */
  const pages: [BrowserContext, string, { title?: string; shows: string[] }][] = [
    [instructor, '/account/', { shows: [] }],
    [instructor, '/classes/', { shows: [hostile('class')] }],
    [
      instructor,
      `/classes/${klass.id}/`,
      { title: hostile('class'), shows: [hostile('name'), email, hostile('assignment')] },
    ],
    [
      instructor,
      `/assignments/${assignment.id}/`,
      { title: hostile('assignment'), shows: [hostile('name')] },
    ],
    [
      instructor,
      `/assignments/${assignment.id}/${learnerId}/`,
      { title: `${hostile('assignment')}: ${hostile('name')}`, shows: [answer] },
    ],
    [learner, '/account/', { shows: [hostile('name'), email] }],
    [learner, '/classes/', { shows: [hostile('name'), hostile('assignment'), hostile('class')] }],
    [learner, `/classes/join/?code=${encodeURIComponent(hostile('code'))}`, { shows: [hostile('name')] }],
    [learner, `/assignments/${assignment.id}/`, { title: hostile('assignment'), shows: [answer] }],
  ];
  for (const prefix of ['', '/zh-cn']) {
    for (const [context, path, expected] of pages) {
      const where = `${prefix}${path}`;
      const page = await context.newPage();
      const seen = troubles(page);
      expect((await page.goto(where))?.status(), where).toBe(200);
      await page.waitForLoadState('load');
      expect(await page.locator('[data-xss]').count(), `${where}: an injected element`).toBe(0);
      if (expected.title) expect(await page.title(), where).toContain(expected.title);
      const text = await page.evaluate(() => `${document.title}\n${document.body.textContent}`);
      for (const shown of expected.shows) expect(text, where).toContain(shown);
      expect(seen.dialogs, where).toEqual([]);
      expect(await violations(page), where).toEqual([]);
      await page.close();
    }
  }
  await Promise.all([instructor.close(), learner.close()]);
});

test.describe('signing in never leaves the site', () => {
  const hostileNext = [
    '/%5Cevil.example/',
    '/%5C%5Cevil.example/',
    '%2F%2Fevil.example/',
    '//evil.example/',
    '/%09/evil.example/',
    'https://evil.example/',
    'javascript:alert(document.domain)',
    'java%0Ascript:alert(document.domain)',
  ];
  for (const next of hostileNext) {
    test(`next=${next}`, async ({ browser, baseURL }) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const seen = troubles(page);
      const elsewhere: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(baseURL as string)) elsewhere.push(request.url());
      });
      await page.goto(`/account/?next=${next}`);
      const form = page.getByRole('form', { name: 'Sign in' });
      await form.getByLabel('Email').fill(INSTRUCTOR.email);
      await form.getByLabel('Password').fill(INSTRUCTOR.password);
      await form.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(`${baseURL}/classes/`);
      expect(elsewhere).toEqual([]);
      expect(seen.dialogs).toEqual([]);
      await context.close();
    });
  }

  test('a path on this site is where it goes', async ({ page, baseURL }) => {
    await page.goto(`/zh-cn/account/?next=${encodeURIComponent('/zh-cn/classes/join/?code=AB12-CD34')}`);
    const form = page.getByRole('form', { name: '登录' });
    await form.getByLabel('电子邮箱').fill(INSTRUCTOR.email);
    await form.getByLabel('密码').fill(INSTRUCTOR.password);
    await form.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(`${baseURL}/zh-cn/classes/join/?code=AB12-CD34`);
  });
});

test('signing up with a taken email says no more than a failed sign-in', async ({ browser }) => {
  const email = `taken-${run}@example.com`;
  const signUp = async (name: string, secret: string) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/account/');
    const form = page.getByRole('form', { name: 'Create a learner account' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Email').fill(email);
    await form.getByLabel(/^Password/).fill(secret);
    await form.getByRole('button', { name: 'Create account' }).click();
    return { context, page };
  };
  const owner = await signUp('Owner', password);
  await expect(owner.page).toHaveURL(/\/classes\/$/);
  await owner.context.close();
  const other = await signUp('Someone else', 'another password');
  await expect(other.page.getByRole('alert')).toHaveText(
    'Could not sign you in. If this email already has an account, sign in above with its password. (wrong email or password)',
  );
  await expect(other.page).toHaveURL(/\/account\/$/);
  await other.context.close();
});

test.describe('security headers', () => {
  const CSP = 'content-security-policy';

  test('every response: no sniffing, no framing by others, no referrer to other sites', async ({
    request,
  }) => {
    const lesson = await (await request.get('/why-isolate/')).text();
    const asset = lesson.match(/src="(\/_astro\/[^"]+\.js)"/)?.[1] as string;
    const paths = [
      '/',
      '/why-isolate/',
      '/zh-cn/containers/',
      '/no-such-page/',
      asset,
      '/pagefind/pagefind.js',
      '/favicon.svg',
      '/account/',
      '/zh-cn/classes/',
      '/api/health',
      '/api/auth/me',
      '/api/no-such-endpoint',
    ];
    for (const path of paths) {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['x-frame-options'], path).toBe('SAMEORIGIN');
      expect(headers['referrer-policy'], path).toBe('same-origin');
      if (/^text\/html/.test(headers['content-type'] ?? '')) {
        const policy = headers[CSP] ?? '';
        expect(policy, path).toContain("frame-ancestors 'self'");
        expect(policy, path).toContain("object-src 'none'");
        expect(policy, path).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
        expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      }
    }
  });

  test('every inline script of the prerendered pages is one the policy allows', async ({ request }) => {
    for (const path of [
      '/',
      '/why-isolate/',
      '/zh-cn/containers/',
      '/container-from-scratch/',
      '/no-such-page/',
    ]) {
      const response = await request.get(path);
      const allowed = (response.headers()[CSP] ?? '').match(/'sha256-[^']+'/g) ?? [];
      const html = await response.text();
      const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
        ([, body]) =>
          `'sha256-${createHash('sha256')
            .update(body ?? '')
            .digest('base64')}'`,
      );
      expect(inline.length, path).toBeGreaterThan(0);
      for (const hash of inline) expect(allowed, `${path}: ${hash}`).toContain(hash);
    }
  });

  test('pages for people and the API are never cached; lessons may be', async ({ browser, baseURL }) => {
    const context = await browser.newContext();
    await post(context.request, baseURL as string, '/api/auth/login', SIGN_IN);
    for (const path of [
      '/account/',
      '/classes/',
      '/zh-cn/classes/',
      '/classes/join/',
      '/api/auth/me',
      '/api/classes',
    ]) {
      const response = await context.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      expect(response.headers()['cache-control'], path).toBe('no-store');
    }
    // Signed out: the redirect to sign in, and the API's refusals, are not cached either.
    const anonymous = await browser.newContext();
    for (const path of ['/classes/', '/zh-cn/assignments/x/', '/api/auth/me', '/api/no-such-endpoint']) {
      const response = await anonymous.request.get(path, { maxRedirects: 0 });
      expect(response.headers()['cache-control'], path).toBe('no-store');
    }
    const lesson = await anonymous.request.get('/why-isolate/');
    expect(lesson.headers()['cache-control']).not.toBe('no-store');
    await Promise.all([context.close(), anonymous.close()]);
  });

  test('another site cannot frame a page; the site itself can', async ({ page, baseURL }) => {
    const framed = async () => {
      const frame = page.frames().find((f) => f !== page.mainFrame());
      await expect.poll(() => frame?.url()).not.toBe('about:blank');
      return { url: frame?.url(), title: await frame?.evaluate(() => document.title) };
    };
    await page.route('http://framing.example/', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<iframe src="${baseURL}/why-isolate/"></iframe>` }),
    );
    await page.goto('http://framing.example/');
    const elsewhere = await framed();
    expect(elsewhere.url).toMatch(/^chrome-error:/);
    expect(elsewhere.title).not.toContain('Why isolate');
    // The same page framed by the site itself loads.
    await page.goto('/');
    await page.evaluate(() => {
      const iframe = document.createElement('iframe');
      iframe.src = '/why-isolate/';
      document.body.append(iframe);
    });
    await expect.poll(async () => (await framed()).title).toContain('Why isolate');
  });
});

test.describe('the Content-Security-Policy breaks nothing', () => {
  test('a lesson with a lab: terminal, editor, dashboard, reload, search', async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext();
    await watch(context);
    const page = await context.newPage();
    const seen = troubles(page);
    await page.goto('/why-isolate/');
    const lab = page.locator('.lab').first();
    await lab.scrollIntoViewIfNeeded();
    await expect(lab.locator('.lab-screen[data-ready="true"]')).toBeVisible({ timeout: 20_000 });
    await lab.locator('.lab-screen').click();
    await page.keyboard.type('docker run --rm alpine echo csp-ok | tee kept.txt\n');
    await expect(lab.locator('.xterm-rows')).toContainText('csp-ok');
    await lab.getByRole('button', { name: 'Files' }).click();
    await lab.getByRole('textbox', { name: 'New file name' }).fill('notes.txt');
    await lab.getByRole('textbox', { name: 'New file name' }).press('Enter');
    await expect(lab.getByRole('textbox', { name: 'Editing /home/learner/notes.txt' })).toBeVisible();
    await lab.getByRole('button', { name: 'Dashboard' }).click();
    await expect(lab.locator('.lab-dashboard')).toBeVisible();
    // The lab resumes from IndexedDB after a reload.
    await page.waitForTimeout(300);
    await page.reload();
    await lab.scrollIntoViewIfNeeded();
    await expect(lab.locator('.lab-screen[data-ready="true"]')).toBeVisible({ timeout: 20_000 });
    await lab.locator('.lab-screen').click();
    await page.keyboard.type('cat kept.txt\n');
    await expect(lab.locator('.xterm-rows')).toContainText('csp-ok');
    // Pagefind: its WebAssembly and index load under the policy.
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await dialog.getByRole('textbox', { name: 'Search' }).fill('libpq');
    await expect(dialog.getByRole('link', { name: 'Why isolate applications?' }).first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
    expect(seen.console).toEqual([]);
    await context.close();
  });

  test('the cross-origin isolated WebContainer lesson, the quiz and the pages for people', async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext();
    await watch(context);
    const page = await context.newPage();
    const seen = troubles(page);
    await page.goto('/zh-cn/containers/');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const lab = page.locator('.lab').first();
    await lab.scrollIntoViewIfNeeded();
    await expect(lab.locator('.lab-screen[data-ready="true"]')).toBeVisible({ timeout: 20_000 });
    await lab.locator('.lab-screen').click();
    await page.keyboard.type('echo isolated-ok\n');
    await expect(lab.locator('.xterm-rows')).toContainText('isolated-ok');
    expect(await violations(page)).toEqual([]);
    await page.goto('/why-isolate/');
    const question = page.locator('section.quiz [data-question="container-kernel"]');
    await question.scrollIntoViewIfNeeded();
    await question.getByRole('radio', { name: 'False' }).check({ timeout: 20_000 });
    await question.getByRole('button', { name: 'Check' }).click();
    await expect(question.getByRole('status')).toContainText('Correct.');
    expect(await violations(page)).toEqual([]);
    await post(context.request, baseURL as string, '/api/auth/login', SIGN_IN);
    for (const path of ['/account/', '/classes/', '/zh-cn/classes/join/']) {
      await page.goto(path);
      await expect(page.locator('astro-island').first()).not.toHaveAttribute('ssr', '');
      expect(await violations(page), path).toEqual([]);
    }
    expect(seen.console).toEqual([]);
    await context.close();
  });
});

test('the real machine resumes under the policy (v86: WebAssembly, a blob: worker and blob: fetches, gzip in a stream)', async ({
  page,
  request,
}) => {
  // npm test builds the machine's files (npm run vm-image) before the end-to-end tests.
  expect((await request.get('/real-machine/manifest.json')).ok(), 'run npm run vm-image first').toBe(true);
  test.setTimeout(300_000);
  await page.goto('/container-from-scratch/');
  const lab = page.locator('.real-machine');
  await lab.scrollIntoViewIfNeeded();
  await lab.getByRole('button', { name: /^Resume a booted machine/ }).click();
  await expect(lab.locator('.machine-screen[data-ready="true"]')).toBeVisible({ timeout: 120_000 });
});
