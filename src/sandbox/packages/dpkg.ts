import type { Filesystem } from '../fs/filesystem.ts';
import { compileGlob, globSegments } from '../shell/glob.ts';
import type { Program } from '../shell/program.ts';
import { DPKG_STATUS, type InstalledPackage, statusText } from './dpkg-status.ts';

/** The packages a status file lists, in its order. */
export function readStatus(fs: Filesystem): InstalledPackage[] {
  let text: string;
  try {
    text = fs.readText(DPKG_STATUS);
  } catch {
    return [];
  }
  return text
    .split(/\n\n+/)
    .map((stanza) => {
      const lines = stanza.split('\n');
      const field = (name: string) =>
        lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
      return {
        name: field('Package'),
        version: field('Version'),
        architecture: field('Architecture'),
        synopsis: field('Description'),
      };
    })
    .filter((p) => p.name !== '');
}

/** Adds (or replaces) packages in the status file, as dpkg does when apt-get installs them. */
export function recordInstalled(fs: Filesystem, packages: readonly InstalledPackage[]): void {
  if (!fs.exists(DPKG_STATUS)) return;
  const names = new Set(packages.map((p) => p.name));
  const kept = readStatus(fs).filter((p) => !names.has(p.name));
  fs.writeFile(DPKG_STATUS, statusText([...kept, ...packages]));
}

const NEED_ACTION = `dpkg: error: need an action option

Type dpkg --help for help about installing and deinstalling packages [*];
Use 'apt' or 'aptitude' for user-friendly package management;
Type dpkg -Dhelp for a list of dpkg debug flag values;
Type dpkg --force-help for a list of forcing options;
Type dpkg-deb --help for help about manipulating *.deb files;

Options marked [*] produce a lot of output - pipe it through 'less' or 'more' !
`;

/**
 * `dpkg -l [PATTERN...]` (dpkg-query's list: off a terminal, each column as wide as its widest
 * entry, at least the header's) and `dpkg --version` (the installed dpkg package's version).
 */
export const dpkg: Program = async (ctx) => {
  const [action, ...patterns] = ctx.argv.slice(1);
  const installed = readStatus(ctx.fs).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (action === '--version') {
    const version = installed.find((p) => p.name === 'dpkg')?.version ?? '';
    ctx.stdout.write(
      `Debian 'dpkg' package management program version ${version} (amd64).\nThis is free software; see the GNU General Public License version 2 or\nlater for copying conditions. There is NO warranty.\n`,
    );
    return 0;
  }
  if (action !== '-l' && action !== '--list') {
    ctx.stderr.write(NEED_ACTION);
    return 2;
  }
  let status = 0;
  let listed = installed;
  if (patterns.length > 0) {
    listed = [];
    for (const pattern of patterns) {
      const matcher = compileGlob(globSegments(pattern));
      const matches = installed.filter((p) => matcher.test(p.name) && !listed.includes(p));
      if (matches.length === 0) {
        ctx.stderr.write(`dpkg-query: no packages found matching ${pattern}\n`);
        status = 1;
      }
      listed.push(...matches);
    }
    listed.sort((a, b) => (a.name < b.name ? -1 : 1));
  }
  if (listed.length === 0) return status;
  const width = (min: number, values: string[]) => Math.max(min, ...values.map((v) => v.length));
  const nw = width(
    14,
    listed.map((p) => p.name),
  );
  const vw = width(
    12,
    listed.map((p) => p.version),
  );
  const aw = width(
    12,
    listed.map((p) => p.architecture),
  );
  const dw = width(
    33,
    listed.map((p) => p.synopsis),
  );
  const row = (a: string, b: string, c: string, d: string) =>
    `${a.padEnd(nw)} ${b.padEnd(vw)} ${c.padEnd(aw)} ${d}`.trimEnd();
  ctx.stdout.write(
    `Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n||/ ${row('Name', 'Version', 'Architecture', 'Description')}\n+++-${'='.repeat(nw)}-${'='.repeat(vw)}-${'='.repeat(aw)}-${'='.repeat(dw)}\n`,
  );
  for (const p of listed) ctx.stdout.write(`ii  ${row(p.name, p.version, p.architecture, p.synopsis)}\n`);
  return status;
};
