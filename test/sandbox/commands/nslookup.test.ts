import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox.ts';

describe('nslookup', () => {
  it("asks the user-defined network's embedded DNS, and finds only its containers", async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run(
      'docker pull -q busybox; docker network create app; docker run -d --name db --network app busybox sleep 300',
    );
    expect(await s.run('docker run --rm --network app busybox nslookup db')).toBe(
      'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n' +
        'Non-authoritative answer:\n\nNon-authoritative answer:\nName:\tdb\nAddress: 172.18.0.2\n\n',
    );
    expect(await s.run('docker run --rm --network app busybox nslookup nosuch; echo $?')).toBe(
      'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n' +
        "** server can't find nosuch: NXDOMAIN\n\n** server can't find nosuch: NXDOMAIN\n\n1\n",
    );
  });
});
