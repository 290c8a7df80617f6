import { sha256Hex } from '../../core/sha256.ts';
import type { DockerState } from '../state.ts';

/** One record of the build cache, keyed in `DockerState.buildCache`. */
export type BuildCacheEntry = DockerState['buildCache'][string];

/**
 * Key prefixes of the build cache. BuildKit keeps a `source.local` record for each local input it loads
 * (the Dockerfile, `.dockerignore`, the context), sized by what it transferred and not shared with the
 * image store; its other records (a base image, a step's snapshot) are shared with the images. The
 * legacy builder's cache is the daemon's images, not BuildKit's: it never shows in `system df`.
 */
export const LOCAL_SOURCE = 'local:';
export const LEGACY = 'legacy:';

/** Records `docker system df` and `docker builder prune` see: BuildKit's, not the legacy builder's. */
export function buildKitRecords(cache: DockerState['buildCache']): [string, BuildCacheEntry][] {
  return Object.entries(cache).filter(([key]) => !key.startsWith(LEGACY));
}

/** Whether a record is a local source (not shared with an image, so its size counts as reclaimable). */
export function isLocalSource(key: string): boolean {
  return key.startsWith(LOCAL_SOURCE);
}

/** A record's size: a local source's transfer, or the layer a step made. */
export function recordSize(state: DockerState, entry: BuildCacheEntry): number {
  return entry.size ?? (entry.diffId ? (state.layers[entry.diffId]?.size ?? 0) : 0);
}

/** BuildKit's record id: 25 lower-case base-36 characters (`prj66esreroppq5f9ro5g0fsi`). */
export function recordId(key: string): string {
  const hex = sha256Hex(key);
  let id = '';
  for (let i = 0; id.length < 25; i += 2) id += (Number.parseInt(hex.slice(i, i + 2), 16) % 36).toString(36);
  return id;
}

/**
 * Removes the build cache `docker builder prune` would: local sources, or with `all` every BuildKit
 * record. Returns the removed records' ids and the bytes they held.
 */
export function pruneBuildCache(state: DockerState, all: boolean): { ids: string[]; reclaimed: number } {
  const ids: string[] = [];
  let reclaimed = 0;
  for (const [key, entry] of buildKitRecords(state.buildCache)) {
    if (!all && !isLocalSource(key)) continue;
    ids.push(recordId(key));
    reclaimed += recordSize(state, entry);
    delete state.buildCache[key];
  }
  return { ids, reclaimed };
}
