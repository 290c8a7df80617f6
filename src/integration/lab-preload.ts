import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { EARLY_LAB_START } from '../lab/early-start.ts';

/** The labs' module script, as Astro renders it just before the early start (Lab.astro). */
const LAB_SCRIPT = new RegExp(
  `<script type="module" src="(/_astro/[^"]+\\.js)"></script><script>${EARLY_LAB_START.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</script>`,
);
/** A module's static imports (`import{…}from"./x.js"`, `import"./x.js"`) in the build's output. */
const STATIC_IMPORT =
  /\bimport\s*(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}\s*|\*\s*as\s+[\w$]+\s*)?(?:from\s*)?["'](\.\/[^"']+\.js)["']/g;
/** The list of files Vite preloads with a module's dynamic imports. */
const PRELOAD_LIST = /__vite__mapDeps=[^[]*\[([^\]]*)\]/;

/**
 * What a lab page should fetch at once: the labs' module script, the files it imports, and those its
 * dynamic import of the terminal session preloads, each with what it imports in turn. `read` gives a
 * file of `/_astro/` by its address.
 */
export function labModuleGraph(entry: string, read: (address: string) => string): string[] {
  const found = new Set<string>();
  const visit = (address: string, withPreloads: boolean) => {
    if (found.has(address)) return;
    found.add(address);
    const code = read(address);
    for (const [, relative] of code.matchAll(STATIC_IMPORT))
      visit(posix.join(posix.dirname(address), relative as string), false);
    const preloads = withPreloads ? PRELOAD_LIST.exec(code)?.[1] : undefined;
    for (const [, file] of preloads?.matchAll(/["']([^"']+\.js)["']/g) ?? []) visit(`/${file}`, false);
  };
  visit(entry, true);
  return [...found];
}

/** `html` with modulepreload links for a lab's code in its head, or unchanged when it has no lab. */
export function withLabPreloads(html: string, read: (address: string) => string): string {
  const entry = LAB_SCRIPT.exec(html)?.[1];
  if (!entry || !html.includes('</head>')) return html;
  const links = labModuleGraph(entry, read)
    .map((address) => `<link rel="modulepreload" href="${address}">`)
    .join('');
  return html.replace('</head>', `${links}</head>`);
}

/**
 * Lets a lesson with a lab ask for the lab's terminal code with its head, at the priority of the
 * page's own scripts: the early start (src/lab/early-start.ts) then finds it there, instead of
 * discovering it one import at a time after the lesson is parsed.
 */
export function labPreload(): AstroIntegration {
  return {
    name: 'quayside-lab-preload',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = fileURLToPath(dir);
        const read = (address: string) => readFileSync(join(root, address), 'utf8');
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
