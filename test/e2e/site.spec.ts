import { expect, test } from '@playwright/test';

test.describe('landing page', () => {
  test('shows the course overview and starts the first lesson', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Quayside' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'What you will learn' })).toBeVisible();
    // The whole course in the sidebar's order: the numbered lessons, then the lab, the capstone and
    // the assessment.
    await expect(page.locator('.lesson-list li')).toContainText([
      'Why isolate applications?',
      'Choosing between them',
      'Lab: a container from scratch',
      'Capstone: ship the shop',
      'Final assessment',
    ]);
    await expect(page.locator('.lesson-list li.unnumbered')).toHaveCount(3);
    await expect(page.getByRole('link', { name: 'join their class' })).toHaveAttribute(
      'href',
      '/classes/join/',
    );
    await page.getByRole('link', { name: 'Start the course' }).click();
    await expect(page).toHaveURL(/\/why-isolate\/$/);
  });

  test('has a Chinese version', async ({ page }) => {
    await page.goto('/zh-cn/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { name: '你将学到什么' })).toBeVisible();
    await expect(page.locator('.lesson-list li')).toContainText([
      '为什么要隔离应用？',
      '实验：从零搭一个容器',
      '结业测验',
    ]);
    await expect(page.getByRole('link', { name: '我的班级' }).last()).toHaveAttribute(
      'href',
      '/zh-cn/classes/',
    );
  });
});

test.describe('first lesson', () => {
  test('English: headings, objectives and an accessible diagram', async ({ page }) => {
    await page.goto('/why-isolate/');
    await expect(page.getByRole('heading', { level: 1, name: 'Why isolate applications?' })).toBeVisible();
    await expect(page.getByText('In this lesson you will learn to')).toBeVisible();
    await expect(
      page.getByRole('heading', { level: 2, name: 'When two applications need different versions' }),
    ).toBeVisible();
    const diagram = page.getByRole('img', { name: /PostgreSQL 12 .* PostgreSQL 16/ });
    await expect(diagram).toBeVisible();
    await expect(diagram.locator('svg text', { hasText: 'Isolated environments' })).toBeVisible();
  });

  test('Chinese: headings, objectives and an accessible diagram', async ({ page }) => {
    await page.goto('/zh-cn/why-isolate/');
    await expect(page.getByRole('heading', { level: 1, name: '为什么要隔离应用？' })).toBeVisible();
    await expect(page.getByText('学完本课，你将能够')).toBeVisible();
    await expect(
      page.getByRole('heading', { level: 2, name: '两个应用要同一个依赖的不同版本' }),
    ).toBeVisible();
    const diagram = page.getByRole('img', { name: /PostgreSQL 12.*PostgreSQL 16/ });
    await expect(diagram).toBeVisible();
    await expect(diagram.locator('svg text', { hasText: '各自隔离的环境' })).toBeVisible();
  });

  test('the language picker switches between English and Chinese', async ({ page }) => {
    await page.goto('/why-isolate/');
    await page.getByRole('combobox', { name: 'Select language' }).first().selectOption({ label: '简体中文' });
    await expect(page).toHaveURL(/\/zh-cn\/why-isolate\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('为什么要隔离应用？');
    await page.getByRole('combobox', { name: '选择语言' }).first().selectOption({ label: 'English' });
    await expect(page).toHaveURL(/\/why-isolate\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Why isolate applications?');
  });
});

test('search finds the lesson by a word from its body', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await dialog.getByRole('textbox', { name: 'Search' }).fill('libpq');
  await expect(dialog.getByRole('link', { name: 'Why isolate applications?' }).first()).toHaveAttribute(
    'href',
    /\/why-isolate\//,
  );
});

test('Chinese search finds the Chinese lesson', async ({ page }) => {
  await page.goto('/zh-cn/');
  await page.getByRole('button', { name: '搜索' }).click();
  const dialog = page.getByRole('dialog', { name: '搜索' });
  await dialog.getByRole('textbox').fill('漂移');
  await expect(dialog.getByRole('link', { name: '为什么要隔离应用？' }).first()).toHaveAttribute(
    'href',
    /\/zh-cn\/why-isolate\//,
  );
});

test('the same server answers the API', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.ok()).toBe(true);
  expect(await response.json()).toEqual({ status: 'ok' });
});
