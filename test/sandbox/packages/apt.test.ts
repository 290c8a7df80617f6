import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox.ts';

describe('apt on the host', () => {
  it('stops at the lock files without root, apt warning first that it is not for scripts', async () => {
    const s = Sandbox.create({ seed: 1 });
    expect(await s.run('apt-get update; echo $?')).toBe(
      'Reading package lists...\nE: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n100\n',
    );
    expect(await s.run('apt install curl; echo $?')).toBe(
      '\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\nE: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n100\n',
    );
  });

  it('cannot reach Ubuntu’s archives offline: update warns and succeeds, install finds nothing', async () => {
    const s = Sandbox.create({ seed: 2 });
    const update = await s.run('sudo apt-get update; echo $?');
    expect(update.startsWith('Ign:1 http://archive.ubuntu.com/ubuntu noble InRelease\n')).toBe(true);
    expect(update).toContain(
      "Err:4 http://security.ubuntu.com/ubuntu noble-security InRelease\n  Temporary failure resolving 'security.ubuntu.com'\nReading package lists...\n",
    );
    expect(update).toContain(
      "W: Failed to fetch http://archive.ubuntu.com/ubuntu/dists/noble-backports/InRelease  Temporary failure resolving 'archive.ubuntu.com'\n",
    );
    expect(
      update.endsWith(
        'W: Some index files failed to download. They have been ignored, or old ones used instead.\n0\n',
      ),
    ).toBe(true);
    expect(await s.run('sudo apt-get install -y cowsay; echo $?')).toBe(
      'Reading package lists...\nBuilding dependency tree...\nReading state information...\nE: Unable to locate package cowsay\n100\n',
    );
  });

  it('ends its progress lines in Done on a terminal', async () => {
    const s = Sandbox.create({ seed: 4, tty: true });
    expect(await s.run('sudo apt install -y cowsay')).toBe(
      'Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\nE: Unable to locate package cowsay\n',
    );
  });

  it('in a Debian container still reaches the lab’s mirror', async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run('docker pull -q debian:trixie >/dev/null');
    expect(await s.run('docker run --rm debian:trixie apt-get update')).toContain(
      'Get:1 http://deb.debian.org/debian trixie InRelease',
    );
  });
});
