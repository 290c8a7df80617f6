import { GETTING_STARTED_APP } from './getting-started-app.ts';
import type { RepoSnapshot } from './types.ts';

export type { RepoSnapshot } from './types.ts';

/** The repositories the sandbox holds copies of: there is no network to clone anything else. */
export const REPOS: RepoSnapshot[] = [GETTING_STARTED_APP];

/** The repository a URL names (with or without `.git` or a trailing slash), if the sandbox has it. */
export function findRepo(url: string): RepoSnapshot | undefined {
  const key = (u: string) =>
    u
      .replace(/\/+$/, '')
      .replace(/\.git$/, '')
      .replace(/^git@github\.com:/, 'https://github.com/')
      .replace(/^http:\/\//, 'https://')
      .toLowerCase();
  return REPOS.find((r) => key(r.url) === key(url));
}
