import { describe, expect, it } from 'vitest';
import { readTar } from '../../../src/real-machine/image/tar';

const encoder = new TextEncoder();

/** One tar header and its data, padded to 512-byte blocks. */
function entry(name: string, flag: string, data = '', linkname = ''): Uint8Array {
  const header = new Uint8Array(512);
  header.set(encoder.encode(name.slice(0, 100)), 0);
  header.set(encoder.encode('0000755\0'), 100);
  header.set(encoder.encode(`${data.length.toString(8).padStart(11, '0')}\0`), 124);
  header[156] = flag.charCodeAt(0);
  header.set(encoder.encode(linkname), 157);
  header.set(encoder.encode('ustar\0'), 257);
  const body = encoder.encode(data);
  const out = new Uint8Array(512 + Math.ceil(body.length / 512) * 512);
  out.set(header);
  out.set(body, 512);
  return out;
}

const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0) + 1024);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe('readTar', () => {
  it('reads files, directories and links, dropping the leading ./', () => {
    const entries = readTar(
      join(
        entry('./', '5'),
        entry('./bin/', '5'),
        entry('./bin/busybox', '0', 'ELF'),
        entry('./bin/sh', '2', '', 'busybox'),
      ),
    );
    expect(entries.map((e) => [e.path, e.type])).toEqual([
      ['bin', 'directory'],
      ['bin/busybox', 'file'],
      ['bin/sh', 'symlink'],
    ]);
    expect(new TextDecoder().decode(entries[1]?.data)).toBe('ELF');
    expect(entries[1]?.mode).toBe(0o755);
    expect(entries[2]?.linkname).toBe('busybox');
  });

  it('takes long names from GNU and pax headers', () => {
    const long = `./lib/modules/${'x'.repeat(120)}/overlay.ko`;
    const pax = `${long.length + 7 + String(long.length + 7).length} path=${long}\n`;
    const entries = readTar(
      join(
        entry('././@LongLink', 'L', `${long}\0`),
        entry(long.slice(0, 99), '0', 'gnu'),
        entry('PaxHeaders/x', 'x', pax),
        entry('short', '0', 'pax'),
      ),
    );
    expect(entries.map((e) => e.path)).toEqual([long.slice(2), long.slice(2)]);
  });

  it('keeps only what the filter wants', () => {
    const entries = readTar(join(entry('./a', '0', '1'), entry('./b', '0', '2')), (p) => p === 'b');
    expect(entries.map((e) => e.path)).toEqual(['b']);
  });
});
