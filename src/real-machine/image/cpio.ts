/** One file of a cpio archive to be written. */
export interface CpioFile {
  /** Path inside the archive, without a leading slash. */
  path: string;
  type: 'file' | 'directory' | 'symlink';
  /** Permission bits. */
  mode: number;
  /** File contents, or a symlink's target. */
  data?: Uint8Array | string;
}

const encoder = new TextEncoder();
const TYPE_BITS = { file: 0o100000, directory: 0o040000, symlink: 0o120000 } as const;

const hex = (n: number) => n.toString(16).padStart(8, '0');
const pad4 = (n: number) => (4 - (n % 4)) % 4;

/**
 * A cpio archive in the "newc" format the Linux kernel unpacks as an initramfs. Fixed inode
 * numbers, owner root and time zero make the output a function of its input alone.
 */
export function writeCpio(files: CpioFile[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  const push = (bytes: Uint8Array) => {
    parts.push(bytes);
    length += bytes.length;
  };
  const entry = (file: CpioFile, ino: number) => {
    const body = typeof file.data === 'string' ? encoder.encode(file.data) : (file.data ?? new Uint8Array());
    const name = encoder.encode(`${file.path}\0`);
    const header =
      '070701' +
      hex(ino) +
      hex(TYPE_BITS[file.type] | (file.mode & 0o7777)) +
      hex(0) + // uid
      hex(0) + // gid
      hex(file.type === 'directory' ? 2 : 1) +
      hex(0) + // mtime
      hex(body.length) +
      hex(0) +
      hex(0) +
      hex(0) +
      hex(0) +
      hex(name.length) +
      hex(0);
    push(encoder.encode(header));
    push(name);
    push(new Uint8Array(pad4(110 + name.length)));
    push(body);
    push(new Uint8Array(pad4(body.length)));
  };
  for (const [i, file] of files.entries()) entry(file, i + 1);
  entry({ path: 'TRAILER!!!', type: 'file', mode: 0 }, 0);
  const out = new Uint8Array(length + pad4(length));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
