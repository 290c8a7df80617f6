import type { Program, ProgramContext } from '../shell/program.ts';
import { ALPINE_PACKAGES, resolveDependencies } from './catalogue.ts';
import { installFiles, removeFiles, requireRoot } from './install.ts';

const MIRROR = 'https://dl-cdn.alpinelinux.org/alpine';
const DB = '/lib/apk/db/installed';
/** Packages and bytes of the base Alpine image (alpine-baselayout, busybox, musl, apk-tools, …). */
const BASE_PACKAGES = 16;
const BASE_BYTES = 7_967_000;

function release(ctx: ProgramContext): string {
  try {
    const version = ctx.fs.readText('/etc/alpine-release').trim();
    return `v${version.split('.').slice(0, 2).join('.')}`;
  } catch {
    return 'v3.22';
  }
}

function installed(ctx: ProgramContext): string[] {
  try {
    return ctx.fs
      .readText(DB)
      .split('\n')
      .filter((l) => l.startsWith('P:'))
      .map((l) => l.slice(2));
  } catch {
    return [];
  }
}

function summary(names: string[]): string {
  const bytes =
    BASE_BYTES + names.reduce((sum, n) => sum + (ALPINE_PACKAGES.find((p) => p.name === n)?.size ?? 0), 0);
  return `OK: ${Math.round(bytes / 1024 / 1024)} MiB in ${BASE_PACKAGES + names.length} packages\n`;
}

async function fetchIndexes(ctx: ProgramContext, keepCache: boolean): Promise<void> {
  const rel = release(ctx);
  for (const repo of ['main', 'community']) {
    ctx.stdout.write(`fetch ${MIRROR}/${rel}/${repo}/x86_64/APKINDEX.tar.gz\n`);
    await ctx.sleep(180);
    if (keepCache) {
      ctx.fs.mkdir('/var/cache/apk', { parents: true });
      ctx.fs.writeBlob(
        `/var/cache/apk/APKINDEX.${repo === 'main' ? '2c4ac24e' : '40a3604f'}.tar.gz`,
        repo === 'main' ? 537_000 : 1_610_000,
      );
    }
  }
}

/** Alpine's package manager: add, del, update, info. */
export const apk: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const flags = args.filter((a) => a.startsWith('-'));
  const [command, ...names] = args.filter((a) => !a.startsWith('-'));
  const noCache = flags.includes('--no-cache');
  if (!command) {
    ctx.stdout.write(
      'apk-tools 2.14.9, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n',
    );
    return 1;
  }
  const root = () =>
    requireRoot(
      ctx,
      'ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n',
    );
  if (command === 'update') {
    if (!root()) return 99;
    await fetchIndexes(ctx, !noCache);
    const rel = release(ctx);
    ctx.stdout.write(
      `${rel}.2-0-g1f1d5b2 [${MIRROR}/${rel}/main]\n${rel}.2-0-g8e4b9e7 [${MIRROR}/${rel}/community]\nOK: 26326 distinct packages available\n`,
    );
    return 0;
  }
  if (command === 'info') {
    for (const name of installed(ctx)) ctx.stdout.write(`${name}\n`);
    return 0;
  }
  if (command === 'add') {
    if (!root()) return 99;
    const have = new Set(installed(ctx));
    await fetchIndexes(ctx, !noCache);
    const plan = resolveDependencies(ALPINE_PACKAGES, names, have);
    if ('missing' in plan) {
      ctx.stderr.write(
        `ERROR: unable to select packages:\n  ${plan.missing} (no such package):\n    required by: world[${plan.missing}]\n`,
      );
      return 1;
    }
    plan.forEach((p, i) => {
      ctx.stdout.write(`(${i + 1}/${plan.length}) Installing ${p.name} (${p.version})\n`);
      installFiles(ctx, p, '/usr/lib/apk-payload');
    });
    for (const p of plan) await ctx.sleep(Math.ceil(p.download / 20_000));
    if (plan.length > 0) ctx.stdout.write('Executing busybox-1.37.0-r18.trigger\n');
    const all = [...have, ...plan.map((p) => p.name)];
    ctx.fs.mkdir('/lib/apk/db', { parents: true });
    ctx.fs.writeFile(DB, all.map((n) => `P:${n}\n`).join(''));
    const world = new Set([
      ...(ctx.fs.exists('/etc/apk/world')
        ? ctx.fs.readText('/etc/apk/world').split('\n').filter(Boolean)
        : []),
      ...names,
    ]);
    ctx.fs.writeFile('/etc/apk/world', `${[...world].sort().join('\n')}\n`);
    ctx.stdout.write(summary(all));
    return 0;
  }
  if (command === 'del') {
    if (!root()) return 99;
    const have = installed(ctx);
    const gone = ALPINE_PACKAGES.filter((p) => names.includes(p.name) && have.includes(p.name));
    gone.forEach((p, i) => {
      ctx.stdout.write(`(${i + 1}/${gone.length}) Purging ${p.name} (${p.version})\n`);
      removeFiles(ctx, p, '/usr/lib/apk-payload');
    });
    const left = have.filter((n) => !gone.some((p) => p.name === n));
    ctx.fs.writeFile(DB, left.map((n) => `P:${n}\n`).join(''));
    ctx.stdout.write(summary(left));
    return 0;
  }
  ctx.stderr.write(`apk: unknown command '${command}'\n`);
  return 1;
};
