import type { Program, ProgramContext } from '../shell/program.ts';
import {
  addMember,
  appendAccount,
  daysSinceEpoch,
  idsIn,
  readAccounts,
  removeAccount,
  removeMember,
} from './account-files.ts';
import { parseArgs } from './args.ts';
import { GROUPADD_USAGE, USERADD_USAGE, USERDEL_USAGE, USERMOD_USAGE } from './shadow-usage.ts';

/**
 * shadow's account tools as Debian's `passwd` package has them (useradd, groupadd, usermod,
 * userdel), with Debian's /etc/login.defs: ordinary IDs from 1000 to 60000 (the highest in use plus
 * one), system IDs from 101 to 999 (the highest free), a group per user (USERGROUPS_ENAB), and the
 * exit statuses of their manual pages.
 */
const UID_MIN = 1000;
const UID_MAX = 60_000;
const SYS_MIN = 101;
const SYS_MAX = 999;

/** A failure with shadow's status (E_BAD_ARG 3, E_UID_IN_USE 4, E_NOTFOUND 6, E_NAME_IN_USE 9, E_BAD_NAME 19). */
class Failure extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

function fail(message: string, status: number): never {
  throw new Failure(message, status);
}

/** Runs a tool's body, turning its failures into `tool: message` and their status. */
function tool(
  name: string,
  usage: string,
  locks: '/etc/passwd' | '/etc/group',
  body: (ctx: ProgramContext) => number,
): Program {
  return async (ctx) => {
    try {
      if (ctx.user.uid !== 0) fail(`Permission denied.\n${name}: cannot lock ${locks}; try again later.`, 1);
      return body(ctx);
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      if (error.message === '') ctx.stderr.write(usage);
      else ctx.stderr.write(`${name}: ${error.message}\n`);
      return error.status;
    }
  };
}

const usageFailure = (): never => fail('', 2);

/** The next ID: the highest in use in the ordinary range plus one, or the highest free system one. */
function nextId(used: Set<number>, system: boolean): number {
  if (system) {
    for (let id = SYS_MAX; id >= SYS_MIN; id--) if (!used.has(id)) return id;
    return SYS_MAX;
  }
  const inRange = [...used].filter((id) => id >= UID_MIN && id <= UID_MAX);
  const next = inRange.length === 0 ? UID_MIN : Math.max(...inRange) + 1;
  if (next <= UID_MAX) return next;
  for (let id = UID_MIN; id <= UID_MAX; id++) if (!used.has(id)) return id;
  return UID_MAX;
}

/** A group given by name or number, as -g and -G take it. */
function groupEntry(ctx: ProgramContext, name: string): string[] {
  const entry = readAccounts(ctx.fs, '/etc/group')?.find(
    (f) => f[0] === name || (/^\d+$/.test(name) && f[2] === name),
  );
  if (!entry) fail(`group '${name}' does not exist`, 6);
  return entry;
}

/** `useradd`'s defaults file: SHELL= (Debian ships /etc/default/useradd with SHELL=/bin/sh). */
function defaultShell(ctx: ProgramContext): string {
  try {
    const line = ctx.fs
      .readText('/etc/default/useradd')
      .split('\n')
      .find((l) => l.startsWith('SHELL='));
    return line ? line.slice('SHELL='.length) : '';
  } catch {
    return '';
  }
}

/** A setting of /etc/login.defs, if the file sets it. */
function loginDef(ctx: ProgramContext, key: string): string | undefined {
  try {
    for (const line of ctx.fs.readText('/etc/login.defs').split('\n')) {
      const [name, value] = line.trim().split(/\s+/);
      if (name === key) return value;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** Debian's user-name rule (without --badname): lower case, digits, `_` and `-`, an optional final `$`. */
function validName(name: string): boolean {
  return name.length <= 32 && /^[a-z_][a-z0-9_-]*\$?$/.test(name);
}

/** `useradd [-m|-M] [-r] [-s SHELL] [-u UID] [-g GROUP] [-G GROUPS] [-d HOME] [-c COMMENT] [-N|-U] LOGIN` */
export const useradd: Program = tool('useradd', USERADD_USAGE, '/etc/passwd', (ctx) => {
  const parsed = parseArgs(ctx.argv.slice(1), {
    flags: 'mMrNUo',
    values: 'sugGdc',
    long: {
      'create-home': 'm',
      'no-create-home': 'M',
      system: 'r',
      'no-user-group': 'N',
      'user-group': 'U',
      'non-unique': 'o',
      shell: 's',
      uid: 'u',
      gid: 'g',
      groups: 'G',
      'home-dir': 'd',
      comment: 'c',
    },
  });
  if (!parsed.ok) {
    ctx.stderr.write(`useradd: ${parsed.message}\n`);
    return usageFailure();
  }
  const [name, ...extra] = parsed.operands;
  if (name === undefined || extra.length > 0) return usageFailure();
  if (!validName(name)) fail(`invalid user name '${name}': use --badname to ignore`, 19);
  const uidText = parsed.get('u');
  if (uidText !== undefined && !/^\d+$/.test(uidText)) fail(`invalid user ID '${uidText}'`, 3);
  const groupText = parsed.get('g');
  const primaryGroup = groupText === undefined ? undefined : groupEntry(ctx, groupText);
  const supplementary = (parsed.get('G') ?? '')
    .split(',')
    .filter(Boolean)
    .map((g) => groupEntry(ctx, g)[0] as string);
  const users = readAccounts(ctx.fs, '/etc/passwd') ?? [];
  if (users.some((f) => f[0] === name)) fail(`user '${name}' already exists`, 9);
  const groups = readAccounts(ctx.fs, '/etc/group') ?? [];
  const ownGroup = primaryGroup === undefined && !parsed.has('N');
  if (ownGroup && groups.some((f) => f[0] === name))
    fail(`group ${name} exists - if you want to add this user to that group, use -g.`, 9);
  const uids = idsIn(users);
  const system = parsed.has('r');
  let uid: number;
  if (uidText !== undefined) {
    uid = Number(uidText);
    if (uids.has(uid) && !parsed.has('o')) fail(`UID ${uid} is not unique`, 4);
  } else uid = nextId(uids, system);
  const gids = idsIn(groups);
  // The user's own group takes the uid as its gid when that is free.
  const gid = primaryGroup
    ? Number(primaryGroup[2])
    : ownGroup
      ? gids.has(uid)
        ? nextId(gids, system)
        : uid
      : 100;
  const home = parsed.get('d') ?? `/home/${name}`;
  const shell = parsed.get('s') ?? defaultShell(ctx);
  const days = daysSinceEpoch(ctx.now());
  appendAccount(ctx.fs, '/etc/passwd', [name, 'x', uid, gid, parsed.get('c') ?? '', home, shell]);
  appendAccount(
    ctx.fs,
    '/etc/shadow',
    system ? [name, '!', days, '', '', '', '', '', ''] : [name, '!', days, 0, 99999, 7, '', '', ''],
  );
  if (ownGroup) {
    appendAccount(ctx.fs, '/etc/group', [name, 'x', gid, '']);
    appendAccount(ctx.fs, '/etc/gshadow', [name, '!', '', '']);
  }
  for (const group of supplementary) {
    addMember(ctx.fs, '/etc/group', group, name);
    addMember(ctx.fs, '/etc/gshadow', group, name);
  }
  if (parsed.has('m') && !ctx.fs.exists(home)) {
    // HOME_MODE, else what the umask (022) leaves of 0777.
    ctx.fs.mkdir(home, { mode: Number.parseInt(loginDef(ctx, 'HOME_MODE') ?? '0755', 8) });
    ctx.fs.chown(home, uid, gid);
  }
  return 0;
});

/** `groupadd [-g GID] [-r] [-f] GROUP` */
export const groupadd: Program = tool('groupadd', GROUPADD_USAGE, '/etc/group', (ctx) => {
  const parsed = parseArgs(ctx.argv.slice(1), {
    flags: 'rfo',
    values: 'g',
    long: { gid: 'g', system: 'r', force: 'f', 'non-unique': 'o' },
  });
  if (!parsed.ok) {
    ctx.stderr.write(`groupadd: ${parsed.message}\n`);
    return usageFailure();
  }
  const [name, ...extra] = parsed.operands;
  if (name === undefined || extra.length > 0) return usageFailure();
  const groups = readAccounts(ctx.fs, '/etc/group') ?? [];
  if (groups.some((f) => f[0] === name)) {
    if (parsed.has('f')) return 0;
    fail(`group '${name}' already exists`, 9);
  }
  const gids = idsIn(groups);
  const gidText = parsed.get('g');
  if (gidText !== undefined && !/^\d+$/.test(gidText)) fail(`invalid group ID '${gidText}'`, 3);
  let gid = gidText === undefined ? undefined : Number(gidText);
  if (gid !== undefined && gids.has(gid) && !parsed.has('o')) {
    // -f cancels a -g that is taken.
    if (!parsed.has('f')) fail(`GID '${gid}' already exists`, 4);
    gid = undefined;
  }
  appendAccount(ctx.fs, '/etc/group', [name, 'x', gid ?? nextId(gids, parsed.has('r')), '']);
  appendAccount(ctx.fs, '/etc/gshadow', [name, '!', '', '']);
  return 0;
});

/** `usermod [-a] [-G GROUPS] [-g GROUP] [-s SHELL] [-d HOME] [-c COMMENT] LOGIN` */
export const usermod: Program = tool('usermod', USERMOD_USAGE, '/etc/passwd', (ctx) => {
  const parsed = parseArgs(ctx.argv.slice(1), {
    flags: 'a',
    values: 'Ggsdc',
    long: { append: 'a', groups: 'G', gid: 'g', shell: 's', home: 'd', comment: 'c' },
  });
  if (!parsed.ok) {
    ctx.stderr.write(`usermod: ${parsed.message}\n`);
    return usageFailure();
  }
  const [name, ...extra] = parsed.operands;
  if (name === undefined || extra.length > 0) return usageFailure();
  if (parsed.has('a') && !parsed.has('G')) {
    ctx.stderr.write('usermod: -a flag is only allowed with the -G flag\n');
    return usageFailure();
  }
  const users = readAccounts(ctx.fs, '/etc/passwd') ?? [];
  const entry = users.find((f) => f[0] === name);
  if (!entry) fail(`user '${name}' does not exist`, 6);
  if (parsed.options.length === 0) {
    ctx.stderr.write('usermod: no options\n');
    return usageFailure();
  }
  const groupText = parsed.get('g');
  const primary = groupText === undefined ? undefined : groupEntry(ctx, groupText);
  const groupsText = parsed.get('G');
  const wanted =
    groupsText === undefined
      ? undefined
      : groupsText
          .split(',')
          .filter(Boolean)
          .map((g) => groupEntry(ctx, g)[0] as string);
  const updated = [...entry];
  if (primary) updated[3] = primary[2] as string;
  const comment = parsed.get('c');
  if (comment !== undefined) updated[4] = comment;
  const home = parsed.get('d');
  if (home !== undefined) updated[5] = home;
  const shell = parsed.get('s');
  if (shell !== undefined) updated[6] = shell;
  ctx.fs.writeFile('/etc/passwd', users.map((f) => `${(f === entry ? updated : f).join(':')}\n`).join(''));
  if (wanted) {
    // Without -a, -G replaces the supplementary groups.
    if (!parsed.has('a')) {
      removeMember(ctx.fs, '/etc/group', name);
      removeMember(ctx.fs, '/etc/gshadow', name);
    }
    for (const group of wanted) {
      addMember(ctx.fs, '/etc/group', group, name);
      addMember(ctx.fs, '/etc/gshadow', group, name);
    }
  }
  return 0;
});

/** `userdel [-r] LOGIN`: the user, their membership, and their own group unless it is someone's primary. */
export const userdel: Program = tool('userdel', USERDEL_USAGE, '/etc/passwd', (ctx) => {
  const parsed = parseArgs(ctx.argv.slice(1), { flags: 'rf', long: { remove: 'r', force: 'f' } });
  if (!parsed.ok) {
    ctx.stderr.write(`userdel: ${parsed.message}\n`);
    return usageFailure();
  }
  const [name, ...extra] = parsed.operands;
  if (name === undefined || extra.length > 0) return usageFailure();
  const entry = readAccounts(ctx.fs, '/etc/passwd')?.find((f) => f[0] === name);
  if (!entry) fail(`user '${name}' does not exist`, 6);
  removeAccount(ctx.fs, '/etc/passwd', name);
  removeAccount(ctx.fs, '/etc/shadow', name);
  removeMember(ctx.fs, '/etc/group', name);
  removeMember(ctx.fs, '/etc/gshadow', name);
  const own = readAccounts(ctx.fs, '/etc/group')?.find((f) => f[0] === name);
  const stillPrimary = readAccounts(ctx.fs, '/etc/passwd')?.some((f) => f[3] === own?.[2]);
  if (own && !stillPrimary) {
    removeAccount(ctx.fs, '/etc/group', name);
    removeAccount(ctx.fs, '/etc/gshadow', name);
  }
  if (parsed.has('r')) {
    const spool = `/var/mail/${name}`;
    if (ctx.fs.exists(spool)) ctx.fs.remove(spool);
    else ctx.stderr.write(`userdel: ${name} mail spool (${spool}) not found\n`);
    const home = entry[5] ?? '';
    if (ctx.fs.isDir(home)) ctx.fs.remove(home, { recursive: true });
  }
  return 0;
});
