import { byteLength, type Layer } from '../fs/node.ts';
import { ancestors, normalize } from '../fs/path.ts';

/** A compact way to describe a root filesystem layer; `build` turns it into a Layer. */
export interface LayerSpec {
  /** Directories (parents are created as needed). */
  dirs?: string[];
  /** Text files: path → contents. */
  files?: Record<string, string>;
  /** Binaries and data: path → size in bytes, optionally the program it runs. */
  blobs?: Record<string, number | { size: number; program?: string; mode?: number }>;
  /** Symbolic links: path → target. */
  links?: Record<string, string>;
  /** Executables that are links to one multi-call binary, e.g. BusyBox applets: dir → names. */
  applets?: { binary: string; dirs: Record<string, string[]> };
  /** Programs implemented by the sandbox: path → program id (size from `programSizes` or 64 KiB). */
  programs?: Record<string, string>;
  /** Bulk payload to reach a realistic size: spread over a few files in `dir`. */
  bulk?: { dir: string; bytes: number };
  /** Paths this layer deletes (whiteouts). */
  deletes?: string[];
  /** Directories with an owner and mode of their own (a user's home). */
  homes?: Record<string, { uid: number; gid: number; mode: number }>;
  /** Owner of everything the spec creates (default root). */
  owner?: { uid: number; gid: number };
  mtime?: number;
}

/** Builds a layer from a spec; parents of every entry exist as directories. */
export function buildLayer(spec: LayerSpec, programSizes: Record<string, number> = {}): Layer {
  const layer: Layer = {};
  const uid = spec.owner?.uid ?? 0;
  const gid = spec.owner?.gid ?? 0;
  const mtime = spec.mtime ?? 0;
  const dir = (path: string, mode = 0o755) => {
    for (const p of [...ancestors(path), path]) {
      if (!layer[p]) layer[p] = { type: 'dir', mode: p === '/tmp' ? 0o1777 : mode, uid: 0, gid: 0, mtime };
    }
  };
  const parent = (path: string) => {
    const a = ancestors(path);
    dir(a[a.length - 1] ?? '/');
  };
  for (const d of spec.dirs ?? []) dir(normalize(d));
  for (const [path, home] of Object.entries(spec.homes ?? {})) {
    dir(normalize(path));
    layer[normalize(path)] = { type: 'dir', mode: home.mode, uid: home.uid, gid: home.gid, mtime };
  }
  for (const [path, text] of Object.entries(spec.files ?? {})) {
    parent(path);
    const mode = text.startsWith('#!') ? 0o755 : 0o644;
    layer[path] = { type: 'file', mode, uid, gid, mtime, size: byteLength(text), text };
  }
  for (const [path, blob] of Object.entries(spec.blobs ?? {})) {
    parent(path);
    const b = typeof blob === 'number' ? { size: blob } : blob;
    const entry = {
      type: 'file' as const,
      mode: b.mode ?? (b.program ? 0o755 : 0o644),
      uid,
      gid,
      mtime,
      size: b.size,
    };
    layer[path] = b.program ? { ...entry, program: b.program } : entry;
  }
  for (const [path, program] of Object.entries(spec.programs ?? {})) {
    parent(path);
    layer[path] = {
      type: 'file',
      mode: 0o755,
      uid,
      gid,
      mtime,
      size: programSizes[program] ?? 65_536,
      program,
    };
  }
  if (spec.applets) {
    const { binary, dirs } = spec.applets;
    for (const [d, names] of Object.entries(dirs)) {
      dir(d);
      for (const name of names) {
        layer[`${d}/${name}`] = { type: 'symlink', target: binary, mode: 0o777, uid, gid, mtime };
      }
    }
  }
  for (const [path, target] of Object.entries(spec.links ?? {})) {
    parent(path);
    layer[path] = { type: 'symlink', target, mode: 0o777, uid, gid, mtime };
  }
  if (spec.bulk && spec.bulk.bytes > 0) {
    dir(spec.bulk.dir);
    const parts = 4;
    const each = Math.floor(spec.bulk.bytes / parts);
    for (let i = 0; i < parts; i++) {
      const size = i === parts - 1 ? spec.bulk.bytes - each * (parts - 1) : each;
      layer[`${spec.bulk.dir}/data${i}.bin`] = { type: 'file', mode: 0o644, uid, gid, mtime, size };
    }
  }
  for (const path of spec.deletes ?? []) layer[normalize(path)] = { type: 'whiteout' };
  return layer;
}
