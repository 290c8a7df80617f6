// The server the end-to-end tests run against: a fresh PGlite data directory with one instructor,
// created with the CLI before the server starts (as a real deployment does), then `scripts/start.mjs`.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export const INSTRUCTOR = {
  email: 'instructor@example.com',
  name: 'Iris Instructor',
  password: 'an instructor password',
};

process.env.QUAYSIDE_DATA_DIR = '.test-results/e2e-data';
rmSync(process.env.QUAYSIDE_DATA_DIR, { recursive: true, force: true });
const created = spawnSync(
  process.execPath,
  ['src/cli/instructor.ts', '--email', INSTRUCTOR.email, '--name', INSTRUCTOR.name],
  { input: `${INSTRUCTOR.password}\n`, stdio: ['pipe', 'inherit', 'inherit'] },
);
if (created.status !== 0) process.exit(created.status ?? 1);
await import('../../scripts/start.mjs');
