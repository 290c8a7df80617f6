/** POSIX path helpers over plain strings. */

/** Normalises an absolute path: collapses `//`, `.` and `..`; never climbs above `/`. */
export function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** Resolves `path` against `cwd` (both POSIX); `~` expands to `home`. */
export function resolvePath(cwd: string, path: string, home = '/root'): string {
  if (path === '~' || path.startsWith('~/')) return normalize(home + path.slice(1));
  return normalize(path.startsWith('/') ? path : `${cwd}/${path}`);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function basename(path: string): string {
  if (path === '/') return '/';
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Every proper ancestor of an absolute normalised path, nearest last: `/a/b/c` → `/`, `/a`, `/a/b`. */
export function ancestors(path: string): string[] {
  const out = ['/'];
  let i = path.indexOf('/', 1);
  while (i !== -1) {
    out.push(path.slice(0, i));
    i = path.indexOf('/', i + 1);
  }
  return path === '/' ? [] : out;
}

/** True when `path` is `dir` or lies below it. */
export function isWithin(path: string, dir: string): boolean {
  return dir === '/' || path === dir || path.startsWith(`${dir}/`);
}
