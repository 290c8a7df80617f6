import { describe, expect, it } from 'vitest';
import { clear } from '../../../src/sandbox/commands/clear.ts';
import { date } from '../../../src/sandbox/commands/date.ts';
import { dd } from '../../../src/sandbox/commands/dd.ts';
import { df } from '../../../src/sandbox/commands/df.ts';
import { env, printenv } from '../../../src/sandbox/commands/env.ts';
import { free } from '../../../src/sandbox/commands/free.ts';
import { hostname, id, whoami } from '../../../src/sandbox/commands/identity.ts';
import { coreutils, shellBuiltins } from '../../../src/sandbox/commands/index.ts';
import { kill } from '../../../src/sandbox/commands/kill.ts';
import { ps } from '../../../src/sandbox/commands/ps.ts';
import { seq } from '../../../src/sandbox/commands/seq.ts';
import { shellProgram } from '../../../src/sandbox/commands/sh.ts';
import { sleep } from '../../../src/sandbox/commands/sleep.ts';
import { testProgram } from '../../../src/sandbox/commands/test.ts';
import { uname } from '../../../src/sandbox/commands/uname.ts';
import { uptime } from '../../../src/sandbox/commands/uptime.ts';
import { which } from '../../../src/sandbox/commands/which.ts';
import type { Program } from '../../../src/sandbox/shell/program.ts';
import { NOW, run } from './context.ts';

function builtin(name: string): Program {
  const program = shellBuiltins('bash')[name];
  if (!program) throw new Error(`no builtin ${name}`);
  return program;
}

function pick(all: Record<string, Program>, ...names: string[]): Record<string, Program> {
  return Object.fromEntries(names.map((n) => [n, all[n] as Program]));
}

describe('identity', () => {
  it('uname -a in GNU and BusyBox form', async () => {
    expect((await run(uname('gnu'), ['uname', '-a'])).out).toBe(
      'Linux quayside 6.8.0-45-generic #45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024 x86_64 x86_64 x86_64 GNU/Linux\n',
    );
    expect((await run(uname('busybox'), ['uname', '-a'])).out).toBe(
      'Linux quayside 6.8.0-45-generic #45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024 x86_64 Linux\n',
    );
    expect((await run(uname('gnu'), ['uname'])).out).toBe('Linux\n');
    expect((await run(uname('gnu'), ['uname', '-rm'])).out).toBe('6.8.0-45-generic x86_64\n');
  });
  it('hostname, whoami, id', async () => {
    expect((await run(hostname('gnu'), ['hostname'])).out).toBe('quayside\n');
    expect((await run(whoami('gnu'), ['whoami'])).out).toBe('learner\n');
    expect((await run(id('gnu'), ['id'])).out).toBe(
      'uid=1000(learner) gid=1000(learner) groups=1000(learner),27(sudo),999(docker)\n',
    );
    expect((await run(id('gnu'), ['id', '-un'])).out).toBe('learner\n');
    expect((await run(id('gnu'), ['id', 'root'])).out).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect((await run(id('gnu'), ['id', 'ghost'])).err).toBe('id: ‘ghost’: no such user\n');
  });
});

describe('ps and kill', () => {
  it('default ps shows this terminal', async () => {
    expect((await run(ps('gnu'), ['ps'])).out).toBe(
      '    PID TTY          TIME CMD\n   1234 pts/0    00:00:00 bash\n   1300 pts/0    00:00:00 ps\n',
    );
  });
  it('ps -ef', async () => {
    const lines = (await run(ps('gnu'), ['ps', '-ef'])).out.split('\n');
    expect(lines[0]).toBe('UID          PID    PPID  C STIME TTY          TIME CMD');
    expect(lines[1]).toBe('root           1       0  0 14:05 ?        00:00:01 /sbin/init');
    expect(lines[3]).toBe('learner     1234       1  0 15:55 pts/0    00:00:00 -bash');
  });
  it('ps aux, cut to the terminal width', async () => {
    const r = await run(ps('gnu'), ['ps', 'aux'], { tty: true, columns: 60 });
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(
      'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND'.slice(0, 60),
    );
    expect(lines[2]).toBe(
      'root         742  0.8  1.0 2104440 80212 ?        Ssl  14:05   1:01 /usr/bin/dockerd -H fd://'.slice(
        0,
        60,
      ),
    );
  });
  it('BusyBox ps', async () => {
    expect((await run(ps('busybox'), ['ps', 'aux'])).out.split('\n').slice(0, 2)).toEqual([
      'PID   USER     TIME  COMMAND',
      '    1 root      0:01 /sbin/init',
    ]);
  });
  it('kill sends signals and reports errors', async () => {
    const r = await run(kill('gnu'), ['kill', '-9', '1234']);
    expect(r.h.killed).toEqual([[1234, 9]]);
    const s = await run(kill('gnu'), ['kill', '-s', 'HUP', '1234']);
    expect(s.h.killed).toEqual([[1234, 1]]);
    const missing = await run(kill('gnu'), ['kill', '4242']);
    expect(missing.err).toBe('kill: (4242) - No such process\n');
    expect(missing.status).toBe(1);
    expect((await run(kill('gnu'), ['kill', '1'])).err).toBe('kill: (1) - Operation not permitted\n');
    expect((await run(kill('gnu'), ['kill', '-l', '9'])).out).toBe('KILL\n');
    expect((await run(kill('busybox'), ['kill', '4242'])).err).toBe(
      "kill: can't kill pid 4242: No such process\n",
    );
  });
});

describe('free, df, uptime', () => {
  it('free in KiB and human units', async () => {
    expect((await run(free('gnu'), ['free'])).out).toBe(
      '               total        used        free      shared  buff/cache   available\n' +
        'Mem:         8388608     1464843     4882812       12288     1747983     6250000\n' +
        'Swap:        2097152           0     2097152\n',
    );
    expect((await run(free('gnu'), ['free', '-h'])).out.split('\n')[1]).toBe(
      'Mem:           8.0Gi       1.4Gi       4.7Gi        12Mi       1.7Gi       6.0Gi',
    );
  });
  it('BusyBox free', async () => {
    expect((await run(free('busybox'), ['free'])).out.split('\n').slice(0, 2)).toEqual([
      '              total        used        free      shared  buff/cache   available',
      'Mem:        8388608     1757813     4882813       12288     1747983     6250000',
    ]);
  });
  it('df with GNU widths', async () => {
    expect((await run(df('gnu'), ['df', '-h'])).out).toBe(
      'Filesystem      Size  Used Avail Use% Mounted on\n/dev/sda1        59G   12G   47G  21% /\n',
    );
    expect((await run(df('gnu'), ['df'])).out).toBe(
      'Filesystem     1K-blocks     Used Available Use% Mounted on\n/dev/sda1       61255492 12339992  48915500  21% /\n',
    );
    expect((await run(df('gnu'), ['df', 'nope'])).err).toBe('df: nope: No such file or directory\n');
  });
  it('uptime', async () => {
    expect((await run(uptime('gnu'), ['uptime'])).out).toBe(
      ' 16:05:00 up  2:02,  1 user,  load average: 0.08, 0.03, 0.01\n',
    );
    expect((await run(uptime('busybox'), ['uptime'])).out).toBe(
      ' 16:05:00 up  2:02,  load average: 0.08, 0.03, 0.01\n',
    );
    expect((await run(uptime('gnu'), ['uptime', '-p'])).out).toBe('up 2 hours, 2 minutes\n');
  });
});

describe('dd, sleep, date', () => {
  it('dd writes a blob and prints GNU statistics', async () => {
    const r = await run(dd('gnu'), ['dd', 'if=/dev/zero', 'of=big', 'bs=1M', 'count=100']);
    expect(r.h.fs.stat('/home/learner/big')).toMatchObject({ type: 'file', size: 104857600 });
    const lines = r.err.split('\n');
    expect(lines[0]).toBe('100+0 records in');
    expect(lines[1]).toBe('100+0 records out');
    expect(lines[2]).toMatch(/^104857600 bytes \(105 MB, 100 MiB\) copied, 0\.0\d+ s, [12]\.\d GB\/s$/);
    expect(r.h.clock()).toBeGreaterThan(NOW + 40);
  });
  it('dd rejects bad numbers', async () => {
    expect((await run(dd('gnu'), ['dd', 'bs=x'])).err).toBe('dd: invalid number: ‘x’\n');
  });
  it('sleep waits in virtual time and validates', async () => {
    const r = await run(sleep('gnu'), ['sleep', '1.5', '1m']);
    expect(r.h.clock()).toBe(NOW + 61_500);
    const bad = await run(sleep('gnu'), ['sleep', 'x']);
    expect(bad.err).toBe("sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n");
    expect(bad.status).toBe(1);
  });
  it('date formats', async () => {
    expect((await run(date('gnu'), ['date'])).out).toBe('Mon Nov 23 16:05:00 UTC 2026\n');
    expect((await run(date('gnu'), ['date', '+%Y-%m-%d %H:%M:%S %s'])).out).toBe(
      `2026-11-23 16:05:00 ${NOW / 1000}\n`,
    );
    expect((await run(date('gnu'), ['date', '-I'])).out).toBe('2026-11-23\n');
    expect((await run(date('gnu'), ['date', '-Iseconds'])).out).toBe('2026-11-23T16:05:00+00:00\n');
    expect((await run(date('gnu'), ['date', '-d', '@0', '-u'])).out).toBe('Thu Jan  1 00:00:00 UTC 1970\n');
    expect((await run(date('gnu'), ['date', '-d', 'bogus'])).err).toBe('date: invalid date ‘bogus’\n');
  });
});

describe('test, which, env, seq, clear, sh', () => {
  it('test and [ evaluate POSIX expressions', async () => {
    const t = testProgram('gnu');
    expect((await run(t, ['test', '-f', 'notes.txt'])).status).toBe(0);
    expect((await run(t, ['test', '-d', 'notes.txt'])).status).toBe(1);
    expect((await run(t, ['[', '1', '-lt', '2', '-a', '!', '-z', 'x', ']'])).status).toBe(0);
    expect((await run(t, ['[', '(', 'a', '=', 'b', ')', '-o', 'x', '!=', 'y', ']'])).status).toBe(0);
    expect((await run(t, ['test'])).status).toBe(1);
    const missing = await run(builtin('['), ['[', '1', '=', '1']);
    expect(missing.err).toBe("bash: [: missing `]'\n");
    expect(missing.status).toBe(2);
    const integer = await run(builtin('test'), ['test', 'a', '-eq', '1']);
    expect(integer.err).toBe('bash: test: a: integer expression expected\n');
    expect((await run(t, ['[', 'a', '-eq', '1', ']'])).err).toBe('[: invalid integer ‘a’\n');
  });
  it('which finds executables on PATH', async () => {
    expect((await run(which('gnu'), ['which', 'ls'])).out).toBe('/bin/ls\n');
    expect((await run(which('gnu'), ['which', '-a', 'env'])).out).toBe('/usr/bin/env\n/bin/env\n');
    const missing = await run(which('gnu'), ['which', 'nope']);
    expect(missing.out).toBe('');
    expect(missing.status).toBe(1);
  });
  it('env and printenv', async () => {
    expect((await run(env('gnu'), ['env'])).out).toBe(
      'HOME=/home/learner\nPATH=/usr/bin:/bin\nUSER=learner\nLANG=C.UTF-8\n',
    );
    expect((await run(printenv('gnu'), ['printenv', 'USER', 'NOPE'])).out).toBe('learner\n');
    expect((await run(printenv('gnu'), ['printenv', 'NOPE'])).status).toBe(1);
    const programs = coreutils('gnu');
    const r = await run(env('gnu'), ['env', 'GREETING=hi', 'printenv', 'GREETING'], {
      programs: pick(programs, 'env', 'grep'),
    });
    expect(r.status).toBe(127);
    expect(r.err).toBe('env: ‘printenv’: No such file or directory\n');
  });
  it('env runs a command with the changed environment', async () => {
    const programs = coreutils('gnu');
    const layerRun = await run(env('gnu'), ['env', 'GREETING=hi', 'sh', '-c', 'echo $GREETING'], {
      programs: pick(programs, 'sh'),
      builtins: shellBuiltins('bash'),
    });
    expect(layerRun.out).toBe('hi\n');
  });
  it('seq', async () => {
    expect((await run(seq('gnu'), ['seq', '3'])).out).toBe('1\n2\n3\n');
    expect((await run(seq('gnu'), ['seq', '-s', ',', '2', '2', '8'])).out).toBe('2,4,6,8\n');
    expect((await run(seq('gnu'), ['seq', '-w', '8', '10'])).out).toBe('08\n09\n10\n');
    expect((await run(seq('gnu'), ['seq', '0', '0.5', '1'])).out).toBe('0.0\n0.5\n1.0\n');
    expect((await run(seq('gnu'), ['seq', 'x'])).err).toBe(
      "seq: invalid floating point argument: ‘x’\nTry 'seq --help' for more information.\n",
    );
  });
  it('clear', async () => {
    expect((await run(clear('gnu'), ['clear'])).out).toBe('\x1b[H\x1b[2J\x1b[3J');
  });
  it('sh -c, scripts, and interactive sessions', async () => {
    const r = await run(shellProgram('bash', shellBuiltins('bash')), ['bash', '-c', 'echo hello'], {
      builtins: shellBuiltins('bash'),
    });
    expect(r.out).toBe('hello\n');
    const missing = await run(shellProgram('bash', shellBuiltins('bash')), ['bash', 'nope.sh']);
    expect(missing.err).toBe('bash: nope.sh: No such file or directory\n');
    expect(missing.status).toBe(127);
    const ash = await run(shellProgram('ash', shellBuiltins('ash')), ['sh', 'nope.sh']);
    expect(ash.err).toBe("sh: can't open 'nope.sh': No such file or directory\n");
    const h = await run(shellProgram('ash', shellBuiltins('ash')), ['sh']);
    expect(h.h.sessions).toHaveLength(0);
  });
});
