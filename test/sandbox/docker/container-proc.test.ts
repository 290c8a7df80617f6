import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox';

// Lines as BusyBox 1.35 printed them in a container of the same image (Engine 20.10 on cgroup v1;
// the sandbox's mount table is Engine 28's on cgroup v2).
describe("a container's own /proc, mount, ps -o, tty and arch", () => {
  it('lists the overlay root and the volumes it mounts', async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run('docker pull -q busybox >/dev/null');
    expect(await s.run("docker run --rm busybox mount | awk 'NR==1{print $1, $2, $3, $4, $5}'")).toBe(
      'overlay on / type overlay\n',
    );
    expect(await s.run("docker run --rm busybox sh -c 'grep -c overlay /proc/mounts'")).toBe('1\n');
    expect(await s.run('docker run --rm -v vol:/data busybox grep -c " /data ext4 rw," /proc/mounts')).toBe(
      '1\n',
    );
    expect(
      await s.run('docker run --rm -v vol:/data:ro busybox grep -c " /data ext4 ro," /proc/mounts'),
    ).toBe('1\n');
  });

  it('names PID 1 in /proc/1/comm and its arguments in cmdline', async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run('docker pull -q busybox >/dev/null');
    expect(await s.run('docker run --rm busybox cat /proc/1/comm')).toBe('cat\n');
    expect(await s.run(`docker run --rm busybox sh -c 'cat /proc/1/cmdline | tr "\\0" " "; echo'`)).toBe(
      `sh -c cat /proc/1/cmdline | tr "\\0" " "; echo \n`,
    );
  });

  it("has BusyBox's ps -o columns and its list of them", async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run('docker pull -q busybox >/dev/null');
    expect(await s.run('docker run --rm busybox ps -o pid,comm')).toBe('PID   COMMAND\n    1 ps\n');
    expect(await s.run('docker run --rm busybox ps -o pid,comm,nosuch')).toBe(
      // Docker Hub's BusyBox is built with PS_TIME, so its list has etime and time (Debian's has not).
      "ps: bad -o argument 'nosuch', supported arguments: user,group,comm,args,pid,ppid,pgid,etime,nice,rgroup,ruser,time,tty,vsz,sid,stat,rss\n",
    );
    expect(s.lastStatus()).toBe(1);
  });

  it('answers tty and arch', async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run('docker pull -q busybox >/dev/null');
    expect(await s.run('docker run --rm busybox tty')).toBe('not a tty\n');
    expect(s.lastStatus()).toBe(1);
    expect(await s.run('docker run --rm busybox arch')).toBe('x86_64\n');
    expect(await s.run('docker run --rm busybox busybox | head -n 1')).toMatch(
      /^BusyBox v1\.\d+\.\d+ .*multi-call binary\.\n$/,
    );
  });
});

describe('a container started without -i', () => {
  it('reads /dev/null, not the terminal, so tty says so even from a terminal', async () => {
    const s = Sandbox.create({ seed: 3, tty: true });
    await s.run('docker pull -q busybox >/dev/null');
    expect(await s.run('docker run --rm busybox tty')).toBe('not a tty\n');
  });
});
