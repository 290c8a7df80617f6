import { describe, expect, it } from 'vitest';
import { cat } from '../../../src/sandbox/commands/cat.ts';
import { cut } from '../../../src/sandbox/commands/cut.ts';
import { echo } from '../../../src/sandbox/commands/echo.ts';
import { grep } from '../../../src/sandbox/commands/grep.ts';
import { head } from '../../../src/sandbox/commands/head.ts';
import { printf } from '../../../src/sandbox/commands/printf.ts';
import { sort } from '../../../src/sandbox/commands/sort.ts';
import { tail } from '../../../src/sandbox/commands/tail.ts';
import { tee } from '../../../src/sandbox/commands/tee.ts';
import { tr } from '../../../src/sandbox/commands/tr.ts';
import { uniq } from '../../../src/sandbox/commands/uniq.ts';
import { wc } from '../../../src/sandbox/commands/wc.ts';
import { run } from './context.ts';

describe('cat', () => {
  it('concatenates and numbers lines', async () => {
    const r = await run(cat('gnu'), ['cat', '-n', 'notes.txt']);
    expect(r.out).toBe('     1\talpha\n     2\tbeta\n     3\tgamma\n');
  });
  it('reports missing files and directories', async () => {
    const r = await run(cat('gnu'), ['cat', 'nope', 'project', 'notes.txt']);
    expect(r.err).toBe('cat: nope: No such file or directory\ncat: project: Is a directory\n');
    expect(r.out).toBe('alpha\nbeta\ngamma\n');
    expect(r.status).toBe(1);
  });
  it('uses BusyBox wording', async () => {
    const r = await run(cat('busybox'), ['cat', 'nope']);
    expect(r.err).toBe("cat: can't open 'nope': No such file or directory\n");
  });
  it('reads standard input and /proc', async () => {
    expect((await run(cat('gnu'), ['cat'], { stdin: 'piped\n' })).out).toBe('piped\n');
    expect((await run(cat('gnu'), ['cat', '/proc/loadavg'])).out).toBe('0.08 0.03 0.01 1/123 1300\n');
  });
});

describe('echo and printf', () => {
  it('echo handles -n, -e and unknown options', async () => {
    expect((await run(echo('gnu'), ['echo', '-n', 'a', 'b'])).out).toBe('a b');
    expect((await run(echo('gnu'), ['echo', '-e', 'a\\tb\\n'])).out).toBe('a\tb\n\n');
    expect((await run(echo('gnu'), ['echo', '-z', 'x'])).out).toBe('-z x\n');
    expect((await run(echo('gnu'), ['echo', '-e', 'stop\\chere'])).out).toBe('stop');
  });
  it('printf rounds exact ties to even and reads 0.5 as a number (as coreutils 9.1 printed)', async () => {
    const r = await run(printf('gnu'), [
      'printf',
      '%.1f %.0f %.0f %.2f %g %d %d %.1f\\n',
      '2.25',
      '2.5',
      '3.5',
      '2.675',
      '0.00012345',
      '010',
      '0x1f',
      '0.5',
    ]);
    expect(r.out).toBe('2.2 2 4 2.67 0.00012345 8 31 0.5\n');
    expect(r.err).toBe('');
  });
  it('printf formats with widths, precision and reuse', async () => {
    expect(
      (
        await run(printf('gnu'), [
          'printf',
          '%-5s|%5d|%05.1f|%x|%o|%c|%%\\n',
          'ab',
          '42',
          '3.14159',
          '255',
          '8',
          'xyz',
        ])
      ).out,
    ).toBe('ab   |   42|003.1|ff|10|x|%\n');
    expect((await run(printf('gnu'), ['printf', '%s=%s\\n', 'a', '1', 'b'])).out).toBe('a=1\nb=\n');
    expect((await run(printf('gnu'), ['printf', '%b', 'x\\ty\\n'])).out).toBe('x\ty\n');
    expect((await run(printf('gnu'), ['printf', '%.3s %i\\n', 'abcdef', '-7'])).out).toBe('abc -7\n');
  });
  it('printf complains about bad numbers and a missing format', async () => {
    const bad = await run(printf('gnu'), ['printf', '%d\\n', 'abc']);
    expect(bad.out).toBe('0\n');
    expect(bad.err).toBe("printf: 'abc': expected a numeric value\n");
    expect(bad.status).toBe(1);
    const none = await run(printf('gnu'), ['printf']);
    expect(none.err).toBe("printf: missing operand\nTry 'printf --help' for more information.\n");
  });
});

describe('head and tail', () => {
  const input = `${Array.from({ length: 15 }, (_, i) => `line ${i + 1}`).join('\n')}\n`;
  it('head -n, -N and -c', async () => {
    expect((await run(head('gnu'), ['head', '-n', '2'], { stdin: input })).out).toBe('line 1\nline 2\n');
    expect((await run(head('gnu'), ['head', '-3'], { stdin: input })).out).toBe('line 1\nline 2\nline 3\n');
    expect((await run(head('gnu'), ['head', '-c', '4', 'notes.txt'])).out).toBe('alph');
  });
  it('head prints headers for several files and errors for missing ones', async () => {
    const r = await run(head('gnu'), ['head', '-n1', 'notes.txt', 'nope', 'project/README.md']);
    expect(r.out).toBe('==> notes.txt <==\nalpha\n\n==> project/README.md <==\n# App\n');
    expect(r.err).toBe("head: cannot open 'nope' for reading: No such file or directory\n");
    expect(r.status).toBe(1);
  });
  it('head rejects a bad count', async () => {
    const r = await run(head('gnu'), ['head', '-n', 'x']);
    expect(r.err).toBe('head: invalid number of lines: ‘x’\n');
  });
  it('tail -n, -N and +N', async () => {
    expect((await run(tail('gnu'), ['tail', '-n', '2'], { stdin: input })).out).toBe('line 14\nline 15\n');
    expect((await run(tail('gnu'), ['tail', '-1'], { stdin: input })).out).toBe('line 15\n');
    expect((await run(tail('gnu'), ['tail', '-n', '+14'], { stdin: input })).out).toBe('line 14\nline 15\n');
  });
  it('tail reports missing files', async () => {
    const r = await run(tail('gnu'), ['tail', 'nope']);
    expect(r.err).toBe("tail: cannot open 'nope' for reading: No such file or directory\n");
  });
});

describe('wc', () => {
  it('pads to the width of the total size for files', async () => {
    const r = await run(wc('gnu'), ['wc', 'notes.txt']);
    expect(r.out).toBe(' 3  3 17 notes.txt\n');
  });
  it('uses width 7 for standard input and none for one count', async () => {
    expect((await run(wc('gnu'), ['wc'], { stdin: 'hello world\n' })).out).toBe('      1       2      12\n');
    expect((await run(wc('gnu'), ['wc', '-l'], { stdin: 'a\nb\n' })).out).toBe('2\n');
    expect((await run(wc('gnu'), ['wc', '-l', 'notes.txt'])).out).toBe('3 notes.txt\n');
  });
  it('prints a total line and errors', async () => {
    const r = await run(wc('gnu'), ['wc', '-c', 'notes.txt', 'project/app.py', 'nope']);
    expect(r.out).toBe('17 notes.txt\n12 project/app.py\n29 total\n');
    expect(r.err).toBe('wc: nope: No such file or directory\n');
  });
  it('counts a missing operand towards the total line, as GNU wc 9.1 did (conformance: cu-wc)', async () => {
    const r = await run(wc('gnu'), ['wc', '-c', 'notes.txt', 'nope']);
    expect(r.out).toBe('17 notes.txt\n17 total\n');
    expect(r.err).toBe('wc: nope: No such file or directory\n');
  });
  it('BusyBox pads to 9', async () => {
    expect((await run(wc('busybox'), ['wc', 'notes.txt'])).out).toBe(
      '        3         3        17 notes.txt\n',
    );
  });
});

describe('grep', () => {
  it('matches basic regular expressions and numbers lines', async () => {
    const r = await run(grep('gnu'), ['grep', '-n', 'a$', 'notes.txt']);
    expect(r.out).toBe('1:alpha\n2:beta\n3:gamma\n');
  });
  it('supports -i -v -c -w -E -F -o', async () => {
    expect((await run(grep('gnu'), ['grep', '-c', 'mm', 'notes.txt'])).out).toBe('1\n');
    expect((await run(grep('gnu'), ['grep', '-v', 'a$'], { stdin: 'x\nya\n' })).out).toBe('x\n');
    expect((await run(grep('gnu'), ['grep', '-i', 'BETA', 'notes.txt'])).out).toBe('beta\n');
    expect((await run(grep('gnu'), ['grep', '-E', '^(al|ga)', 'notes.txt'])).out).toBe('alpha\ngamma\n');
    expect((await run(grep('gnu'), ['grep', '\\(al\\|ga\\)m', 'notes.txt'])).out).toBe('gamma\n');
    expect((await run(grep('gnu'), ['grep', '-F', 'a.b'], { stdin: 'a.b\naxb\n' })).out).toBe('a.b\n');
    expect((await run(grep('gnu'), ['grep', '-w', 'cat'], { stdin: 'cat\nconcat\n' })).out).toBe('cat\n');
    expect((await run(grep('gnu'), ['grep', '-o', '[[:digit:]]\\+'], { stdin: 'a12b3\n' })).out).toBe(
      '12\n3\n',
    );
  });
  it('exits 1 without a match and 2 on errors', async () => {
    const none = await run(grep('gnu'), ['grep', 'zzz', 'notes.txt']);
    expect(none.status).toBe(1);
    expect(none.out).toBe('');
    const missing = await run(grep('gnu'), ['grep', 'a', 'nope', 'notes.txt']);
    expect(missing.err).toBe('grep: nope: No such file or directory\n');
    expect(missing.out).toBe('notes.txt:alpha\nnotes.txt:beta\nnotes.txt:gamma\n');
    expect(missing.status).toBe(2);
    expect((await run(grep('gnu'), ['grep', '-q', 'beta', 'notes.txt'])).status).toBe(0);
  });
  it('searches recursively without a ./ prefix', async () => {
    const r = await run(grep('gnu'), ['grep', '-r', 'App']);
    expect(r.out).toBe('project/README.md:# App\n');
    expect((await run(grep('gnu'), ['grep', '-rl', 'print', 'project'])).out).toBe('project/app.py\n');
  });
  it('reports a directory operand', async () => {
    const r = await run(grep('gnu'), ['grep', 'x', 'project']);
    expect(r.err).toBe('grep: project: Is a directory\n');
    expect(r.status).toBe(2);
  });
});

describe('sort, uniq, cut, tr, tee', () => {
  it('sorts bytewise, numerically, reversed, uniquely and by key', async () => {
    expect((await run(sort('gnu'), ['sort'], { stdin: 'b\nB\na\n' })).out).toBe('B\na\nb\n');
    expect((await run(sort('gnu'), ['sort', '-n'], { stdin: '10\n9\n100\n' })).out).toBe('9\n10\n100\n');
    expect((await run(sort('gnu'), ['sort', '-rn'], { stdin: '10\n9\n100\n' })).out).toBe('100\n10\n9\n');
    expect((await run(sort('gnu'), ['sort', '-u'], { stdin: 'b\na\nb\n' })).out).toBe('a\nb\n');
    expect((await run(sort('gnu'), ['sort', '-t', ':', '-k', '2n'], { stdin: 'x:3\ny:1\nz:2\n' })).out).toBe(
      'y:1\nz:2\nx:3\n',
    );
  });
  it('uniq counts adjacent duplicates', async () => {
    expect((await run(uniq('gnu'), ['uniq', '-c'], { stdin: 'a\na\nb\na\n' })).out).toBe(
      '      2 a\n      1 b\n      1 a\n',
    );
    expect((await run(uniq('gnu'), ['uniq', '-d'], { stdin: 'a\na\nb\n' })).out).toBe('a\n');
    expect((await run(uniq('gnu'), ['uniq', '-u'], { stdin: 'a\na\nb\n' })).out).toBe('b\n');
  });
  it('cut selects fields and characters', async () => {
    expect((await run(cut('gnu'), ['cut', '-d:', '-f1,3'], { stdin: 'a:b:c\nnone\n' })).out).toBe(
      'a:c\nnone\n',
    );
    expect((await run(cut('gnu'), ['cut', '-c2-3'], { stdin: 'hello\n' })).out).toBe('el\n');
    const bad = await run(cut('gnu'), ['cut', 'x']);
    expect(bad.err).toBe(
      "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n",
    );
  });
  it('tr translates, deletes and squeezes', async () => {
    expect((await run(tr('gnu'), ['tr', 'a-z', 'A-Z'], { stdin: 'hello\n' })).out).toBe('HELLO\n');
    expect((await run(tr('gnu'), ['tr', '-d', '[:digit:]'], { stdin: 'a1b2\n' })).out).toBe('ab\n');
    expect((await run(tr('gnu'), ['tr', '-s', ' '], { stdin: 'a   b\n' })).out).toBe('a b\n');
    const bad = await run(tr('gnu'), ['tr', 'abc']);
    expect(bad.err).toBe(
      "tr: missing operand after ‘abc’\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n",
    );
  });
  it('tee writes and appends', async () => {
    const r = await run(tee('gnu'), ['tee', '-a', 'notes.txt', 'copy.txt'], { stdin: 'delta\n' });
    expect(r.out).toBe('delta\n');
    expect(r.h.fs.readText('/home/learner/notes.txt')).toBe('alpha\nbeta\ngamma\ndelta\n');
    expect(r.h.fs.readText('/home/learner/copy.txt')).toBe('delta\n');
  });
});
