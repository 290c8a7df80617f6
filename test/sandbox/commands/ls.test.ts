import { describe, expect, it } from 'vitest';
import { gnuColumns, ls } from '../../../src/sandbox/commands/ls.ts';
import { run } from './context.ts';

describe('ls (GNU)', () => {
  it('lists one name per line when not a terminal', async () => {
    const r = await run(ls('gnu'), ['ls']);
    expect(r.out).toBe('link\nnotes.txt\nold.log\nproject\n');
    expect(r.status).toBe(0);
  });

  it('lists in columns on a terminal', async () => {
    const r = await run(ls('gnu'), ['ls', '-a'], { tty: true, columns: 80 });
    expect(r.out).toBe('.  ..  .profile  link  notes.txt  old.log  project\n');
  });

  it('prints the long format with a total in 1K blocks', async () => {
    const r = await run(ls('gnu'), ['ls', '-l']);
    expect(r.out).toBe(
      [
        'total 16',
        'lrwxrwxrwx 1 learner learner    9 Nov 23 15:00 link -> notes.txt',
        '-rw-r--r-- 1 learner learner   17 Nov 23 15:00 notes.txt',
        '-rw-r--r-- 1 learner learner 5000 Jan  5  2025 old.log',
        'drwxr-xr-x 2 learner learner 4096 Nov 22 10:00 project',
        '',
      ].join('\n'),
    );
  });

  it('combines -lah with human sizes', async () => {
    const r = await run(ls('gnu'), ['ls', '-lah']);
    expect(r.out.split('\n').slice(0, 4)).toEqual([
      'total 28K',
      'drwxr-xr-x 3 learner learner 4.0K Nov 23 14:05 .',
      'drwxr-xr-x 3 root    root    4.0K Nov 23 14:05 ..',
      '-rw-r--r-- 1 learner learner   10 Nov 23 15:05 .profile',
    ]);
    expect(r.out).toContain('-rw-r--r-- 1 learner learner 4.9K Jan  5  2025 old.log\n');
  });

  it('reports missing operands and exits 2, still listing the rest with headers', async () => {
    const r = await run(ls('gnu'), ['ls', 'nope', 'project', 'notes.txt']);
    expect(r.err).toBe("ls: cannot access 'nope': No such file or directory\n");
    expect(r.out).toBe('notes.txt\n\nproject:\nREADME.md\napp.py\n');
    expect(r.status).toBe(2);
  });

  it('rejects unknown options like GNU', async () => {
    const r = await run(ls('gnu'), ['ls', '-z']);
    expect(r.err).toBe("ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n");
    expect(r.status).toBe(2);
  });

  it('recurses with -R', async () => {
    const r = await run(ls('gnu'), ['ls', '-R']);
    expect(r.out).toBe('.:\nlink\nnotes.txt\nold.log\nproject\n\n./project:\nREADME.md\napp.py\n');
  });

  it('lists directories themselves with -d', async () => {
    const r = await run(ls('gnu'), ['ls', '-d', 'project', '/tmp']);
    expect(r.out).toBe('/tmp\nproject\n');
  });

  it('lays out many names in GNU columns', () => {
    const names = Array.from({ length: 12 }, (_, i) => `file-${String(i).padStart(2, '0')}.txt`);
    expect(gnuColumns(names, 40)).toEqual([
      'file-00.txt  file-04.txt  file-08.txt',
      'file-01.txt  file-05.txt  file-09.txt',
      'file-02.txt  file-06.txt  file-10.txt',
      'file-03.txt  file-07.txt  file-11.txt',
    ]);
  });
});

describe('ls (BusyBox)', () => {
  it('uses the BusyBox error wording and exit 1', async () => {
    const r = await run(ls('busybox'), ['ls', 'nope']);
    expect(r.err).toBe('ls: nope: No such file or directory\n');
    expect(r.status).toBe(1);
  });

  it('prints the fixed-width long format', async () => {
    const r = await run(ls('busybox'), ['ls', '-l', 'notes.txt']);
    expect(r.out).toBe('-rw-r--r--    1 learner  learner         17 Nov 23 15:00 notes.txt\n');
  });
});
