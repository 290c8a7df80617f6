import { describe, expect, it } from 'vitest';
import { bootDone } from '../../../src/sandbox/vm/boot.ts';
import { QCOW2_EMPTY_ALLOCATED } from '../../../src/sandbox/vm/engine.ts';
import { GUEST_OS } from '../../../src/sandbox/vm/os.ts';
import { Lab } from './harness.ts';

const MiB = 1024 * 1024;
const install = (name: string, memory = 2048, os = 'ubuntu24.04') =>
  `virt-install --name ${name} --memory ${memory} --vcpus 2 --disk size=20 --osinfo ${os} --import --noautoconsole`;

describe('VmEngine', () => {
  it('reserves the guest RAM plus QEMU overhead on the host while running, and releases it', async () => {
    const lab = new Lab();
    const before = lab.host.memory().used;
    await lab.exec(install('vm1'));
    const d = lab.vms.find('vm1');
    if (!d) throw new Error('missing');
    expect(lab.vms.reservedBytes(d)).toBe(2048 * MiB + 196 * MiB);
    expect(lab.host.memory().used - before).toBe(2048 * MiB + 196 * MiB);
    await lab.exec('virsh destroy vm1');
    expect(lab.host.memory().used).toBe(before);
  });

  it('refuses to start a guest when the host cannot give it its memory', async () => {
    const lab = new Lab();
    for (const n of [1, 2, 3]) await lab.exec(install(`vm${n}`));
    await lab.exec(install('vm4'));
    const d = lab.vms.find('vm4');
    if (!d) throw new Error('missing');
    expect(d.power).toBe('shut off');
    expect(lab.vms.start(d)).toEqual({ ok: false, error: 'memory', detail: '' });
  });

  it('starts an imported disk at the OS image size and grows it with what the guest writes', async () => {
    const lab = new Lab();
    await lab.exec(install('vm1'));
    const d = lab.vms.find('vm1');
    if (!d) throw new Error('missing');
    const os = GUEST_OS['ubuntu24.04'];
    // cloud-init's /etc/hostname ("vm1\n") is the guest's first own file.
    const start = QCOW2_EMPTY_ALLOCATED + os.imageBytes + os.firstBootBytes + 4;
    expect(lab.vms.diskAllocated(d)).toBe(start);
    expect(lab.host.fs.stat('/var/lib/libvirt/images/vm1.qcow2')).toMatchObject({
      type: 'file',
      size: start,
    });
    lab.advance(40_000);
    await lab.exec('ssh vm1 dd if=/dev/zero of=blob bs=1M count=100');
    expect(lab.vms.diskAllocated(d)).toBe(start + 100 * MiB);
    expect(lab.host.fs.stat('/var/lib/libvirt/images/vm1.qcow2')).toMatchObject({ size: start + 100 * MiB });
  });

  it('finishes an ACPI shutdown a few seconds later, lazily', async () => {
    const lab = new Lab();
    await lab.exec(install('vm1'));
    const d = lab.vms.find('vm1');
    if (!d?.boot) throw new Error('missing');
    lab.advance(60_000);
    expect(lab.vms.shutdown(d)).toBe(true);
    expect(d.power).toBe('running');
    lab.advance(GUEST_OS['ubuntu24.04'].shutdownMs);
    lab.vms.reconcile();
    expect(d.power).toBe('shut off');
    expect(d.reason).toBe('shutdown');
    expect(lab.vms.shutdown(d)).toBe(false);
  });

  it('reboots into a shorter, non-first boot', async () => {
    const lab = new Lab();
    await lab.exec(install('vm1'));
    const d = lab.vms.find('vm1');
    if (!d?.boot) throw new Error('missing');
    const first = bootDone(d.boot) - d.boot.start;
    lab.advance(60_000);
    await lab.exec('virsh reboot vm1');
    lab.advance(5_000);
    lab.vms.reconcile();
    expect(d.power).toBe('running');
    expect(d.boot.first).toBe(false);
    expect(bootDone(d.boot) - d.boot.start).toBeLessThan(first);
  });

  it('keeps an undefined running domain as transient until it stops', async () => {
    const lab = new Lab();
    await lab.exec(install('vm1'));
    await lab.exec('virsh undefine vm1');
    expect(lab.vms.find('vm1')?.persistent).toBe(false);
    await lab.exec('virsh destroy vm1');
    expect(lab.vms.find('vm1')).toBeUndefined();
  });

  it('lets only root (or libvirt-qemu) kill a QEMU process; the guest then dies', async () => {
    const lab = new Lab();
    await lab.exec(install('vm1'));
    const d = lab.vms.find('vm1');
    if (!d) throw new Error('missing');
    const r = await lab.exec(`kill ${d.pid}`);
    expect(r.err).toBe(`kill: (${d.pid}) - Operation not permitted\n`);
    expect(lab.host.kill(d.pid, 9, { uid: 0, gid: 0, name: 'root', home: '/root', groups: [] })).toBe('ok');
    expect(d.power).toBe('shut off');
    expect(d.reason).toBe('crashed');
  });

  it('installs from an ISO: the installer powers the guest off, then it boots the installed OS', async () => {
    const lab = new Lab();
    await lab.exec(
      'virt-install --name deb1 --memory 1024 --disk size=10 --osinfo debian13 --cdrom /var/lib/libvirt/boot/debian-13.2.0-amd64-netinst.iso --noautoconsole',
    );
    const d = lab.vms.find('deb1');
    if (!d) throw new Error('missing');
    expect(d.installed).toBe(false);
    expect(lab.vms.sshReady(d)).toBe(false);
    lab.advance(GUEST_OS.debian13.installMs + 2_000);
    lab.vms.reconcile();
    expect(d.power).toBe('shut off');
    expect(d.installed).toBe(true);
    expect(lab.vms.start(d).ok).toBe(true);
    lab.advance(30_000);
    expect(lab.vms.sshReady(d)).toBe(true);
  });

  it('is deterministic: the same seed gives the same state', async () => {
    const run = async () => {
      const lab = new Lab('server', 'same');
      await lab.exec(install('vm1'));
      lab.advance(30_000);
      await lab.exec('virsh snapshot-create-as vm1 s1');
      return JSON.stringify(lab.virt);
    };
    expect(await run()).toBe(await run());
  });
});
