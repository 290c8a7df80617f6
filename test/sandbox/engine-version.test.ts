import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR, goldenHash } from '../../scripts/engine-version-hash.mjs';
import { ENGINE_VERSION } from '../../src/sandbox/sandbox';

// A transcript saved under one engine version and replayed under another can show output the
// learner never saw, so output may change only together with ENGINE_VERSION. Each version records
// the hash of the golden outputs it gives; a change of output needs a new version and a new entry.
describe('engine version discipline', () => {
  const versions: { engine: string; goldens: string }[] = JSON.parse(
    readFileSync(join(GOLDEN_DIR, 'engine-versions.json'), 'utf8'),
  );

  it('names each engine version once', () => {
    expect(new Set(versions.map((v) => v.engine)).size).toBe(versions.length);
  });

  it('records the current version last, with the golden output it gives', () => {
    const current = versions[versions.length - 1];
    expect(current?.engine, 'ENGINE_VERSION changed: add its entry to engine-versions.json').toBe(
      ENGINE_VERSION,
    );
    expect(
      goldenHash(),
      'golden output changed: bump ENGINE_VERSION (src/sandbox/sandbox.ts) and add an entry with the hash `node scripts/engine-version-hash.mjs` prints',
    ).toBe(current?.goldens);
  });
});
