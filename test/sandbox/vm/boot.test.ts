import { describe, expect, it } from 'vitest';
import { seedRandom } from '../../../src/sandbox/core/random.ts';
import {
  bootDone,
  bootLog,
  bootPhase,
  kernelStart,
  planBoot,
  sshReady,
  timespan,
} from '../../../src/sandbox/vm/boot.ts';
import { GUEST_OS } from '../../../src/sandbox/vm/os.ts';
import { Lab } from './harness.ts';

describe('timespan (systemd format_timespan, ms accuracy)', () => {
  it.each([
    [812, '812ms'],
    [2_000, '2s'],
    [16_904, '16.904s'],
    [16_900, '16.900s'],
    [64_123, '1min 4.123s'],
    [3_600_000, '1h'],
    [0, '0'],
  ])('%d ms → %s', (ms, text) => {
    expect(timespan(ms)).toBe(text);
  });
});

describe('planBoot', () => {
  it('is deterministic from the random state', () => {
    const a = planBoot(GUEST_OS['ubuntu24.04'], true, 1000, seedRandom('x'));
    const b = planBoot(GUEST_OS['ubuntu24.04'], true, 1000, seedRandom('x'));
    expect(a).toEqual(b);
  });

  it('takes tens of seconds for a first Linux boot, less later, over a minute for Windows', () => {
    const random = seedRandom('boot');
    const first = planBoot(GUEST_OS['ubuntu24.04'], true, 0, random);
    const later = planBoot(GUEST_OS['ubuntu24.04'], false, 0, random);
    const windows = planBoot(GUEST_OS.win2k22, true, 0, random);
    expect(bootDone(first)).toBeGreaterThan(15_000);
    expect(bootDone(first)).toBeLessThan(30_000);
    expect(bootDone(later)).toBeLessThan(bootDone(first));
    expect(bootDone(windows)).toBeGreaterThan(60_000);
    expect(sshReady(first)).toBeLessThan(bootDone(first));
    expect(bootPhase(first, 0)).toBe('firmware');
    expect(bootPhase(first, kernelStart(first))).toBe('kernel');
    expect(bootPhase(first, bootDone(first))).toBe('up');
  });
});

describe('bootLog', () => {
  it('runs from SeaBIOS to the login prompt in time order', async () => {
    const lab = new Lab();
    await lab.exec(
      'virt-install --name vm1 --memory 2048 --disk size=20 --osinfo ubuntu24.04 --import --noautoconsole',
    );
    const d = lab.vms.find('vm1');
    if (!d?.boot) throw new Error('not started');
    const lines = bootLog(d, GUEST_OS['ubuntu24.04'], d.boot, false);
    expect(lines[0]?.text).toBe('SeaBIOS (version 1.16.3-debian-1.16.3-2)\n\n');
    expect(lines.at(-1)?.text).toBe('\nUbuntu 24.04.1 LTS vm1 ttyS0\n\nvm1 login: ');
    expect(lines.at(-1)?.at).toBe(bootDone(d.boot));
    for (let i = 1; i < lines.length; i++)
      expect((lines[i] as { at: number }).at).toBeGreaterThanOrEqual((lines[i - 1] as { at: number }).at);
    expect(lines.some((l) => l.text.includes('Linux version 6.8.0-41-generic'))).toBe(true);
    expect(lines.some((l) => l.text.includes('Cloud-init v. 24.1.3-0ubuntu3.3'))).toBe(true);
  });
});
