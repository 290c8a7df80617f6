import { describe, expect, it } from 'vitest';
import { writeCpio } from '../../../src/real-machine/image/cpio';

/** Reads a newc archive back: name, mode and contents of each entry. */
function readNewc(archive: Uint8Array): { name: string; mode: number; data: string }[] {
  const text = new TextDecoder('latin1').decode(archive);
  const entries: { name: string; mode: number; data: string }[] = [];
  let at = 0;
  const align = (n: number) => n + ((4 - (n % 4)) % 4);
  for (;;) {
    expect(text.slice(at, at + 6)).toBe('070701');
    const hex = (i: number) => Number.parseInt(text.slice(at + 6 + i * 8, at + 14 + i * 8), 16);
    const [mode, size, nameSize] = [hex(1), hex(6), hex(11)];
    const name = text.slice(at + 110, at + 110 + nameSize - 1);
    const dataAt = align(at + 110 + nameSize);
    if (name === 'TRAILER!!!') break;
    entries.push({ name, mode, data: text.slice(dataAt, dataAt + size) });
    at = align(dataAt + size);
  }
  return entries;
}

describe('writeCpio', () => {
  it('writes a newc archive the kernel can unpack: types, modes, data, a trailer', () => {
    const archive = writeCpio([
      { path: 'bin', type: 'directory', mode: 0o755 },
      { path: 'bin/busybox', type: 'file', mode: 0o755, data: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1]) },
      { path: 'bin/sh', type: 'symlink', mode: 0o777, data: 'busybox' },
      { path: 'init', type: 'file', mode: 0o755, data: '#!/bin/sh\n' },
    ]);
    expect(archive.length % 4).toBe(0);
    expect(readNewc(archive)).toEqual([
      { name: 'bin', mode: 0o040755, data: '' },
      { name: 'bin/busybox', mode: 0o100755, data: '\x7fELF\x01' },
      { name: 'bin/sh', mode: 0o120777, data: 'busybox' },
      { name: 'init', mode: 0o100755, data: '#!/bin/sh\n' },
    ]);
  });

  it('gives the same bytes for the same files', () => {
    const files = [{ path: 'a', type: 'file' as const, mode: 0o644, data: 'x' }];
    expect(writeCpio(files)).toEqual(writeCpio(files));
  });
});
