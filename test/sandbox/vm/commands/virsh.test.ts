import { describe, expect, it } from 'vitest';
import { vshTable } from '../../../../src/sandbox/vm/commands/virsh.ts';
import { Lab } from '../harness.ts';

const install = (name: string) =>
  `virt-install --name ${name} --memory 2048 --vcpus 2 --disk size=20 --osinfo ubuntu24.04 --import --noautoconsole`;

async function withVm(): Promise<Lab> {
  const lab = new Lab();
  await lab.exec(install('vm1'));
  return lab;
}

describe('vshTable', () => {
  it('pads like libvirt: one leading space, three between columns, dashes = width + 3', () => {
    expect(
      vshTable(
        ['Id', 'Name', 'State'],
        [
          ['1', 'vm1', 'running'],
          ['-', 'web01', 'shut off'],
        ],
      ),
    ).toBe(' Id   Name    State\n------------------------\n 1    vm1     running\n -    web01   shut off\n');
  });
});

describe('virsh', () => {
  it('lists no domains with the header and a blank line', async () => {
    const lab = new Lab();
    expect(await lab.exec('virsh list --all')).toEqual({
      out: ' Id   Name   State\n--------------------\n\n',
      err: '',
      status: 0,
    });
  });

  it('lists running domains first by id, then inactive ones by name', async () => {
    const lab = await withVm();
    await lab.exec(install('alpha'));
    await lab.exec('virsh destroy alpha');
    await lab.exec(install('web'));
    expect((await lab.exec('virsh list --all')).out).toBe(
      ' Id   Name    State\n------------------------\n 1    vm1     running\n 3    web     running\n -    alpha   shut off\n\n',
    );
    expect((await lab.exec('virsh list')).out).toBe(
      ' Id   Name   State\n----------------------\n 1    vm1    running\n 3    web    running\n\n',
    );
    expect((await lab.exec('virsh list --all --name')).out).toBe('vm1\nweb\nalpha\n\n');
    expect((await lab.exec('virsh -q list')).out).toBe(' 1    vm1    running\n 3    web    running\n');
  });

  it('starts, shuts down, destroys with the quoted messages', async () => {
    const lab = await withVm();
    expect(await lab.exec('virsh start vm1')).toEqual({
      out: '\n',
      err: 'error: Domain is already active\n',
      status: 1,
    });
    expect(await lab.exec('virsh destroy vm1')).toEqual({
      out: "Domain 'vm1' destroyed\n\n",
      err: '',
      status: 0,
    });
    expect(await lab.exec('virsh destroy vm1')).toEqual({
      out: '\n',
      err: "error: Failed to destroy domain 'vm1'\nerror: Requested operation is not valid: domain is not running\n",
      status: 1,
    });
    expect(await lab.exec('virsh shutdown vm1')).toEqual({
      out: '\n',
      err: "error: Failed to shutdown domain 'vm1'\nerror: Requested operation is not valid: domain is not running\n",
      status: 1,
    });
    expect(await lab.exec('virsh start vm1')).toEqual({
      out: "Domain 'vm1' started\n\n",
      err: '',
      status: 0,
    });
    lab.advance(60_000);
    expect(await lab.exec('virsh shutdown vm1')).toEqual({
      out: "Domain 'vm1' is being shutdown\n\n",
      err: '',
      status: 0,
    });
    expect((await lab.exec('virsh domstate vm1')).out).toBe('running\n\n');
    lab.advance(10_000);
    expect((await lab.exec('virsh domstate vm1 --reason')).out).toBe('shut off (shutdown)\n\n');
    expect((await lab.exec('virsh reboot vm1')).err).toBe(
      "error: Failed to reboot domain 'vm1'\nerror: Requested operation is not valid: domain is not running\n",
    );
  });

  it('reports lookup and syntax errors as virsh does', async () => {
    const lab = await withVm();
    expect(await lab.exec('virsh start nope')).toEqual({
      out: '\n',
      err: "error: failed to get domain 'nope'\n",
      status: 1,
    });
    expect(await lab.exec('virsh start')).toEqual({
      out: '\n',
      err: "error: command 'start' requires <domain> option\n",
      status: 1,
    });
    expect(await lab.exec('virsh list --bogus')).toEqual({
      out: '\n',
      err: "error: command 'list' doesn't support option --bogus\n",
      status: 1,
    });
    expect(await lab.exec('virsh frobnicate')).toEqual({
      out: '',
      err: "error: unknown command: 'frobnicate'\n",
      status: 1,
    });
    expect((await lab.exec('virsh dominfo vm1 extra')).err).toBe("error: unexpected data 'extra'\n");
    expect((await lab.exec('virsh -c foo:///x list')).err).toBe(
      'error: failed to connect to the hypervisor\nerror: no connection driver available for foo:///x\n',
    );
    expect((await lab.exec('virsh -c qemu:///session list --all')).out).toBe(
      ' Id   Name   State\n--------------------\n\n',
    );
  });

  it('shows dominfo of a shut-off domain without CPU time or security label', async () => {
    const lab = await withVm();
    await lab.exec('virsh destroy vm1');
    const uuid = lab.vms.find('vm1')?.uuid;
    expect((await lab.exec('virsh dominfo vm1')).out).toBe(
      `Id:             -\nName:           vm1\nUUID:           ${uuid}\nOS Type:        hvm\nState:          shut off\nCPU(s):         2\nMax memory:     2097152 KiB\nUsed memory:    2097152 KiB\nPersistent:     yes\nAutostart:      disable\nManaged save:   no\nSecurity model: apparmor\nSecurity DOI:   0\n\n`,
    );
  });

  it('shows CPU time in dominfo and domstats that grows with the virtual clock', async () => {
    const lab = await withVm();
    lab.advance(10_000);
    const early = (await lab.exec('virsh domstats vm1')).out;
    lab.advance(50_000);
    const late = (await lab.exec('virsh domstats vm1')).out;
    const cpu = (text: string) => Number(/cpu\.time=(\d+)/.exec(text)?.[1]);
    expect(early.startsWith("Domain: 'vm1'\n  state.state=1\n  state.reason=1\n")).toBe(true);
    expect(cpu(late)).toBeGreaterThan(cpu(early));
    expect(late).toContain('  balloon.maximum=2097152\n');
    expect(late).toContain('  block.0.capacity=21474836480\n');
    expect((await lab.exec('virsh dominfo vm1')).out).toMatch(/\nCPU time: {7}\d+\.\ds\n/);
  });

  it('takes, lists, reverts and deletes snapshots', async () => {
    const lab = await withVm();
    lab.advance(30_000);
    expect(await lab.exec('virsh snapshot-create-as vm1 clean --description "fresh install"')).toEqual({
      out: 'Domain snapshot clean created\n',
      err: '',
      status: 0,
    });
    expect((await lab.exec('virsh snapshot-create-as vm1 clean')).err).toBe(
      'error: operation failed: domain moment clean already exists\n',
    );
    expect((await lab.exec('virsh snapshot-list vm1')).out).toBe(
      ' Name    Creation Time               State\n----------------------------------------------\n clean   2026-11-02 09:00:33 +0000   running\n\n',
    );
    await lab.exec('ssh vm1 touch precious');
    expect((await lab.exec('ssh vm1 ls')).out).toBe('precious\n');
    expect(await lab.exec('virsh snapshot-revert vm1 clean')).toEqual({
      out: 'Domain snapshot clean reverted\n\n',
      err: '',
      status: 0,
    });
    expect((await lab.exec('ssh vm1 ls')).out).toBe('');
    expect((await lab.exec('virsh snapshot-revert vm1 nope')).err).toBe(
      "error: Domain snapshot not found: no domain snapshot with matching name 'nope'\n",
    );
    expect((await lab.exec('virsh undefine vm1')).err).toBe(
      "error: Failed to undefine domain 'vm1'\nerror: Requested operation is not valid: cannot delete inactive domain with 1 snapshots\n",
    );
    expect((await lab.exec('virsh snapshot-delete vm1 clean')).out).toBe('Domain snapshot clean deleted\n\n');
    expect((await lab.exec('virsh snapshot-list vm1')).out).toBe(
      ' Name   Creation Time   State\n-------------------------------\n\n',
    );
  });

  it('undefines with --remove-all-storage, deleting the image', async () => {
    const lab = await withVm();
    await lab.exec('virsh destroy vm1');
    expect((await lab.exec('virsh undefine vm1 --remove-all-storage')).out).toBe(
      "Domain 'vm1' has been undefined\nVolume 'vda'(/var/lib/libvirt/images/vm1.qcow2) removed.\n\n",
    );
    expect(lab.host.fs.exists('/var/lib/libvirt/images/vm1.qcow2')).toBe(false);
    expect((await lab.exec('virsh list --all')).out).toBe(' Id   Name   State\n--------------------\n\n');
  });

  it('streams the boot on the serial console as virtual time passes', async () => {
    const lab = await withVm();
    await lab.exec('virsh destroy vm1');
    const r = await lab.exec('virsh start vm1 --console');
    expect(
      r.out.startsWith(
        "Domain 'vm1' started\nConnected to domain 'vm1'\nEscape character is ^] (Ctrl + ])\nSeaBIOS",
      ),
    ).toBe(true);
    expect(r.out).toContain('Booting from Hard Disk...\n');
    expect(r.out).toContain('Welcome to Ubuntu 24.04.1 LTS!');
    expect(r.out).not.toContain('Cloud-init v.');
    expect(r.out.endsWith('\nUbuntu 24.04.1 LTS vm1 ttyS0\n\nvm1 login: \n')).toBe(true);
    const d = lab.vms.find('vm1');
    expect(d?.boot && lab.clock >= d.boot.start + 5_000).toBe(true);
    await lab.exec('virsh destroy vm1');
    expect(await lab.exec('virsh console vm1')).toEqual({
      out: '\n',
      err: 'error: The domain is not running\n',
      status: 1,
    });
  });
});

describe('virsh networks and addresses', () => {
  it('marks autostart, shows the guest address once it is up, and lists its lease', async () => {
    const lab = await withVm();
    expect((await lab.exec('virsh autostart vm1')).out).toBe("Domain 'vm1' marked as autostarted\n\n");
    expect((await lab.exec('virsh dominfo vm1')).out).toMatch(/Autostart:\s+enable/);
    expect((await lab.exec('virsh autostart --disable vm1')).out).toBe(
      "Domain 'vm1' unmarked as autostarted\n\n",
    );
    await lab.exec('sleep 120');
    const vm = lab.vms.find('vm1');
    const addr = await lab.exec('virsh domifaddr vm1');
    expect(addr.out).toContain(` vnet0      ${vm?.mac}    ipv4         ${vm?.ip}/24\n`);
    expect((await lab.exec('virsh net-dhcp-leases default')).out).toContain(`${vm?.ip}/24`);
    expect((await lab.exec('virsh net-list')).out).toBe(
      ' Name      State    Autostart   Persistent\n--------------------------------------------\n default   active   yes         yes\n\n',
    );
    expect((await lab.exec('virsh net-info nosuch')).err).toBe(
      "error: failed to get network 'nosuch'\nerror: Network not found: no network with matching name 'nosuch'\n",
    );
  });
});

// libvirt's words (tools/virsh-domain.c, virsh-domain-monitor.c); the refusals for a domain that is
// not running are libvirt 9.0's, as recorded.
describe('virsh suspend and resume', () => {
  it('pauses a running domain, which list, domstate and dominfo call paused', async () => {
    const lab = await withVm();
    expect((await lab.exec('virsh suspend vm1')).out).toBe("Domain 'vm1' suspended\n\n");
    expect((await lab.exec('virsh domstate vm1 --reason')).out).toBe('paused (user)\n\n');
    expect((await lab.exec('virsh list')).out).toContain(' 1    vm1    paused\n');
    expect((await lab.exec('virsh list --state-paused --name')).out).toBe('vm1\n\n');
    expect((await lab.exec('virsh list --state-running --name')).out).toBe('\n');
    expect((await lab.exec('virsh dominfo vm1')).out).toMatch(/^State: +paused$/m);
    expect((await lab.exec('virsh suspend vm1')).status).toBe(0);
    expect((await lab.exec('virsh resume vm1')).out).toBe("Domain 'vm1' resumed\n\n");
    expect((await lab.exec('virsh domstate vm1')).out).toBe('running\n\n');
    expect((await lab.exec('virsh resume vm1')).status).toBe(0);
  });

  it('stops the boot while paused and goes on from there once resumed', async () => {
    const lab = await withVm();
    const d = lab.vms.find('vm1');
    if (!d) throw new Error('missing');
    await lab.exec('virsh suspend vm1');
    const phase = lab.vms.phase(d);
    lab.advance(600_000);
    expect(lab.vms.phase(d)).toBe(phase);
    expect(lab.vms.sshReady(d)).toBe(false);
    await lab.exec('virsh resume vm1');
    expect(lab.vms.phase(d)).toBe(phase);
    lab.advance(600_000);
    expect(lab.vms.sshReady(d)).toBe(true);
  });

  it('refuses a domain that is not running', async () => {
    const lab = await withVm();
    await lab.exec('virsh destroy vm1');
    for (const verb of ['suspend', 'resume']) {
      const r = await lab.exec(`virsh ${verb} vm1`);
      expect([r.err, r.status]).toEqual([
        `error: Failed to ${verb} domain 'vm1'\nerror: Requested operation is not valid: domain is not running\n`,
        1,
      ]);
    }
  });
});
