import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox';

async function container(image: 'debian' | 'ubuntu' = 'debian') {
  const s = Sandbox.create({ seed: 7 });
  await s.run(`docker pull -q ${image} >/dev/null`);
  await s.run(`docker run -d --name box ${image} sleep 600 >/dev/null`);
  return { s, run: (line: string) => s.run(`docker exec box sh -c '${line}'`) };
}

// Lines as shadow's tools write them in Debian (recorded in conformance/debian.yaml on trixie's minbase).
describe("shadow's useradd, groupadd, usermod and userdel in Debian's images", () => {
  it('adds a user with a group of its own, /bin/sh and no home unless -m', async () => {
    const { run } = await container();
    await run('useradd bob');
    expect(await run('grep ^bob: /etc/passwd /etc/group /etc/gshadow')).toBe(
      '/etc/passwd:bob:x:1000:1000::/home/bob:/bin/sh\n/etc/group:bob:x:1000:\n/etc/gshadow:bob:!::\n',
    );
    expect(await run('grep ^bob: /etc/shadow | cut -d: -f2,4-')).toBe('!:0:99999:7:::\n');
    expect(await run('test -d /home/bob || echo no home')).toBe('no home\n');
    await run('useradd -m -s /bin/bash -G users,staff carol');
    expect(await run('grep carol /etc/passwd /etc/group')).toBe(
      '/etc/passwd:carol:x:1001:1001::/home/carol:/bin/bash\n/etc/group:staff:x:50:carol\n/etc/group:users:x:100:carol\n/etc/group:carol:x:1001:\n',
    );
    expect(await run('ls -ld /home/carol')).toMatch(/^drwx------ 2 carol carol /);
  });

  it('numbers system accounts down from 999 and ordinary ones up from the highest in use', async () => {
    const { run } = await container();
    await run('useradd -r svc && useradd -u 1500 -g users dave && useradd -d /srv/eve eve');
    expect(await run('tail -n 3 /etc/passwd')).toBe(
      'svc:x:999:999::/home/svc:/bin/sh\ndave:x:1500:100::/home/dave:/bin/sh\neve:x:1501:1501::/srv/eve:/bin/sh\n',
    );
    expect(await run('grep ^svc: /etc/shadow | cut -d: -f2,4-')).toBe('!::::::\n');
    await run('groupadd devs && groupadd -r sysg');
    expect(await run('tail -n 2 /etc/group')).toBe('devs:x:1502:\nsysg:x:998:\n');
  });

  it("fails with shadow's messages and exit statuses", async () => {
    const { s, run } = await container();
    expect(await run('useradd root')).toBe("useradd: user 'root' already exists\n");
    expect(s.lastStatus()).toBe(9);
    expect(await run('useradd -g nosuch bob')).toBe("useradd: group 'nosuch' does not exist\n");
    expect(s.lastStatus()).toBe(6);
    expect(await run('useradd -u 0 bob')).toBe('useradd: UID 0 is not unique\n');
    expect(s.lastStatus()).toBe(4);
    expect(await run('useradd "Bad Name"')).toBe(
      "useradd: invalid user name 'Bad Name': use --badname to ignore\n",
    );
    expect(s.lastStatus()).toBe(19);
    expect(await run('groupadd users')).toBe("groupadd: group 'users' already exists\n");
    expect(s.lastStatus()).toBe(9);
    expect(await run('groupadd -g 0 zero')).toBe("groupadd: GID '0' already exists\n");
    expect(s.lastStatus()).toBe(4);
    await run('groupadd grp');
    expect(await run('useradd grp')).toBe(
      'useradd: group grp exists - if you want to add this user to that group, use -g.\n',
    );
    expect(await run('useradd 2>&1 | head -n 1')).toBe('Usage: useradd [options] LOGIN\n');
    expect(await run('useradd >/dev/null 2>&1; echo $?')).toBe('2\n');
  });

  it('appends groups with usermod -aG and removes a user with userdel -r', async () => {
    const { s, run } = await container();
    await run('useradd -m bob && groupadd devs && usermod -aG devs,users bob');
    expect(await run('id bob')).toBe('uid=1000(bob) gid=1000(bob) groups=1000(bob),100(users),1001(devs)\n');
    expect(await run('usermod -aG nosuch bob')).toBe("usermod: group 'nosuch' does not exist\n");
    expect(await run('usermod -aG devs nobody2')).toBe("usermod: user 'nobody2' does not exist\n");
    expect(s.lastStatus()).toBe(6);
    expect(await run('usermod -a bob 2>&1 | head -n 2')).toBe(
      'usermod: -a flag is only allowed with the -G flag\nUsage: usermod [options] LOGIN\n',
    );
    expect(await run('usermod bob 2>&1 | head -n 2')).toBe(
      'usermod: no options\nUsage: usermod [options] LOGIN\n',
    );
    expect(await run('userdel -r bob')).toBe('userdel: bob mail spool (/var/mail/bob) not found\n');
    expect(s.lastStatus()).toBe(0);
    expect(await run('grep -c bob /etc/passwd /etc/group; test -d /home/bob || echo gone')).toBe(
      '/etc/passwd:0\n/etc/group:0\ngone\n',
    );
    expect(await run('userdel bob')).toBe("userdel: user 'bob' does not exist\n");
    expect(s.lastStatus()).toBe(6);
  });

  it('is refused to a user who is not root', async () => {
    const { s } = await container();
    expect(await s.run('docker exec -u nobody box useradd bob')).toBe(
      'useradd: Permission denied.\nuseradd: cannot lock /etc/passwd; try again later.\n',
    );
    expect(s.lastStatus()).toBe(1);
  });
});

describe("Ubuntu 24.04's own user", () => {
  it('holds uid 1000, so the next user is 1001 and useradd -u 1000 fails as it does in real builds', async () => {
    const { s, run } = await container('ubuntu');
    expect(await run('getent passwd 1000; ls -ld /home/ubuntu | cut -d" " -f1,3,4')).toBe(
      'ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\ndrwxr-x--- ubuntu ubuntu\n',
    );
    await run('useradd bob');
    expect(await run('id bob')).toBe('uid=1001(bob) gid=1001(bob) groups=1001(bob)\n');
    expect(await run('useradd -u 1000 app')).toBe('useradd: UID 1000 is not unique\n');
    expect(s.lastStatus()).toBe(4);
  });
});

describe("Debian's release files", () => {
  it('say which release: a point release on Debian, the Debian it branched from on Ubuntu', async () => {
    const { run } = await container('debian');
    expect(await run('cat /etc/debian_version')).toBe('13.2\n');
    const ubuntu = await container('ubuntu');
    expect(await ubuntu.run('cat /etc/debian_version')).toBe('trixie/sid\n');
  });
});
