import { describe, expect, it } from 'vitest';
import { labModuleGraph, withLabPreloads } from '../../src/integration/lab-preload.ts';
import { LAB_SECTIONS } from '../../src/lab/prestart.ts';

/** A build's `/_astro/` files, shaped as the bundler writes them. */
const files: Record<string, string> = {
  '/_astro/Lab.abc.js':
    'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["_astro/lab-session.x.js","_astro/terminal.y.js"])))=>i.map(i=>d[i]);' +
    'import{n as e}from"./prestart.p.js";import{t}from"./preload-helper.h.js";e(e=>void t(async()=>import(`./lab-session.x.js`),__vite__mapDeps([0,1])));',
  '/_astro/prestart.p.js': `import{t as e}from"./preload-helper.h.js";var s=\`${LAB_SECTIONS}\`;`,
  '/_astro/preload-helper.h.js': 'export{}',
  '/_astro/lab-session.x.js':
    'import{t}from"./terminal.y.js";import"./lab.css.js";const m=()=>import("./dashboard.d.js");',
  '/_astro/terminal.y.js': 'export{}',
  '/_astro/lab.css.js': 'export{}',
  '/_astro/dashboard.d.js': 'export{}',
  '/_astro/page.js': 'import"./preload-helper.h.js";',
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
  const page = (body: string) => `<html><head><title>t</title></head><body>${body}</body></html>`;
  const script = (src: string) => `<script type="module" src="${src}"></script>`;

  it('runs the labs’ script from the head, async, and preloads what it loads', () => {
    const html = withLabPreloads(
      page(`${script('/_astro/page.js')}<section></section>${script('/_astro/Lab.abc.js')}`),
      read,
    );
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<script type="module" async src="/_astro/Lab.abc.js"></script>');
    expect(head).toContain('<link rel="modulepreload" href="/_astro/terminal.y.js">');
    expect(head).not.toContain('href="/_astro/Lab.abc.js"');
    expect(head).not.toContain('page.js');
    expect(head.match(/modulepreload/g)).toHaveLength(5);
  });

  it('leaves a page without a lab as it is', () => {
    const plain = page(script('/_astro/page.js'));
    expect(withLabPreloads(plain, read)).toBe(plain);
  });
});
