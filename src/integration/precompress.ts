import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';

/** Text and WebAssembly compress well; the real machine's kernel and initramfs are compressed already. */
export const COMPRESSIBLE = /\.(?:js|mjs|css|wasm|json|svg|txt|xml|html)$/;
const SMALLEST = 1024;

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every compressible client file, once at
 * build time, so the server sends compressed bytes without compressing on each request
 * (`scripts/start.mjs` chooses by the request's Accept-Encoding).
 */
export function precompress(): AstroIntegration {
  return {
    name: 'quayside-precompress',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = fileURLToPath(dir);
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
