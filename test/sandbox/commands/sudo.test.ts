import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox.ts';

describe('sudo', () => {
  it('runs a command as root, with sudo’s environment, and as another user with -u', async () => {
    const s = Sandbox.create({ seed: 1 });
    expect(await s.run('id')).toBe(
      'uid=1000(learner) gid=1000(learner) groups=1000(learner),27(sudo),988(docker),993(kvm),986(libvirt)\n',
    );
    expect(await s.run('sudo id')).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect(await s.run('sudo whoami')).toBe('root\n');
    expect(await s.run("sudo sh -c 'echo $HOME $USER $SUDO_USER $PATH'")).toBe(
      '/root root learner /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin\n',
    );
    expect(await s.run('sudo -u nobody id')).toBe(
      'uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n',
    );
    expect(await s.run('sudo -i pwd; sudo -s pwd')).toBe('/root\n/home/learner\n');
    // Root may write where the learner may not, and what it makes is root's.
    expect(await s.run('touch /etc/motd-test')).toContain('Permission denied');
    await s.run('sudo touch /etc/motd-test');
    expect(await s.run('stat -c %U /etc/motd-test')).toBe('root\n');
  });

  it('says what it cannot find or run, as sudo words it', async () => {
    const s = Sandbox.create({ seed: 2 });
    expect(await s.run('sudo nosuchcmd; echo $?')).toBe('sudo: nosuchcmd: command not found\n1\n');
    // A builtin is no file on secure_path.
    expect(await s.run('sudo cd /root; echo $?')).toBe('sudo: cd: command not found\n1\n');
    expect(await s.run('sudo -u nosuchuser id; echo $?')).toBe(
      'sudo: unknown user nosuchuser\nsudo: error initializing audit plugin sudoers_audit\n1\n',
    );
    expect(await s.run('sudo; echo $?')).toMatch(
      /^usage: sudo -h \| -K \| -k \| -V\n[\s\S]*file \.\.\.\n1\n$/,
    );
    expect(await s.run('sudo -Z id; echo $?')).toMatch(/^sudo: invalid option -- 'Z'\nusage: sudo/);
  });

  it('lists the rules, wrapping the Defaults at 80 columns', async () => {
    const s = Sandbox.create({ seed: 3 });
    expect(await s.run('sudo -l')).toBe(
      'Matching Defaults entries for learner on quayside:\n    env_reset, mail_badpass,\n    secure_path=/usr/local/sbin\\:/usr/local/bin\\:/usr/sbin\\:/usr/bin\\:/sbin\\:/bin\\:/snap/bin,\n    use_pty\n\nUser learner may run the following commands on quayside:\n    (ALL : ALL) ALL\n    (ALL) NOPASSWD: ALL\n',
    );
  });

  it('opens a root shell with -i, -s and su, whose prompt ends in #', async () => {
    const s = Sandbox.create({ seed: 4, tty: true });
    await s.run('sudo -i');
    expect(s.prompt()).toBe('root@quayside:~# ');
    expect(await s.run('whoami; pwd')).toBe('root\n/root\n');
    await s.run('exit');
    expect(s.prompt()).toBe('learner@quayside:~$ ');
    await s.run('cd /tmp && sudo -s');
    expect(s.prompt()).toBe('root@quayside:/tmp# ');
    await s.run('exit');
    await s.run('sudo su');
    expect(s.prompt()).toBe('root@quayside:/tmp# ');
    expect(await s.run('id -u')).toBe('0\n');
    await s.run('exit');
    expect(s.prompt()).toBe('learner@quayside:/tmp$ ');
  });

  it('su asks the learner for a password the lab account does not have', async () => {
    const s = Sandbox.create({ seed: 5 });
    expect(await s.run('su -c id; echo $?')).toBe('Password: su: Authentication failure\n1\n');
    expect(await s.run("sudo su - -c 'pwd; whoami'")).toBe('/root\nroot\n');
  });
});
