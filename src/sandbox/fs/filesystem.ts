import { byteLength, type DirNode, type FileNode, type FsNode, type Layer, type LayerEntry } from './node.ts';
import { ancestors, basename, dirname, isWithin, normalize } from './path.ts';

export type FsErrorCode =
  | 'ENOENT'
  | 'EEXIST'
  | 'ENOTDIR'
  | 'EISDIR'
  | 'ENOTEMPTY'
  | 'EACCES'
  | 'ELOOP'
  | 'EINVAL'
  | 'EROFS'
  | 'EBUSY'
  | 'EFBIG';

const messages: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EACCES: 'Permission denied',
  ELOOP: 'Too many levels of symbolic links',
  EINVAL: 'Invalid argument',
  EROFS: 'Read-only file system',
  EBUSY: 'Device or resource busy',
  EFBIG: 'File too large',
};

/** The largest text file the sandbox keeps (its files live in memory, in the page and the grader). */
export const MAX_TEXT_FILE = 32 * 1024 * 1024;

/** A failed filesystem call; `message` is the C library's text (strerror), which tools print. */
export class FsError extends Error {
  readonly code: FsErrorCode;
  readonly path: string;
  constructor(code: FsErrorCode, path: string) {
    super(messages[code]);
    this.code = code;
    this.path = path;
  }
}

/** Who is acting, for permission checks and the owner of new files. */
export interface Actor {
  uid: number;
  gid: number;
  /** A root whose capabilities were cut (`--cap-drop`): only those listed; all when absent. */
  capabilities?: readonly string[];
}

export const ROOT: Actor = { uid: 0, gid: 0 };

export interface WriteOptions {
  actor?: Actor;
  mode?: number;
  mtime?: number;
  append?: boolean;
  program?: string;
  /** Bytes a blob occupies on disk when fewer than its size (a sparse file). */
  allocated?: number;
}

/** Another filesystem's directory shown at `at` (a bind mount or a Docker volume). */
export interface Mount {
  at: string;
  fs: Filesystem;
  /** Directory in `fs` that appears at `at`. */
  source: string;
  readOnly?: boolean;
}

const childIndexCache = new WeakMap<Layer, Map<string, string[]>>();

function buildChildIndex(layer: Layer): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const path of Object.keys(layer)) {
    if (path === '/') continue;
    const parent = dirname(path);
    let list = index.get(parent);
    if (!list) {
      list = [];
      index.set(parent, list);
    }
    list.push(basename(path));
  }
  return index;
}

/**
 * A union (overlay) filesystem: read-only lower layers, top last, under one writable upper layer.
 * A host is one base layer plus its changes; a container is its image's layers plus its own.
 */
export class Filesystem {
  readonly lowers: readonly Layer[];
  readonly upper: Layer;
  readonly readOnly: boolean;
  /** Virtual clock for modification times. */
  now: () => number;
  private upperIndex: Map<string, string[]> | undefined;
  /** Mounts over this filesystem, longest mount point first. */
  private mounts: Mount[] = [];

  constructor(
    lowers: readonly Layer[],
    upper: Layer,
    options: { now?: () => number; readOnly?: boolean } = {},
  ) {
    this.lowers = lowers;
    this.upper = upper;
    this.now = options.now ?? (() => 0);
    this.readOnly = options.readOnly ?? false;
  }

  /** Shows `mount.source` of another filesystem at `mount.at`. */
  mount(mount: Mount): void {
    this.mounts = [...this.mounts.filter((m) => m.at !== mount.at), mount].sort(
      (a, b) => b.at.length - a.at.length,
    );
  }

  /** The mount a path falls in, with the path translated into the mounted filesystem. */
  private route(path: string): { mount: Mount; path: string } | undefined {
    if (this.mounts.length === 0) return undefined;
    const p = normalize(path);
    for (const mount of this.mounts) {
      if (isWithin(p, mount.at)) {
        const rest = p.slice(mount.at.length);
        return { mount, path: normalize(`${mount.source}/${rest}`) };
      }
    }
    return undefined;
  }

  private routeWrite(path: string): { fs: Filesystem; path: string } | undefined {
    const r = this.route(path);
    if (!r) return undefined;
    if (r.mount.readOnly) throw new FsError('EROFS', path);
    return { fs: r.mount.fs, path: r.path };
  }

  /** All layers, top first. */
  private layersTopDown(): Layer[] {
    const out: Layer[] = [this.upper];
    for (let i = this.lowers.length - 1; i >= 0; i--) out.push(this.lowers[i] as Layer);
    return out;
  }

  private childIndex(layer: Layer): Map<string, string[]> {
    if (layer === this.upper) {
      this.upperIndex ??= buildChildIndex(layer);
      return this.upperIndex;
    }
    let index = childIndexCache.get(layer);
    if (!index) {
      index = buildChildIndex(layer);
      childIndexCache.set(layer, index);
    }
    return index;
  }

  /** Whether `layer` hides lower layers at `path` or at one of its ancestors. */
  private static blocks(layer: Layer, path: string): boolean {
    for (const dir of ancestors(path)) {
      const entry = layer[dir];
      if (entry && (entry.type === 'whiteout' || (entry.type === 'dir' && entry.opaque))) return true;
      if (entry && entry.type !== 'dir') return true;
    }
    return false;
  }

  /** The visible entry at an exact path (no symlink resolution). */
  private lookup(path: string): FsNode | undefined {
    for (const layer of this.layersTopDown()) {
      const entry = layer[path];
      if (entry) return entry.type === 'whiteout' ? undefined : entry;
      if (Filesystem.blocks(layer, path)) return undefined;
    }
    return undefined;
  }

  /** True when a lower layer has something at `path` that a whiteout must hide. */
  private inLowers(path: string): boolean {
    for (let i = this.lowers.length - 1; i >= 0; i--) {
      const layer = this.lowers[i] as Layer;
      const entry = layer[path];
      if (entry) return entry.type !== 'whiteout';
      if (Filesystem.blocks(layer, path)) return false;
    }
    return false;
  }

  /**
   * Resolves symbolic links along `path` (and in its last component when `followLast`).
   * Returns the real path and its node, or the real path and `undefined` if only the last part is missing.
   */
  resolve(path: string, followLast = true): { path: string; node: FsNode | undefined } {
    const found = this.find(path, followLast);
    if (typeof found === 'string') throw new FsError(found, path);
    return found;
  }

  /**
   * `resolve` without throwing: an error code instead of an exception, because PATH lookups miss
   * all the time and an Error's stack trace is costly.
   */
  private find(
    path: string,
    followLast: boolean,
  ): { path: string; node: FsNode | undefined } | 'ENOENT' | 'ELOOP' | 'ENOTDIR' {
    const routed = this.route(path);
    if (routed) {
      const r = routed.mount.fs.find(routed.path, followLast);
      if (typeof r === 'string') return r;
      const inside = r.path.slice(routed.mount.source === '/' ? 0 : routed.mount.source.length);
      return { path: normalize(`${routed.mount.at}/${inside}`), node: r.node };
    }
    let pending = normalize(path).split('/').filter(Boolean);
    let current = '/';
    let hops = 0;
    while (pending.length > 0) {
      const part = pending[0] as string;
      const next = current === '/' ? `/${part}` : `${current}/${part}`;
      const node = this.lookup(next);
      const last = pending.length === 1;
      if (!node) return last ? { path: next, node: undefined } : 'ENOENT';
      if (node.type === 'symlink' && (!last || followLast)) {
        if (++hops > 40) return 'ELOOP';
        const target = node.target.startsWith('/') ? node.target : `${current}/${node.target}`;
        pending = [...normalize(target).split('/').filter(Boolean), ...pending.slice(1)];
        current = '/';
        continue;
      }
      if (!last && node.type !== 'dir') return 'ENOTDIR';
      current = next;
      pending = pending.slice(1);
    }
    return { path: current, node: this.lookup(current) };
  }

  /** The node at `path`, following symlinks; undefined when it does not exist. */
  stat(path: string): FsNode | undefined {
    const found = this.find(path, true);
    return typeof found === 'string' ? undefined : found.node;
  }

  /** The node at `path` itself (a symlink is not followed). */
  lstat(path: string): FsNode | undefined {
    const found = this.find(path, false);
    return typeof found === 'string' ? undefined : found.node;
  }

  exists(path: string): boolean {
    return this.stat(path) !== undefined;
  }

  isDir(path: string): boolean {
    return this.stat(path)?.type === 'dir';
  }

  /** The file at `path`; throws ENOENT or EISDIR. */
  readFile(path: string): FileNode {
    const routed = this.route(path);
    if (routed) return routed.mount.fs.readFile(routed.path);
    const { node } = this.resolve(path);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type === 'dir') throw new FsError('EISDIR', path);
    if (node.type !== 'file') throw new FsError('EINVAL', path);
    return node;
  }

  /** A file's text; binaries read as an empty string. */
  readText(path: string): string {
    return this.readFile(path).text ?? '';
  }

  /** Names in a directory, sorted bytewise as `ls` does in the C locale. */
  readdir(path: string): string[] {
    const routed = this.route(path);
    if (routed) return routed.mount.fs.readdir(routed.path);
    const { path: real, node } = this.resolve(path);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    const names = new Set<string>();
    const hidden = new Set<string>();
    for (const layer of this.layersTopDown()) {
      for (const name of this.childIndex(layer).get(real) ?? []) {
        if (names.has(name) || hidden.has(name)) continue;
        const entry = layer[real === '/' ? `/${name}` : `${real}/${name}`] as LayerEntry;
        if (entry.type === 'whiteout') hidden.add(name);
        else names.add(name);
      }
      const own = layer[real];
      if (own && own.type === 'dir' && own.opaque) break;
      if (Filesystem.blocks(layer, real)) break;
    }
    return [...names].sort();
  }

  private checkWritable(dir: string, actor: Actor): void {
    if (this.readOnly) throw new FsError('EROFS', dir);
    if (actor.uid === 0) return;
    const node = this.stat(dir);
    if (!node) throw new FsError('ENOENT', dir);
    const bits =
      node.uid === actor.uid ? node.mode >> 6 : node.gid === actor.gid ? node.mode >> 3 : node.mode;
    if ((bits & 0o2) === 0) throw new FsError('EACCES', dir);
  }

  private set(path: string, entry: LayerEntry): void {
    if (!(path in this.upper)) this.upperIndex = undefined;
    this.upper[path] = entry;
  }

  private drop(path: string): void {
    if (path in this.upper) {
      delete this.upper[path];
      this.upperIndex = undefined;
    }
  }

  /** Parent directory of a path to create, resolved; throws when it is missing or not a directory. */
  private parentFor(path: string, actor: Actor): string {
    const parent = this.resolve(dirname(normalize(path)));
    if (!parent.node) throw new FsError('ENOENT', path);
    if (parent.node.type !== 'dir') throw new FsError('ENOTDIR', path);
    this.checkWritable(parent.path, actor);
    return parent.path;
  }

  /** Creates or replaces a text file (or appends to it). */
  writeFile(path: string, text: string, options: WriteOptions = {}): void {
    const routed = this.routeWrite(path);
    if (routed) {
      routed.fs.writeFile(routed.path, text, options);
      return;
    }
    const actor = options.actor ?? ROOT;
    const { path: real, node } = this.resolve(path);
    if (node?.type === 'dir') throw new FsError('EISDIR', path);
    if (node) {
      if (this.readOnly) throw new FsError('EROFS', path);
      if (actor.uid !== 0 && node.uid !== actor.uid && (node.mode & 0o2) === 0)
        throw new FsError('EACCES', path);
    } else {
      this.parentFor(real, actor);
    }
    const before = options.append && node?.type === 'file' ? (node.text ?? '') : '';
    if (before.length + text.length > MAX_TEXT_FILE) throw new FsError('EFBIG', path);
    const content = before + text;
    const file: FileNode = {
      type: 'file',
      mode: options.mode ?? (node?.type === 'file' ? node.mode : 0o644),
      uid: node?.uid ?? actor.uid,
      gid: node?.gid ?? actor.gid,
      mtime: options.mtime ?? this.now(),
      size: byteLength(content),
      text: content,
    };
    const program = options.program ?? (node?.type === 'file' ? node.program : undefined);
    if (program) file.program = program;
    this.set(real, file);
  }

  /** Creates a file of `size` bytes with no text (binaries, `dd` output, package payloads). */
  writeBlob(path: string, size: number, options: WriteOptions = {}): void {
    const routed = this.routeWrite(path);
    if (routed) {
      routed.fs.writeBlob(routed.path, size, options);
      return;
    }
    const actor = options.actor ?? ROOT;
    const { path: real, node } = this.resolve(path);
    if (node?.type === 'dir') throw new FsError('EISDIR', path);
    if (!node) this.parentFor(real, actor);
    else if (this.readOnly) throw new FsError('EROFS', path);
    const file: FileNode = {
      type: 'file',
      mode: options.mode ?? 0o644,
      uid: actor.uid,
      gid: actor.gid,
      mtime: options.mtime ?? this.now(),
      size,
    };
    if (options.program) file.program = options.program;
    if (options.allocated !== undefined && options.allocated < size) file.allocated = options.allocated;
    this.set(real, file);
  }

  /** Makes a directory; with `parents`, its missing ancestors too and no error if it exists. */
  mkdir(path: string, options: { parents?: boolean; actor?: Actor; mode?: number } = {}): void {
    const actor = options.actor ?? ROOT;
    const target = normalize(path);
    if (options.parents) {
      for (const dir of [...ancestors(target), target]) {
        const node = this.stat(dir);
        if (node?.type === 'dir') continue;
        if (node) throw new FsError(dir === target ? 'EEXIST' : 'ENOTDIR', dir);
        this.mkdir(dir, { actor, ...(options.mode === undefined ? {} : { mode: options.mode }) });
      }
      return;
    }
    const routed = this.routeWrite(target);
    if (routed) {
      routed.fs.mkdir(routed.path, { actor, ...(options.mode === undefined ? {} : { mode: options.mode }) });
      return;
    }
    const { path: real, node } = this.resolve(target, false);
    if (node) throw new FsError('EEXIST', path);
    this.parentFor(real, actor);
    const dir: DirNode = {
      type: 'dir',
      mode: options.mode ?? 0o755,
      uid: actor.uid,
      gid: actor.gid,
      mtime: this.now(),
    };
    // A directory re-created over a deleted one must not show the old one's lower contents.
    if (this.upper[real]?.type === 'whiteout' || this.inLowers(real)) dir.opaque = true;
    this.set(real, dir);
  }

  /** Makes a symbolic link at `path` pointing to `target`. */
  symlink(target: string, path: string, actor: Actor = ROOT): void {
    const routed = this.routeWrite(path);
    if (routed) {
      routed.fs.symlink(target, routed.path, actor);
      return;
    }
    const { path: real, node } = this.resolve(path, false);
    if (node) throw new FsError('EEXIST', path);
    this.parentFor(real, actor);
    this.set(real, {
      type: 'symlink',
      target,
      mode: 0o777,
      uid: actor.uid,
      gid: actor.gid,
      mtime: this.now(),
    });
  }

  /** Removes a file, link or (with `recursive`, or when empty) a directory. */
  remove(path: string, options: { recursive?: boolean; actor?: Actor } = {}): void {
    const routed = this.route(path);
    if (routed && normalize(path) !== routed.mount.at) {
      if (routed.mount.readOnly) throw new FsError('EROFS', path);
      routed.mount.fs.remove(routed.path, options);
      return;
    }
    if (routed) throw new FsError('EBUSY', path);
    const actor = options.actor ?? ROOT;
    const { path: real, node } = this.resolve(path, false);
    if (!node) throw new FsError('ENOENT', path);
    if (real === '/') throw new FsError('EACCES', path);
    this.checkWritable(dirname(real), actor);
    if (node.type === 'dir' && !options.recursive && this.readdir(real).length > 0) {
      throw new FsError('ENOTEMPTY', path);
    }
    for (const key of Object.keys(this.upper)) if (isWithin(key, real)) this.drop(key);
    if (this.inLowers(real)) this.set(real, { type: 'whiteout' });
  }

  /** Every visible path below `path` (depth first, sorted), not following symlinks below it. */
  walk(path: string): string[] {
    const out: string[] = [];
    const visit = (dir: string) => {
      for (const name of this.readdir(dir)) {
        const child = dir === '/' ? `/${name}` : `${dir}/${name}`;
        out.push(child);
        if (this.lstat(child)?.type === 'dir') visit(child);
      }
    };
    const { path: real, node } = this.resolve(path);
    if (node?.type === 'dir') visit(real);
    return out;
  }

  /** Copies `from` to `to` (a directory tree with `recursive`); copies keep content and mode. */
  copy(from: string, to: string, options: { recursive?: boolean; actor?: Actor } = {}): void {
    const actor = options.actor ?? ROOT;
    const source = this.resolve(from);
    if (!source.node) throw new FsError('ENOENT', from);
    if (source.node.type === 'dir') {
      if (!options.recursive) throw new FsError('EISDIR', from);
      if (isWithin(normalize(to), source.path)) throw new FsError('EINVAL', to);
      if (!this.isDir(to)) this.mkdir(to, { actor, mode: source.node.mode });
      for (const name of this.readdir(source.path)) {
        this.copy(`${source.path}/${name}`, `${normalize(to)}/${name}`, options);
      }
      return;
    }
    this.copyNode(source.node, to, actor);
  }

  /** Writes a copy of a node (file or link) at `to`, owned by `actor`. */
  copyNode(node: FsNode, to: string, actor: Actor = ROOT): void {
    const routed = this.routeWrite(to);
    if (routed) {
      routed.fs.copyNode(node, routed.path, actor);
      return;
    }
    const { path: real, node: existing } = this.resolve(to);
    if (existing?.type === 'dir') throw new FsError('EISDIR', to);
    if (!existing) this.parentFor(real, actor);
    this.set(real, { ...node, uid: actor.uid, gid: actor.gid, mtime: this.now() });
  }

  /** Moves a file or directory. */
  rename(from: string, to: string, actor: Actor = ROOT): void {
    if (this.route(from) || this.route(to)) {
      this.copy(from, to, { recursive: true, actor });
      this.remove(from, { recursive: true, actor });
      return;
    }
    const source = this.resolve(from, false);
    if (!source.node) throw new FsError('ENOENT', from);
    const target = normalize(to);
    if (isWithin(target, source.path) && target !== source.path) throw new FsError('EINVAL', to);
    if (source.node.type === 'dir') {
      if (this.stat(target)) throw new FsError('EEXIST', to);
      const entries = [source.path, ...this.walk(source.path)].map((p) => [p, this.lstat(p)] as const);
      for (const [p, node] of entries) {
        if (!node) continue;
        const dest = target + p.slice(source.path.length);
        if (node.type === 'dir') this.mkdir(dest, { actor, mode: node.mode });
        else this.set(dest, { ...node });
      }
    } else {
      const dest = this.resolve(target);
      if (dest.node?.type === 'dir') throw new FsError('EISDIR', to);
      if (!dest.node) this.parentFor(dest.path, actor);
      this.set(dest.path, { ...source.node, mtime: this.now() });
    }
    this.remove(source.path, { recursive: true, actor });
  }

  /** Changes permission bits. */
  chmod(path: string, mode: number, actor: Actor = ROOT): void {
    const routed = this.routeWrite(path);
    if (routed) {
      routed.fs.chmod(routed.path, mode, actor);
      return;
    }
    const { path: real, node } = this.resolve(path);
    if (!node) throw new FsError('ENOENT', path);
    if (actor.uid !== 0 && node.uid !== actor.uid) throw new FsError('EACCES', path);
    this.set(real, { ...node, mode });
  }

  /** Changes owner and group (root only). */
  chown(path: string, uid: number, gid: number, actor: Actor = ROOT): void {
    const routed = this.routeWrite(path);
    if (routed) {
      routed.fs.chown(routed.path, uid, gid, actor);
      return;
    }
    const { path: real, node } = this.resolve(path);
    if (!node) throw new FsError('ENOENT', path);
    if (actor.uid !== 0 || actor.capabilities?.includes('CAP_CHOWN') === false)
      throw new FsError('EACCES', path);
    this.set(real, { ...node, uid, gid });
  }

  /** Total bytes of files under `path` (or of the file itself). */
  usage(path: string): number {
    const node = this.stat(path);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type === 'file') return node.size;
    let total = 0;
    for (const p of this.walk(path)) {
      const n = this.lstat(p);
      if (n?.type === 'file') total += n.size;
    }
    return total;
  }
}

/** Bytes a layer adds: the sum of its files' sizes. */
export function layerSize(layer: Layer): number {
  let total = 0;
  for (const entry of Object.values(layer)) if (entry.type === 'file') total += entry.size;
  return total;
}
