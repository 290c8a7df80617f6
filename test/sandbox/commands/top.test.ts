import { describe, expect, it } from 'vitest';
import { top } from '../../../src/sandbox/commands/top.ts';
import { run } from './context.ts';

// The layout is procps-ng 4.0's batch mode (`top -bn1` on Debian 12: the summary, a blank line,
// the header, rows cut at 79 columns with `+`; a blank line between frames) with Ubuntu's 7-wide
// PID column, and BusyBox 1.35's; the figures are the test machine's (context.ts).
describe('top -b', () => {
  it('prints one procps frame: summary, header and the processes by CPU use', async () => {
    const r = await run(top('gnu'), ['top', '-bn1']);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('top - 16:05:00 up  2:02,  1 user,  load average: 0.08, 0.03, 0.01');
    expect(lines[1]).toBe('Tasks:   4 total,   1 running,   3 sleeping,   0 stopped,   0 zombie');
    expect(lines[2]).toMatch(
      /^%Cpu\(s\): {2}\d\.\d us, {2}\d\.\d sy, {2}0\.0 ni, ?\d+\.\d id, {2}0\.0 wa, {2}0\.0 hi, {2}0\.0 si, {2}0\.0 st $/,
    );
    expect(lines[3]).toBe('MiB Mem :   8192.0 total,   4768.4 free,   1430.5 used,   1707.0 buff/cache     ');
    expect(lines[4]).toBe('MiB Swap:   2048.0 total,   2048.0 free,      0.0 used.   6103.5 avail Mem ');
    expect(lines[5]).toBe('');
    expect(lines[6]).toBe('    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND');
    expect(lines[7]).toBe('    742 root      20   0 2104440  80212  48127 S   0.8   1.0   1:01.00 dockerd');
    expect(lines.slice(8, 11).map((l) => l.trim().split(/\s+/)[0])).toEqual(['1', '1234', '1300']);
    expect(lines[11]).toBe('');
    expect(lines).toHaveLength(12);
    expect(r.status).toBe(0);
  });

  it('cuts a long command at 79 columns with +, and separates frames with a blank line', async () => {
    const r = await run(top('gnu'), ['top', '-b', '-c', '-n', '2', '-d', '1', '-p', '742']);
    const frames = r.out.split('\n\ntop - ');
    expect(frames).toHaveLength(2);
    const row = r.out.split('\n')[7] as string;
    expect(row).toBe('    742 root      20   0 2104440  80212  48127 S   0.8   1.0   1:01.00 /usr/bi+');
    expect(row.length).toBe(79);
    expect(r.h.clock() - 1000).toBeGreaterThan(0);
  });

  it('rejects what procps rejects', async () => {
    const r = await run(top('gnu'), ['top', '-n', 'x']);
    expect(r.err.split('\n')[0]).toBe("top: bad iterations argument 'x'");
    expect(r.status).toBe(1);
  });

  it('prints BusyBox frames', async () => {
    const r = await run(top('busybox'), ['top', '-bn1']);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Mem: 3505795K used, 4882812K free, 12288K shrd, 27312K buff, 1720670K cached');
    expect(lines[1]).toMatch(/^CPU: +\d+% usr +\d+% sys +0% nic +\d+% idle +0% io +0% irq +0% sirq$/);
    expect(lines[2]).toBe('Load average: 0.08 0.03 0.01 1/123 1300');
    expect(lines[3]).toBe('  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND');
    expect(lines[4]).toBe('  742     1 root     Ssl  2055m  25%   0% /usr/bin/dockerd -H fd://');
    expect(r.out.endsWith('\n\n')).toBe(true);
  });
});
