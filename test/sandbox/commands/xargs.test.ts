import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox.ts';
import { type RecordedCase, runRecorded } from './recorded.ts';

// Expected output recorded from the real tools on Debian 12 (see recorded.ts), byte for byte.
const GNU: RecordedCase[] = [
  { cmd: "printf 'a b c\\nd e\\n' | xargs", out: 'a b c d e\n', err: '', rc: '0' },
  { cmd: "printf 'a b c\\nd e\\n' | xargs echo x", out: 'x a b c d e\n', err: '', rc: '0' },
  { cmd: "printf 'a b c d e\\n' | xargs -n 2", out: 'a b\nc d\ne\n', err: '', rc: '0' },
  { cmd: "printf 'a b c d e\\n' | xargs -n2 echo +", out: '+ a b\n+ c d\n+ e\n', err: '', rc: '0' },
  {
    cmd: "printf 'a\\nb\\nc\\n' | xargs -I {} echo 'item: {}'",
    out: 'item: a\nitem: b\nitem: c\n',
    err: '',
    rc: '0',
  },
  { cmd: "printf 'a\\nb\\n' | xargs -I X echo X-X", out: 'a-a\nb-b\n', err: '', rc: '0' },
  { cmd: "printf '  lead\\n\\nx y\\n' | xargs -I {} echo '[{}]'", out: '[lead]\n[x y]\n', err: '', rc: '0' },
  { cmd: "printf 'a\\0b c\\0' | xargs -0 -n1 echo", out: 'a\nb c\n', err: '', rc: '0' },
  { cmd: "printf '' | xargs echo hi; echo $?", out: 'hi\n0\n', err: '', rc: '0' },
  { cmd: "printf '' | xargs -r echo hi; echo $?", out: '0\n', err: '', rc: '0' },
  { cmd: "printf 'a b\\n' | xargs -t echo", out: 'a b\n', err: 'echo a b\n', rc: '0' },
  { cmd: "printf 'a b\\nc\\n' | xargs -L 1 echo", out: 'a b\nc\n', err: '', rc: '0' },
  { cmd: "printf 'a b \\nc\\nd\\n' | xargs -L 1 echo", out: 'a b c\nd\n', err: '', rc: '0' },
  { cmd: 'printf "\'a b\' \\"c d\\" e\\\\ f\\n" | xargs -n1', out: 'a b\nc d\ne f\n', err: '', rc: '0' },
  {
    cmd: 'printf "it\'s\\n" | xargs echo; echo $?',
    out: '1\n',
    err: 'xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n',
    rc: '0',
  },
  {
    cmd: "printf 'x\\n' | xargs nosuchcmd; echo $?",
    out: '127\n',
    err: 'xargs: nosuchcmd: No such file or directory\n',
    rc: '0',
  },
  { cmd: "printf 'x\\n' | xargs false; echo $?", out: '123\n', err: '', rc: '0' },
  {
    cmd: "printf 'x\\n' | xargs sh -c 'exit 255'; echo $?",
    out: '124\n',
    err: 'xargs: sh: exited with status 255; aborting\n',
    rc: '0',
  },
  {
    cmd: 'xargs cat < files.txt; echo $?',
    files: { 'files.txt': 'a.txt\nb.txt\nc d.txt\n', 'a.txt': 'A\n', 'b.txt': 'B\n' },
    out: 'A\nB\n123\n',
    err: 'cat: c: No such file or directory\ncat: d.txt: No such file or directory\n',
    rc: '0',
  },
  {
    cmd: 'cat files.txt | xargs -I{} ls {}; echo $?',
    files: { 'files.txt': 'a.txt\nb.txt\nc d.txt\n', 'a.txt': 'A\n', 'b.txt': 'B\n' },
    out: 'a.txt\nb.txt\n123\n',
    err: "ls: cannot access 'c d.txt': No such file or directory\n",
    rc: '0',
  },
  {
    cmd: "printf 'a.txt\\nb.txt\\n' | xargs wc -l",
    files: { 'files.txt': 'a.txt\nb.txt\nc d.txt\n', 'a.txt': 'A\n', 'b.txt': 'B\n' },
    out: '1 a.txt\n1 b.txt\n2 total\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "printf '1 2 3\\n' | xargs -n 1 -t echo",
    out: '1\n2\n3\n',
    err: 'echo 1\necho 2\necho 3\n',
    rc: '0',
  },
  { cmd: "printf 'a,b,c' | xargs -d , -n1 echo", out: 'a\nb\nc\n', err: '', rc: '0' },
  {
    cmd: "printf 'a\\n' | xargs -n 0; echo $?",
    out: '1\n',
    err: "xargs: value 0 for -n option should be >= 1\nTry 'xargs --help' for more information.\n",
    rc: '0',
  },
  {
    cmd: "printf 'a\\n' | xargs -n x; echo $?",
    out: '1\n',
    err: 'xargs: invalid number "x" for -n option\nTry \'xargs --help\' for more information.\n',
    rc: '0',
  },
  {
    cmd: "printf 'a\\n' | xargs -k; echo $?",
    out: '1\n',
    err: "xargs: invalid option -- 'k'\nTry 'xargs --help' for more information.\n",
    rc: '0',
  },
  {
    cmd: "printf 'a b\\n' | xargs -E b echo; printf 'a\\nSTOP\\nb\\n' | xargs -E STOP echo",
    out: 'a\na\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "find . -name '*.txt' | sort | xargs grep -l A",
    files: { 'files.txt': 'a.txt\nb.txt\nc d.txt\n', 'a.txt': 'A\n', 'b.txt': 'B\n' },
    out: './a.txt\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "printf 'x\\n' | xargs -a files.txt echo",
    files: { 'files.txt': 'a.txt\nb.txt\nc d.txt\n', 'a.txt': 'A\n', 'b.txt': 'B\n' },
    out: 'a.txt b.txt c d.txt\n',
    err: '',
    rc: '0',
  },
];

const BUSYBOX: RecordedCase[] = [
  { cmd: "printf 'a b c\\nd e\\n' | xargs", out: 'a b c d e\n', err: '', rc: '0' },
  { cmd: "printf 'a b c d e\\n' | xargs -n 2", out: 'a b\nc d\ne\n', err: '', rc: '0' },
  {
    cmd: "printf 'a\\nb\\nc\\n' | xargs -I {} echo 'item: {}'",
    out: 'item: a\nitem: b\nitem: c\n',
    err: '',
    rc: '0',
  },
  { cmd: "printf 'a\\0b c\\0' | xargs -0 -n1 echo", out: 'a\nb c\n', err: '', rc: '0' },
  { cmd: "printf '' | xargs echo hi; echo $?", out: 'hi\n0\n', err: '', rc: '0' },
  { cmd: "printf '' | xargs -r echo hi; echo $?", out: '0\n', err: '', rc: '0' },
  { cmd: "printf 'a b\\n' | xargs -t echo", out: 'a b\n', err: 'echo a b\n', rc: '0' },
  {
    cmd: "printf 'x\\n' | xargs nosuchcmd; echo $?",
    out: '127\n',
    err: 'xargs: nosuchcmd: No such file or directory\n',
    rc: '0',
  },
  { cmd: "printf 'x\\n' | xargs false; echo $?", out: '123\n', err: '', rc: '0' },
  {
    cmd: 'printf "it\'s\\n" | xargs echo; echo $?',
    out: '1\n',
    err: 'xargs: unmatched single quote\n',
    rc: '0',
  },
  {
    cmd: 'xargs cat < files.txt; echo $?',
    files: { 'files.txt': 'a.txt\nb.txt\nc d.txt\n', 'a.txt': 'A\n', 'b.txt': 'B\n' },
    out: 'A\nB\n123\n',
    err: "cat: can't open 'c': No such file or directory\ncat: can't open 'd.txt': No such file or directory\n",
    rc: '0',
  },
];

describe('xargs (gnu) as the real tool prints it', () => {
  it.each(GNU)('$cmd', async (c) => {
    expect(await runRecorded('gnu', c)).toEqual({ out: c.out, err: c.err, rc: c.rc });
  });
});

describe('xargs (busybox) as the real tool prints it', () => {
  it.each(BUSYBOX)('$cmd', async (c) => {
    expect(await runRecorded('busybox', c)).toEqual({ out: c.out, err: c.err, rc: c.rc });
  });
});

describe('xargs in the sandbox', () => {
  it('is on the host and runs commands from PATH', async () => {
    const sandbox = Sandbox.create({ seed: 'xargs' });
    expect(await sandbox.run('which xargs\n')).toBe('/usr/bin/xargs\n');
    expect(await sandbox.run("printf 'one\\ntwo\\n' | xargs -I{} sh -c 'echo got {}'\n")).toBe(
      'got one\ngot two\n',
    );
  });
});
