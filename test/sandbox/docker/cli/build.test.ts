import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

// Expected shapes are what the real tools printed (conformance/build.yaml).
async function sandboxWith(dockerfile: string): Promise<Sandbox> {
  const s = Sandbox.create({ seed: 9 });
  await s.run('docker pull -q busybox > /dev/null; mkdir proj; cd proj');
  await s.run(`printf '${dockerfile}' > Dockerfile`);
  return s;
}

describe('docker build with DOCKER_BUILDKIT=0', () => {
  it('prints the notice, the context, each step and what it committed', async () => {
    const s = await sandboxWith('FROM busybox\\nENV A=1\\nRUN echo built\\n');
    const out = await s.run('DOCKER_BUILDKIT=0 docker build -t legacy . 2>&1');
    const lines = out.replace(/[0-9a-f]{12}/g, '<id>').split('\n');
    expect(lines.slice(0, 12)).toEqual([
      'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.',
      '            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0',
      '            environment-variable.',
      '',
      'Sending build context to Docker daemon  2.048kB\r\r',
      'Step 1/3 : FROM busybox',
      ' ---> <id>',
      'Step 2/3 : ENV A=1',
      ' ---> Running in <id>',
      'Removing intermediate container <id>',
      ' ---> <id>',
      'Step 3/3 : RUN echo built',
    ]);
    expect(lines.slice(12)).toEqual([
      ' ---> Running in <id>',
      'built',
      'Removing intermediate container <id>',
      ' ---> <id>',
      'Successfully built <id>',
      'Successfully tagged legacy:latest',
      '',
    ]);
    const again = await s.run('DOCKER_BUILDKIT=0 docker build -t legacy . 2>/dev/null');
    expect(again.match(/ ---> Using cache/g)).toHaveLength(2);
  });

  it("exits with a failing RUN's status", async () => {
    const s = await sandboxWith('FROM busybox\\nRUN exit 7\\n');
    const out = await s.run('DOCKER_BUILDKIT=0 docker build -t broken . 2>&1; echo status $?');
    expect(out).toMatch(/The command '\/bin\/sh -c exit 7' returned a non-zero code: 7\nstatus 7\n$/);
  });

  it("passes on the daemon's words for a base whose digest was copied short", async () => {
    const s = await sandboxWith('FROM busybox@sha256:816b11e4f897\\n');
    expect(await s.run('DOCKER_BUILDKIT=0 docker build . > out 2>&1; echo "status $?"; tail -n 2 out')).toBe(
      'status 1\nStep 1/1 : FROM busybox@sha256:816b11e4f897\ninvalid reference format\n',
    );
  });

  it('reports a file missing from the context', async () => {
    const s = await sandboxWith('FROM busybox\\nCOPY missing.txt /\\n');
    expect(await s.run('DOCKER_BUILDKIT=0 docker build . 2>&1 | tail -n 1')).toBe(
      'COPY failed: file not found in build context or excluded by .dockerignore: stat missing.txt: file does not exist\n',
    );
  });
});

describe('docker build with BuildKit', () => {
  it('names a missing COPY source by the session ref; the step shows the checksum error, the summary adds the cache key', async () => {
    const s = await sandboxWith('FROM busybox\\nCOPY missing.txt /\\n');
    const lines = (await s.run('docker build --progress=plain -t m . 2>&1 | grep -i error')).split('\n');
    const ref = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}::[0-9a-z]{25}';
    expect(lines[0]).toMatch(
      new RegExp(`^#\\d+ ERROR: failed to calculate checksum of ref ${ref}: "/missing.txt": not found$`),
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^ERROR: failed to build: failed to solve: failed to compute cache key: failed to calculate checksum of ref ${ref}: "/missing.txt": not found$`,
      ),
    );
  });

  it('numbers the steps of each stage under its name, padded to the total', async () => {
    const s = await sandboxWith(
      'FROM busybox AS build\\nRUN echo made > /out\\nFROM busybox\\nCOPY --from=build /out /out\\nRUN echo 1\\nRUN echo 2\\nRUN echo 3\\nRUN echo 4\\nRUN echo 5\\nRUN echo 6\\nRUN echo 7\\nRUN echo 8\\n',
    );
    const out = await s.run("docker build --progress=plain -t bk . 2>&1 | grep -o '^#[0-9]* \\[[^]]*\\]'");
    expect(out.split('\n').slice(3, 8)).toEqual([
      '#4 [build 1/2]',
      '#5 [build 2/2]',
      '#6 [stage-1  2/10]',
      '#7 [stage-1  3/10]',
      '#8 [stage-1  4/10]',
    ]);
  });

  it('names a base pinned by digest once, and the digest of an unpinned base after its tag', async () => {
    const s = await sandboxWith('FROM busybox\\n');
    const digest = (await s.run("docker inspect --format '{{index .RepoDigests 0}}' busybox"))
      .trim()
      .split('@')[1];
    const fromLine = "grep -o 'FROM docker.io/library/busybox.*'";
    expect(await s.run(`docker build --progress=plain -t unpinned . 2>&1 | ${fromLine}`)).toBe(
      `FROM docker.io/library/busybox:latest@${digest}\n`,
    );
    await s.run(`printf 'FROM busybox:latest@${digest}\\n' > Dockerfile`);
    expect(await s.run(`docker build --progress=plain -t pinned . 2>&1 | ${fromLine}`)).toBe(
      `FROM docker.io/library/busybox:latest@${digest}\n`,
    );
  });

  it('keeps a record of each local source and step; builder prune lists what it removes as buildx does', async () => {
    const s = await sandboxWith('FROM busybox\\nRUN echo a > /a\\nCOPY f.txt /f.txt\\n');
    await s.run('echo hi > f.txt; docker build -q -t p . > /dev/null');
    // The Dockerfile (47B), .dockerignore (none) and the context (f.txt); the base, RUN and COPY.
    expect(await s.run('docker system df | tail -n 1')).toBe(
      'Build Cache     6         0         50B       50B\n',
    );
    const id = '[a-z0-9]{25} {15}';
    expect(await s.run('docker builder prune -f')).toMatch(
      new RegExp(
        `^ID\t{6}RECLAIMABLE\tSIZE\t\tLAST ACCESSED\n${id}\ttrue \t\t47B {7}\tLess than a second ago\n` +
          `${id}\ttrue \t0B {8}\tLess than a second ago\n${id}\ttrue \t3B {8}\tLess than a second ago\nTotal:\t50B\n$`,
      ),
    );
    expect(await s.run('docker system df | tail -n 1')).toBe(
      'Build Cache     3         0         0B        0B\n',
    );
    expect(await s.run('docker builder prune -af | tail -n 2')).toMatch(
      /\ttrue \t3B\* {7}\t.*\nTotal:\t5B\n$/,
    );
  });

  it('COPY --chown gives the files and the directories it makes to the owner', async () => {
    const s = await sandboxWith('FROM busybox\\nCOPY --chown=1000:1000 owned.txt /opt/app/owned.txt\\n');
    await s.run('echo owned > owned.txt');
    expect(await s.run('docker build -q -t chowned . > /dev/null; echo $?')).toBe('0\n');
    expect(await s.run("docker run --rm chowned stat -c '%u:%g' /opt/app /opt/app/owned.txt")).toBe(
      '1000:1000\n1000:1000\n',
    );
  });
});

describe('docker build --platform', () => {
  it('gives a stage ARG TARGETPLATFORM and BUILDPLATFORM with BuildKit; the legacy builder leaves them empty', async () => {
    const s = Sandbox.create({ seed: 5 });
    await s.run(
      `printf 'FROM --platform=$BUILDPLATFORM busybox\\nARG TARGETPLATFORM\\nARG BUILDPLATFORM\\nRUN echo "$TARGETPLATFORM $BUILDPLATFORM" > /t\\n' > Dockerfile`,
    );
    await s.run('docker build -q -t plat . >/dev/null');
    expect(await s.run('docker run --rm plat cat /t')).toBe('linux/amd64 linux/amd64\n');
    await s.run('DOCKER_BUILDKIT=0 docker build -q -t legacy . >/dev/null 2>&1');
    expect(await s.run('docker run --rm legacy cat /t')).toBe(' \n');
  });

  it('builds FROM --platform=linux/arm64 on the arm64 image, whose RUN cannot exec here', async () => {
    const s = Sandbox.create({ seed: 5 });
    await s.run(`printf 'FROM --platform=linux/arm64 alpine\\nRUN uname -m\\n' > Dockerfile`);
    const out = await s.run('docker build --progress=plain . 2>&1; echo "status $?"');
    expect(out).toContain('#5 0.000 exec /bin/sh: exec format error\n');
    expect(out).toMatch(
      /ERROR: failed to build: failed to solve: process "\/bin\/sh -c uname -m" did not complete successfully: exit code: 255\nstatus 1\n$/,
    );
    expect(await s.run("docker image inspect -f '{{.Architecture}}' alpine")).toBe('arm64\n');
  });

  it('records the platform of a stage that runs nothing', async () => {
    const s = Sandbox.create({ seed: 5 });
    await s.run(`printf 'FROM alpine\\nLABEL built=yes\\n' > Dockerfile`);
    await s.run('docker build -q --platform linux/arm64 -t armlabel . >/dev/null');
    expect(await s.run("docker image inspect -f '{{.Os}}/{{.Architecture}}' armlabel")).toBe('linux/arm64\n');
  });

  it('refuses a platform it cannot parse, as buildx and the legacy daemon word it', async () => {
    const s = Sandbox.create({ seed: 5 });
    await s.run(`printf 'FROM busybox\\n' > Dockerfile`);
    expect(await s.run('docker build --platform foo .; echo "status $?"')).toBe(
      'ERROR: failed to build: "foo": unknown operating system or architecture: invalid argument\nstatus 1\n',
    );
    expect(await s.run('DOCKER_BUILDKIT=0 docker build --platform foo . 2>&1 | tail -1')).toBe(
      'Error response from daemon: "foo": unknown operating system or architecture: invalid argument\n',
    );
  });
});

describe('docker build on a terminal', () => {
  it('ends with every step counted as done, steps that took no time included', async () => {
    const s = Sandbox.create({ seed: 9, tty: true, columns: 80 });
    await s.run('docker pull -q busybox > /dev/null; mkdir proj; cd proj');
    await s.run(`printf 'FROM busybox\\nENV A=1\\nRUN echo built\\n' > Dockerfile`);
    const out = await s.run('docker build -t tty .');
    const headers = [...out.matchAll(/\[\+\] Building [\d.]+s \((\d+)\/(\d+)\)( FINISHED)?/g)];
    const last = headers.at(-1);
    expect(last?.[3]).toBe(' FINISHED');
    expect(last?.[1]).toBe(last?.[2]);
  });
});
