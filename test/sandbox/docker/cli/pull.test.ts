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
