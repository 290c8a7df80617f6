import type { Program, ProgramContext } from '../shell/program.ts';
import { APT_LISTS_BYTES, DEBIAN_PACKAGES, type Package, resolveDependencies } from './catalogue.ts';
import { DEBIAN_PACKAGE_SYNOPSES } from './debian-synopses.ts';
import { recordInstalled } from './dpkg.ts';
import { installFiles, requireRoot } from './install.ts';

const LISTS = '/var/lib/apt/lists';
const STATUS = '/var/lib/dpkg/status.d/sandbox';

function kb(bytes: number): string {
  return `${Math.round(bytes / 1000)} kB`;
}

function installed(ctx: ProgramContext): Set<string> {
  try {
    return new Set(ctx.fs.readText(STATUS).split('\n').filter(Boolean));
  } catch {
    return new Set();
  }
}

/** A field of the machine's /etc/os-release. */
function osReleaseField(ctx: ProgramContext, field: string): string | undefined {
  try {
    return new RegExp(`^${field}=(\\w+)`, 'm').exec(ctx.fs.readText('/etc/os-release'))?.[1];
  } catch {
    return undefined;
  }
}

function codename(ctx: ProgramContext): string {
  return osReleaseField(ctx, 'VERSION_CODENAME') ?? 'trixie';
}

const ROOT_ERROR =
  'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n';

/** apt's progress lines: on a terminal each ends in ` Done` once its percentages are over. */
function progress(ctx: ProgramContext, ...steps: string[]): void {
  const done = ctx.stdout.isTTY ? ' Done' : '';
  for (const step of steps) ctx.stdout.write(`${step}...${done}\n`);
}

/** An archive a machine's sources name: where it is and the suites apt fetches from it. */
interface Archive {
  host: string;
  path: string;
  suites: string[];
}

/** The archives of the machine's distribution, as its /etc/apt/sources.list.d lists them. */
function archives(ctx: ProgramContext, suite: string): Archive[] {
  if (osReleaseField(ctx, 'ID') === 'ubuntu')
    return [
      {
        host: 'archive.ubuntu.com',
        path: 'ubuntu',
        suites: [suite, `${suite}-updates`, `${suite}-backports`],
      },
      { host: 'security.ubuntu.com', path: 'ubuntu', suites: [`${suite}-security`] },
    ];
  return [
    { host: 'deb.debian.org', path: 'debian', suites: [suite, `${suite}-updates`] },
    { host: 'deb.debian.org', path: 'debian-security', suites: [`${suite}-security`] },
  ];
}

/**
 * `apt-get update` where no name resolves: apt tries each InRelease three times, then warns and
 * carries on with the lists it has (status 0), as apt 2.7 words it.
 */
async function updateOffline(ctx: ProgramContext, suite: string): Promise<number> {
  const items = archives(ctx, suite).flatMap((a) =>
    a.suites.map((s) => ({
      url: `http://${a.host}/${a.path} ${s} InRelease`,
      file: `http://${a.host}/${a.path}/dists/${s}/InRelease`,
      host: a.host,
    })),
  );
  for (let round = 0; round < 3; round++) {
    for (const [n, item] of items.entries()) ctx.stdout.write(`Ign:${n + 1} ${item.url}\n`);
    await ctx.sleep(1_000);
  }
  for (const [n, item] of items.entries())
    ctx.stdout.write(`Err:${n + 1} ${item.url}\n  Temporary failure resolving '${item.host}'\n`);
  progress(ctx, 'Reading package lists');
  for (const item of items)
    ctx.stderr.write(`W: Failed to fetch ${item.file}  Temporary failure resolving '${item.host}'\n`);
  ctx.stderr.write(
    'W: Some index files failed to download. They have been ignored, or old ones used instead.\n',
  );
  return 0;
}

/**
 * apt-get, and apt (the same program by another name, which first warns that its output is not for
 * scripts when it is not writing to a terminal): update, install, remove, clean. A container reaches
 * the lab's mirrors; an offline machine (the host) reaches none.
 */
export const aptGet: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if ((ctx.argv[0] ?? '').split('/').pop() === 'apt' && !ctx.stdout.isTTY)
    ctx.stderr.write('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
  const yes = args.some(
    (a) => a === '-y' || a === '--yes' || a === '-qy' || a === '-yq' || a === '--assume-yes',
  );
  const [command, ...names] = args.filter((a) => !a.startsWith('-'));
  const suite = codename(ctx);
  if (command === 'update') {
    if (ctx.user.uid !== 0) {
      progress(ctx, 'Reading package lists');
      ctx.stderr.write(
        `E: Could not open lock file ${LISTS}/lock - open (13: Permission denied)\nE: Unable to lock directory ${LISTS}/\n`,
      );
      return 100;
    }
    if (ctx.system.offline) return updateOffline(ctx, suite);
    const lines = [
      `Get:1 http://deb.debian.org/debian ${suite} InRelease [140 kB]`,
      `Get:2 http://deb.debian.org/debian ${suite}-updates InRelease [47.3 kB]`,
      `Get:3 http://deb.debian.org/debian-security ${suite}-security InRelease [43.4 kB]`,
      `Get:4 http://deb.debian.org/debian ${suite}/main amd64 Packages [9670 kB]`,
      `Get:5 http://deb.debian.org/debian ${suite}-updates/main amd64 Packages [5412 B]`,
      `Get:6 http://deb.debian.org/debian-security ${suite}-security/main amd64 Packages [37.8 kB]`,
    ];
    for (const line of lines) {
      ctx.stdout.write(`${line}\n`);
      await ctx.sleep(120);
    }
    ctx.fs.mkdir(LISTS, { parents: true });
    ctx.fs.writeBlob(
      `${LISTS}/deb.debian.org_debian_dists_${suite}_main_binary-amd64_Packages.lz4`,
      APT_LISTS_BYTES - 400_000,
    );
    ctx.fs.writeBlob(`${LISTS}/deb.debian.org_debian_dists_${suite}_InRelease`, 400_000);
    ctx.stdout.write('Fetched 9944 kB in 1s (8716 kB/s)\n');
    progress(ctx, 'Reading package lists');
    return 0;
  }
  if (command === 'install' || command === 'remove' || command === 'purge') {
    if (!requireRoot(ctx, ROOT_ERROR)) return 100;
    progress(ctx, 'Reading package lists', 'Building dependency tree', 'Reading state information');
    const haveLists = ctx.fs.isDir(LISTS) && ctx.fs.readdir(LISTS).length > 0;
    if (command !== 'install') {
      ctx.stdout.write(`0 upgraded, 0 newly installed, ${names.length} to remove and 0 not upgraded.\n`);
      return 0;
    }
    const have = installed(ctx);
    const unknown = names.find((n) => !haveLists || !DEBIAN_PACKAGES.some((p) => p.name === n));
    if (unknown) {
      ctx.stderr.write(`E: Unable to locate package ${unknown}\n`);
      return 100;
    }
    const plan = resolveDependencies(DEBIAN_PACKAGES, names, have) as Package[];
    const extra = plan.filter((p) => !names.includes(p.name));
    if (extra.length > 0)
      ctx.stdout.write(
        `The following additional packages will be installed:\n  ${extra.map((p) => p.name).join(' ')}\n`,
      );
    ctx.stdout.write(
      `The following NEW packages will be installed:\n  ${plan.map((p) => p.name).join(' ')}\n`,
    );
    const download = plan.reduce((s, p) => s + p.download, 0);
    const size = plan.reduce((s, p) => s + p.size, 0);
    ctx.stdout.write(
      `0 upgraded, ${plan.length} newly installed, 0 to remove and 0 not upgraded.\nNeed to get ${kb(download)} of archives.\nAfter this operation, ${kb(size)} of additional disk space will be used.\n`,
    );
    if (!yes) {
      ctx.stdout.write('Do you want to continue? [Y/n] Abort.\n');
      return 1;
    }
    plan.forEach((p, i) => {
      ctx.stdout.write(
        `Get:${i + 1} http://deb.debian.org/debian ${suite}/main amd64 ${p.name} amd64 ${p.version} [${kb(p.download)}]\n`,
      );
    });
    await ctx.sleep(Math.ceil(download / 12_000));
    ctx.stdout.write(`Fetched ${kb(download)} in 0s (${kb(download * 4)}/s)\n`);
    for (const p of plan) {
      ctx.stdout.write(
        `Selecting previously unselected package ${p.name}.\nUnpacking ${p.name} (${p.version}) ...\n`,
      );
      installFiles(ctx, p, '/usr/share/sandbox-packages');
    }
    for (const p of plan) ctx.stdout.write(`Setting up ${p.name} (${p.version}) ...\n`);
    ctx.stdout.write('Processing triggers for libc-bin (2.41-12) ...\n');
    ctx.fs.mkdir('/var/lib/dpkg/status.d', { parents: true });
    ctx.fs.writeFile(STATUS, `${[...have, ...plan.map((p) => p.name)].join('\n')}\n`);
    recordInstalled(
      ctx.fs,
      plan.map((p) => {
        const [architecture = 'amd64', synopsis = ''] = DEBIAN_PACKAGE_SYNOPSES[p.name] ?? [];
        return { name: p.name, version: p.version, architecture, synopsis };
      }),
    );
    ctx.fs.mkdir('/var/cache/apt/archives', { parents: true });
    for (const p of plan)
      ctx.fs.writeBlob(
        `/var/cache/apt/archives/${p.name}_${p.version.replace(':', '%3a')}_amd64.deb`,
        p.download,
      );
    return 0;
  }
  if (command === 'clean') {
    if (ctx.fs.isDir('/var/cache/apt/archives'))
      ctx.fs.remove('/var/cache/apt/archives', { recursive: true });
    ctx.fs.mkdir('/var/cache/apt/archives', { parents: true });
    return 0;
  }
  ctx.stderr.write(`E: Invalid operation ${command ?? ''}\n`);
  return 100;
};
