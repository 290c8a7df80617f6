import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

const WARNING =
  "WARNING: The requested image's platform (linux/arm64/v8) does not match the detected host platform (linux/amd64/v3) and no specific platform was requested\n";

describe('docker run and create --platform', () => {
  it('pulls the arm64 variant when the local image is amd64, then fails to exec it on this amd64 host', async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run('docker pull -q alpine >/dev/null');
    const out = await s.run('docker run --rm --platform linux/arm64 alpine uname -m; echo "status $?"');
    expect(
      out.startsWith("Unable to find image 'alpine:latest' locally\nlatest: Pulling from library/alpine\n"),
    ).toBe(true);
    // --platform was given, so the daemon does not warn; runc names the program it found on PATH.
    expect(out).not.toContain('WARNING');
    expect(
      out.endsWith(
        'Status: Downloaded newer image for alpine:latest\nexec /bin/uname: exec format error\nstatus 255\n',
      ),
    ).toBe(true);
  });

  it('warns without --platform, and the image still cannot run', async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run('docker pull -q --platform linux/arm64 alpine >/dev/null');
    expect(await s.run('docker run --rm alpine; echo "status $?"')).toBe(
      `${WARNING}exec /bin/sh: exec format error\nstatus 255\n`,
    );
    expect(await s.run('docker run --rm --platform linux/arm64 alpine; echo "status $?"')).toBe(
      'exec /bin/sh: exec format error\nstatus 255\n',
    );
  });

  it('fails a detached service of another platform too, into its logs', async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run('docker run -d --name web --platform arm64 nginx >/dev/null 2>&1');
    expect(await s.run("docker ps -a --format '{{.Names}} {{.Status}}'")).toMatch(/^web Exited \(255\)/);
    expect(await s.run('docker logs web')).toBe('exec /docker-entrypoint.sh: exec format error\n');
  });

  it('runs a local image whose platform is the one asked for, without pulling', async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run('docker pull -q busybox >/dev/null');
    expect(await s.run('docker run --rm --platform linux/amd64 busybox echo native')).toBe('native\n');
  });

  it('refuses a platform containerd cannot parse: run with its help line and 125, create with 1', async () => {
    const s = Sandbox.create({ seed: 3 });
    expect(await s.run('docker run --platform foo busybox true; echo "status $?"')).toBe(
      'docker: error parsing specified platform: "foo": unknown operating system or architecture: invalid argument\n\nRun \'docker run --help\' for more information\nstatus 125\n',
    );
    expect(await s.run('docker create --platform \'linux/*\' busybox; echo "status $?"')).toBe(
      'error parsing specified platform: "linux/*": wildcards not yet supported: invalid argument\nstatus 1\n',
    );
  });

  it('cannot run a Windows image even when --platform asks for its entry', async () => {
    const s = Sandbox.create({ seed: 3 });
    expect(
      await s.run(
        'docker run --platform windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2025; echo "status $?"',
      ),
    ).toBe(
      "Unable to find image 'mcr.microsoft.com/windows/nanoserver:ltsc2025' locally\nltsc2025: Pulling from windows/nanoserver\ndocker: operating system is not supported\n\nRun 'docker run --help' for more information\nstatus 125\n",
    );
  });

  it('prints a pull error of docker create plainly, with status 1', async () => {
    const s = Sandbox.create({ seed: 3 });
    expect(await s.run('docker create --platform arm64 localhost:5000/box; echo "status $?"')).toBe(
      'Unable to find image \'localhost:5000/box:latest\' locally\nError response from daemon: Get "http://localhost:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused\nstatus 1\n',
    );
  });
});

describe('docker run: what runc execs', () => {
  it('runs a relative command from the working directory, and says which path it stat-ed when missing', async () => {
    const s = Sandbox.create({ seed: 5 });
    await s.run('docker pull -q busybox');
    expect(await s.run('docker run --rm -w /bin busybox ./echo hi')).toBe('hi\n');
    expect(await s.run('docker run --rm busybox ./nosuch; echo $?')).toBe(
      'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "./nosuch": stat ./nosuch: no such file or directory: unknown\n\nRun \'docker run --help\' for more information\n127\n',
    );
    await s.run('docker run -d --name box busybox sleep 300');
    expect(await s.run('docker exec box /nosuch; echo $?')).toBe(
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "/nosuch": stat /nosuch: no such file or directory: unknown\r\n127\n',
    );
  });

  it("refuses a --mount key it does not know as pflag does, with run's usage", async () => {
    const s = Sandbox.create({ seed: 5 });
    expect(await s.run('docker run --rm --mount target=/x,bogus=1 busybox true; echo $?')).toBe(
      `invalid argument "target=/x,bogus=1" for "--mount" flag: unexpected key 'bogus' in 'bogus=1'\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n125\n`,
    );
  });
});

describe('docker run -m: the OOM killer', () => {
  const fill = 'head -c 67108864 /dev/zero';
  /** Runs a container's command line, then reports what its inspect shows of the kill. */
  async function hog(name: string, flags: string, script: string): Promise<{ out: string; state: string }> {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q busybox');
    const out = await s.run(`docker run --name ${name} ${flags} busybox sh -c '${script}'; echo $?`);
    const state = await s.run(`docker inspect -f '{{.State.OOMKilled}} {{.State.ExitCode}}' ${name}`);
    return { out, state };
  }

  it('kills the stage reading a pipe that outgrows the limit; the shell goes on and the container is marked', async () => {
    expect(await hog('hog', '-m 16m', `${fill} | tail; echo after $?`)).toEqual({
      out: 'Killed\nafter 137\n0\n',
      state: 'true 0\n',
    });
  });

  it('kills PID 1 when the shell itself holds the data, ending the container with 137', async () => {
    expect(await hog('pid1', '-m 16m', `x=$(${fill}); echo never`)).toEqual({
      out: '137\n',
      state: 'true 137\n',
    });
  });

  it("records an oom event, and the learner's line goes on after the kill", async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q busybox');
    expect(await s.run(`docker run --rm -m 16m busybox sh -c '${fill} | tail'; echo next`)).toBe(
      'Killed\nnext\n',
    );
    expect(
      await s.run('docker events --since 2026-01-01 --until 2027-01-01 --filter event=oom | wc -l'),
    ).toBe('1\n');
  });

  it('has no OOM killer to call without a limit: the lab stops the line at its string budget', async () => {
    const { out, state } = await hog('free', '', `${fill} | tail`);
    expect(out).toContain('cannot allocate more than 8388608 bytes');
    expect(state).toMatch(/^false /);
  });
});
