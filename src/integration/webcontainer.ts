import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';

/** Where the page fetches the engine's Node build from, to run it inside a WebContainer. */
export const ENGINE_PATH = '/_quayside/sandbox-node.mjs';
/** Extra response headers per path (`*` ends a prefix), written beside the server build for `scripts/start.mjs`. */
export const PAGE_HEADERS_FILE = 'page-headers.json';
/** The mark Lab.astro puts on a lab that may run on a WebContainer. */
export const MARK = 'data-webcontainer';

export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
} as const;

const cli = fileURLToPath(new URL('../cli/sandbox.ts', import.meta.url));

/** The sandbox CLI bundled into one ES module for Node: the engine WebContainer labs run. */
async function bundleEngine(): Promise<string> {
  const result = await build({
    entryPoints: [cli],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node18',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith('.html') ? [path] : [];
  });
}

/**
 * The WebContainer backend's build and serving needs: the engine bundled for Node, and COOP/COEP
 * headers on the pages whose labs may boot one (every page in dev; the marked pages in production,
 * listed for `scripts/start.mjs`).
 */
export function webContainer({ enabled }: { enabled: boolean }): AstroIntegration {
  return {
    name: 'quayside-webcontainer',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (!enabled || command !== 'dev') return;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'quayside-webcontainer-dev',
                configureServer(server) {
                  server.middlewares.use((req, res, next) => {
                    if (req.url === ENGINE_PATH) {
                      bundleEngine().then(
                        (code) => {
                          res.setHeader('content-type', 'text/javascript; charset=utf-8');
                          res.end(code);
                        },
                        (error: unknown) => next(error),
                      );
                      return;
                    }
                    for (const [key, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(key, value);
                    next();
                  });
                },
              },
            ],
          },
        });
      },
      'astro:build:done': async ({ dir }) => {
        if (!enabled) return;
        const client = fileURLToPath(dir);
        const target = join(client, ENGINE_PATH);
        mkdirSync(join(target, '..'), { recursive: true });
        writeFileSync(target, await bundleEngine());
        const pages = htmlFiles(client)
          .filter((file) => readFileSync(file, 'utf8').includes(MARK))
          .map(
            (file) =>
              `/${relative(client, file)
                .replace(/index\.html$/, '')
                .replaceAll('\\', '/')}`,
          );
        // An isolated page may only start workers whose scripts are isolated too.
        const entries = [...pages, '/_astro/*'].map((path) => ({ path, headers: ISOLATION_HEADERS }));
        writeFileSync(
          join(client, '..', 'server', PAGE_HEADERS_FILE),
          `${JSON.stringify(entries, null, 2)}\n`,
        );
      },
    },
  };
}
