import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox';

/** A sandbox with an image pulled, and a way to run lines in one container of it. */
async function container(image: 'alpine' | 'busybox') {
  const s = Sandbox.create({ seed: 5 });
  await s.run(`docker pull -q ${image} >/dev/null`);
  await s.run(`docker run -d --name box ${image} sleep 600 >/dev/null`);
  return {
    s,
    run: (line: string) => s.run(`docker exec box sh -c '${line}'`),
  };
}

// BusyBox 1.37's loginutils (adduser.c, addgroup.c, deluser.c, passwd.c) on Alpine's account files.
describe('BusyBox adduser and addgroup', () => {
  it('makes the system user and group of the Alpine Dockerfile idiom, with a setgid home', async () => {
    const { s, run } = await container('alpine');
    expect(await run('addgroup -S app && adduser -S app -G app; echo $?')).toBe('0\n');
    expect(await run('grep ^app: /etc/passwd /etc/group')).toBe(
      '/etc/passwd:app:x:100:101:Linux User,,,:/home/app:/sbin/nologin\n/etc/group:app:x:101:app\n',
    );
    // The shadow line is locked, dated today (days since the epoch), with BusyBox's ageing fields.
    expect(await run('grep ^app: /etc/shadow | cut -d: -f2,4-')).toBe('!:0:99999:7:::\n');
    expect(await run('ls -ld /home/app | cut -c1-10')).toBe('drwxr-sr-x\n');
    expect(await run('stat -c "%u %g" /home/app')).toBe('100 101\n');
    expect(await run('id app')).toBe('uid=100(app) gid=101(app) groups=101(app)\n');
    expect(s.lastStatus()).toBe(0);
  });

  it('gives an ordinary user the next uid from 1000, a group of its own and the shell of root', async () => {
    const { run } = await container('alpine');
    await run('adduser -D dev');
    await run('adduser -D -u 2000 -g Ops -h /opt/ops -s /bin/ash ops');
    expect(await run('tail -n 2 /etc/passwd')).toBe(
      'dev:x:1000:1000:Linux User,,,:/home/dev:/bin/sh\nops:x:2000:2000:Ops:/opt/ops:/bin/ash\n',
    );
    expect(await run('tail -n 2 /etc/group')).toBe('dev:x:1000:\nops:x:2000:\n');
    await run('adduser -D -H nohome');
    expect(await run('test -d /home/nohome || echo none')).toBe('none\n');
  });

  it("refuses what BusyBox refuses, in BusyBox's words", async () => {
    const { s, run } = await container('alpine');
    expect(await run('adduser -D -G nosuch bob')).toBe('adduser: unknown group nosuch\n');
    expect(s.lastStatus()).toBe(1);
    expect(await run('adduser -D root')).toBe("adduser: user 'root' in use\n");
    expect(await run('adduser -D -u 0 bob')).toBe("adduser: uid '0' in use\n");
    expect(await run('adduser -D -u 70000 bob')).toBe('adduser: number 70000 is not in 0..60000 range\n');
    expect(await run('addgroup -g 0 zero')).toBe("addgroup: gid '0' in use\n");
    expect(await run('addgroup root')).toBe("addgroup: group 'root' in use\n");
    expect(await run('addgroup nobody nosuch')).toBe('addgroup: unknown group nosuch\n');
    expect(await run('addgroup nouser users')).toBe('addgroup: unknown user nouser\n');
    expect(await s.run('docker exec -u nobody box adduser -D x')).toBe(
      'adduser: permission denied (are you root?)\n',
    );
    expect(s.lastStatus()).toBe(1);
  });

  it('runs passwd without -D, which leaves the password unchanged on an empty input', async () => {
    const { s, run } = await container('alpine');
    expect(await run('adduser carol < /dev/null')).toBe(
      'Changing password for carol\nNew password: \npasswd: password for carol is unchanged\n',
    );
    expect(s.lastStatus()).toBe(1);
    // The account is made before passwd runs.
    expect(await run('id -u carol')).toBe('1000\n');
    expect(await run('printf "a\\nb\\n" | passwd carol; echo $?')).toBe(
      "Changing password for carol\nNew password: \nRetype password: \nPasswords don't match\npasswd: password for carol is unchanged\n1\n",
    );
    await run('printf "s3cret\\ns3cret\\n" | passwd carol');
    expect(await run('grep ^carol: /etc/shadow | cut -d: -f2 | cut -c1-3')).toBe('$6$\n');
    expect(await run('passwd -l carol >/dev/null 2>&1; grep ^carol: /etc/shadow | cut -c1-9')).toBe(
      'carol:!$6\n',
    );
  });

  it('adds an existing user to a group, and deluser and delgroup undo it', async () => {
    const { run } = await container('alpine');
    await run('addgroup devs && adduser -D ann && adduser ann devs');
    // devs took gid 1000, so ann's uid skips it: a new user's own group shares its number.
    expect(await run('id ann')).toBe('uid=1001(ann) gid=1001(ann) groups=1001(ann),1000(devs)\n');
    expect(await run('grep ^devs: /etc/group')).toBe('devs:x:1000:ann\n');
    await run('delgroup ann devs');
    expect(await run('grep ^devs: /etc/group')).toBe('devs:x:1000:\n');
    expect(await run('delgroup ann')).toBe("delgroup: 'ann' still has 'ann' as their primary group!\n");
    await run('deluser ann');
    expect(await run('grep -c ^ann: /etc/passwd /etc/group /etc/shadow')).toBe(
      '/etc/passwd:0\n/etc/group:0\n/etc/shadow:0\n',
    );
  });

  it("in Docker Hub's busybox gives system users /bin/false and nogroup, and keeps no shadow file", async () => {
    const { run } = await container('busybox');
    await run('adduser -S svc');
    expect(await run('grep svc /etc/passwd /etc/group')).toBe(
      '/etc/passwd:svc:x:100:65534:Linux User,,,:/home/svc:/bin/false\n/etc/group:nogroup:x:65534:svc\n',
    );
    expect(await run('test -e /etc/shadow || echo no shadow')).toBe('no shadow\n');
  });

  it('builds an image whose USER is the user its RUN added', async () => {
    const s = Sandbox.create({ seed: 5 });
    await s.run('mkdir app && cd app');
    await s.run(
      "printf 'FROM alpine\\nRUN addgroup -S app && adduser -S app -G app\\nUSER app\\n' > Dockerfile",
    );
    await s.run('docker build -q -t app . >/dev/null');
    expect(s.lastStatus()).toBe(0);
    expect(await s.run('docker run --rm app id')).toBe('uid=100(app) gid=101(app) groups=101(app)\n');
    expect(await s.run('docker run --rm app whoami')).toBe('app\n');
  });
});
