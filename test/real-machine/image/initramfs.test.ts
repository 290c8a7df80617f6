import { describe, expect, it } from 'vitest';
import { INIT_SCRIPT, initramfsFiles } from '../../../src/real-machine/image/initramfs';

describe('initramfsFiles', () => {
  const files = initramfsFiles({
    busybox: new Uint8Array([1, 2, 3]),
    modules: { 'overlay.ko': new Uint8Array([4]), 'a.ko': new Uint8Array([5]) },
  });
  const paths = files.map((f) => f.path);

  it('has an executable init, BusyBox, the modules and a container root', () => {
    expect(files.find((f) => f.path === 'init')).toMatchObject({ type: 'file', mode: 0o755 });
    expect(files.find((f) => f.path === 'bin/busybox')).toMatchObject({ type: 'file', mode: 0o755 });
    expect(paths).toContain('lib/modules/overlay.ko');
    expect(paths).toContain('containers/rootfs/etc/os-release');
    expect(paths.indexOf('lib/modules/a.ko')).toBeLessThan(paths.indexOf('lib/modules/overlay.ko'));
  });

  it('lists every directory before what it holds', () => {
    for (const [i, file] of files.entries()) {
      const parent = file.path.split('/').slice(0, -1).join('/');
      if (parent) expect(paths.indexOf(parent), file.path).toBeLessThan(i);
    }
  });

  it('mounts the kernel filesystems and cgroup v2, and starts a shell on the console', () => {
    for (const line of [
      'mount -t proc proc /proc',
      'mount -t cgroup2 cgroup2 /sys/fs/cgroup',
      'exec setsid cttyhack sh -l',
    ])
      expect(INIT_SCRIPT).toContain(line);
  });
});
