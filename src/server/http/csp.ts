import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroUserConfig } from 'astro';

type Hash = `sha256-${string}`;
/** Astro's `security.csp` option, in its object form. */
type CspOption = Exclude<NonNullable<AstroUserConfig['security']>['csp'], boolean | undefined>;

/** The sha256 source expression of an inline script's text. */
const scriptHash = (body: string): Hash => `sha256-${createHash('sha256').update(body).digest('base64')}`;

/**
 * The hashes of the `<script is:inline>` blocks in Starlight's components (theme, sidebar, search):
 * they run on every page, and Astro hashes only the scripts it bundles itself. Read from the
 * installed package, so an upgrade that changes them changes the policy with them.
 */
export function starlightInlineScriptHashes(): Hash[] {
  // Found by module resolution, so a build from another directory (the key-sentinel copy) finds it too.
  const dist = dirname(fileURLToPath(import.meta.resolve('@astrojs/starlight')));
  const hashes = new Set<Hash>();
  for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.astro')) continue;
    const source = readFileSync(`${dist}/${file}`, 'utf8');
    for (const [, body] of source.matchAll(/<script is:inline[^>]*>([\s\S]*?)<\/script>/g))
      hashes.add(scriptHash(body ?? ''));
  }
  return [...hashes];
}

/**
 * The site's Content-Security-Policy, as Astro's `security.csp` option: Astro adds the hashes of its
 * own scripts and styles and sends the policy as a header (with `staticHeaders` on the node adapter).
 * Scripts: this site, hashed inline scripts, and WebAssembly (Pagefind search and the real-machine
 * lab's v86). Styles allow inline ones: xterm and CodeMirror insert `<style>` elements, and Starlight
 * and Expressive Code use `style` attributes.
 */
export function contentSecurityPolicy({ webContainer }: { webContainer: boolean }): CspOption {
  return {
    directives: [
      "default-src 'self'",
      "base-uri 'self'",
      "object-src 'none'",
      "form-action 'self'",
      // Clickjacking: only this site may frame its pages (X-Frame-Options says it for old browsers).
      "frame-ancestors 'self'",
      // Starlight and Expressive Code draw some icons from data: URLs.
      "img-src 'self' data:",
      "font-src 'self' data:",
      // The real-machine worker hands v86 its WebAssembly as a blob: URL.
      "connect-src 'self' blob:",
      // The labs' workers are scripts of this site; v86 starts its timer worker from a blob: URL.
      "worker-src 'self' blob:",
      // A WebContainer boots in an iframe from StackBlitz.
      webContainer ? "frame-src 'self' https://stackblitz.com" : "frame-src 'self'",
    ],
    scriptDirective: {
      resources: ["'self'", "'wasm-unsafe-eval'"],
      hashes: starlightInlineScriptHashes(),
    },
    styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
  };
}
