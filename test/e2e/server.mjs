// The server the end-to-end tests run against: a fresh PGlite data directory with one instructor,
// created with the CLI before the server starts (as a real deployment does), then `scripts/start.mjs`.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { INSTRUCTOR, LTI_INVITE_FILE } from './instructor.mjs';

process.env.QUAYSIDE_DATA_DIR = '.test-results/e2e-data';
rmSync(process.env.QUAYSIDE_DATA_DIR, { recursive: true, force: true });
const created = spawnSync(
  process.execPath,
  ['src/cli/instructor.ts', '--email', INSTRUCTOR.email, '--name', INSTRUCTOR.name],
  { input: `${INSTRUCTOR.password}\n`, stdio: ['pipe', 'inherit', 'inherit'] },
);
if (created.status !== 0) process.exit(created.status ?? 1);
// A site administrator's one-time LTI registration links, one per platform test/e2e/lti.spec.ts registers.
const invites = [1, 2].map(() => {
  const invite = spawnSync(
    process.execPath,
    ['src/cli/lti.ts', 'invite', '--site', `http://${process.env.HOST}:${process.env.PORT}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (invite.status !== 0) process.exit(invite.status ?? 1);
  return invite.stdout.split('\n')[0];
});
writeFileSync(LTI_INVITE_FILE, invites.join('\n'));
await import('../../scripts/start.mjs');
