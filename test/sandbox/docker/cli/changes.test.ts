import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

// docker/cli v28.5.1 cli/command/container/cp.go: progress goes to stderr, and only when stdout
// is a terminal unless --quiet says otherwise.
describe('docker cp', () => {
  it('copies quietly when its output is not a terminal, and reports on stderr when asked', async () => {
    const s = Sandbox.create({ seed: 5 });
    await s.run(
      "docker pull -q busybox >/dev/null && docker run --name cc busybox sh -c 'echo inside > /note.txt'",
    );
    expect(await s.run('docker cp cc:/note.txt . && cat note.txt')).toBe('inside\n');
    expect(await s.run('docker cp --quiet=false cc:/note.txt copy.txt 2>/dev/null')).toBe('');
    expect(await s.run('docker cp --quiet=false note.txt cc:/back.txt 2>&1')).toBe(
      'Successfully copied 2.05kB to cc:/back.txt\n',
    );
  });
});
