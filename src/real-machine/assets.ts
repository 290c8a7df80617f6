import type { AssetFile } from './protocol.ts';

/** Hex SHA-256 of `bytes`, by the platform's WebCrypto (browsers, workers and Node alike). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * `bytes` if they are the file the manifest lists (its SHA-256), else an error naming it: a cache or
 * proxy that hands over other bytes at a file's checksum address must not start a machine.
 */
export async function verified(file: AssetFile, bytes: ArrayBuffer): Promise<ArrayBuffer> {
  if (file.sha256 && (await sha256Hex(bytes)) !== file.sha256)
    throw new Error(`${file.url.split('?')[0]} is not the file this site built (its checksum differs)`);
  return bytes;
}

/** Decompresses gzip with the platform's streaming decompressor. */
export function gunzip(bytes: ArrayBuffer): Promise<ArrayBuffer> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}
