import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox';

describe('grep with patterns that make backtracking engines exponential', () => {
  it('answers ^(a+)+$ at once', async () => {
    const sandbox = Sandbox.create({ seed: 'grep-patterns' });
    const start = performance.now();
    const out = await sandbox.run(
      "printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\n' | grep -E '^(a+)+$'\necho \"status $?\"\n",
    );
    expect(out).toBe('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nstatus 0\n');
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('says "stack overflow" and exits 2 when a backreference search runs out of steps', async () => {
    const sandbox = Sandbox.create({ seed: 'grep-patterns' });
    const line = 'a'.repeat(60);
    const out = await sandbox.run(`printf '${line}\\n' | grep '^\\(a*\\)*\\1\\1\\1b$'\necho "status $?"\n`);
    expect(out).toBe('grep: stack overflow\nstatus 2\n');
  });
});
