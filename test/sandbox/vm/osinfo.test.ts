import { describe, expect, it } from 'vitest';
import {
  labImageFor,
  type OsinfoEntry,
  osinfoListText,
  osinfoLookup,
  osinfoNameOf,
} from '../../../src/sandbox/vm/osinfo.ts';
import { OSINFO_LINES } from '../../../src/sandbox/vm/osinfo-data.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe('the osinfo catalogue', () => {
  it('holds Ubuntu 24.04’s osinfo-db (v20231215) and debian13, and nothing newer', () => {
    expect(OSINFO_LINES).toHaveLength(844);
    for (const name of [
      'ubuntu24.04',
      'ubuntu22.04',
      'debian12',
      'debian13',
      'linux2022',
      'fedora39',
      'win2k22',
    ])
      expect(osinfoLookup(name)?.name).toBe(name);
    for (const name of ['fedora40', 'alpinelinux3.20', 'ubuntu24.10', 'alpine3.22', 'nosuchos'])
      expect(osinfoLookup(name)).toBeUndefined();
  });

  it('finds an OS by any of its short ids, and reads its resources as virtinst does', () => {
    expect(osinfoLookup('ubuntu-lts-latest')).toEqual({
      name: 'ubuntu22.04',
      names: ['ubuntu22.04', 'ubuntujammy', 'ubuntu-lts-latest'],
      minRamBytes: 2 * GiB,
      ramBytes: 4 * GiB,
      // No recommended vCPU count: twice the minimum of one.
      cpus: 2,
      diskBytes: 25 * GiB,
    });
    // Only a minimum RAM: the recommendation is twice it, and nothing for CPUs or disk.
    expect(osinfoLookup('archlinux')).toMatchObject({ minRamBytes: 512 * MiB, ramBytes: 1024 * MiB });
    expect(osinfoLookup('archlinux')?.diskBytes).toBeUndefined();
    expect(osinfoLookup('generic')).toEqual({ name: 'generic', names: ['generic'] });
  });

  it('boots the lab’s image only for the very release it is', () => {
    expect(labImageFor(osinfoLookup('ubuntu24.04') as OsinfoEntry)).toBe('ubuntu24.04');
    expect(labImageFor(osinfoLookup('debiantrixie') as OsinfoEntry)).toBe('debian13');
    expect(labImageFor(osinfoLookup('ubuntu22.04') as OsinfoEntry)).toBeUndefined();
    expect(labImageFor(osinfoLookup('linux2022') as OsinfoEntry)).toBeUndefined();
    expect(osinfoNameOf('alpine3.22')).toBe('alpinelinux3.22');
  });

  it('prints the list with each OS’s names sorted, then the pointer to osinfo-query', () => {
    const text = osinfoListText();
    expect(text.startsWith('almalinux9\nalmalinux8\nalpinelinux3.19\n')).toBe(true);
    expect(text).toContain('\ndebian6, debian6.0, debiansqueeze\n');
    expect(text.split('\n')).toHaveLength(844 + 6);
  });
});
