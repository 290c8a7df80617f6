import { describe, expect, it } from 'vitest';
import { basename, dirname } from '../../../src/sandbox/commands/basename.ts';
import { chmod } from '../../../src/sandbox/commands/chmod.ts';
import { cp } from '../../../src/sandbox/commands/cp.ts';
import { du } from '../../../src/sandbox/commands/du.ts';
import { find } from '../../../src/sandbox/commands/find.ts';
import { ln } from '../../../src/sandbox/commands/ln.ts';
import { mkdir } from '../../../src/sandbox/commands/mkdir.ts';
import { mv } from '../../../src/sandbox/commands/mv.ts';
import { readlink, realpath } from '../../../src/sandbox/commands/realpath.ts';
import { rm } from '../../../src/sandbox/commands/rm.ts';
import { rmdir } from '../../../src/sandbox/commands/rmdir.ts';
import { stat } from '../../../src/sandbox/commands/stat.ts';
import { touch } from '../../../src/sandbox/commands/touch.ts';
import { NOW, run } from './context.ts';

describe('mkdir, touch, rm, rmdir', () => {
  it('mkdir -p -v names each created directory', async () => {
    const r = await run(mkdir('gnu'), ['mkdir', '-pv', 'a/b']);
    expect(r.out).toBe("mkdir: created directory 'a'\nmkdir: created directory 'a/b'\n");
    expect(r.h.fs.isDir('/home/learner/a/b')).toBe(true);
  });
  it('mkdir reports existing and missing parents', async () => {
    const r = await run(mkdir('gnu'), ['mkdir', 'project', 'x/y']);
    expect(r.err).toBe(
      'mkdir: cannot create directory ‘project’: File exists\nmkdir: cannot create directory ‘x/y’: No such file or directory\n',
    );
    expect(r.status).toBe(1);
    const bb = await run(mkdir('busybox'), ['mkdir', 'project']);
    expect(bb.err).toBe("mkdir: can't create directory 'project': File exists\n");
  });
  it('touch creates files and updates times', async () => {
    const r = await run(touch('gnu'), ['touch', 'new.txt', 'notes.txt']);
    expect(r.h.fs.stat('/home/learner/new.txt')?.type).toBe('file');
    expect(r.h.fs.stat('/home/learner/notes.txt')?.mtime).toBe(NOW);
    expect(r.h.fs.readText('/home/learner/notes.txt')).toBe('alpha\nbeta\ngamma\n');
    const bad = await run(touch('gnu'), ['touch', 'x/y']);
    expect(bad.err).toBe("touch: cannot touch 'x/y': No such file or directory\n");
  });
  it('rm refuses directories without -r and reports missing files', async () => {
    const r = await run(rm('gnu'), ['rm', 'project', 'nope']);
    expect(r.err).toBe(
      "rm: cannot remove 'project': Is a directory\nrm: cannot remove 'nope': No such file or directory\n",
    );
    expect(r.status).toBe(1);
    expect((await run(rm('gnu'), ['rm', '-f', 'nope'])).status).toBe(0);
  });
  it('rm -rf removes trees and protects /', async () => {
    const r = await run(rm('gnu'), ['rm', '-rf', 'project']);
    expect(r.status).toBe(0);
    expect(r.h.fs.exists('/home/learner/project')).toBe(false);
    const root = await run(rm('gnu'), ['rm', '-rf', '/']);
    expect(root.err).toBe(
      "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n",
    );
    expect(root.status).toBe(1);
  });
  it('rm without operands', async () => {
    const r = await run(rm('gnu'), ['rm']);
    expect(r.err).toBe("rm: missing operand\nTry 'rm --help' for more information.\n");
  });
  it('rmdir refuses non-empty directories', async () => {
    const r = await run(rmdir('gnu'), ['rmdir', 'project']);
    expect(r.err).toBe("rmdir: failed to remove 'project': Directory not empty\n");
  });
});

describe('cp, mv, ln, chmod', () => {
  it('cp copies files into directories and needs -r for directories', async () => {
    const r = await run(cp('gnu'), ['cp', 'notes.txt', 'project']);
    expect(r.h.fs.readText('/home/learner/project/notes.txt')).toBe('alpha\nbeta\ngamma\n');
    const dir = await run(cp('gnu'), ['cp', 'project', 'copy']);
    expect(dir.err).toBe("cp: -r not specified; omitting directory 'project'\n");
    const rec = await run(cp('gnu'), ['cp', '-r', 'project', 'copy']);
    expect(rec.h.fs.readText('/home/learner/copy/app.py')).toBe('print("hi")\n');
    const missing = await run(cp('gnu'), ['cp', 'nope', 'x']);
    expect(missing.err).toBe("cp: cannot stat 'nope': No such file or directory\n");
    const one = await run(cp('gnu'), ['cp', 'notes.txt']);
    expect(one.err).toBe(
      "cp: missing destination file operand after 'notes.txt'\nTry 'cp --help' for more information.\n",
    );
  });
  it('mv renames and moves', async () => {
    const r = await run(mv('gnu'), ['mv', 'notes.txt', 'project/']);
    expect(r.h.fs.exists('/home/learner/notes.txt')).toBe(false);
    expect(r.h.fs.readText('/home/learner/project/notes.txt')).toBe('alpha\nbeta\ngamma\n');
    const self = await run(mv('gnu'), ['mv', 'project', 'project/sub']);
    expect(self.err).toBe("mv: cannot move 'project' to a subdirectory of itself, 'project/sub'\n");
  });
  it('ln -s makes links and refuses to overwrite', async () => {
    const r = await run(ln('gnu'), ['ln', '-s', '/etc/hostname', 'host']);
    expect(r.h.fs.lstat('/home/learner/host')).toMatchObject({ type: 'symlink', target: '/etc/hostname' });
    const again = await run(ln('gnu'), ['ln', '-s', 'x', 'notes.txt']);
    expect(again.err).toBe("ln: failed to create symbolic link 'notes.txt': File exists\n");
  });
  it('chmod takes octal and symbolic modes', async () => {
    const r = await run(chmod('gnu'), ['chmod', 'u+x,go-r', 'notes.txt']);
    expect(r.h.fs.stat('/home/learner/notes.txt')?.mode).toBe(0o700);
    const o = await run(chmod('gnu'), ['chmod', '640', 'notes.txt']);
    expect(o.h.fs.stat('/home/learner/notes.txt')?.mode).toBe(0o640);
    const bad = await run(chmod('gnu'), ['chmod', 'q+z', 'notes.txt']);
    expect(bad.err).toBe("chmod: invalid mode: ‘q+z’\nTry 'chmod --help' for more information.\n");
    const other = await run(chmod('gnu'), ['chmod', '777', '/etc/passwd']);
    expect(other.err).toBe("chmod: changing permissions of '/etc/passwd': Operation not permitted\n");
  });
});

describe('du, find, stat, paths', () => {
  it('du counts 4K blocks per file', async () => {
    const r = await run(du('gnu'), ['du', 'project']);
    expect(r.out).toBe('12\tproject\n');
    expect((await run(du('gnu'), ['du', '-sh', '.'])).out).toBe('32K\t.\n');
    expect((await run(du('gnu'), ['du', '-a', 'project'])).out).toBe(
      '4\tproject/README.md\n4\tproject/app.py\n12\tproject\n',
    );
  });
  it('du -b sums apparent sizes in bytes, a directory counting its 4096', async () => {
    const sizes = await run(du('gnu'), ['du', '-ab', 'project']);
    const [readme, app, dir] = sizes.out
      .trim()
      .split('\n')
      .map((line) => Number(line.split('\t')[0]));
    expect(readme).toBe(sizes.h.fs.readText('/home/learner/project/README.md').length);
    expect(dir).toBe(4096 + (readme ?? 0) + (app ?? 0));
    expect((await run(du('busybox'), ['du', '-b', 'project'])).status).toBe(1);
  });
  it('find filters by name, type and depth', async () => {
    expect((await run(find('gnu'), ['find', '.', '-name', '*.py'])).out).toBe('./project/app.py\n');
    expect((await run(find('gnu'), ['find', '-maxdepth', '1', '-type', 'd'])).out).toBe('.\n./project\n');
    const bad = await run(find('gnu'), ['find', 'nope']);
    expect(bad.err).toBe('find: ‘nope’: No such file or directory\n');
    const pred = await run(find('gnu'), ['find', '.', '-bogus']);
    expect(pred.err).toBe("find: unknown predicate `-bogus'\n");
  });
  it('stat prints the GNU report', async () => {
    const r = await run(stat('gnu'), ['stat', 'notes.txt']);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('  File: notes.txt');
    expect(lines[1]).toBe('  Size: 17        \tBlocks: 8          IO Block: 4096   regular file');
    expect(lines[3]).toBe('Access: (0644/-rw-r--r--)  Uid: ( 1000/ learner)   Gid: ( 1000/ learner)');
    expect(lines[5]).toBe('Modify: 2026-11-23 15:00:00.000000000 +0000');
    expect((await run(stat('gnu'), ['stat', '-c', '%n %s %U', 'notes.txt'])).out).toBe(
      'notes.txt 17 learner\n',
    );
  });
  it('basename, dirname, realpath, readlink', async () => {
    expect((await run(basename('gnu'), ['basename', '/a/b.txt', '.txt'])).out).toBe('b\n');
    expect((await run(dirname('gnu'), ['dirname', 'a/b/', 'c'])).out).toBe('a\n.\n');
    expect((await run(realpath('gnu'), ['realpath', 'link'])).out).toBe('/home/learner/notes.txt\n');
    expect((await run(readlink('gnu'), ['readlink', 'link'])).out).toBe('notes.txt\n');
    expect((await run(readlink('gnu'), ['readlink', 'notes.txt'])).status).toBe(1);
  });
});
