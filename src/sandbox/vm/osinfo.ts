import { OSINFO_LINES } from './osinfo-data.ts';
import type { GuestOsId } from './state.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** One operating system of osinfo-db, with the resources virt-install reads for x86_64. */
export interface OsinfoEntry {
  /** The first short id: what virt-install calls the OS in its messages. */
  name: string;
  /** Every short id, the name first. */
  names: readonly string[];
  /** osinfo-db's minimum RAM in bytes (virt-install warns below it, calling it "recommended"). */
  minRamBytes?: number | undefined;
  /** Recommended RAM, vCPUs and disk as virtinst reads them: the minimum doubled where missing. */
  ramBytes?: number | undefined;
  cpus?: number | undefined;
  diskBytes?: number | undefined;
}

/** A catalogue size: MiB, or bytes when marked `B`. */
function bytes(text: string | undefined): number | undefined {
  if (!text) return undefined;
  return text.endsWith('B') ? Number(text.slice(0, -1)) : Number(text) * MiB;
}

/** virtinst's `_get_recommended_key`: the recommended value, else twice the minimum. */
const recommended = (value: number | undefined, minimum: number | undefined) =>
  value ?? (minimum === undefined ? undefined : minimum * 2);

function entryOf(line: string): OsinfoEntry {
  const [ids = '', minRam, minCpus, minDisk, ram, cpus, disk] = line.split('|');
  const names = ids.split(',');
  return {
    name: names[0] as string,
    names,
    minRamBytes: bytes(minRam),
    ramBytes: recommended(bytes(ram), bytes(minRam)),
    cpus: recommended(cpus ? Number(cpus) : undefined, minCpus ? Number(minCpus) : undefined),
    diskBytes: recommended(bytes(disk), bytes(minDisk)),
  };
}

/** The OS a short id names (any of its short ids), or undefined when osinfo-db does not know it. */
export function osinfoLookup(name: string): OsinfoEntry | undefined {
  const line = OSINFO_LINES.find((l) => l.slice(0, l.indexOf('|')).split(',').includes(name));
  return line === undefined ? undefined : entryOf(line);
}

/** `virt-install --osinfo list`: each OS's short ids, sorted, then the pointer to osinfo-query. */
export function osinfoListText(): string {
  const lines = OSINFO_LINES.map((l) =>
    [...new Set(l.slice(0, l.indexOf('|')).split(','))].sort().join(', '),
  );
  return `${lines.join('\n')}\n\nYou can see additional information with:\n\n  osinfo-query os\n\n`;
}

/** virt-install's `--memory` default for the OS, as it prints it (Python's `str` of the MiB). */
export function megabytesText(ramBytes: number): string {
  return String(ramBytes / MiB);
}

/** virt-install's `--disk` default size in whole GiB (`size=%d`). */
export function diskGiB(diskBytes: number): number {
  return Math.floor(diskBytes / GiB);
}

/** The lab's guest images by the osinfo-db name of their release: one release per family. */
const LAB_IMAGES: Record<string, GuestOsId> = {
  'ubuntu24.04': 'ubuntu24.04',
  debian13: 'debian13',
  'alpinelinux3.22': 'alpine3.22',
  win2k22: 'win2k22',
};

/** The lab's image of exactly this release, which `--import` puts on a new disk; else undefined. */
export function labImageFor(entry: OsinfoEntry): GuestOsId | undefined {
  return LAB_IMAGES[entry.name];
}

/** The osinfo-db name of a lab image's release (media detection names the OS by it). */
export function osinfoNameOf(id: GuestOsId): string {
  return Object.entries(LAB_IMAGES).find(([, image]) => image === id)?.[0] as string;
}
