import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../src/sandbox/sandbox';

// Each golden/NAME.sh is a learner session; golden/NAME.out is exactly what the terminal shows
// (without prompts). NAME.desktop.sh runs on the desktop machine (VirtualBox) instead of the KVM
// server. UPDATE_GOLDEN=1 rewrites the .out files: review every change by eye.
const dir = join(__dirname, 'golden');
const sessions = readdirSync(dir).filter((f) => f.endsWith('.sh'));

describe('golden transcripts', () => {
  it.each(sessions)('%s', async (file) => {
    const input = readFileSync(join(dir, file), 'utf8');
    const sandbox = Sandbox.create({
      seed: file,
      machine: file.endsWith('.desktop.sh') ? 'desktop' : 'server',
    });
    const output = await sandbox.run(input);
    const expectedPath = join(dir, file.replace(/\.sh$/, '.out'));
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedPath, output);
    expect(output).toBe(readFileSync(expectedPath, 'utf8'));
  });
});
