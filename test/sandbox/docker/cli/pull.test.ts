import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

describe('pulling a Windows image on the Linux engine', () => {
  it('finds no linux/amd64 entry in the index, after the pull has begun', async () => {
    const s = Sandbox.create({ seed: 7 });
    expect(await s.run('docker pull mcr.microsoft.com/windows/nanoserver:ltsc2022; echo "status $?"')).toBe(
      'ltsc2022: Pulling from windows/nanoserver\nno matching manifest for linux/amd64 in the manifest list entries\nstatus 1\n',
    );
    expect(await s.run('docker images -q | wc -l')).toBe('0\n');
  });

  it('fails docker run the same way, with the run error style and status 125', async () => {
    const s = Sandbox.create({ seed: 7 });
    expect(
      await s.run('docker run --rm mcr.microsoft.com/windows/servercore:ltsc2025 cmd; echo "status $?"'),
    ).toBe(
      [
        "Unable to find image 'mcr.microsoft.com/windows/servercore:ltsc2025' locally",
        'ltsc2025: Pulling from windows/servercore',
        'docker: no matching manifest for linux/amd64 in the manifest list entries',
        '',
        "Run 'docker run --help' for more information",
        'status 125',
        '',
      ].join('\n'),
    );
  });

  it('answers a tag the registry lacks with manifest unknown, and Docker Hub has no nanoserver', async () => {
    const s = Sandbox.create({ seed: 7 });
    expect(await s.run('docker pull mcr.microsoft.com/windows/nanoserver')).toBe(
      'Using default tag: latest\nError response from daemon: manifest for mcr.microsoft.com/windows/nanoserver:latest not found: manifest unknown: manifest tagged by "latest" is not found\n',
    );
    expect(await s.run('docker pull nanoserver:ltsc2022; echo "status $?"')).toBe(
      "Error response from daemon: pull access denied for nanoserver, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\nstatus 1\n",
    );
  });

  it('shows the platform of a local image', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q alpine');
    expect(await s.run("docker image inspect -f '{{.Os}}/{{.Architecture}}' alpine")).toBe('linux/amd64\n');
  });
});

describe('docker pull --platform', () => {
  it('pulls the arm64 entry of a multi-platform index, with its own layers and the index digest', async () => {
    const s = Sandbox.create({ seed: 7 });
    const native = await s.run('docker pull alpine');
    const arm = await s.run('docker pull --platform linux/arm64 alpine');
    const layer = (out: string) => /^(\w{12}): Pull complete$/m.exec(out)?.[1];
    const digest = (out: string) => /^Digest: (\S+)$/m.exec(out)?.[1];
    expect(layer(arm)).toBeDefined();
    expect(layer(arm)).not.toBe(layer(native));
    expect(digest(arm)).toBe(digest(native));
    expect(arm).toContain('Status: Downloaded newer image for alpine:latest\n');
    expect(await s.run("docker image inspect -f '{{.Os}}/{{.Architecture}} {{.Variant}}' alpine")).toBe(
      'linux/arm64 v8\n',
    );
    // The amd64 image lost its tag to the arm64 one.
    expect(await s.run("docker images --format '{{.Repository}}:{{.Tag}}'")).toBe(
      '<none>:<none>\nalpine:latest\n',
    );
  });

  it('finds no entry for a platform the index lacks, once the pull has begun', async () => {
    const s = Sandbox.create({ seed: 7 });
    expect(await s.run('docker pull --platform linux/mips alpine; echo "status $?"')).toBe(
      'Using default tag: latest\nlatest: Pulling from library/alpine\nno matching manifest for linux/mips in the manifest list entries\nstatus 1\n',
    );
  });

  it('finds the Windows entry for windows/amd64, which the classic store of a Linux engine cannot keep', async () => {
    const s = Sandbox.create({ seed: 7 });
    expect(
      await s.run(
        'docker pull --platform windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2025; echo "status $?"',
      ),
    ).toBe('ltsc2025: Pulling from windows/nanoserver\noperating system is not supported\nstatus 1\n');
  });

  it('leaves parsing to the daemon: an invalid platform is its error', async () => {
    const s = Sandbox.create({ seed: 7 });
    expect(await s.run('docker pull --platform foo busybox; echo "status $?"')).toBe(
      'Using default tag: latest\nError response from daemon: "foo": unknown operating system or architecture: invalid argument\nstatus 1\n',
    );
  });

  it('warns when a single-platform image from a registry is not of the platform asked for', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker run -d -p 5000:5000 --name registry registry:2 >/dev/null 2>&1');
    await s.run(
      'docker pull -q busybox >/dev/null; docker tag busybox localhost:5000/box; docker push -q localhost:5000/box >/dev/null',
    );
    await s.run('docker rmi localhost:5000/box >/dev/null');
    const out = await s.run('docker pull --platform linux/arm64 localhost:5000/box; echo "status $?"');
    expect(out).toContain(
      'WARNING: image with reference localhost:5000/box:latest was found but its platform (linux/amd64) does not match the specified platform (linux/arm64)\n',
    );
    expect(out).toMatch(/localhost:5000\/box:latest\nstatus 0\n$/);
  });
});

describe('pulling from a registry of this machine', () => {
  async function pushed(): Promise<Sandbox> {
    const s = Sandbox.create({ seed: 'local-registry' });
    await s.run('docker pull -q busybox');
    await s.run('docker run -d -p 5000:5000 --name registry registry:2');
    await s.run('docker tag busybox localhost:5000/box:1.0 && docker push -q localhost:5000/box:1.0');
    return s;
  }

  it('lists no layers for an image that is already here, and untags the digest with the last tag', async () => {
    const s = await pushed();
    const digest = (await s.run("docker push localhost:5000/box:1.0 | tail -1 | cut -d' ' -f3")).trim();
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await s.run('docker rmi localhost:5000/box:1.0')).toBe(
      `Untagged: localhost:5000/box:1.0\nUntagged: localhost:5000/box@${digest}\n`,
    );
    expect(await s.run('docker pull localhost:5000/box:1.0')).toBe(
      [
        '1.0: Pulling from box',
        `Digest: ${digest}`,
        'Status: Downloaded newer image for localhost:5000/box:1.0',
        'localhost:5000/box:1.0',
        '',
      ].join('\n'),
    );
  });

  it('labels a pull by digest with the whole reference, and lists the image by its digest alone', async () => {
    const s = await pushed();
    const digest = (await s.run("docker push localhost:5000/box:1.0 | tail -1 | cut -d' ' -f3")).trim();
    await s.run('docker rmi -f busybox localhost:5000/box:1.0');
    const out = await s.run(`docker pull localhost:5000/box@${digest}`);
    expect(out.split('\n')[0]).toBe(`localhost:5000/box@${digest}: Pulling from box`);
    expect(out).toContain(': Pull complete\n');
    expect(
      await s.run(
        "docker images --digests --format '{{.Repository}} {{.Tag}} {{.Digest}}' localhost:5000/box",
      ),
    ).toBe(`localhost:5000/box <none> ${digest}\n`);
  });
});
