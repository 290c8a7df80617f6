import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox';

// dpkg-query's list as Debian's dpkg 1.21 prints it off a terminal (columns as wide as their widest entry).
describe('dpkg in the debian image', () => {
  it("lists the base system's packages from /var/lib/dpkg/status, then what apt-get installed", async () => {
    const s = Sandbox.create({ seed: 6 });
    await s.run('docker pull -q debian >/dev/null');
    await s.run('docker run -d --name box debian sleep 600 >/dev/null');
    expect(await s.run('docker exec box dpkg -l dash')).toBe(
      [
        'Desired=Unknown/Install/Remove/Purge/Hold',
        '| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend',
        '|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)',
        '||/ Name           Version      Architecture Description',
        '+++-==============-============-============-=================================',
        'ii  dash           0.5.12-12    amd64        POSIX-compliant shell',
        '',
      ].join('\n'),
    );
    expect(await s.run("docker exec box sh -c 'dpkg -l | grep -c ^ii; dpkg -l | sed -n 4p'")).toBe(
      '78\n||/ Name                    Version                           Architecture Description\n',
    );
    expect(await s.run('docker exec box dpkg -l nosuch')).toBe(
      'dpkg-query: no packages found matching nosuch\n',
    );
    expect(s.lastStatus()).toBe(1);
    expect(await s.run('docker exec box dpkg --version')).toBe(
      "Debian 'dpkg' package management program version 1.22.22 (amd64).\nThis is free software; see the GNU General Public License version 2 or\nlater for copying conditions. There is NO warranty.\n",
    );
    await s.run("docker exec box sh -c 'apt-get update; apt-get install -y curl' >/dev/null");
    expect(await s.run('docker exec box sh -c \'dpkg -l "*curl*" | tail -n 2\'')).toBe(
      'ii  curl           8.14.1-2     amd64        command line tool for transferring data with URL syntax\nii  libcurl4t64    8.14.1-2     amd64        easy-to-use client-side URL transfer library (OpenSSL flavour)\n',
    );
    expect(await s.run('docker exec box dpkg')).toContain('dpkg: error: need an action option\n');
    expect(s.lastStatus()).toBe(2);
  });
});
