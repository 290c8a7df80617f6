/** One entry of a yarn 1 lockfile: the ranges it satisfies, the version it pins, what it needs. */
export interface LockEntry {
  /** `name@range` keys, as the entry's header lists them. */
  keys: string[];
  name: string;
  version: string;
  /** `name@range` of its dependencies and optional dependencies. */
  dependencies: string[];
}

/** The package name of a `name@range` key (scoped names keep their leading `@`). */
export function keyName(key: string): string {
  const at = key.lastIndexOf('@');
  return at > 0 ? key.slice(0, at) : key;
}

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, '$1');

/** Parses a yarn lockfile v1 (`# yarn lockfile v1`): entries keyed by every `name@range` they answer. */
export function parseYarnLock(text: string): Map<string, LockEntry> {
  const out = new Map<string, LockEntry>();
  let entry: LockEntry | undefined;
  let inDeps = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!line.startsWith(' ')) {
      const keys = line.replace(/:\s*$/, '').split(',').map(unquote).filter(Boolean);
      entry = { keys, name: keyName(keys[0] ?? ''), version: '', dependencies: [] };
      for (const k of keys) out.set(k, entry);
      inDeps = false;
      continue;
    }
    if (!entry) continue;
    if (/^ {2}\S/.test(line)) {
      const trimmed = line.trim();
      inDeps = trimmed === 'dependencies:' || trimmed === 'optionalDependencies:';
      const version = /^version\s+"?([^"]+)"?$/.exec(trimmed);
      if (version?.[1]) entry.version = version[1];
    } else if (inDeps && /^ {4}\S/.test(line)) {
      const m = /^("[^"]+"|\S+)\s+(.+)$/.exec(line.trim());
      if (m?.[1] && m[2]) entry.dependencies.push(`${unquote(m[1])}@${unquote(m[2])}`);
    }
  }
  return out;
}

/**
 * The entries a set of `name@range` roots needs, each once, in the order yarn meets them (roots
 * first, then breadth first); `missing` lists roots and dependencies the lockfile does not hold.
 */
export function lockClosure(
  lock: Map<string, LockEntry>,
  roots: string[],
): { entries: LockEntry[]; missing: string[] } {
  const seen = new Set<LockEntry>();
  const entries: LockEntry[] = [];
  const missing: string[] = [];
  const queue = [...roots];
  for (let i = 0; i < queue.length; i++) {
    const key = queue[i] as string;
    const entry = lock.get(key);
    if (!entry) {
      missing.push(key);
      continue;
    }
    if (seen.has(entry)) continue;
    seen.add(entry);
    entries.push(entry);
    queue.push(...entry.dependencies);
  }
  return { entries, missing };
}
