import type { Program, ProgramContext } from '../shell/program.ts';
import { type AccountFile, readAccounts } from './account-files.ts';

/** Which getent: glibc's (Debian, Ubuntu: libc-bin) or Alpine's musl-utils one (from NetBSD). */
export type GetentFlavor = 'glibc' | 'musl';

/** The databases each getent knows; those the sandbox keeps as files are answered from them. */
const DATABASES: Record<GetentFlavor, string[]> = {
  glibc: [
    'ahosts',
    'ahostsv4',
    'ahostsv6',
    'aliases',
    'ethers',
    'group',
    'gshadow',
    'hosts',
    'initgroups',
    'netgroup',
    'networks',
    'passwd',
    'protocols',
    'rpc',
    'services',
    'shadow',
  ],
  musl: [
    'ethers',
    'group',
    'hosts',
    'ahosts',
    'ahostsv4',
    'ahostsv6',
    'networks',
    'passwd',
    'protocols',
    'services',
    'shadow',
    'shells',
  ],
};

const FILES: Record<string, AccountFile> = {
  passwd: '/etc/passwd',
  group: '/etc/group',
  shadow: '/etc/shadow',
  gshadow: '/etc/gshadow',
};

function usage(ctx: ProgramContext, flavor: GetentFlavor): number {
  if (flavor === 'glibc') {
    ctx.stderr.write("Try `getent --help' or `getent --usage' for more information.\n");
    return 1;
  }
  const names = DATABASES.musl;
  const rows: string[] = [];
  for (let i = 0; i < names.length; i += 7) rows.push(`\t\t${names.slice(i, i + 7).join(' ')}\n`);
  ctx.stderr.write(`Usage: getent database [key ...]\n\tdatabase may be one of:\n${rows.join('')}`);
  return 1;
}

/**
 * `getent DATABASE [KEY...]`: every entry, or the entries with those names (or, for passwd and group,
 * numeric IDs). A key not found makes the status 2; glibc's goes on with the other keys, musl's stops.
 */
export function getent(flavor: GetentFlavor): Program {
  return async (ctx) => {
    const [database, ...keys] = ctx.argv.slice(1);
    if (database === undefined) {
      if (flavor === 'glibc') ctx.stderr.write('getent: wrong number of arguments\n');
      return usage(ctx, flavor);
    }
    if (!DATABASES[flavor].includes(database)) {
      ctx.stderr.write(
        flavor === 'glibc'
          ? `Unknown database: ${database}\n`
          : `getent: Unknown database \`${database}': No error information\n`,
      );
      return usage(ctx, flavor);
    }
    const file = FILES[database];
    const rows =
      database === 'shells'
        ? linesOf(ctx, '/etc/shells').map((line) => [line])
        : file
          ? (readAccounts(ctx.fs, file) ?? [])
          : [];
    // The sandbox keeps no hosts, services or networks databases: nothing is found there.
    if (!file && database !== 'shells') return keys.length === 0 ? 0 : 2;
    if (keys.length === 0) {
      ctx.stdout.write(rows.map((fields) => `${fields.join(':')}\n`).join(''));
      return 0;
    }
    const byId = database === 'passwd' || database === 'group';
    let status = 0;
    for (const key of keys) {
      const found = rows.find(
        (f) => f[0] === key || (byId && /^\d+$/.test(key) && Number(f[2]) === Number(key)),
      );
      if (!found) {
        status = 2;
        if (flavor === 'musl') break;
        continue;
      }
      ctx.stdout.write(`${found.join(':')}\n`);
    }
    return status;
  };
}

function linesOf(ctx: ProgramContext, path: string): string[] {
  try {
    return ctx.fs
      .readText(path)
      .split('\n')
      .filter((line) => line.startsWith('/'));
  } catch {
    return [];
  }
}
