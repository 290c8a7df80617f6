import { expect, test } from '@playwright/test';
import { INSTRUCTOR } from './instructor.mjs';
import { post } from './pages';

test.describe('the account menu in the header', () => {
  test('signed out, a lesson offers to sign in and comes back signed in; the menu names the person and signs out', async ({
    page,
    request,
  }) => {
    await page.goto('/hypervisors/');
    const header = page.locator('header');
    const signIn = header.getByRole('link', { name: 'Sign in' });
    await expect(signIn).toHaveAttribute('href', '/account/?next=%2Fhypervisors%2F');
    await signIn.click();
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill(INSTRUCTOR.email);
    await form.getByLabel('Password').fill(INSTRUCTOR.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/hypervisors\/$/);

    const menu = header.locator('summary');
    await expect(menu).toHaveText(`Signed in as ${INSTRUCTOR.name}`);
    await expect(signIn).toBeHidden();
    const panel = header.locator('.account-panel');
    await menu.click();
    await expect(panel).toBeVisible();
    await expect(panel.locator('p').first()).toHaveText(`Signed in as ${INSTRUCTOR.name}`);
    await expect(header.getByRole('link', { name: 'Your classes' })).toHaveAttribute('href', '/classes/');
    await expect(header.getByRole('link', { name: 'Your account' })).toHaveAttribute('href', '/account/');
    // Escape closes the menu and gives focus back to it.
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(menu).toBeFocused();

    // The lesson is the same page for everyone, so caches may keep it: the name comes from the API.
    const signedIn = await page.request.get('/hypervisors/');
    const anonymous = await request.get('/hypervisors/');
    expect(await signedIn.text()).toBe(await anonymous.text());
    expect(signedIn.headers()['cache-control']).not.toBe('no-store');

    // On a phone the menu shows its icon alone, still named for screen readers.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(menu).toBeInViewport();
    await expect(menu).toHaveAccessibleName(`Signed in as ${INSTRUCTOR.name}`);
    expect((await menu.locator('.account-name').boundingBox())?.width).toBeLessThanOrEqual(1);

    await menu.click();
    await header.getByRole('button', { name: 'Sign out' }).click();
    await expect(signIn).toBeVisible();
    await expect(menu).toBeHidden();
    expect(await (await page.request.get('/api/auth/me')).json()).toEqual({ user: null });
    // Another page of the site knows it too.
    await page.goto('/glossary/');
    await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible();
  });

  test('in Chinese, on every kind of page, with the name as text', async ({ browser, baseURL }) => {
    const context = await browser.newContext();
    const name = 'Ada <i>"Lovelace"</i>';
    const email = `header-${Date.now()}@example.com`;
    const password = 'a learner password';
    await post(context, baseURL as string, '/api/auth/signup', { name, email, password });
    await post(context, baseURL as string, '/api/auth/login', { email, password });
    const page = await context.newPage();
    const header = page.locator('header');
    for (const path of ['/zh-cn/', '/zh-cn/why-isolate/', '/zh-cn/glossary/', '/zh-cn/classes/']) {
      await page.goto(path);
      await expect(header.locator('summary'), path).toHaveText(`当前登录：${name}`);
      await expect(header.locator('summary i'), path).toHaveCount(0);
    }
    await header.locator('summary').click();
    await expect(header.locator('.account-panel p').first()).toHaveText(`当前登录：${name}`);
    await expect(header.getByRole('link', { name: '我的班级' })).toHaveAttribute('href', '/zh-cn/classes/');
    await expect(header.getByRole('link', { name: '我的账户' })).toHaveAttribute('href', '/zh-cn/account/');
    // Signing out of a page for people leaves it: that page is for signed-in people only.
    await header.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/zh-cn\/account\/\?next=/);
    await expect(header.getByRole('link', { name: '登录' })).toBeVisible();
    await context.close();
  });

  test('the site’s title fits the narrowest phone whole, in both languages', async ({ page }) => {
    for (const [path, title] of [
      ['/images/', 'Quayside'],
      ['/zh-cn/images/', 'Quayside 码头课堂'],
    ] as const) {
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(path);
      const text = page.locator('header .site-title span');
      await expect(text).toHaveText(title);
      // Nothing of it is clipped: its box holds all its text, inside the header's first column.
      const fits = await text.evaluate(
        (el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight,
      );
      expect(fits, path).toBe(true);
      await expect(page.locator('header button[data-open-modal]')).toBeInViewport();
    }
  });
});
