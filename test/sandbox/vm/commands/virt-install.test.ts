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
    const r = await lab.exec(
      'virt-install --osinfo alpinelinux3.19 --cdrom /var/lib/libvirt/boot/alpine-virt-3.22.2-x86_64.iso --noautoconsole',
    );
    expect(
      r.out.startsWith(
        'Using default --name alpinelinux3.19\nUsing alpinelinux3.19 default --memory 768\nUsing alpinelinux3.19 default --disk size=4\n',
      ),
    ).toBe(true);
    expect(r.status).toBe(0);
    // What boots is the medium's Alpine 3.22.
    expect(lab.vms.find('alpinelinux3.19')).toMatchObject({ os: 'alpine3.22', vcpus: 1, memoryMiB: 768 });
  });

  it("accepts every osinfo-db name and alias with that release's own defaults", async () => {
    const lab = new Lab();
    const dry = '--import --noautoconsole --dry-run';
    expect(await lab.exec(`virt-install --osinfo ubuntu22.04 ${dry}`)).toEqual({
      out: 'Using default --name ubuntu22.04\nUsing ubuntu22.04 default --memory 4096\nUsing ubuntu22.04 default --disk size=25\nDry run completed successfully\n',
      err: '',
      status: 0,
    });
    // An alias is the same OS, named by its first short id; the old option spelling still works.
    expect((await lab.exec(`virt-install --os-variant ubuntujammy ${dry}`)).out).toContain(
      'Using ubuntu22.04 default --memory 4096\n',
    );
    expect((await lab.exec(`virt-install --osinfo debianbookworm ${dry}`)).out).toContain(
      'Using debian12 default --memory 2048\nUsing debian12 default --disk size=20\n',
    );
    // linux2022 inherits the resources of the Ubuntu 22.04 it derives from.
    expect((await lab.exec(`virt-install --osinfo linux2022 ${dry}`)).out).toContain(
      'Using linux2022 default --memory 4096\nUsing linux2022 default --disk size=25\n',
    );
    expect((await lab.exec(`virt-install --osinfo ubuntu22.04 --memory 1024 ${dry}`)).err).toBe(
      'WARNING  Requested memory 1024 MiB is less than the recommended 2048 MiB for OS ubuntu22.04\n',
    );
  });

  it('gives a release the lab has no image of an empty disk, which boots nothing', async () => {
    const lab = new Lab();
    const r = await lab.exec('virt-install --name old --osinfo ubuntu22.04 --import --noautoconsole');
    expect(r.status).toBe(0);
    expect(lab.vms.find('old')).toMatchObject({ installed: false, vcpus: 2, memoryMiB: 4096 });
  });

  it('asks for memory and a disk when osinfo-db recommends none (generic)', async () => {
    const lab = new Lab();
    expect(await lab.exec('virt-install --osinfo generic --import --noautoconsole')).toEqual({
      out: 'Using default --name vm1\n',
      err: 'ERROR    \n--memory amount in MiB is required\n--disk storage must be specified (override with --disk none)\n',
      status: 1,
    });
  });

  it('lists osinfo-db in its own order, aliases sorted, then points to osinfo-query', async () => {
    const lab = new Lab();
    const r = await lab.exec('virt-install --osinfo list');
    const lines = r.out.split('\n');
    expect(lines.slice(0, 3)).toEqual(['almalinux9', 'almalinux8', 'alpinelinux3.19']);
    expect(lines).toContain('ubuntu-lts-latest, ubuntu22.04, ubuntujammy');
    expect(lines.indexOf('debian13, debiantrixie')).toBe(lines.indexOf('debian12, debianbookworm') - 1);
    expect(lines.indexOf('linux2022')).toBeGreaterThan(lines.indexOf('generic'));
    expect(
      r.out.endsWith('winvista\nwinxp\n\nYou can see additional information with:\n\n  osinfo-query os\n\n'),
    ).toBe(true);
  });

  it('does not recognise install media newer than its osinfo-db', async () => {
    const lab = new Lab();
    const r = await lab.exec(
      'virt-install --name a --memory 1024 --disk size=8 --cdrom /var/lib/libvirt/boot/alpine-virt-3.22.2-x86_64.iso --noautoconsole',
    );
    expect(r.status).toBe(1);
    expect(r.err).toContain('--os-variant/--osinfo OS name is required, but no value was\nset or detected.');
    expect(r.err).toContain('you can set a fallback OS name with:\n\n  --osinfo detect=on,name=OSNAME\n');
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
