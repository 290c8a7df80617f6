import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Lab } from '../harness.ts';

async function booted(os = 'ubuntu24.04'): Promise<Lab> {
  const lab = new Lab();
  await lab.exec(
    `virt-install --name vm1 --memory 2048 --disk size=20 --osinfo ${os} --import --noautoconsole`,
  );
  lab.advance(60_000);
  return lab;
}

describe('ssh', () => {
  it('is refused while the guest boots, then runs commands inside it', async () => {
    const lab = new Lab();
    await lab.exec(
      'virt-install --name vm1 --memory 2048 --disk size=20 --osinfo ubuntu24.04 --import --noautoconsole',
    );
    expect(await lab.exec('ssh vm1 uname -r')).toEqual({
      out: '',
      err: 'ssh: connect to host vm1 port 22: Connection refused\r\n',
      status: 255,
    });
    lab.advance(60_000);
    expect(await lab.exec('ssh vm1 uname -r')).toEqual({
      out: '6.8.0-41-generic\n',
      err: "Warning: Permanently added 'vm1' (ED25519) to the list of known hosts.\r\n",
      status: 0,
    });
    expect(await lab.exec('ssh learner@vm1 hostname')).toEqual({ out: 'vm1\n', err: '', status: 0 });
    // Ubuntu's ssh_config hashes the names it records: HMAC-SHA1 of the name, keyed by a fresh salt.
    const known = (await lab.exec('cat ~/.ssh/known_hosts')).out;
    const entry =
      /^\|1\|([A-Za-z0-9+/]{27}=)\|([A-Za-z0-9+/]{27}=) ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43}\n$/.exec(
        known,
      );
    if (!entry) throw new Error(`not a hashed entry: ${known}`);
    const salt = Buffer.from(entry[1] as string, 'base64');
    expect(createHmac('sha1', salt).update('vm1').digest('base64')).toBe(entry[2]);
    // The hashed entry still names vm1: the next connection says nothing, a changed key is refused.
    expect((await lab.exec('ssh vm1 true')).err).toBe('');
    await lab.exec(
      "sed -i 's|AAAAI[A-Za-z0-9+/]*|AAAAIGhxt6XRYK8dKBu0agfQ8YaZltYGXluHG0xLoMXK9UFd|' ~/.ssh/known_hosts",
    );
    const changed = await lab.exec('ssh vm1 true');
    expect(changed.status).toBe(255);
    expect(changed.err).toContain('Offending ED25519 key in /home/learner/.ssh/known_hosts:1\r\n');
  });

  it('passes the remote exit status through', async () => {
    const lab = await booted();
    expect((await lab.exec('ssh vm1 false')).status).toBe(1);
    expect((await lab.exec("ssh vm1 'exit 3'")).status).toBe(3);
    expect(await lab.exec('ssh vm1 nosuchcmd')).toEqual({
      out: '',
      err: 'bash: line 1: nosuchcmd: command not found\n',
      status: 127,
    });
  });

  it('fails like OpenSSH for unknown hosts, other users, ports and options', async () => {
    const lab = await booted();
    // The offline host's resolver reaches no DNS server; OpenSSH's log lines end in CR LF.
    expect(await lab.exec('ssh x true')).toEqual({
      out: '',
      err: 'ssh: Could not resolve hostname x: Temporary failure in name resolution\r\n',
      status: 255,
    });
    expect((await lab.exec('ssh root@vm1 true')).err).toBe(
      "Warning: Permanently added 'vm1' (ED25519) to the list of known hosts.\r\nroot@vm1: Permission denied (publickey).\r\n",
    );
    expect((await lab.exec('ssh -p 2222 vm1 true')).err).toBe(
      'ssh: connect to host vm1 port 2222: Connection refused\r\n',
    );
    const bad = await lab.exec('ssh -z vm1');
    expect(bad.status).toBe(255);
    expect(
      bad.err.startsWith(
        'unknown option -- z\r\nusage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n',
      ),
    ).toBe(true);
    expect(
      (await lab.exec('ssh')).err.endsWith(
        '           destination [command [argument ...]]\n       ssh [-Q query_option]\n',
      ),
    ).toBe(true);
    expect(await lab.exec('ssh -o Bogus=yes vm1 true')).toEqual({
      out: '',
      err: 'command-line: line 0: Bad configuration option: bogus\r\n',
      status: 255,
    });
    expect((await lab.exec('ssh -o "ConnectTimeout 5" -o StrictHostKeyChecking=no vm1 true')).status).toBe(0);
    await lab.exec('virsh destroy vm1');
    expect((await lab.exec('ssh vm1 true')).err).toBe(
      'ssh: connect to host vm1 port 22: No route to host\r\n',
    );
  });

  it('asks for a terminal only where it can have one, and warns of a missing identity file', async () => {
    const lab = await booted();
    await lab.exec('ssh vm1 true');
    const refused = 'Pseudo-terminal will not be allocated because stdin is not a terminal.\r\n';
    expect(await lab.exec('ssh -t vm1 echo hi')).toEqual({ out: 'hi\n', err: refused, status: 0 });
    expect(await lab.exec('ssh -tt vm1 echo hi')).toEqual({ out: 'hi\n', err: '', status: 0 });
    expect(await lab.exec('ssh -T vm1 echo hi')).toEqual({ out: 'hi\n', err: '', status: 0 });
    expect(await lab.exec('echo hostname | ssh vm1')).toEqual({ out: 'vm1\n', err: refused, status: 0 });
    expect(await lab.exec('ssh -i nosuch vm1 echo hi')).toEqual({
      out: 'hi\n',
      err: 'Warning: Identity file nosuch not accessible: No such file or directory.\n',
      status: 0,
    });
    await lab.exec('touch id_ed25519');
    expect((await lab.exec('ssh -i id_ed25519 vm1 echo hi')).err).toBe('');
  });

  it('reaches a guest by its address too', async () => {
    const lab = await booted();
    const ip = lab.vms.find('vm1')?.ip;
    expect((await lab.exec(`ssh ${ip} hostname`)).out).toBe('vm1\n');
  });

  it('opens an interactive shell in the guest, with its banner, and comes back', async () => {
    const lab = await booted();
    const out = await lab.run('ssh vm1\nhostname\nwhoami\nexit\nhostname\n');
    expect(out).toContain('Welcome to Ubuntu 24.04.1 LTS (GNU/Linux 6.8.0-41-generic x86_64)\n');
    expect(out).toContain('  Memory usage: ');
    expect(out).toContain('IPv4 address for enp1s0: 192.168.122.23\n');
    expect(out.endsWith('vm1\nlearner\nlogout\nConnection to vm1 closed.\nquayside\n')).toBe(true);
    const again = await lab.run('ssh vm1\nexit\n');
    expect(again).toContain('Last login: Mon Nov  2 09:01:01 2026 from 192.168.122.1\n');
  });

  it('logs into Alpine with ash and its motd', async () => {
    // Ubuntu 24.04's osinfo-db predates Alpine 3.22: named as 3.19, it installs from the 3.22 ISO.
    const lab = new Lab();
    await lab.exec(
      'virt-install --name vm1 --memory 1024 --disk size=8 --osinfo alpinelinux3.19 --cdrom /var/lib/libvirt/boot/alpine-virt-3.22.2-x86_64.iso --noautoconsole',
    );
    lab.advance(5 * 60_000);
    expect((await lab.exec('virsh start vm1')).status).toBe(0);
    lab.advance(60_000);
    expect((await lab.exec('ssh vm1 cat /etc/alpine-release')).out).toBe('3.22.2\n');
    expect((await lab.exec('ssh vm1 uname -r')).out).toBe('6.12.38-0-virt\n');
    const out = await lab.run('ssh vm1\necho $0\nexit\n');
    expect(out).toContain('Welcome to Alpine!\n');
    expect(out.endsWith('sh\nConnection to vm1 closed.\n')).toBe(true);
  });

  it('talks to cmd.exe on a Windows guest', async () => {
    const lab = new Lab();
    await lab.exec(
      'virt-install --name win1 --memory 4096 --vcpus 2 --disk size=40 --osinfo win2k22 --import --noautoconsole',
    );
    lab.advance(60_000);
    expect((await lab.exec('ssh win1 ver')).err).toBe(
      'ssh: connect to host win1 port 22: Connection refused\r\n',
    );
    lab.advance(60_000);
    expect((await lab.exec('ssh win1 ver')).out).toBe('\nMicrosoft Windows [Version 10.0.20348.2849]\n');
    expect((await lab.exec('ssh win1 hostname')).out).toBe('win1\n');
    expect(await lab.exec('ssh win1 uname -r')).toEqual({
      out: '',
      err: "'uname' is not recognized as an internal or external command,\noperable program or batch file.\n",
      status: 1,
    });
    const info = (await lab.exec('ssh win1 systeminfo')).out;
    expect(info).toContain('\nHost Name:                 WIN1\n');
    expect(info).toContain('OS Name:                   Microsoft Windows Server 2022 Standard Evaluation\n');
    expect(info).toContain('Total Physical Memory:     3,974 MB\n');
    const tasks = (await lab.exec('ssh win1 tasklist')).out.split('\n');
    expect(tasks[1]).toBe('Image Name                     PID Session Name        Session#    Mem Usage');
    expect(tasks[3]).toBe('System Idle Process              0 Services                   0          8 K');
    expect(await lab.exec("printf 'ver\\nwhoami\\n' | ssh win1")).toEqual({
      out: 'Microsoft Windows [Version 10.0.20348.2849]\n(c) Microsoft Corporation. All rights reserved.\n\nC:\\Users\\learner>ver\n\nMicrosoft Windows [Version 10.0.20348.2849]\n\nC:\\Users\\learner>whoami\nwin1\\learner\n\nC:\\Users\\learner>\n',
      err: 'Pseudo-terminal will not be allocated because stdin is not a terminal.\r\n',
      status: 0,
    });
  });
});
