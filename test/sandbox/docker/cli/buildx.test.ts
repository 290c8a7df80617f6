import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

// Expected shapes are what buildx printed on the recording machine (conformance/buildx.yaml), in
// buildx 0.29's wording where that case cites it.

async function project(dockerfile = 'FROM busybox\\nRUN echo built > /built.txt\\n'): Promise<Sandbox> {
  const s = Sandbox.create({ seed: 'buildx' });
  await s.run('docker pull -q busybox > /dev/null; mkdir proj; cd proj');
  await s.run(`printf '${dockerfile}' > Dockerfile`);
  return s;
}

describe('docker buildx version and ls', () => {
  it('prints the package, the release and its commit', async () => {
    const s = Sandbox.create({ seed: 'buildx' });
    expect(await s.run('docker buildx version')).toBe(
      'github.com/docker/buildx v0.29.1 a32761aeb3debd39be1eca514af3693af0db334b\n',
    );
  });

  it('lists the default builder on the docker driver and its one node', async () => {
    const s = Sandbox.create({ seed: 'buildx' });
    expect(await s.run('docker buildx ls')).toBe(
      [
        'NAME/NODE     DRIVER/ENDPOINT   STATUS    BUILDKIT   PLATFORMS',
        'default*      docker                                 ',
        ' \\_ default    \\_ default       running   v0.25.1    linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/386',
        '',
      ].join('\n'),
    );
  });
});

describe('docker buildx build on the docker driver', () => {
  it('refuses two platforms before building anything', async () => {
    const s = await project();
    const out = await s.run(
      'docker buildx build --platform linux/amd64,linux/arm64 -t multi . 2>&1; echo "status $?"',
    );
    expect(out).toBe(
      'ERROR: failed to build: Multi-platform build is not supported for the docker driver.\n' +
        'Switch to a different driver, or turn on the containerd image store, and try again.\n' +
        'Learn more at https://docs.docker.com/go/build-multi-platform/\nstatus 1\n',
    );
    expect(await s.run('docker images -q multi')).toBe('');
  });

  it('builds one platform named twice, and --sbom=false attaches nothing', async () => {
    const s = await project();
    const out = await s.run(
      'docker buildx build --platform linux/amd64,linux/amd64 --sbom=false -t one . >/dev/null 2>&1; echo "status $?"',
    );
    expect(out).toBe('status 0\n');
  });

  it('refuses an SBOM attestation', async () => {
    const s = await project();
    expect(await s.run('docker buildx build --sbom=true -t sb . 2>&1; echo "status $?"')).toBe(
      'ERROR: failed to build: Attestation is not supported for the docker driver.\n' +
        'Switch to a different driver, or turn on the containerd image store, and try again.\n' +
        'Learn more at https://docs.docker.com/go/attestations/\nstatus 1\n',
    );
  });

  it('reports flag and argument errors as the plugin, under its own command path', async () => {
    const s = await project();
    expect(await s.run('docker buildx build --frobnicate . 2>&1; echo "status $?"')).toBe(
      "unknown flag: --frobnicate\n\nUsage:  docker buildx build [OPTIONS] PATH | URL | -\n\nRun 'docker buildx build --help' for more information\nstatus 125\n",
    );
    expect(await s.run('docker buildx build 2>&1; echo "status $?"')).toBe(
      "ERROR: docker: 'docker buildx build' requires 1 argument\n\nUsage:  docker buildx build [OPTIONS] PATH | URL | -\n\nRun 'docker buildx build --help' for more information\nstatus 1\n",
    );
  });

  it('loads the image with --load', async () => {
    const s = await project();
    await s.run('docker buildx build --load -t loaded . 2>/dev/null');
    expect(await s.run('docker run --rm loaded cat /built.txt')).toBe('built\n');
  });
});

describe('docker buildx build --push and imagetools inspect', () => {
  async function withRegistry(): Promise<Sandbox> {
    const s = await project();
    await s.run('docker run -d -p 5000:5000 --name registry registry:2');
    return s;
  }

  it('pushes with the daemon after the build, then the registry serves the manifest', async () => {
    const s = await withRegistry();
    const out = await s.run('docker buildx build --push -t localhost:5000/app:1 . 2>&1');
    expect(out).toMatch(
      /\n#7 pushing localhost:5000\/app:1 with docker\n(#7 pushing layer [0-9a-f]{12} \d+\.\ds done\n)+#7 DONE \d+\.\ds\n\n$/,
    );
    const digest = (
      await s.run("docker image inspect -f '{{index .RepoDigests 0}}' localhost:5000/app:1")
    ).trim();
    expect(await s.run('docker buildx imagetools inspect localhost:5000/app:1')).toBe(
      `Name:      localhost:5000/app:1\nMediaType: application/vnd.docker.distribution.manifest.v2+json\nDigest:    ${digest.split('@')[1]}\n`,
    );
  });

  it('needs a tag to push, and says what the registry lacks', async () => {
    const s = await withRegistry();
    const out = await s.run('docker buildx build --push . 2>&1; echo "status $?"');
    expect(out).toMatch(/\n#6 exporting to image\n/);
    expect(out).toMatch(/\nERROR: failed to build: tag is needed when pushing to registry\nstatus 1\n$/);
    expect(
      await s.run('docker buildx imagetools inspect localhost:5000/nothing:1 2>&1; echo "status $?"'),
    ).toBe('ERROR: localhost:5000/nothing:1: not found\nstatus 1\n');
  });
});

describe('docker buildx on its own', () => {
  it('shows the plugin’s help, and for a command it lacks the help then its error, status 1', async () => {
    const s = Sandbox.create({ seed: 3 });
    const help = await s.run('docker buildx; echo status $?');
    expect(help).toContain('Usage:  docker buildx [OPTIONS] COMMAND');
    expect(help).toContain('  -D, --debug            Enable debug logging');
    expect(help).toContain('  history     Commands to work on build records');
    expect(help.endsWith('Set BUILDX_EXPERIMENTAL=1 to show them.\nstatus 0\n')).toBe(true);
    expect(await s.run('docker buildx --help | head -n 1')).toBe(
      'Extended build capabilities with BuildKit\n',
    );
    const unknown = await s.run('docker buildx frobnicate 2>&1 >/dev/null; echo status $?');
    expect(unknown).toBe('ERROR: unknown command: "frobnicate"\nstatus 1\n');
  });
});
