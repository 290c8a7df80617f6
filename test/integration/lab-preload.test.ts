import { describe, expect, it } from 'vitest';
import { labModuleGraph, withLabPreloads } from '../../src/integration/lab-preload.ts';
import { EARLY_LAB_START } from '../../src/lab/early-start.ts';

/** A build's `/_astro/` files, shaped as the bundler writes them. */
const files: Record<string, string> = {
  '/_astro/Lab.abc.js':
    'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["_astro/lab-session.x.js","_astro/terminal.y.js"])))=>i.map(i=>d[i]);' +
    'import{n as e}from"./prestart.p.js";import{t}from"./preload-helper.h.js";e(e=>void t(async()=>import(`./lab-session.x.js`),__vite__mapDeps([0,1])));',
  '/_astro/prestart.p.js':
    'import{t as e}from"./preload-helper.h.js";var t=()=>new Worker(new URL(`/_astro/worker-w.js`,``+import.meta.url));',
  '/_astro/preload-helper.h.js': 'export{}',
  '/_astro/lab-session.x.js':
    'import{t}from"./terminal.y.js";import"./lab.css.js";const m=()=>import("./dashboard.d.js");',
  '/_astro/terminal.y.js': 'export{}',
  '/_astro/lab.css.js': 'export{}',
  '/_astro/dashboard.d.js': 'export{}',
};
const read = (address: string) => {
  const code = files[address];
  if (code === undefined) throw new Error(`no ${address}`);
  return code;
};

describe('labModuleGraph', () => {
  it('takes the script, its imports, and what its import of the session preloads, not later dynamic imports', () => {
    expect(labModuleGraph('/_astro/Lab.abc.js', read).sort()).toEqual([
      '/_astro/Lab.abc.js',
      '/_astro/lab-session.x.js',
      '/_astro/lab.css.js',
      '/_astro/preload-helper.h.js',
      '/_astro/prestart.p.js',
      '/_astro/terminal.y.js',
    ]);
  });
});

describe('withLabPreloads', () => {
  const lab = `<script type="module" src="/_astro/Lab.abc.js"></script><script>${EARLY_LAB_START}</script>`;

  it('puts a modulepreload link for each file of a lab page in its head', () => {
    const html = withLabPreloads(`<html><head><title>t</title></head><body>${lab}</body></html>`, read);
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<link rel="modulepreload" href="/_astro/Lab.abc.js">');
    expect(head).toContain('<link rel="modulepreload" href="/_astro/terminal.y.js">');
    expect(head.match(/modulepreload/g)).toHaveLength(6);
  });

  it('leaves a page without a lab, or whose module script is not the early start’s, as it is', () => {
    const plain =
      '<html><head></head><body><script type="module" src="/_astro/page.js"></script></body></html>';
    expect(withLabPreloads(plain, read)).toBe(plain);
    const apart = `<html><head></head><body><script type="module" src="/_astro/Lab.abc.js"></script><p></p><script>${EARLY_LAB_START}</script></body></html>`;
    expect(withLabPreloads(apart, read)).toBe(apart);
  });
});
