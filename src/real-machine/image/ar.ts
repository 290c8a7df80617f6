/** One member of a Unix `ar` archive (the outer format of a Debian package). */
export interface ArMember {
  name: string;
  data: Uint8Array;
}

const MAGIC = '!<arch>\n';
const text = new TextDecoder('latin1');

/**
 * The members of an `ar` archive, in order. Debian packages use the common format: 60-byte headers,
 * names ending in `/` or spaces, data padded to an even length.
 */
export function readAr(archive: Uint8Array): ArMember[] {
  if (text.decode(archive.subarray(0, 8)) !== MAGIC) throw new Error('not an ar archive');
  const members: ArMember[] = [];
  let at = 8;
  while (at + 60 <= archive.length) {
    const header = text.decode(archive.subarray(at, at + 60));
    if (header.slice(58, 60) !== '`\n') throw new Error(`bad ar header at byte ${at}`);
    const name = header.slice(0, 16).trim().replace(/\/$/, '');
    const size = Number.parseInt(header.slice(48, 58).trim(), 10);
    if (!Number.isFinite(size) || at + 60 + size > archive.length)
      throw new Error(`truncated ar member ${name}`);
    members.push({ name, data: archive.subarray(at + 60, at + 60 + size) });
    at += 60 + size + (size % 2);
  }
  return members;
}
