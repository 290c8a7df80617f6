import { describe, expect, it } from 'vitest';
import { ps } from '../../../src/sandbox/commands/ps.ts';
import { run } from './context.ts';

// Column names, headers, widths and alignment follow procps-ng 4.0 (`ps -o` on Debian 12), with
// Ubuntu's 7-wide PID column; the processes are the test machine's (context.ts).
describe('ps -o', () => {
  it('prints the chosen columns, headers right-aligned over numbers', async () => {
    const r = await run(ps('gnu'), ['ps', '-eo', 'pid,ppid,user,comm,stat,rss']);
    expect(r.out).toBe(
      [
        '    PID    PPID USER     COMMAND         STAT   RSS',
        '      1       0 root     init            Ss   11520',
        '    742       1 root     dockerd         Ssl  80212',
        '   1234       1 learner  bash            Ss    5200',
        '   1300    1234 learner  ps              R+    4200',
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(0);
  });

  it('drops the header when every column is named empty, and names headers with =', async () => {
    expect((await run(ps('gnu'), ['ps', '-o', 'pid=', '-o', 'comm=', '-p', '742'])).out).toBe(
      '    742 dockerd\n',
    );
    expect((await run(ps('gnu'), ['ps', '-p', '1', '-o', 'pid=ID,comm'])).out).toBe(
      '     ID COMMAND\n      1 init\n',
    );
    expect((await run(ps('gnu'), ['ps', '-p', '1', '-o', 'pid=PROCESS_IDENTIFIER'])).out).toBe(
      'PROCESS_IDENTIFIER\n                 1\n',
    );
  });

  it('cuts a command line that is not the last column, and sorts with --sort', async () => {
    const r = await run(ps('gnu'), ['ps', '-e', '-o', 'args,pid', '--sort=-pid']);
    expect(r.out).toBe(
      [
        'COMMAND                         PID',
        'ps                             1300',
        '-bash                          1234',
        '/usr/bin/dockerd -H fd://       742',
        '/sbin/init                        1',
        '',
      ].join('\n'),
    );
    const bsd = await run(ps('gnu'), ['ps', 'axo', 'pid,%mem,etime,time,tty', '--sort', '-rss']);
    expect(bsd.out.split('\n')[0]).toBe('    PID %MEM     ELAPSED     TIME TT');
    expect(bsd.out.split('\n')[1]).toBe('    742  1.0    01:59:55 00:01:01 ?');
  });

  it('refuses an unknown column as procps does', async () => {
    const r = await run(ps('gnu'), ['ps', '-o', 'pid,bogus']);
    expect(r.err.split('\n')[0]).toBe('error: unknown user-defined format specifier "bogus"');
    expect(r.status).toBe(1);
  });
});

// BusyBox 1.37's procps/ps.c: `pid,user,time,args` by default, each column padded to its width
// and one space, the last one not.
describe('BusyBox ps -o', () => {
  it('prints the default columns, and only those -o names', async () => {
    const plain = await run(ps('busybox'), ['ps']);
    expect(plain.out.split('\n').slice(0, 2)).toEqual([
      'PID   USER     TIME  COMMAND',
      '    1 root      0:01 /sbin/init',
    ]);
    const chosen = await run(ps('busybox'), ['ps', '-o', 'pid,args']);
    expect(chosen.out).toBe(
      [
        'PID   COMMAND',
        '    1 /sbin/init',
        '  742 /usr/bin/dockerd -H fd://',
        ' 1234 -bash',
        ' 1300 ps',
        '',
      ].join('\n'),
    );
    expect((await run(ps('busybox'), ['ps', '-oargs'])).out.split('\n')[1]).toBe('/sbin/init');
  });

  it('names a header with =, widening the column to it, and refuses an unknown column', async () => {
    const named = await run(ps('busybox'), ['ps', '-o', 'pid=ID,comm']);
    expect(named.out.split('\n').slice(0, 3)).toEqual(['ID COMMAND', ' 1 init', '742 dockerd']);
    const bad = await run(ps('busybox'), ['ps', '-o', 'pid,bogus']);
    expect(bad.err).toBe(
      "ps: bad -o argument 'bogus', supported arguments: user,group,comm,args,pid,ppid,pgid,etime,nice,rgroup,ruser,time,tty,vsz,sid,stat,rss\n",
    );
    expect(bad.status).toBe(1);
  });
});
