import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { parseQuiz } from '../../src/grading/quiz';
import { drawQuiz, instancesOf } from '../../src/grading/quiz-draw';

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
    // The same wrong answer again would only spend a try: Check waits for a change.
    await expect(question.getByRole('button', { name: 'Check' })).toBeDisabled();
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

test.describe('an assessment', () => {
  test('is answered in one go, submitted once, and graded on the server with the answers revealed after', async ({
    page,
    baseURL,
  }) => {
    await page.goto('/final-assessment/');
    const quiz = page.locator('section.quiz');
    await quiz.scrollIntoViewIfNeeded();
    await expect(quiz.getByRole('button', { name: 'Check' })).toHaveCount(0);
    const trueFalse = quiz.locator('[data-question="rebuild-for-guest"]');
    await expect(trueFalse.getByRole('radio', { name: 'False' })).toBeEnabled({ timeout: 20_000 });
    await trueFalse.getByRole('radio', { name: 'False' }).check();
    // The attempt draws the registry, repository and commit: answer the ones the page shows.
    const ciBuild = quiz.locator('[data-question="ci-build"]');
    const [registry, repo, commit] = await ciBuild.locator('legend code').allTextContents();
    await ciBuild.getByRole('textbox').fill(`docker image build . --tag ${registry}/${repo}:${commit}`);
    await quiz.locator('[data-question="thin-disks"]').getByRole('spinbutton').fill('99');
    await expect(quiz.getByRole('status')).toHaveCount(0);

    const attempt = await page.evaluate(
      () => JSON.parse(localStorage.getItem('quayside:quiz:final-assessment') ?? '{}').attempt,
    );
    const questions = (
      parse(readFileSync('exercises/quizzes/final-assessment.yaml', 'utf8')) as { questions: unknown[] }
    ).questions.length;
    // Blank questions are named before anything is sent; "Keep answering" sends nothing.
    await expect(quiz.locator('.quiz-progress')).toHaveText(`3 of ${questions} answered`);
    await quiz.getByRole('button', { name: 'Submit answers' }).click();
    const ask = quiz.getByRole('group', { name: `${questions - 3} questions have no answer`, exact: false });
    await ask.getByRole('button', { name: 'Keep answering' }).click();
    await expect(quiz.locator('.quiz-score')).toHaveCount(0);
    await quiz.getByRole('button', { name: 'Submit answers' }).click();
    await ask.getByRole('button', { name: 'Submit anyway' }).click();
    await expect(quiz.locator('.quiz-score')).toHaveText(`Score: 2 of ${questions}`);
    await expect(trueFalse.getByRole('status')).toContainText('Correct.');
    await expect(quiz.locator('[data-question="ci-build"]').getByRole('status')).toContainText('Correct.');
    const thin = quiz.locator('[data-question="thin-disks"]');
    await expect(thin.getByRole('status')).toContainText('Not quite.');
    await expect(thin).toContainText('Answer: 7.5');
    await expect(quiz.getByRole('button', { name: 'Submit answers' })).toHaveCount(0);

    // Once per attempt: the server refuses a second submission of the same attempt.
    const again = await page.request.post('/api/quizzes/final-assessment/submit', {
      headers: { origin: baseURL as string, 'content-type': 'application/json' },
      data: { attempt, answers: { 'rebuild-for-guest': { value: false } } },
    });
    expect(again.status()).toBe(409);
  });

  test('the page carries the questions but none of their explanations, feedback or accepted answers', async ({
    page,
  }) => {
    const response = await page.goto('/final-assessment/');
    const html = ((await response?.text()) ?? '')
      .replaceAll('&quot;', '"')
      .replaceAll(/&#(?:39|x27);/g, "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
    const file = parseQuiz(parse(readFileSync('exercises/quizzes/final-assessment.yaml', 'utf8')), 'final');
    if (!file.ok) throw new Error(file.error);
    // The page is built with the practice copy drawn from the quiz's id; the attempt draws its own.
    const shown = drawQuiz(file.quiz, file.quiz.id, 'practice');
    for (const q of shown.questions) {
      expect(html).toContain(q.prompt.en.slice(0, 30));
      expect(html).not.toContain(q.explanation.en.slice(0, 60));
      if (q.type === 'single' || q.type === 'multiple')
        for (const option of q.options)
          if (option.feedback) expect(html).not.toContain(option.feedback.en.slice(0, 60));
      if (q.type === 'text' || q.type === 'command')
        for (const accepted of q.accept) expect(html).not.toContain(accepted);
    }
    // Nothing of a form reserved for graded copies.
    for (const q of file.quiz.questions)
      for (const v of q.variants ?? [])
        if (v.reserved) for (const form of instancesOf(v)) expect(html).not.toContain(form.prompt.en);
  });
});
