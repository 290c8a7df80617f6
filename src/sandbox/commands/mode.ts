import type { FsNode } from '../fs/node.ts';

/** The type letter `ls -l` shows first. */
export function typeChar(node: FsNode): string {
  return node.type === 'dir' ? 'd' : node.type === 'symlink' ? 'l' : '-';
}

/** `-rwxr-xr-x`, with setuid/setgid/sticky shown as s/S and t/T as ls and stat do. */
export function modeString(node: FsNode): string {
  const m = node.mode;
  const triplet = (shift: number, special: number, letter: string) => {
    const r = m & (4 << shift) ? 'r' : '-';
    const w = m & (2 << shift) ? 'w' : '-';
    const x = (m & (1 << shift)) !== 0;
    const s = (m & special) !== 0;
    return r + w + (s ? (x ? letter : letter.toUpperCase()) : x ? 'x' : '-');
  };
  return typeChar(node) + triplet(6, 0o4000, 's') + triplet(3, 0o2000, 's') + triplet(0, 0o1000, 't');
}

/** Allocated size in 1 KiB units as ext4 reports it: whole 4 KiB blocks; directories take one. */
export function blocksK(node: FsNode): number {
  if (node.type === 'dir') return 4;
  if (node.type === 'symlink') return 0;
  return Math.ceil((node.allocated ?? node.size) / 4096) * 4;
}

/** `st_size`: directories are one 4 KiB block, symlinks the length of their target. */
export function apparentSize(node: FsNode): number {
  if (node.type === 'dir') return 4096;
  if (node.type === 'symlink') return new TextEncoder().encode(node.target).length;
  return node.size;
}
