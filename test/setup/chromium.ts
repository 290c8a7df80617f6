import { existsSync } from 'node:fs';

/** Debian's Chromium when it is installed (Playwright's own download cannot run everywhere). */
export const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) =>
  existsSync(path),
);

/** The flags headless Chromium needs on these machines (no sandbox as root, no GPU, no background traffic). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
