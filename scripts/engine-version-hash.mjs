// The hash of the golden outputs that test/sandbox/engine-version.test.ts compares with
// test/sandbox/golden/engine-versions.json. Run it to print the hash for a new ENGINE_VERSION's
// entry, after a reviewed UPDATE_GOLDEN.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const GOLDEN_DIR = join(import.meta.dirname, '..', 'test', 'sandbox', 'golden');

/** SHA-256 over every golden transcript's name and recorded output. */
export function goldenHash() {
  const hash = createHash('sha256');
  for (const name of readdirSync(GOLDEN_DIR)
    .filter((n) => n.endsWith('.out'))
    .sort())
    hash.update(`${name}\0${readFileSync(join(GOLDEN_DIR, name), 'utf8')}\0`);
  return hash.digest('hex');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(goldenHash());
