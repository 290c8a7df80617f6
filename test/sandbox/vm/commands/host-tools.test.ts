import { describe, expect, it } from 'vitest';
import { Lab } from '../harness.ts';

describe('host tools', () => {
  it('lsmod shows KVM on the server and VirtualBox modules on the desktop', async () => {
    const server = new Lab('server');
    expect((await server.exec('lsmod | grep kvm')).out).toBe(
      'kvm_intel             487424  0\nkvm                  1409024  1 kvm_intel\nirqbypass              12288  1 kvm\n',
    );
    expect((await server.exec('lsmod | head -1')).out).toBe('Module                  Size  Used by\n');
    await server.exec(
      'virt-install --name vm1 --memory 1024 --disk size=10 --osinfo debian13 --import --noautoconsole',
    );
    expect((await server.exec('lsmod | grep ^kvm_intel')).out).toBe('kvm_intel             487424  1\n');
    const desktop = new Lab('desktop');
    expect((await desktop.exec('lsmod | grep kvm')).status).toBe(1);
    expect((await desktop.exec('lsmod | grep vbox')).out).toBe(
      'vboxnetadp             28672  0\nvboxnetflt             32768  0\nvboxdrv               696320  2 vboxnetadp,vboxnetflt\n',
    );
    expect((await server.exec('lsmod -x')).err).toBe('Usage: lsmod\n');
  });

  it('/dev/kvm belongs to the kvm group on the server and is absent on the desktop', async () => {
    expect((await new Lab('server').exec('ls -l /dev/kvm')).out).toMatch(
      /^-rw-rw---- 1 root kvm 0 Oct 27 14:31 \/dev\/kvm\n$/,
    );
    expect((await new Lab('desktop').exec('ls /dev/kvm')).err).toBe(
      "ls: cannot access '/dev/kvm': No such file or directory\n",
    );
    expect((await new Lab('server').exec('id -Gn')).out).toBe('learner sudo docker kvm libvirt\n');
  });

  it('the CPU flags show Intel VT-x on the server and AMD-V on the desktop', async () => {
    expect((await new Lab('server').exec('grep -c vmx /proc/cpuinfo')).out).toBe('4\n');
    expect((await new Lab('desktop').exec('grep "model name" /proc/cpuinfo | head -1')).out).toBe(
      'model name\t: AMD Ryzen 7 5800X 8-Core Processor\n',
    );
    expect((await new Lab('desktop').exec('grep -c svm /proc/cpuinfo')).out).toBe('8\n');
  });

  it('virt-host-validate qemu passes on the server', async () => {
    const lab = new Lab('server');
    expect(await lab.exec('virt-host-validate qemu')).toEqual({
      out:
        '  QEMU: Checking for hardware virtualization                                 : PASS\n' +
        '  QEMU: Checking if device /dev/kvm exists                                   : PASS\n' +
        '  QEMU: Checking if device /dev/kvm is accessible                            : PASS\n' +
        '  QEMU: Checking if device /dev/vhost-net exists                             : PASS\n' +
        '  QEMU: Checking if device /dev/net/tun exists                               : PASS\n' +
        "  QEMU: Checking for cgroup 'cpu' controller support                         : PASS\n" +
        "  QEMU: Checking for cgroup 'cpuacct' controller support                     : PASS\n" +
        "  QEMU: Checking for cgroup 'cpuset' controller support                      : PASS\n" +
        "  QEMU: Checking for cgroup 'memory' controller support                      : PASS\n" +
        "  QEMU: Checking for cgroup 'devices' controller support                     : PASS\n" +
        "  QEMU: Checking for cgroup 'blkio' controller support                       : PASS\n" +
        '  QEMU: Checking for device assignment IOMMU support                         : PASS\n' +
        '  QEMU: Checking if IOMMU is enabled by kernel                               : WARN (IOMMU appears to be disabled in kernel. Add intel_iommu=on to kernel cmdline arguments)\n' +
        '  QEMU: Checking for secure guest support                                    : WARN (Unknown if this platform has Secure Guest support)\n',
      err: '',
      status: 0,
    });
    expect((await lab.exec('virt-host-validate')).status).toBe(1);
    expect((await lab.exec('virt-host-validate xen')).err).toBe(
      'virt-host-validate: unsupported hypervisor name xen\n',
    );
    lab.host.fs.remove('/dev/kvm');
    expect((await lab.exec('virt-host-validate qemu')).out).toContain(
      "  QEMU: Checking if device /dev/kvm exists                                   : FAIL (Check that the 'kvm-intel' or 'kvm-amd' modules are loaded & the BIOS has enabled virtualization)\n",
    );
  });

  it('systemd-analyze reports the guest boot from the virtual clock', async () => {
    const lab = new Lab();
    await lab.exec(
      'virt-install --name vm1 --memory 2048 --disk size=20 --osinfo ubuntu24.04 --import --noautoconsole',
    );
    lab.advance(18_500);
    expect(await lab.exec('ssh vm1 systemd-analyze')).toEqual({
      out: '',
      err: "Warning: Permanently added 'vm1' (ED25519) to the list of known hosts.\r\nBootup is not yet finished (org.freedesktop.systemd1.Manager.FinishTimestampMonotonic=0).\nPlease try again later.\nHint: Use 'systemctl list-jobs' to see active jobs\n",
      status: 1,
    });
    lab.advance(5_000);
    const d = lab.vms.find('vm1');
    if (!d?.boot) throw new Error('not running');
    const kernel = (d.boot.kernelMs / 1000).toFixed(3);
    const user = (d.boot.userspaceMs / 1000).toFixed(3);
    const total = ((d.boot.kernelMs + d.boot.userspaceMs) / 1000).toFixed(3);
    expect((await lab.exec('ssh vm1 systemd-analyze')).out).toBe(
      `Startup finished in ${kernel}s (kernel) + ${user}s (userspace) = ${total}s\ngraphical.target reached after ${((d.boot.userspaceMs - 24) / 1000).toFixed(3)}s in userspace.\n`,
    );
    expect((await lab.exec('systemd-analyze')).out).toBe(
      'Startup finished in 18.912s (firmware) + 1.204s (loader) + 2.871s (kernel) + 9.355s (userspace) = 32.342s\ngraphical.target reached after 9.331s in userspace.\n',
    );
    expect((await lab.exec('systemd-analyze frob')).err).toBe("Unknown command verb 'frob'.\n");
  });
});
