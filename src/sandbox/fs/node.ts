/** What the virtual filesystem stores: plain JSON data, so a sandbox serialises as it is. */

export interface Meta {
  /** Permission bits, e.g. 0o755. */
  mode: number;
  uid: number;
  gid: number;
  /** Modification time, virtual milliseconds since the epoch. */
  mtime: number;
}

export interface DirNode extends Meta {
  type: 'dir';
  /** Hides everything lower layers have below this directory (overlayfs "opaque"). */
  opaque?: true;
}

export interface FileNode extends Meta {
  type: 'file';
  /** Size in bytes; equals the UTF-8 length of `text` when there is text. */
  size: number;
  /** Bytes on disk when fewer than `size`: a sparse file, such as a raw disk image. */
  allocated?: number;
  /** Contents of a text file. Binaries and bulk data have a size and no text. */
  text?: string;
  /** For executables: which command implementation runs, e.g. `coreutils/ls` or `busybox`. */
  program?: string;
}

export interface SymlinkNode extends Meta {
  type: 'symlink';
  target: string;
}

export type FsNode = DirNode | FileNode | SymlinkNode;

/** A deleted path in an upper layer (an overlayfs whiteout). */
export interface Whiteout {
  type: 'whiteout';
}

export type LayerEntry = FsNode | Whiteout;

/** One filesystem layer: absolute normalised path → entry. */
export type Layer = Record<string, LayerEntry>;

const encoder = new TextEncoder();

/** Byte length of a string in UTF-8. */
export function byteLength(text: string): number {
  return encoder.encode(text).length;
}
