/** What the browser benchmarks share: the built server on a port of their own, and Chromium. */
import { type ChildProcess, spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium } from '@playwright/test';
import { chromiumArgs, systemChromium } from '../../test/setup/chromium.ts';

/** The built site (`scripts/start.mjs`) on `port`, once its health check answers. */
export async function startSite(port: number): Promise<{ base: string; server: ChildProcess }> {
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  // Not listening yet, or a 503 while the database opens: ask again.
  for (let i = 0; i < 300; i++) {
    if ((await fetch(`${base}/api/health`).catch(() => undefined))?.ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, server };
}

/** Headless Chromium: Debian's when installed, with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    ...(systemChromium ? { executablePath: systemChromium } : {}),
    args: chromiumArgs,
  });
}

/** Total gzip size of what the given http(s) addresses serve. */
export async function gzippedBytes(urls: Iterable<string>): Promise<number> {
  let total = 0;
  for (const url of urls) {
    if (!/^https?:/.test(url)) continue;
    total += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
  }
  return total;
}
