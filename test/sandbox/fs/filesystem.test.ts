import { describe, expect, it } from 'vitest';
import { Filesystem, FsError } from '../../../src/sandbox/fs/filesystem';
import type { Layer } from '../../../src/sandbox/fs/node';

const dir = { type: 'dir' as const, mode: 0o755, uid: 0, gid: 0, mtime: 0 };
const file = (text: string) => ({
  type: 'file' as const,
  mode: 0o644,
  uid: 0,
  gid: 0,
  mtime: 0,
  size: text.length,
  text,
});

function base(): Layer {
  return {
    '/': dir,
    '/etc': dir,
    '/etc/motd': file('hello\n'),
    '/data': dir,
    '/data/big.bin': { ...file(''), size: 1000, text: undefined } as never,
    '/usr': dir,
    '/bin': { type: 'symlink', target: 'usr', mode: 0o777, uid: 0, gid: 0, mtime: 0 },
  };
}

describe('Filesystem (overlay)', () => {
  it('reads through to lower layers and writes to the upper one', () => {
    const upper: Layer = {};
    const fs = new Filesystem([base()], upper);
    expect(fs.readText('/etc/motd')).toBe('hello\n');
    fs.writeFile('/etc/motd', 'changed\n');
    expect(fs.readText('/etc/motd')).toBe('changed\n');
    expect(Object.keys(upper)).toEqual(['/etc/motd']);
  });

  it('hides a deleted lower file with a whiteout, and the lower layer keeps it', () => {
    const lower = base();
    const upper: Layer = {};
    const fs = new Filesystem([lower], upper);
    fs.remove('/data/big.bin');
    expect(fs.exists('/data/big.bin')).toBe(false);
    expect(upper['/data/big.bin']).toEqual({ type: 'whiteout' });
    expect(lower['/data/big.bin']).toBeDefined();
    expect(fs.readdir('/data')).toEqual([]);
  });

  it('makes a re-created directory opaque so old contents stay hidden', () => {
    const fs = new Filesystem([base()], {});
    fs.remove('/data', { recursive: true });
    fs.mkdir('/data');
    expect(fs.readdir('/data')).toEqual([]);
  });

  it('follows symbolic links in paths', () => {
    const fs = new Filesystem([base()], {});
    fs.writeFile('/usr/tool', 'x');
    expect(fs.readText('/bin/tool')).toBe('x');
  });

  it('raises the C library errors', () => {
    const fs = new Filesystem([base()], {});
    expect(() => fs.readText('/nope')).toThrow(new FsError('ENOENT', '/nope'));
    expect(() => fs.readText('/etc')).toThrow('Is a directory');
    expect(() => fs.mkdir('/etc')).toThrow('File exists');
    expect(() => fs.remove('/etc')).toThrow('Directory not empty');
    expect(() => fs.writeFile('/etc/motd/x', '')).toThrow('Not a directory');
  });

  it('denies writes to root-owned directories for other users', () => {
    const fs = new Filesystem([base()], {});
    expect(() => fs.writeFile('/etc/new', 'x', { actor: { uid: 1000, gid: 1000 } })).toThrow(
      'Permission denied',
    );
  });

  it('shows another filesystem at a mount point', () => {
    const host = new Filesystem([base()], {});
    host.mkdir('/srv', {});
    host.writeFile('/srv/a.txt', 'from host');
    const container = new Filesystem([base()], {});
    container.mkdir('/mnt');
    container.mount({ at: '/mnt', fs: host, source: '/srv' });
    expect(container.readText('/mnt/a.txt')).toBe('from host');
    container.writeFile('/mnt/b.txt', 'from container');
    expect(host.readText('/srv/b.txt')).toBe('from container');
  });
});
