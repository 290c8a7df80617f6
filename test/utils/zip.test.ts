import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, zip } from '../../src/utils/zip';

const dir = mkdtempSync(join(tmpdir(), 'quayside-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let saved = 0;

/** Writes the archive and runs Info-ZIP's `unzip` on it (`-l` lists, `-t` checks every CRC, `-p` prints). */
function unzip(archive: Uint8Array, option: string, ...names: string[]): Buffer {
  const path = join(dir, `${++saved}.zip`);
  writeFileSync(path, archive);
  return execFileSync('unzip', [option, path, ...names]);
}

describe('crc32', () => {
  it('gives the check values of the standard', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });
});

describe('zip', () => {
  const entries = [
    { name: 'imsmanifest.xml', data: '<?xml version="1.0"?>\n<manifest/>\n' },
    { name: 'items/问题-1.xml', data: '<p>容器 &amp; VM</p>' },
    { name: 'bytes.bin', data: new Uint8Array([0, 255, 13, 10, 26]) },
  ];
  const archive = zip(entries, new Date(Date.UTC(2025, 2, 14, 9, 26, 52)));

  it('lists every entry, with its size, date and UTF-8 name, to unzip', () => {
    const listing = unzip(archive, '-l').toString();
    expect(listing).toMatch(/^\s+34\s+2025-03-14 09:26\s+imsmanifest\.xml$/m);
    expect(listing).toMatch(/^\s+\d+\s+2025-03-14 09:26\s+items\/问题-1\.xml$/m);
    expect(listing).toMatch(/^\s+5\s+2025-03-14 09:26\s+bytes\.bin$/m);
    expect(listing).toMatch(/^\s+\d+\s+3 files$/m);
  });

  it('gives back each file byte for byte, and passes unzip’s CRC test', () => {
    expect(unzip(archive, '-p', 'imsmanifest.xml').toString()).toBe('<?xml version="1.0"?>\n<manifest/>\n');
    expect(unzip(archive, '-p', 'items/问题-1.xml').toString()).toBe('<p>容器 &amp; VM</p>');
    expect([...unzip(archive, '-p', 'bytes.bin')]).toEqual([0, 255, 13, 10, 26]);
    expect(unzip(archive, '-t').toString()).toMatch(/No errors detected/);
  });

  it('notices a corrupted byte through the CRC', () => {
    const broken = archive.slice();
    const at = Buffer.from(broken).indexOf('<manifest/>');
    broken[at + 1] = 'n'.charCodeAt(0);
    const path = join(dir, 'broken.zip');
    writeFileSync(path, broken);
    const test = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
    expect(test.status).not.toBe(0);
    expect(test.stdout).toMatch(/imsmanifest\.xml\s+bad CRC/);
  });

  it('is the same bytes for the same entries, and holds nothing for none', () => {
    expect(Buffer.from(zip(entries)).equals(Buffer.from(zip(entries)))).toBe(true);
    const empty = zip([]);
    expect(empty.length).toBe(22);
    expect(new DataView(empty.buffer).getUint32(0, true)).toBe(0x06054b50);
  });
});
