import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzip, sha256Hex, verified } from '../../src/real-machine/assets';
import type { AssetFile } from '../../src/real-machine/protocol';

const buffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
const state = new TextEncoder().encode('a booted machine, '.repeat(1000));
const file: AssetFile = {
  name: 'state',
  url: '/real-machine/booted.state.gz?v=0123456789ab',
  bytes: state.length,
  sha256: createHash('sha256').update(state).digest('hex'),
};

describe('the real machine’s downloads', () => {
  it('hashes as Node’s own SHA-256 does', async () => {
    expect(await sha256Hex(buffer(state))).toBe(file.sha256);
  });

  it('hands over a file whose checksum is the manifest’s', async () => {
    expect(new Uint8Array(await verified(file, buffer(state)))).toEqual(state);
  });

  it('refuses one byte changed, naming the file without its query', async () => {
    const changed = state.slice();
    changed[500] = (changed[500] as number) ^ 1;
    await expect(verified(file, buffer(changed))).rejects.toThrow(
      '/real-machine/booted.state.gz is not the file this site built (its checksum differs)',
    );
  });

  it('decompresses what vm-image gzipped', async () => {
    const compressed = gzipSync(state, { level: 9 });
    expect(new Uint8Array(await gunzip(buffer(compressed)))).toEqual(state);
  });
});
