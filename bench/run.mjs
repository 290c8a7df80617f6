// Runs every benchmark in bench/ (files named *.ts other than helpers) and prints one JSON line each.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv[2];
const benches = readdirSync(new URL('.', import.meta.url)).filter(
  (f) => f.endsWith('.ts') && (!only || f.startsWith(only)),
);
let failed = false;
for (const file of benches) {
  const { status } = spawnSync(process.execPath, [new URL(file, import.meta.url).pathname], {
    stdio: 'inherit',
  });
  if (status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
