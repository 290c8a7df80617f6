import { expect, test } from '@playwright/test';

test.describe('a practice quiz', () => {
  test('checks one question at a time on the server, with tries, feedback and the explanation after', async ({
    page,
  }) => {
    await page.goto('/why-isolate/');
    const quiz = page.locator('section.quiz');
    await quiz.scrollIntoViewIfNeeded();
    const question = quiz.locator('[data-question="container-kernel"]');
    await expect(question.getByRole('radio', { name: 'True' })).toBeEnabled({ timeout: 20_000 });
    await question.getByRole('radio', { name: 'True' }).check();
    await question.getByRole('button', { name: 'Check' }).click();
    await expect(question.getByRole('status')).toContainText('Not quite. Tries left: 2.');
    await expect(question.getByRole('status')).not.toContainText('ordinary process');
    await question.getByRole('radio', { name: 'False' }).check();
    await question.getByRole('button', { name: 'Check' }).click();
    await expect(question.getByRole('status')).toContainText('Correct.');
    await expect(question.getByRole('status')).toContainText('ordinary process');
    await expect(question.getByRole('button', { name: 'Check' })).toHaveCount(0);
    await expect(quiz.locator('.quiz-score')).toHaveText(/^Score: 0\.75 of \d+$/);

    // A command question is judged by its parsed argv: another spelling of the same command passes.
    const command = quiz.locator('[data-question="run-alpine"]');
    await command.getByRole('textbox').fill('docker container run --rm alpine cat /etc/os-release');
    await command.getByRole('button', { name: 'Check' }).click();
    await expect(command.getByRole('status')).toContainText('Correct.');

    // The page keeps the attempt: after a reload the settled questions stay settled.
    await page.reload();
    await quiz.scrollIntoViewIfNeeded();
    await expect(quiz.locator('[data-question="container-kernel"]').getByRole('status')).toContainText(
      'Correct.',
    );
    await expect(quiz.locator('.quiz-score')).toHaveText(/^Score: 1\.75 of \d+$/);
  });

  test('the Chinese page asks in Chinese and checks the same way', async ({ page }) => {
    await page.goto('/zh-cn/why-isolate/');
    const question = page.locator('section.quiz [data-question="container-kernel"]');
    await question.scrollIntoViewIfNeeded();
    await expect(question.getByRole('radio', { name: '错' })).toBeEnabled({ timeout: 20_000 });
    await question.getByRole('radio', { name: '错' }).check();
    await question.getByRole('button', { name: '核对' }).click();
    await expect(question.getByRole('status')).toContainText('回答正确。');
  });
});
