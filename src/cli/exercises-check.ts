/**
 * `npm run exercises:check`: validates every exercise in exercises/ and proves its checks are
 * meaningful (the untouched start fails every task, and the reference solution passes each), then
 * validates every quiz in exercises/quizzes/ (keys that parse, ids that match file names).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseExercise, selfCheck } from '../grading/exercises.ts';
import { parseQuiz } from '../grading/quiz.ts';

const dir = new URL('../../exercises/', import.meta.url);
let passed = 0;
let failed = 0;

function report(file: string, problems: string[]) {
  if (problems.length === 0) {
    passed++;
    console.log(`ok   ${file}`);
  } else {
    failed++;
    console.log(`FAIL ${file}`);
    for (const p of problems) console.log(`     ${p}`);
  }
}

for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  let problems: string[];
  try {
    const parsed = parseExercise(parse(readFileSync(new URL(file, dir), 'utf8')), file);
    problems = parsed.ok ? await selfCheck(parsed.exercise) : [parsed.error];
  } catch (error) {
    problems = [`${file}: ${error instanceof Error ? error.message : String(error)}`];
  }
  report(file, problems);
}

const quizDir = new URL('quizzes/', dir);
for (const file of readdirSync(quizDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  const name = `quizzes/${file}`;
  try {
    const parsed = parseQuiz(parse(readFileSync(new URL(file, quizDir), 'utf8')), name);
    if (!parsed.ok) report(name, [parsed.error]);
    else if (`${parsed.quiz.id}.yaml` !== file)
      report(name, [`${name}: the id "${parsed.quiz.id}" must match the file name`]);
    else report(name, []);
  } catch (error) {
    report(name, [`${name}: ${error instanceof Error ? error.message : String(error)}`]);
  }
}
console.log(`exercises and quizzes: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
