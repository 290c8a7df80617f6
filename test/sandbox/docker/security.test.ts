import { describe, expect, it } from 'vitest';
import {
  containerCapabilities,
  normaliseCapabilities,
  securityOptError,
} from '../../../src/sandbox/docker/security';
import { Sandbox } from '../../../src/sandbox/sandbox';

async function transcript(sandbox: Sandbox, line: string): Promise<string> {
  let text = '';
  const off = sandbox.onOutput((chunk) => {
    text += chunk.text;
  });
  await sandbox.run(line);
  off();
  return text;
}

describe('capabilities and security options', () => {
  it('names capabilities as the daemon stores them, and refuses unknown ones', () => {
    expect(normaliseCapabilities(['all', 'net_bind_service', 'CAP_CHOWN'])).toEqual({
      caps: ['ALL', 'CAP_NET_BIND_SERVICE', 'CAP_CHOWN'],
    });
    expect(normaliseCapabilities(['BOGUS'])).toEqual({ error: 'unknown capability: "CAP_BOGUS"' });
  });

  it("keeps Docker's default set less what is dropped, plus what is added", () => {
    expect(containerCapabilities({})).toBeUndefined();
    expect(containerCapabilities({ capDrop: ['ALL'], capAdd: ['CAP_NET_BIND_SERVICE'] })).toEqual([
      'CAP_NET_BIND_SERVICE',
    ]);
    const withoutChown = containerCapabilities({ capDrop: ['CAP_CHOWN'] });
    expect(withoutChown).toHaveLength(13);
    expect(withoutChown).not.toContain('CAP_CHOWN');
  });

  it('reads --security-opt as the client does', () => {
    expect(
      securityOptError(['no-new-privileges', 'no-new-privileges:true', 'seccomp=unconfined']),
    ).toBeUndefined();
    expect(securityOptError(['bogus'])).toBe('Invalid --security-opt: "bogus"');
  });
});

describe('a hardened container', () => {
  it('cannot chown without CAP_CHOWN, writes only to its tmpfs, and shows its settings in inspect', async () => {
    const sandbox = Sandbox.create({ seed: 7 });
    await sandbox.run('docker pull -q alpine');
    await sandbox.run(
      'docker run -d --name tight --read-only --tmpfs /tmp --cap-drop ALL --cap-add NET_BIND_SERVICE --security-opt no-new-privileges alpine sleep 600',
    );
    expect(await transcript(sandbox, 'docker exec tight chown 1000 /tmp')).toBe(
      'chown: /tmp: Operation not permitted\n',
    );
    expect(await transcript(sandbox, 'docker exec tight touch /etc/x')).toBe(
      'touch: /etc/x: Read-only file system\n',
    );
    expect(await transcript(sandbox, "docker exec tight sh -c 'echo kept > /tmp/x && cat /tmp/x'")).toBe(
      'kept\n',
    );
    expect(
      await transcript(
        sandbox,
        "docker inspect -f '{{.HostConfig.CapDrop}} {{.HostConfig.CapAdd}} {{.HostConfig.SecurityOpt}} {{json .HostConfig.Tmpfs}}' tight",
      ),
    ).toBe('[ALL] [CAP_NET_BIND_SERVICE] [no-new-privileges] {"/tmp":""}\n');
    // tmpfs lives in memory: a restart starts it empty.
    await sandbox.run('docker restart tight');
    expect(await transcript(sandbox, 'docker exec tight ls /tmp')).toBe('');
    // A default container's root keeps CAP_CHOWN.
    expect(await transcript(sandbox, 'docker run --rm alpine chown 1000 /tmp')).toBe('');
  });
});
