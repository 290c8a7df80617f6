import type { Filesystem } from '../fs/filesystem.ts';

/**
 * bash's `$BASH_VERSION` by the program its machine's /bin/bash runs: Ubuntu 24.04's bash (the host,
 * the ubuntu image) is 5.2.21; Debian 13's and Alpine 3.22's are 5.2.37.
 */
export const BASH_RELEASES: Readonly<Record<string, string>> = {
  bash: '5.2.21(1)-release',
  'bash-5.2.37': '5.2.37(1)-release',
};

/** Whether a program id is one of the bash builds. */
export function isBash(program: string | undefined): boolean {
  return program !== undefined && program in BASH_RELEASES;
}

/** The release of the bash installed on a machine (Ubuntu's when it has none at the usual paths). */
export function bashRelease(fs: Filesystem): string {
  for (const path of ['/bin/bash', '/usr/bin/bash']) {
    const node = fs.stat(path);
    const program = node?.type === 'file' ? node.program : undefined;
    if (program !== undefined && isBash(program)) return BASH_RELEASES[program] as string;
  }
  return BASH_RELEASES.bash as string;
}
