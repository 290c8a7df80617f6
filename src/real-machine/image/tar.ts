/** One entry of a tar archive. */
export interface TarEntry {
  /** Path without a leading `./`. */
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  mode: number;
  /** Link target for symlinks and hard links. */
  linkname: string;
  data: Uint8Array;
}

const decoder = new TextDecoder();

function field(block: Uint8Array, offset: number, length: number): string {
  const bytes = block.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

function octal(block: Uint8Array, offset: number, length: number): number {
  const value = field(block, offset, length).trim();
  return value === '' ? 0 : Number.parseInt(value, 8);
}

/** pax extended header records: `"<len> key=value\n"` repeated. */
function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const content = decoder.decode(data);
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(' ', at);
    const length = Number.parseInt(content.slice(at, space), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = content.slice(space + 1, at + length - 1);
    const eq = record.indexOf('=');
    records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

const TYPES: Record<string, TarEntry['type']> = {
  '0': 'file',
  '\0': 'file',
  '5': 'directory',
  '2': 'symlink',
  '1': 'hardlink',
};

/**
 * The entries of a tar archive (ustar, with GNU long names and pax paths, as dpkg-deb writes them).
 * `want` filters by path before the data is kept, so a large archive costs little memory.
 */
export function readTar(archive: Uint8Array, want: (path: string) => boolean = () => true): TarEntry[] {
  const entries: TarEntry[] = [];
  let at = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  while (at + 512 <= archive.length) {
    const block = archive.subarray(at, at + 512);
    if (block.every((b) => b === 0)) break;
    const size = octal(block, 124, 12);
    const flag = String.fromCharCode(block[156] ?? 0);
    const data = archive.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (flag === 'L') {
      longName = field(data, 0, data.length);
      continue;
    }
    if (flag === 'K') {
      longLink = field(data, 0, data.length);
      continue;
    }
    if (flag === 'x') {
      pax = paxRecords(data);
      continue;
    }
    if (flag === 'g') continue;
    const prefix = field(block, 345, 155);
    const name =
      pax.get('path') ?? longName ?? (prefix ? `${prefix}/${field(block, 0, 100)}` : field(block, 0, 100));
    const linkname = pax.get('linkpath') ?? longLink ?? field(block, 157, 100);
    longName = undefined;
    longLink = undefined;
    pax = new Map();
    const path = name.replace(/^\.\//, '').replace(/\/$/, '');
    if (path === '' || path === '.' || !want(path)) continue;
    entries.push({ path, type: TYPES[flag] ?? 'other', mode: octal(block, 100, 8), linkname, data });
  }
  return entries;
}
