import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

// Expected text is what Docker 28's client printed (conformance cases system-prune-force,
// system-prune-prompt and image-prune-prompt).
const WARNING =
  'WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n' +
  '  - all dangling images\n  - unused build cache\n\nAre you sure you want to continue? [y/N] ';

describe('docker system prune', () => {
  it('asks first, and anything but y leaves everything', async () => {
    const s = Sandbox.create({ seed: 5 });
    await s.run('docker pull -q busybox > /dev/null; docker run --name done busybox true');
    expect(await s.run('echo n | docker system prune; echo $?')).toBe(`${WARNING}0\n`);
    expect(await s.run('docker system prune < /dev/null')).toBe(WARNING);
    expect(await s.run('docker ps -aq | wc -l')).toBe('1\n');
  });

  it('removes stopped containers, keeps running ones and tagged images', async () => {
    const s = Sandbox.create({ seed: 5 });
    await s.run('docker pull -q busybox > /dev/null; docker run --name done busybox true');
    await s.run('docker run -d --name up busybox sleep 300');
    const id = (await s.run(`docker inspect -f '{{.Id}}' done`)).trim();
    expect(await s.run('docker system prune -f')).toBe(
      `Deleted Containers:\n${id}\n\nTotal reclaimed space: 0B\n`,
    );
    expect(await s.run(`docker ps -a --format '{{.Names}}'; docker images --format '{{.Repository}}'`)).toBe(
      'up\nbusybox\n',
    );
  });

  it('with -a also removes every image no container uses', async () => {
    const s = Sandbox.create({ seed: 5 });
    await s.run('docker pull -q busybox > /dev/null');
    const out = await s.run('echo y | docker system prune -a');
    expect(out).toContain(
      '  - all images without at least one container associated to them\n  - all build cache\n',
    );
    expect(out).toMatch(/Deleted Images:\nuntagged: busybox:latest\n/);
    expect(await s.run('docker images -q | wc -l')).toBe('0\n');
  });
});
