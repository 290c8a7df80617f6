import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

// moby v28.5.1 daemon/top_unix.go: the host's ps with the options given (-ef by default) and
// `-q` the container's PIDs; the rows whose PID column names one of them.
describe('docker top', () => {
  it('passes ps options on and keeps the columns ps prints', async () => {
    const s = Sandbox.create({ seed: 9 });
    await s.run('docker pull -q busybox >/dev/null && docker run -d --name tp busybox sleep 300');
    const table = await s.run('docker top tp -o pid,comm');
    expect(table.split('\n')[0]?.split(/\s+/)).toEqual(['PID', 'COMMAND']);
    expect(table.split('\n')[1]).toMatch(/^\d+ +sleep$/);
    expect((await s.run('docker top tp')).split('\n')[0]?.split(/\s+/)).toEqual([
      'UID',
      'PID',
      'PPID',
      'C',
      'STIME',
      'TTY',
      'TIME',
      'CMD',
    ]);
    expect(await s.run('docker top tp -o nosuch; echo $?')).toMatch(
      /^Error response from daemon: ps: error: unknown user-defined format specifier "nosuch"\n1\n$/,
    );
  });
});
