import { existsSync } from 'node:fs';

/**
 * Where a worker thread's script is: the bundle the build wrote beside the server (`bundled`), or
 * the TypeScript source next to the module that starts it, in development, tests and the CLI.
 */
export function threadScript(bundled: string, source: URL, from: string): URL {
  for (const dir of ['./', '../', '../../']) {
    const url = new URL(`${dir}${bundled}`, from);
    if (existsSync(url)) return url;
  }
  return source;
}
