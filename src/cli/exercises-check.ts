/**
 * `npm run exercises:check`: validates every exercise in exercises/ and proves its checks are
 * meaningful: the untouched start fails every task, and the reference solution passes each.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseExercise, selfCheck } from '../grading/exercises.ts';

const dir = new URL('../../exercises/', import.meta.url);
let passed = 0;
let failed = 0;
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
  if (problems.length === 0) {
    passed++;
    console.log(`ok   ${file}`);
  } else {
    failed++;
    console.log(`FAIL ${file}`);
    for (const p of problems) console.log(`     ${p}`);
  }
}
console.log(`exercises: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
