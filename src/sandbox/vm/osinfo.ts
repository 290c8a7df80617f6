import type { GuestOsId } from './state.ts';

/**
 * The OS names `virt-install --osinfo` knows, a line per OS as `--osinfo list` prints it (short id,
 * then aliases), in its order: by distribution, newest release first. A selection of Ubuntu 24.04's
 * osinfo-db (2024-05): the names a learner types, not all of its eight hundred.
 */
export const OSINFO_LIST: readonly (readonly string[])[] = [
  ['almalinux9'],
  ['almalinux8'],
  ['alpinelinux3.22'],
  ['alpinelinux3.21'],
  ['alpinelinux3.20'],
  ['alpinelinux3.19'],
  ['alpinelinux3.18'],
  ['alpinelinux3.17'],
  ['archlinux'],
  ['centos-stream9'],
  ['centos-stream8'],
  ['debian13', 'debiantrixie'],
  ['debian12', 'debianbookworm'],
  ['debian11', 'debianbullseye'],
  ['debian10', 'debianbuster'],
  ['debiantesting'],
  ['fedora40'],
  ['fedora39'],
  ['fedora38'],
  ['fedora37'],
  ['fedora-rawhide', 'fedora-unknown'],
  ['freebsd14.0'],
  ['freebsd13.2'],
  ['generic', 'unknown'],
  ['linux2024'],
  ['linux2022'],
  ['linux2020'],
  ['linux2018'],
  ['linux2016'],
  ['opensuse15.5'],
  ['opensusetumbleweed'],
  ['rhel9.4'],
  ['rhel9.3'],
  ['rhel8.10'],
  ['rocky9'],
  ['rocky8'],
  ['ubuntu24.04', 'ubuntu-lts-latest', 'ubuntu-stable-latest', 'ubuntunoble'],
  ['ubuntu23.10', 'ubuntumantic'],
  ['ubuntu22.04', 'ubuntujammy'],
  ['ubuntu20.04', 'ubuntufocal'],
  ['win11'],
  ['win10'],
  ['win2k25'],
  ['win2k22'],
  ['win2k19'],
  ['win2k16'],
];

/** The guest the sandbox boots for a family of OS names: it models one release of each. */
const MODEL_BY_PREFIX: readonly [string, GuestOsId][] = [
  ['ubuntu', 'ubuntu24.04'],
  ['debian', 'debian13'],
  ['alpinelinux', 'alpine3.22'],
  ['win', 'win2k22'],
];

/** An OS name's line in the list, or undefined when osinfo-db does not know the name. */
export function osinfoEntry(name: string): readonly string[] | undefined {
  return OSINFO_LIST.find((names) => names.includes(name));
}

/** The modelled guest that boots for a known OS name, or undefined for a family with no model. */
export function modelFor(entry: readonly string[]): GuestOsId | undefined {
  const id = entry[0] as string;
  return MODEL_BY_PREFIX.find(([prefix]) => id.startsWith(prefix))?.[1];
}
