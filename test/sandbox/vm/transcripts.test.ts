import { describe, expect, it } from 'vitest';
import { Lab } from './harness.ts';

const MiB = 1024 * 1024;
const install = (name: string, extra = '') =>
  `virt-install --name ${name} --memory 2048 --vcpus 2 --disk size=20 --osinfo ubuntu24.04 --import --noautoconsole ${extra}`;

/** `free -m`'s total and used columns. */
function freeM(text: string): { total: number; used: number } {
  const cells = (text.split('\n')[1] ?? '').trim().split(/\s+/);
  return { total: Number(cells[1]), used: Number(cells[2]) };
}

/** `df /`'s used bytes (it counts 1K blocks). */
function dfUsed(text: string): number {
  return Number((text.split('\n')[1] ?? '').trim().split(/\s+/)[2]) * 1024;
}

describe('end to end', () => {
  it('a KVM guest is a different machine: its own kernel, RAM and processes', async () => {
    const lab = new Lab();
    await lab.exec(install('vm1'));
    lab.advance(60_000);
    expect((await lab.exec('uname -r')).out).toBe('6.8.0-45-generic\n');
    expect((await lab.exec('ssh vm1 uname -r')).out).toBe('6.8.0-41-generic\n');
    expect(freeM((await lab.exec('free -m')).out).total).toBe(7950);
    expect(freeM((await lab.exec('ssh vm1 free -m')).out).total).toBe(1967);
    expect((await lab.exec('ssh vm1 nproc')).out).toBe('2\n');
    const guestPs = (await lab.exec('ssh vm1 ps -ef')).out;
    expect(guestPs.split('\n')[1]).toMatch(/^root +1 +0 .* \/sbin\/init$/);
    for (const service of [
      'systemd-journald',
      'systemd-udevd',
      'systemd-networkd',
      'systemd-resolved',
      'sshd',
      'cron',
      'agetty',
    ])
      expect(guestPs).toContain(service);
    // The guest cannot see the host: no qemu, no dockerd of the host, no learner's host shell.
    expect(guestPs).not.toContain('qemu-system-x86_64');
    expect(guestPs).not.toContain('libvirtd');
    // The host sees the guest only as one QEMU process holding its RAM.
    const hostPs = (await lab.exec('ps aux')).out;
    expect(hostPs).toMatch(
      /\nlibvirt\+ +6101 .* 2297856 \? +Sl +09:00 +0:\d\d \/usr\/bin\/qemu-system-x86_64 -name guest=vm1,/,
    );
    expect(hostPs).not.toContain('systemd-resolved');
    expect((await lab.exec('ssh vm1 cat /proc/version')).out).toContain(
      'Linux version 6.8.0-41-generic (buildd@lcy02-amd64-100)',
    );
    expect((await lab.exec('ssh vm1 uptime -p')).out).toBe('up 1 minute\n');
  });

  it('three VMs cost three OS installs and their RAM; three containers share one image', async () => {
    const lab = new Lab();
    const mem0 = freeM((await lab.exec('free -m')).out).used;
    const disk0 = dfUsed((await lab.exec('df /')).out);
    for (const n of [1, 2, 3]) await lab.exec(install(`vm${n}`));
    const mem1 = freeM((await lab.exec('free -m')).out).used;
    const disk1 = dfUsed((await lab.exec('df /')).out);
    expect(mem1 - mem0).toBeGreaterThanOrEqual(3 * 2244 - 1);
    expect(disk1 - disk0).toBeGreaterThan(3 * 700 * MiB);
    await lab.exec('docker pull nginx');
    const mem2 = freeM((await lab.exec('free -m')).out).used;
    const disk2 = dfUsed((await lab.exec('df /')).out);
    for (const n of [1, 2, 3]) await lab.exec(`docker run -d --name web${n} nginx`);
    const mem3 = freeM((await lab.exec('free -m')).out).used;
    const disk3 = dfUsed((await lab.exec('df /')).out);
    expect(mem3 - mem2).toBeLessThan(64);
    expect(disk3 - disk2).toBe(0);
    expect((await lab.exec('ls /var/lib/libvirt/images')).out).toBe('vm1.qcow2\nvm2.qcow2\nvm3.qcow2\n');
  });

  it('memory runs out for a fourth VM while containers still start', async () => {
    const lab = new Lab();
    for (const n of [1, 2, 3]) await lab.exec(install(`vm${n}`));
    await lab.exec(install('vm4'));
    const r = await lab.exec('virsh start vm4');
    expect(r.status).toBe(1);
    expect(r.err).toMatch(
      /^error: Failed to start domain 'vm4'\nerror: internal error: process exited while connecting to monitor: .* qemu-system-x86_64: cannot set up guest memory 'pc\.ram': Cannot allocate memory\n$/,
    );
    for (const n of [1, 2, 3]) expect((await lab.exec(`docker run -d --name c${n} nginx`)).status).toBe(0);
    expect((await lab.exec('docker ps -q | wc -l')).out).toBe('3\n');
    await lab.exec('virsh destroy vm3');
    expect((await lab.exec('virsh start vm4')).out).toBe("Domain 'vm4' started\n\n");
  });

  it('snapshots keep the guest as it was; revert throws later changes away', async () => {
    const lab = new Lab();
    await lab.exec(install('vm1'));
    lab.advance(60_000);
    await lab.exec("ssh vm1 'echo v1 > config.txt'");
    await lab.exec('virsh snapshot-create-as vm1 before-upgrade');
    await lab.exec(
      "ssh vm1 'echo v2 > config.txt; rm -f /home/learner/.ssh/authorized_keys.bak; dd if=/dev/zero of=junk bs=1M count=50'",
    );
    expect((await lab.exec('ssh vm1 cat config.txt')).out).toBe('v2\n');
    await lab.exec('virsh snapshot-revert vm1 before-upgrade');
    expect((await lab.exec('ssh vm1 cat config.txt')).out).toBe('v1\n');
    expect((await lab.exec('ssh vm1 ls')).out).toBe('config.txt\n');
    expect((await lab.exec('virsh domstate vm1 --reason')).out).toBe('running (from snapshot)\n\n');
  });

  it('a VM runs Windows, a container cannot', async () => {
    const lab = new Lab();
    const docker = await lab.exec('docker run --rm mcr.microsoft.com/windows/nanoserver:ltsc2022');
    expect(docker.status).not.toBe(0);
    await lab.exec(
      'virt-install --name win1 --memory 4096 --vcpus 2 --disk size=40 --osinfo win2k22 --cdrom /var/lib/libvirt/boot/SERVER_EVAL_x64FRE_en-us.iso --noautoconsole',
    );
    lab.advance(14 * 60_000);
    expect((await lab.exec('virsh domstate win1 --reason')).out).toBe('shut off (shutdown)\n\n');
    await lab.exec('virsh start win1');
    lab.advance(60_000);
    expect((await lab.exec('ssh win1 ver')).status).toBe(255);
    lab.advance(60_000);
    expect((await lab.exec('ssh win1 ver')).out).toBe('\nMicrosoft Windows [Version 10.0.20348.2849]\n');
    const snap = lab.snapshot();
    expect(snap.vms[0]?.boot.durationMs).toBeGreaterThan(60_000);
  });

  it('runs Docker inside a guest, invisible to the host', async () => {
    const lab = new Lab();
    await lab.exec(install('vm1'));
    lab.advance(60_000);
    expect((await lab.exec('ssh vm1 docker run -d --name inner nginx')).status).toBe(0);
    expect((await lab.exec('ssh vm1 docker ps --format "{{.Names}}"')).out).toBe('inner\n');
    expect((await lab.exec('docker ps -a --format "{{.Names}}"')).out).toBe('');
    expect((await lab.exec('ps -ef | grep -c "nginx: master"')).out).toBe('0\n');
    expect((await lab.exec('ssh vm1 ps -ef | grep -c "nginx: master"')).out).toBe('1\n');
  });

  it('the desktop runs VirtualBox, a type 2 hypervisor, with no KVM or libvirt', async () => {
    const lab = new Lab('desktop');
    expect((await lab.exec('virsh list')).status).toBe(127);
    expect((await lab.exec('lsmod | grep -c vbox')).out).toBe('3\n');
    await lab.exec('VBoxManage createvm --name ubu1 --ostype Ubuntu_64 --register');
    await lab.exec('VBoxManage modifyvm ubu1 --memory 2048 --cpus 2');
    await lab.exec('VBoxManage storagectl ubu1 --name SATA --add sata');
    await lab.exec(
      'VBoxManage storageattach ubu1 --storagectl SATA --port 0 --type hdd --medium ~/Downloads/noble-server-cloudimg-amd64.vmdk',
    );
    await lab.exec('VBoxManage startvm ubu1 --type headless');
    expect((await lab.exec('ssh ubu1 uname -r')).err).toBe(
      'ssh: connect to host ubu1 port 22: Connection refused\r\n',
    );
    lab.advance(40_000);
    expect((await lab.exec('ssh ubu1 uname -r')).out).toBe('6.8.0-41-generic\n');
    expect((await lab.exec('ssh ubu1 cat /sys/class/dmi/id/product_name')).out).toBe('VirtualBox\n');
    expect((await lab.exec('ps -ef | grep -c "[V]BoxHeadless --comment ubu1"')).out).toBe('1\n');
    expect(freeM((await lab.exec('ssh ubu1 free -m')).out).total).toBe(1967);
  });
});
