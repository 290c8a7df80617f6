/** One file of an archive: its path inside it (`/` between folders) and its bytes or UTF-8 text. */
export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, the polynomial zip, gzip and PNG use) of `bytes`, as an unsigned number. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time fields; the format cannot say anything before 1980. */
function dosDateTime(at: Date): { date: number; time: number } {
  const d = at.getUTCFullYear() < 1980 ? new Date(Date.UTC(1980, 0, 1)) : at;
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  };
}

const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;
/** General purpose flag bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;

/**
 * A zip archive of `entries`, stored without compression (method 0), as every unzip tool and LMS
 * importer reads it. Entries keep their order; `modified` stamps them all (UTC, two-second steps),
 * 1980-01-01 by default so the same entries always give the same bytes. No Zip64: the archive must
 * stay under 4 GiB and 65,535 entries, far beyond what a quiz export holds.
 */
export function zip(entries: readonly ZipEntry[], modified: Date = new Date(0)): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const { date, time } = dosDateTime(modified);
  const files = entries.map((entry) => {
    const name = encoder.encode(entry.name);
    const data = typeof entry.data === 'string' ? encoder.encode(entry.data) : entry.data;
    return { name, data, crc: crc32(data) };
  });
  const localSize = files.reduce((n, f) => n + LOCAL_HEADER + f.name.length + f.data.length, 0);
  const centralSize = files.reduce((n, f) => n + CENTRAL_HEADER + f.name.length, 0);
  if (files.length > 0xffff || localSize + centralSize + END_RECORD > 0xffffffff)
    throw new RangeError('too large for a zip archive without Zip64');

  const out = new Uint8Array(localSize + centralSize + END_RECORD);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (value: number) => {
    view.setUint16(at, value, true);
    at += 2;
  };
  const u32 = (value: number) => {
    view.setUint32(at, value, true);
    at += 4;
  };
  const bytes = (value: Uint8Array) => {
    out.set(value, at);
    at += value.length;
  };
  // The fields a local header and a central directory header share, from "version needed" on.
  const common = (f: (typeof files)[number]) => {
    u16(20); // version needed to extract: 2.0
    u16(UTF8_NAMES);
    u16(0); // stored
    u16(time);
    u16(date);
    u32(f.crc);
    u32(f.data.length); // compressed size
    u32(f.data.length); // uncompressed size
    u16(f.name.length);
    u16(0); // extra field length
  };

  const offsets: number[] = [];
  for (const f of files) {
    offsets.push(at);
    u32(0x04034b50);
    common(f);
    bytes(f.name);
    bytes(f.data);
  }
  const centralStart = at;
  for (const [i, f] of files.entries()) {
    u32(0x02014b50);
    u16(0x0314); // made by: Unix, zip 2.0
    common(f);
    u16(0); // comment length
    u16(0); // disk number
    u16(0); // internal attributes
    u32(0o100644 << 16); // external attributes: a regular file, rw-r--r--
    u32(offsets[i] as number);
    bytes(f.name);
  }
  u32(0x06054b50);
  u16(0); // this disk
  u16(0); // disk where the central directory starts
  u16(files.length);
  u16(files.length);
  u32(centralSize);
  u32(centralStart);
  u16(0); // comment length
  return out;
}
