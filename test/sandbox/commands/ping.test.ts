import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox.ts';

/** Masks the measured times, which come from the seed. */
const times = (text: string) => text.replace(/\d+\.\d{3}/g, 'T');

describe('ping', () => {
  it('resolves container names on a user-defined network only, as BusyBox words it', async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run(
      'docker pull -q busybox; docker network create app; docker run -d --name db --network app busybox sleep 300',
    );
    expect(times(await s.run('docker run --rm --network app busybox ping -c 2 db'))).toBe(
      'PING db (172.18.0.2): 56 data bytes\n' +
        '64 bytes from 172.18.0.2: seq=0 ttl=64 time=T ms\n' +
        '64 bytes from 172.18.0.2: seq=1 ttl=64 time=T ms\n\n' +
        '--- db ping statistics ---\n' +
        '2 packets transmitted, 2 packets received, 0% packet loss\n' +
        'round-trip min/avg/max = T/T/T ms\n',
    );
    expect(await s.run('docker run --rm busybox ping -c 1 db; echo $?')).toBe("ping: bad address 'db'\n1\n");
  });

  it('waits out -W for an address nobody holds, and another bridge never answers', async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run(
      'docker pull -q busybox; docker network create app; docker run -d --name db --network app busybox sleep 300',
    );
    expect(await s.run('docker run --rm busybox ping -c 1 -W 1 172.18.0.2; echo $?')).toBe(
      'PING 172.18.0.2 (172.18.0.2): 56 data bytes\n\n' +
        '--- 172.18.0.2 ping statistics ---\n' +
        '1 packets transmitted, 0 packets received, 100% packet loss\n1\n',
    );
  });

  it("on the host is iputils': icmp_seq from 1, a summary with time and mdev, guests and containers", async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run('docker pull -q busybox; docker run -d --name db busybox sleep 300');
    expect(times(await s.run('ping -c 2 172.17.0.2'))).toMatch(
      /^PING 172\.17\.0\.2 \(172\.17\.0\.2\) 56\(84\) bytes of data\.\n64 bytes from 172\.17\.0\.2: icmp_seq=1 ttl=64 time=T ms\n64 bytes from 172\.17\.0\.2: icmp_seq=2 ttl=64 time=T ms\n\n--- 172\.17\.0\.2 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time 100\dms\nrtt min\/avg\/max\/mdev = T\/T\/T\/T ms\n$/,
    );
    expect(await s.run('ping -c 1 db; echo $?')).toBe('ping: db: Temporary failure in name resolution\n2\n');
  });
});
