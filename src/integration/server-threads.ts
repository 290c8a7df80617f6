import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';

/** The server's worker threads, by the file name the build writes beside the server (see `threadScript`). */
const THREADS = {
  'replay-worker.mjs': '../server/replay/worker.ts',
  'grader-thread.mjs': '../server/grader/machine-thread.ts',
  'pglite-thread.mjs': '../server/db/pglite-thread.ts',
};

/**
 * Bundles the server's worker threads (transcript replays, the real machine's gradings, the embedded
 * database) into ES
 * modules beside the server build: a thread starts from a file, which Astro's server bundle does not
 * emit. v86 and PGlite stay package imports, so they find their WebAssembly in node_modules.
 */
export function serverThreads(): AstroIntegration {
  return {
    name: 'quayside-server-threads',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        for (const [file, source] of Object.entries(THREADS)) {
          const result = await build({
            entryPoints: [fileURLToPath(new URL(source, import.meta.url))],
            bundle: true,
            platform: 'node',
            format: 'esm',
            target: 'node22',
            minify: true,
            external: ['v86', '@electric-sql/pglite'],
            write: false,
            logLevel: 'silent',
          });
          writeFileSync(join(fileURLToPath(dir), '..', 'server', file), result.outputFiles[0]?.text ?? '');
        }
      },
    },
  };
}
