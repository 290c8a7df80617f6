import { describe, expect, it } from 'vitest';
import { qemuSize } from '../../../../src/sandbox/vm/commands/common.ts';
import { Lab } from '../harness.ts';

describe('qemuSize', () => {
  it.each([
    [200_704, '196 KiB'],
    [197_120, '192 KiB'],
    [21_474_836_480, '20 GiB'],
    [3_407_872, '3.25 MiB'],
    [0, '0 B'],
  ])('%d → %s', (bytes, text) => expect(qemuSize(bytes)).toBe(text));
});

describe('qemu-img', () => {
  it('creates a thin qcow2 and describes it', async () => {
    const lab = new Lab();
    expect(await lab.exec('qemu-img create -f qcow2 disk.qcow2 20G')).toEqual({
      out: "Formatting 'disk.qcow2', fmt=qcow2 cluster_size=65536 extended_l2=off compression_type=zlib size=21474836480 lazy_refcounts=off refcount_bits=16\n",
      err: '',
      status: 0,
    });
    expect((await lab.exec('qemu-img info disk.qcow2')).out).toBe(
      "image: disk.qcow2\nfile format: qcow2\nvirtual size: 20 GiB (21474836480 bytes)\ndisk size: 196 KiB\ncluster_size: 65536\nFormat specific information:\n    compat: 1.1\n    compression type: zlib\n    lazy refcounts: false\n    refcount bits: 16\n    corrupt: false\n    extended l2: false\nChild node '/file':\n    filename: disk.qcow2\n    protocol type: file\n    file length: 192 KiB (197120 bytes)\n    disk size: 196 KiB\n",
    );
    expect((await lab.exec('ls -l disk.qcow2')).out).toMatch(/^-rw-r--r-- 1 learner learner 197120 /);
  });

  it('preallocates when told, and that space is gone from df', async () => {
    const lab = new Lab();
    const before = lab.host.disks().find((d) => d.mountpoint === '/')?.used ?? 0;
    expect((await lab.exec('qemu-img create -f qcow2 -o preallocation=full full.qcow2 4G')).out).toBe(
      "Formatting 'full.qcow2', fmt=qcow2 cluster_size=65536 extended_l2=off preallocation=full compression_type=zlib size=4294967296 lazy_refcounts=off refcount_bits=16\n",
    );
    const after = lab.host.disks().find((d) => d.mountpoint === '/')?.used ?? 0;
    expect(after - before).toBeGreaterThan(4 * 1024 ** 3);
    expect((await lab.exec('qemu-img info full.qcow2')).out).toContain('disk size: 4 GiB\n');
    expect((await lab.exec('qemu-img create -f qcow2 -o preallocation=full huge.qcow2 60G')).err).toBe(
      'qemu-img: huge.qcow2: Could not preallocate data for the new file: No space left on device\n',
    );
  });

  it('reports errors like qemu-img', async () => {
    const lab = new Lab();
    expect(await lab.exec('qemu-img')).toEqual({
      out: '',
      err: "qemu-img: Not enough arguments\nTry 'qemu-img --help' for more information\n",
      status: 1,
    });
    expect((await lab.exec('qemu-img frob')).err).toBe(
      "qemu-img: Command not found: frob\nTry 'qemu-img --help' for more information\n",
    );
    expect((await lab.exec('qemu-img create -f qcow2 x.qcow2')).err).toBe(
      'qemu-img: x.qcow2: Image creation needs a size parameter\n',
    );
    expect((await lab.exec('qemu-img create -f qcow2 x.qcow2 lots')).err).toBe(
      'qemu-img: Invalid image size specified. You may use k, M, G, T, P or E suffixes for\nqemu-img: kilobytes, megabytes, gigabytes, terabytes, petabytes and exabytes.\n',
    );
    expect((await lab.exec('qemu-img create -f nosuchfmt x.img 1G')).err).toBe(
      "qemu-img: x.img: Unknown file format 'nosuchfmt'\n",
    );
    const bad = await lab.exec('qemu-img create -f qcow2 -o preallocation=1234 x.qcow2 1G');
    expect(bad.out).toBe(
      "Formatting 'x.qcow2', fmt=qcow2 cluster_size=65536 extended_l2=off preallocation=1234 compression_type=zlib size=1073741824 lazy_refcounts=off refcount_bits=16\n",
    );
    expect(bad.err).toBe("qemu-img: x.qcow2: Parameter 'preallocation' does not accept value '1234'\n");
    expect((await lab.exec('qemu-img info none.qcow2')).err).toBe(
      "qemu-img: Could not open 'none.qcow2': Could not open 'none.qcow2': No such file or directory\n",
    );
    expect((await lab.exec('qemu-img create -f raw /nope/x.img 1G')).err).toBe(
      "qemu-img: /nope/x.img: Could not create '/nope/x.img': No such file or directory\n",
    );
  });

  it('refuses to open a running guest image without -U, and sees the guest data with it', async () => {
    const lab = new Lab();
    await lab.exec(
      'virt-install --name vm1 --memory 2048 --disk size=20 --osinfo ubuntu24.04 --import --noautoconsole',
    );
    const path = '/var/lib/libvirt/images/vm1.qcow2';
    expect((await lab.exec(`qemu-img info ${path}`)).err).toBe(
      `qemu-img: Could not open '${path}': Failed to get shared "write" lock\nIs another process using the image [${path}]?\n`,
    );
    const info = (await lab.exec(`qemu-img info -U ${path}`)).out;
    expect(info).toContain('virtual size: 20 GiB (21474836480 bytes)\n');
    expect(info).toMatch(/\ndisk size: 7\d\d MiB\n/);
  });

  it('resizes an image', async () => {
    const lab = new Lab();
    await lab.exec('qemu-img create -f qcow2 d.qcow2 10G');
    expect((await lab.exec('qemu-img resize d.qcow2 +5G')).out).toBe('Image resized.\n');
    expect((await lab.exec('qemu-img info d.qcow2')).out).toContain(
      'virtual size: 15 GiB (16106127360 bytes)\n',
    );
  });
});
