import { describe, expect, it } from 'vitest';
import { Lab } from '../harness.ts';

const WARN = 'WARNING  Requested memory 2048 MiB is less than the recommended 3072 MiB for OS ubuntu24.04\n';

describe('virt-install', () => {
  it('imports a cloud image without a console', async () => {
    const lab = new Lab();
    expect(
      await lab.exec(
        'virt-install --name vm1 --memory 2048 --vcpus 2 --disk size=20 --osinfo ubuntu24.04 --import --noautoconsole',
      ),
    ).toEqual({
      out: "\nStarting install...\nAllocating 'vm1.qcow2'                                      |  20 GB  00:00:00\nCreating domain...                                          |    0 B  00:00:00\nDomain creation completed.\n",
      err: WARN,
      status: 0,
    });
    expect(lab.vms.find('vm1')?.power).toBe('running');
  });

  it('fills in libosinfo defaults for what was left out', async () => {
    const lab = new Lab();
    const r = await lab.exec('virt-install --osinfo alpine3.22 --import --noautoconsole');
    expect(
      r.out.startsWith(
        'Using default --name alpine3.22\nUsing alpine3.22 default --memory 1024\nUsing alpine3.22 default --disk size=8\n',
      ),
    ).toBe(true);
    expect(r.status).toBe(0);
    expect(lab.vms.find('alpine3.22')).toMatchObject({ vcpus: 1, memoryMiB: 1024 });
  });

  it('requires an OS name (virtinst 4)', async () => {
    const lab = new Lab();
    const r = await lab.exec('virt-install --name vm1 --memory 2048 --disk size=20 --import');
    expect(r.status).toBe(1);
    expect(r.err).toBe(
      'ERROR    \n--os-variant/--osinfo OS name is required, but no value was\nset or detected.\n\nThis is now a fatal error. Specifying an OS name is required\nfor modern, performant, and secure virtual machine defaults.\n\nYou can see a full list of possible OS name values with:\n\n   virt-install --osinfo list\n\nIf your Linux distro is not listed, try one of generic values\nsuch as: linux2022, linux2020, linux2018, linux2016\n\nIf you just need to get the old behavior back, you can use:\n\n  --osinfo detect=on,require=off\n\nOr export VIRTINSTALL_OSINFO_DISABLE_REQUIRE=1\n\n',
    );
  });

  it('detects the OS from install media', async () => {
    const lab = new Lab();
    const r = await lab.exec(
      'virt-install --name deb --memory 1024 --disk size=10 --cdrom /var/lib/libvirt/boot/debian-13.2.0-amd64-netinst.iso --noautoconsole',
    );
    expect(
      r.out.endsWith(
        '\nDomain is still running. Installation may be in progress.\nYou can reconnect to the console to complete the installation process.\n',
      ),
    ).toBe(true);
    expect(lab.vms.find('deb')?.os).toBe('debian13');
  });

  it('rejects bad input with the real messages', async () => {
    const lab = new Lab();
    expect(await lab.exec('virt-install --bogus')).toEqual({
      out: '',
      err: 'usage: virt-install OPTIONS\nvirt-install: error: unrecognized arguments: --bogus\n',
      status: 2,
    });
    expect((await lab.exec('virt-install --name')).err).toBe(
      'usage: virt-install OPTIONS\nvirt-install: error: argument -n/--name: expected one argument\n',
    );
    expect((await lab.exec('virt-install --name x --osinfo plan9 --import')).err).toBe(
      "ERROR    Unknown OS name 'plan9'. See `--osinfo list` for valid values.\n",
    );
    expect((await lab.exec('virt-install --name x --memory 512 --osinfo debian13 --disk size=4')).err).toBe(
      'ERROR    \nAn install method must be specified\n(--location URL, --cdrom CD/ISO, --pxe, --import, --boot hd|cdrom|...)\n',
    );
    await lab.exec(
      'virt-install --name vm1 --memory 2048 --disk size=20 --osinfo ubuntu24.04 --import --noautoconsole',
    );
    expect(
      await lab.exec('virt-install --name vm1 --memory 2048 --disk size=20 --osinfo ubuntu24.04 --import'),
    ).toEqual({
      out: '',
      err: "ERROR    Guest name 'vm1' is already in use.\n",
      status: 1,
    });
    expect(
      (await lab.exec('virt-install --name v2 --memory 1024 --osinfo debian13 --cdrom /nope.iso')).err,
    ).toBe(
      "ERROR    Error validating install location: Validating install media '/nope.iso' failed: Could not find media '/nope.iso'.\n",
    );
  });

  it('attaches the text console with --graphics none and returns once the learner escapes', async () => {
    const lab = new Lab();
    const r = await lab.exec(
      'virt-install --name vm1 --memory 2048 --disk size=20 --osinfo ubuntu24.04 --import --graphics none',
    );
    expect(r.out).toContain(
      "Creating domain...                                          |    0 B  00:00:00\nRunning text console command: virsh --connect qemu:///system console vm1\nConnected to domain 'vm1'\nEscape character is ^] (Ctrl + ])\nSeaBIOS (version 1.16.3-debian-1.16.3-2)\n",
    );
    expect(r.out).toContain('Cloud-init v. 24.1.3-0ubuntu3.3');
    expect(r.out.endsWith('vm1 login: \nDomain creation completed.\n')).toBe(true);
    expect(r.status).toBe(0);
  });

  it('waits for the installation without a viewer, until Ctrl-C', async () => {
    const lab = new Lab();
    const r = await lab.exec(
      'virt-install --name vm1 --memory 4096 --disk size=20 --osinfo ubuntu24.04 --import',
    );
    expect(r.err).toBe(
      "WARNING  Unable to connect to graphical console: virt-viewer not installed. Please install the 'virt-viewer' package.\nWARNING  No console to launch for the guest, defaulting to --wait -1\nDomain install interrupted.\nInstallation aborted at user request\n",
    );
    expect(
      r.out.endsWith(
        '\nDomain is still running. Installation may be in progress.\nWaiting for the installation to complete.\n',
      ),
    ).toBe(true);
    expect(lab.vms.find('vm1')?.power).toBe('running');
  });

  it('reports QEMU failing to allocate guest memory', async () => {
    const lab = new Lab();
    const r = await lab.exec(
      'virt-install --name big --memory 12288 --disk size=20 --osinfo ubuntu24.04 --import --noautoconsole',
    );
    expect(r.status).toBe(1);
    expect(r.err).toMatch(
      /^ERROR {4}internal error: process exited while connecting to monitor: 2026-11-02T09:00:\d\d\.\d{6}Z qemu-system-x86_64: cannot set up guest memory 'pc.ram': Cannot allocate memory\n$/,
    );
    expect(
      r.out.endsWith(
        'Domain installation does not appear to have been successful.\nIf it was, you can restart your domain by running:\n  virsh --connect qemu:///system start big\notherwise, please restart your installation.\n',
      ),
    ).toBe(true);
  });
});
