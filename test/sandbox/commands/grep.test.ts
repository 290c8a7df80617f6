import { describe, expect, it } from 'vitest';
import { type RecordedCase, runRecorded } from './recorded.ts';

// Expected output recorded from the real tools on Debian 12 (see recorded.ts), byte for byte.
const GNU: RecordedCase[] = [
  {
    cmd: 'grep -A1 x g1 g2',
    files: { g1: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n', g2: 'x4\nq\n' },
    out: 'g1:x1\ng1-b\n--\ng1:x2\ng1-e\n--\ng1:x3\n--\ng2:x4\ng2-q\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'grep -B2 -n x g1',
    files: { g1: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n' },
    out: '1-a\n2:x1\n--\n4-c\n5-d\n6:x2\n--\n9-g\n10-h\n11:x3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'grep -C1 x g1',
    files: { g1: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n' },
    out: 'a\nx1\nb\n--\nd\nx2\ne\n--\nh\nx3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'grep -2 x g1',
    files: { g1: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n' },
    out: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'grep -o -C1 x g1',
    files: { g1: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n' },
    out: 'x\n--\nx\n--\nx\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'grep -c -A1 x g1',
    files: { g1: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n' },
    out: '3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "grep -vn -B1 '[a-h]' g1",
    files: { g1: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n' },
    out: '1-a\n2:x1\n--\n5-d\n6:x2\n--\n10-h\n11:x3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'grep -A -1 x g1; grep -A z x g1; grep -m z x g1; grep -B z x g1',
    files: { g1: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n' },
    out: '',
    err: 'grep: -1: invalid context length argument\ngrep: z: invalid context length argument\ngrep: invalid max count\ngrep: z: invalid context length argument\n',
    rc: '2',
  },
  {
    cmd: 'grep -C 1 -A 0 x g1; grep -A 2 -1 x1 g1',
    files: { g1: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n' },
    out: 'a\nx1\n--\nd\nx2\n--\nh\nx3\na\nx1\nb\nc\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'grep -m1 -A1 x g1; grep -m 2 -c x g1; grep -m 0 x g1',
    files: { g1: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n' },
    out: 'x1\nb\n2\n',
    err: '',
    rc: '1',
  },
  {
    cmd: "printf 'x\\nx\\ny\\nx\\n' | grep -m1 -A2 x; printf 'x\\ny\\nx\\n' | grep -m1 -A3 x",
    out: 'x\nx\ny\nx\ny\nx\n',
    err: '',
    rc: '0',
  },
  { cmd: "printf 'ab\\ncd\\n' | grep -ov a; echo $?", out: '0\n', err: '', rc: '0' },
  {
    cmd: "printf 'a\\nb\\na\\nb\\n' | grep -A1 a; printf 'a\\nb\\na\\nb\\n' | grep -B1 b",
    out: 'a\nb\na\nb\na\nb\na\nb\n',
    err: '',
    rc: '0',
  },
  { cmd: 'grep -H -n -C1 q g2 -', files: { g2: 'x4\nq\n' }, out: 'g2-1-x4\ng2:2:q\n', err: '', rc: '0' },
  {
    cmd: "printf 'foo\\nfoo+\\nbar\\n' | egrep 'fo+$'; printf 'foo\\nfoo+\\nbar\\n' | fgrep 'o+'; printf 'a|b\\nb\\n' | egrep 'a|b'; egrep; echo $?",
    out: 'foo\nfoo+\na|b\nb\n2\n',
    err: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
    rc: '0',
  },
  {
    cmd: "printf 'a\\nb\\n' | grep --context=1 b; printf 'a\\nb\\nc\\n' | grep --after-context 1 a; printf 'a\\nb\\nc\\n' | grep --max-count=1 .",
    out: 'a\nb\na\nb\na\n',
    err: '',
    rc: '0',
  },
];

const BUSYBOX: RecordedCase[] = [
  {
    cmd: 'grep -A1 x g1 g2',
    files: { g1: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n', g2: 'x4\nq\n' },
    out: 'g1:x1\ng1-b\n--\ng1:x2\ng1-e\n--\ng1:x3\n--\ng2:x4\ng2-q\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'grep -B2 -n x g1; grep -C1 x g1',
    files: { g1: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n' },
    out: '1-a\n2:x1\n--\n4-c\n5-d\n6:x2\n--\n9-g\n10-h\n11:x3\na\nx1\nb\n--\nd\nx2\ne\n--\nh\nx3\n',
    err: '',
    rc: '0',
  },
  {
    cmd: 'grep -o -C1 x g1',
    files: { g1: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n' },
    out: 'a\nx\nb\n--\nd\nx\ne\n--\nh\nx\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "grep -vn -B1 '[a-h]' g1; grep -A z x g1; echo $?",
    files: { g1: 'a\nx1\nb\nc\nd\nx2\ne\nf\ng\nh\nx3\n' },
    out: '1-a\n2:x1\n--\n5-d\n6:x2\n--\n10-h\n11:x3\n2\n',
    err: "grep: invalid number 'z'\n",
    rc: '0',
  },
  {
    cmd: "printf 'x\\nx\\ny\\nx\\n' | grep -m1 -A2 x; printf 'x\\ny\\nx\\n' | grep -m1 -A3 x",
    out: 'x\nx\ny\n',
    err: '',
    rc: '0',
  },
  {
    cmd: "printf 'ab\\ncd\\n' | grep -ov a; echo $?; printf 'foo\\nfoo+\\n' | egrep 'o+$'; printf 'foo\\nfoo+\\n' | fgrep 'o+'",
    out: '0\nfoo\nfoo+\n',
    err: '',
    rc: '0',
  },
  { cmd: 'grep -H -n -C1 q g2 -', files: { g2: 'x4\nq\n' }, out: 'g2-1-x4\ng2:2:q\n', err: '', rc: '0' },
];

describe('grep context, -m, egrep and fgrep (gnu) as the real tool prints it', () => {
  it.each(GNU)('$cmd', async (c) => {
    expect(await runRecorded('gnu', c)).toEqual({ out: c.out, err: c.err, rc: c.rc });
  });
});

describe('grep context, -m, egrep and fgrep (busybox) as the real tool prints it', () => {
  it.each(BUSYBOX)('$cmd', async (c) => {
    expect(await runRecorded('busybox', c)).toEqual({ out: c.out, err: c.err, rc: c.rc });
  });
});
