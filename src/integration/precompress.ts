import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';

/** Text and WebAssembly compress well; images and the real machine's files are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|wasm|json|svg)$/;
const SMALLEST = 1024;

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every compressible file in `/_astro/`, the
 * hashed files that `scripts/start.mjs` sends compressed (by the request's Accept-Encoding), once at
 * build time rather than on each request.
 */
export function precompress(): AstroIntegration {
  return {
    name: 'quayside-precompress',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = join(fileURLToPath(dir), '_astro');
        for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
          const path = join(root, file);
          if (!COMPRESSIBLE.test(file) || !statSync(path).isFile()) continue;
          const bytes = readFileSync(path);
          if (bytes.length < SMALLEST) continue;
          writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
          writeFileSync(
            `${path}.br`,
            brotliCompressSync(bytes, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 11,
                [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
              },
            }),
          );
        }
      },
    },
  };
}
