// Runs every check the project has, in order, and ends with one summary line:
// lint and types, exercise and quiz self-checks, unit tests (vitest), the real machine's image, a
// production build, end-to-end tests (Playwright), and whole-system tests (test/system/: the
// answer-key sentinel build, load and faults, the real machine booted in v86).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = '.test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const steps = [
  ['lint', 'biome', ['check', '.']],
  ['types', 'astro', ['check']],
  ['exercises', 'node', ['src/cli/exercises-check.ts']],
  [
    'unit',
    'vitest',
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/unit.json`],
  ],
  // The real-machine lab's kernel, initramfs and BIOS, from pinned Debian packages (cached).
  ['vm-image', 'node', ['src/cli/vm-image.ts']],
  ['build', 'astro', ['build']],
  ['e2e', 'playwright', ['test']],
  [
    'system',
    'vitest',
    [
      'run',
      '--config',
      'vitest.system.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${results}/system.json`,
    ],
  ],
];

let failedStep;
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', shell: false });
  if (status !== 0) {
    failedStep = name;
    break;
  }
}

const count = (file, pick) => (existsSync(file) ? pick(JSON.parse(readFileSync(file, 'utf8'))) : [0, 0]);
const vitestCounts = (r) => [r.numPassedTests, r.numFailedTests];
const [unitPassed, unitFailed] = count(`${results}/unit.json`, vitestCounts);
const [systemPassed, systemFailed] = count(`${results}/system.json`, vitestCounts);
const [e2ePassed, e2eFailed] = count(`${results}/e2e.json`, (r) => [
  r.stats.expected + r.stats.flaky,
  r.stats.unexpected,
]);
const passed = unitPassed + e2ePassed + systemPassed;
const failed = unitFailed + e2eFailed + systemFailed;

if (failedStep) console.error(`\nThe ${failedStep} step failed.`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedStep || failed > 0 || passed === 0 ? 1 : 0);
