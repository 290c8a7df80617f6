import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { LAB_SECTIONS } from '../lab/prestart.ts';

/** A module script of a page. */
const MODULE_SCRIPT = /<script type="module" src="(\/_astro\/[^"]+\.js)"><\/script>/g;
/** A module's static imports (`import{…}from"./x.js"`, `import"./x.js"`) in the build's output. */
const STATIC_IMPORT =
  /\bimport\s*(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}\s*|\*\s*as\s+[\w$]+\s*)?(?:from\s*)?["'](\.\/[^"']+\.js)["']/g;
/** The list of files Vite preloads with a module's dynamic imports. */
const PRELOAD_LIST = /__vite__mapDeps=[^[]*\[([^\]]*)\]/;

/**
 * What a lab page should fetch at once: the labs' module script, the files it imports, and (with
 * `withPreloads`) those its dynamic import of the terminal session preloads, each with what it
 * imports in turn. `read` gives a file of `/_astro/` by its address.
 */
export function labModuleGraph(
  entry: string,
  read: (address: string) => string,
  withPreloads = true,
): string[] {
  const found = new Set<string>();
  const visit = (address: string, follow: boolean) => {
    if (found.has(address)) return;
    found.add(address);
    const code = read(address);
    for (const [, relative] of code.matchAll(STATIC_IMPORT))
      visit(posix.join(posix.dirname(address), relative as string), false);
    const preloads = follow ? PRELOAD_LIST.exec(code)?.[1] : undefined;
    for (const [, file] of preloads?.matchAll(/["']([^"']+\.js)["']/g) ?? []) visit(`/${file}`, false);
  };
  visit(entry, withPreloads);
  return [...found];
}

/** The page's script that starts its labs: the module script whose imports hold `watchLabs`. */
function labEntry(html: string, read: (address: string) => string): string | undefined {
  for (const [, src] of html.matchAll(MODULE_SCRIPT)) {
    const graph = labModuleGraph(src as string, read, false);
    if (graph.some((address) => read(address).includes(LAB_SECTIONS))) return src;
  }
  return undefined;
}

/**
 * `html` with the labs' script also at the head of the page, `async`, so that it runs as soon as it
 * arrives rather than after the whole lesson is parsed, and modulepreload links for what it loads;
 * unchanged when the page has no lab.
 */
export function withLabPreloads(html: string, read: (address: string) => string): string {
  const entry = labEntry(html, read);
  if (!entry || !html.includes('</head>')) return html;
  const links = labModuleGraph(entry, read)
    .filter((address) => address !== entry)
    .map((address) => `<link rel="modulepreload" href="${address}">`)
    .join('');
  return html.replace('</head>', `<script type="module" async src="${entry}"></script>${links}</head>`);
}

/**
 * Starts a lesson's labs from its head: the script that starts them runs while the lesson is parsed
 * (it makes the first lab's worker at once: `watchLabs`), and the terminal's code is fetched with the
 * page's own scripts instead of one import at a time after the lesson is parsed.
 */
export function labPreload(): AstroIntegration {
  return {
    name: 'quayside-lab-preload',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = fileURLToPath(dir);
        const files = new Map<string, string>();
        const read = (address: string) => {
          const code = files.get(address) ?? readFileSync(join(root, address), 'utf8');
          files.set(address, code);
          return code;
        };
        for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
          if (!file.endsWith('.html')) continue;
          const path = join(root, file);
          const html = readFileSync(path, 'utf8');
          const next = withLabPreloads(html, read);
          if (next !== html) writeFileSync(path, next);
        }
      },
    },
  };
}
