import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const root = new URL('../../', import.meta.url).pathname;
const SENTINEL = `quayside-key-sentinel-${Date.now().toString(36)}`;
// Inside the project, so packages resolve from its node_modules as they do for the real build.
mkdirSync(join(root, '.test-results'), { recursive: true });
const work = mkdtempSync(join(root, '.test-results', 'keys-'));

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const containing = (dir: string) => files(dir).filter((f) => readFileSync(f).includes(SENTINEL));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('answer keys never reach the browser', () => {
  it('a sentinel planted in every kind of key appears in the server build and nowhere in the client', () => {
    for (const entry of [
      'src',
      'lessons',
      'exercises',
      'public',
      'astro.config.mjs',
      'package.json',
      'tsconfig.json',
    ]) {
      cpSync(join(root, entry), join(work, entry), { recursive: true });
    }

    // Plant the sentinel in a quiz that a lesson shows, in each field that is a key.
    const quizzes = join(work, 'exercises', 'quizzes');
    const file = readdirSync(quizzes).find((f) => f === 'why-isolate.yaml');
    if (!file) throw new Error('exercises/quizzes/why-isolate.yaml is needed: lesson 1 shows it');
    const quiz = parse(readFileSync(join(quizzes, file), 'utf8'));
    let planted = 0;
    for (const q of quiz.questions) {
      q.explanation.en += ` ${SENTINEL}`;
      planted++;
      for (const option of q.options ?? []) {
        option.feedback = { en: `${SENTINEL} feedback`, 'zh-cn': `${SENTINEL} 反馈` };
        planted++;
      }
      if (q.type === 'text') {
        q.accept.push(`${SENTINEL} accepted`);
        planted++;
      }
    }
    // A form reserved for graded copies is never drawn for a page, so even its prompt stays away.
    const t = (en: string) => ({ en, 'zh-cn': en });
    quiz.questions[0].variants = [
      {
        reserved: true,
        type: 'true-false',
        prompt: t(`${SENTINEL} reserved prompt`),
        answer: true,
        explanation: t('reserved'),
      },
    ];
    expect(planted).toBeGreaterThan(5);
    writeFileSync(join(quizzes, file), stringify(quiz));

    // And in the reference solution of every task of an exercise a lesson embeds: solutions come
    // from the server only when a learner asks.
    const oom = join(work, 'exercises', 'out-of-memory.yaml');
    const exercise = parse(readFileSync(oom, 'utf8'));
    for (const task of exercise.tasks) task.solution.push(`echo ${SENTINEL}`);
    writeFileSync(oom, stringify(exercise));
    // A `ran` check names the command to type: the page ticks that task only once the server has.
    const rollback = join(work, 'exercises', 'rollback.yaml');
    const sealed = parse(readFileSync(rollback, 'utf8'));
    let ran = 0;
    for (const task of sealed.tasks)
      for (const check of task.checks)
        if (check.type === 'ran') {
          check.command += ` ${SENTINEL}`;
          ran++;
        }
    expect(ran).toBeGreaterThan(0);
    writeFileSync(rollback, stringify(sealed));

    execFileSync(join(root, 'node_modules/.bin/astro'), ['build'], {
      cwd: work,
      stdio: 'pipe',
      timeout: 280_000,
    });

    expect(containing(join(work, 'dist', 'server')).length).toBeGreaterThan(0);
    expect(containing(join(work, 'dist', 'client'))).toEqual([]);
    // The page does carry the quiz itself: the test would be empty if the quiz were not rendered.
    const page = readFileSync(join(work, 'dist', 'client', 'why-isolate', 'index.html'), 'utf8');
    expect(page).toContain('container-kernel');
    const lab = readFileSync(join(work, 'dist', 'client', 'containers', 'index.html'), 'utf8');
    expect(lab).toContain('out-of-memory');
    const operations = readFileSync(join(work, 'dist', 'client', 'operations', 'index.html'), 'utf8');
    expect(operations).toContain('rollback');
  }, 300_000);
});
