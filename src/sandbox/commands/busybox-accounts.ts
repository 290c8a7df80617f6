import { pick } from '../core/random.ts';
import type { Program, ProgramContext } from '../shell/program.ts';
import {
  addMember,
  appendAccount,
  daysSinceEpoch,
  idsIn,
  membersOf,
  readAccounts,
  removeAccount,
  removeMember,
} from './account-files.ts';
import { parseArgs, usageError } from './args.ts';

/**
 * BusyBox 1.37's account applets (loginutils/adduser.c, addgroup.c, deluser.c, passwd.c), with
 * defconfig's limits: system IDs from 100 to 999, ordinary ones from 1000, none past 60000.
 */
const FIRST_SYSTEM_ID = 100;
const LAST_SYSTEM_ID = 999;
const LAST_ID = 60_000;

/** A BusyBox applet's fatal error: `applet: message`, status 1. */
class Die extends Error {}

function die(message: string): never {
  throw new Die(message);
}

/** Runs an applet body, turning its fatal errors into BusyBox's one line and status 1. */
function applet(name: string, body: (ctx: ProgramContext) => Promise<number> | number): Program {
  return async (ctx) => {
    try {
      if (ctx.user.uid !== 0) die('permission denied (are you root?)');
      return await body(ctx);
    } catch (error) {
      if (!(error instanceof Die)) throw error;
      ctx.stderr.write(`${name}: ${error.message}\n`);
      return 1;
    }
  };
}

/** libbb's xatou_range over 0..LAST_ID. */
function idArgument(text: string): number {
  if (!/^\d+$/.test(text)) die(`invalid number '${text}'`);
  const n = Number(text);
  if (n > LAST_ID) die(`number ${text} is not in 0..${LAST_ID} range`);
  return n;
}

/** The first ID from `first` that `taken` does not hold, as passwd_study and xgroup_study search. */
function freeId(
  taken: (id: number) => boolean,
  requested: number | undefined,
  system: boolean,
  kind: 'uid' | 'gid',
): number {
  if (requested !== undefined) {
    if (taken(requested)) die(`${kind} '${requested}' in use`);
    return requested;
  }
  const max = system ? LAST_SYSTEM_ID : LAST_ID;
  let id = system ? FIRST_SYSTEM_ID : LAST_SYSTEM_ID + 1;
  while (taken(id)) {
    if (id === max) die(`no ${kind[0]}ids left`);
    id++;
  }
  return id;
}

/** `addgroup USER GROUP`: adds an existing user to an existing group (nothing if already in it). */
function addUserToGroup(ctx: ProgramContext, user: string, group: string): number {
  if (!readAccounts(ctx.fs, '/etc/passwd')?.some((f) => f[0] === user)) die(`unknown user ${user}`);
  const entry = readAccounts(ctx.fs, '/etc/group')?.find((f) => f[0] === group);
  if (!entry) die(`unknown group ${group}`);
  if (membersOf(entry).includes(user)) return 0;
  addMember(ctx.fs, '/etc/group', group, user);
  addMember(ctx.fs, '/etc/gshadow', group, user);
  return 0;
}

/** Appends a new group (and its gshadow line where there is a gshadow). */
function newGroup(ctx: ProgramContext, name: string, gid: number | undefined, system: boolean): void {
  const groups = readAccounts(ctx.fs, '/etc/group') ?? [];
  if (groups.some((f) => f[0] === name)) die(`group '${name}' in use`);
  const used = idsIn(groups);
  const chosen = freeId((id) => used.has(id), gid, system, 'gid');
  appendAccount(ctx.fs, '/etc/group', [name, 'x', chosen, '']);
  appendAccount(ctx.fs, '/etc/gshadow', [name, '!', '', '']);
}

/** `addgroup [-g GID] [-S] GROUP` or `addgroup USER GROUP`. */
export const addgroup: Program = applet('addgroup', (ctx) => {
  const parsed = parseArgs(
    ctx.argv.slice(1),
    { flags: 'S', values: 'g', long: { gid: 'g', system: 'S' } },
    'busybox',
  );
  if (!parsed.ok) return usageError(ctx, 'addgroup', 'busybox', parsed.message);
  const [first, second, ...rest] = parsed.operands;
  if (first === undefined || rest.length > 0) return usageError(ctx, 'addgroup', 'busybox', '');
  if (second !== undefined) {
    if (parsed.has('g')) return usageError(ctx, 'addgroup', 'busybox', '');
    return addUserToGroup(ctx, first, second);
  }
  const gid = parsed.get('g');
  newGroup(ctx, first, gid === undefined ? undefined : idArgument(gid), parsed.has('S'));
  return 0;
});

/** passwd's dialogue: two hidden reads from standard input; an empty input leaves it unchanged. */
function changePassword(ctx: ProgramContext, name: string): number {
  ctx.stdout.write(`Changing password for ${name}\n`);
  const lines = ctx.stdin.isTTY ? [] : ctx.stdin.read().split('\n');
  ctx.stdout.write('New password: \n');
  const first = lines[0];
  if (first === undefined || (first === '' && lines.length === 1)) die(`password for ${name} is unchanged`);
  ctx.stdout.write('Retype password: \n');
  const second = lines[1];
  if (second === undefined || (second === '' && lines.length === 2)) die(`password for ${name} is unchanged`);
  if (first !== second) {
    ctx.stdout.write("Passwords don't match\n");
    die(`password for ${name} is unchanged`);
  }
  setPassword(ctx, name, `$6$${cryptText(ctx, 16)}$${cryptText(ctx, 86)}`);
  ctx.stderr.write(`passwd: password for ${name} changed by ${ctx.user.name}\n`);
  return 0;
}

/** crypt(3)'s base-64 alphabet, drawn from the seed: a SHA-512 crypt string's salt and hash. */
function cryptText(ctx: ProgramContext, length: number): string {
  const alphabet = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let out = '';
  for (let i = 0; i < length; i++) out += pick(ctx.random, [...alphabet]);
  return out;
}

/** The password field lives in /etc/shadow where there is one, else in /etc/passwd. */
function passwordFile(ctx: ProgramContext): '/etc/shadow' | '/etc/passwd' {
  return readAccounts(ctx.fs, '/etc/shadow') ? '/etc/shadow' : '/etc/passwd';
}

function currentPassword(ctx: ProgramContext, name: string): string {
  return readAccounts(ctx.fs, passwordFile(ctx))?.find((f) => f[0] === name)?.[1] ?? '';
}

function setPassword(ctx: ProgramContext, name: string, password: string): void {
  const file = passwordFile(ctx);
  const rows = readAccounts(ctx.fs, file) ?? [];
  const days = String(daysSinceEpoch(ctx.now()));
  const updated = rows.map((f) =>
    f[0] === name
      ? [
          f[0] as string,
          password,
          ...(file === '/etc/shadow' ? [days] : []),
          ...f.slice(file === '/etc/shadow' ? 3 : 2),
        ]
      : f,
  );
  if (!rows.some((f) => f[0] === name)) updated.push([name, password, days, '0', '99999', '7', '', '', '']);
  ctx.fs.writeFile(file, updated.map((f) => `${f.join(':')}\n`).join(''));
}

/** `passwd [-dlu] [USER]` */
export const passwd: Program = async (ctx) => {
  const parsed = parseArgs(ctx.argv.slice(1), { flags: 'dlu', values: 'a' }, 'busybox');
  if (!parsed.ok) return usageError(ctx, 'passwd', 'busybox', parsed.message);
  if (parsed.operands.length > 1) return usageError(ctx, 'passwd', 'busybox', '');
  const name = parsed.operands[0] ?? ctx.user.name;
  try {
    if (!readAccounts(ctx.fs, '/etc/passwd')?.some((f) => f[0] === name)) die(`unknown user ${name}`);
    if (ctx.user.uid !== 0 && name !== ctx.user.name)
      die(`${ctx.user.name} can't change password for ${name}`);
    const current = currentPassword(ctx, name);
    let next: string | undefined;
    if (parsed.has('l')) {
      if (current.startsWith('!')) die(`password for ${name} is already locked`);
      next = `!${current}`;
    } else if (parsed.has('u')) {
      if (!current.startsWith('!')) die(`password for ${name} is already unlocked`);
      next = current.slice(1);
    } else if (parsed.has('d')) next = '';
    if (next === undefined) return changePassword(ctx, name);
    setPassword(ctx, name, next);
    ctx.stderr.write(`passwd: password for ${name} changed by ${ctx.user.name}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof Die)) throw error;
    ctx.stderr.write(`passwd: ${error.message}\n`);
    return 1;
  }
};

/** `adduser [-h DIR] [-g GECOS] [-s SHELL] [-G GROUP] [-S] [-D] [-H] [-u UID] [-k SKEL] USER [GROUP]` */
export const adduser: Program = applet('adduser', async (ctx) => {
  const parsed = parseArgs(
    ctx.argv.slice(1),
    {
      flags: 'DSH',
      values: 'hgsGuk',
      long: {
        home: 'h',
        gecos: 'g',
        shell: 's',
        ingroup: 'G',
        'disabled-password': 'D',
        'empty-password': 'D',
        system: 'S',
        'no-create-home': 'H',
        uid: 'u',
        skel: 'k',
      },
    },
    'busybox',
  );
  if (!parsed.ok) return usageError(ctx, 'adduser', 'busybox', parsed.message);
  const [name, group, ...rest] = parsed.operands;
  if (name === undefined || rest.length > 0) return usageError(ctx, 'adduser', 'busybox', '');
  if (parsed.options.length === 0 && group !== undefined) {
    // `adduser USER GROUP` is addgroup's job, which adduser runs as a child.
    return addgroup({ ...ctx, argv: ['addgroup', '--', name, group] });
  }
  const system = parsed.has('S');
  const uidText = parsed.get('u');
  const requestedUid = uidText === undefined ? undefined : idArgument(uidText);
  const home = parsed.get('h') ?? `/home/${name}`;
  const usegroup = parsed.get('G') ?? (system ? 'nogroup' : undefined);
  const shell =
    parsed.get('s') ??
    (system
      ? // Alpine patches BusyBox so that system accounts get nologin (aports main/busybox).
        ctx.fs.exists('/etc/alpine-release')
        ? '/sbin/nologin'
        : '/bin/false'
      : loginShell(ctx));
  const groups = readAccounts(ctx.fs, '/etc/group') ?? [];
  let gid: number | undefined;
  if (usegroup !== undefined) {
    const entry = groups.find((f) => f[0] === usegroup || (/^\d+$/.test(usegroup) && f[2] === usegroup));
    if (!entry) die(`unknown group ${usegroup}`);
    gid = Number(entry[2]);
  }
  const users = readAccounts(ctx.fs, '/etc/passwd') ?? [];
  if (users.some((f) => f[0] === name)) die(`user '${name}' in use`);
  const uids = idsIn(users);
  const gids = idsIn(groups);
  // Without a group of its own choosing, the user's new group takes the uid as its gid.
  const uid = freeId(
    (id) => uids.has(id) || (gid === undefined && gids.has(id)),
    requestedUid,
    system,
    'uid',
  );
  if (gid === undefined && groups.some((f) => f[0] === name)) die(`group '${name}' in use`);
  const primary = gid ?? uid;
  appendAccount(ctx.fs, '/etc/passwd', [
    name,
    'x',
    uid,
    primary,
    parsed.get('g') ?? 'Linux User,,,',
    home,
    shell,
  ]);
  appendAccount(ctx.fs, '/etc/shadow', [name, '!', daysSinceEpoch(ctx.now()), 0, 99999, 7, '', '', '']);
  // The child addgroup's failures are not adduser's.
  await addgroup({
    ...ctx,
    argv:
      usegroup === undefined
        ? ['addgroup', '--gid', String(primary), '--', name]
        : ['addgroup', '--', name, usegroup],
  });
  if (!parsed.has('H')) makeHome(ctx, home, uid, primary, parsed.get('k') ?? '/etc/skel');
  if (!parsed.has('D') && !system) return passwd({ ...ctx, argv: ['passwd', '--', name] });
  return 0;
});

/** New users inherit the shell of whoever adds them: $SHELL, else the caller's passwd entry. */
function loginShell(ctx: ProgramContext): string {
  if (ctx.env.SHELL) return ctx.env.SHELL;
  const own = readAccounts(ctx.fs, '/etc/passwd')?.find((f) => Number(f[2]) === ctx.user.uid)?.[6];
  return own || '/bin/sh';
}

/** mkdir 0755, the skeleton copied in, everything chowned, then the setgid bit (2755). */
function makeHome(ctx: ProgramContext, home: string, uid: number, gid: number, skel: string): void {
  try {
    let created = false;
    if (!ctx.fs.isDir(home)) {
      ctx.fs.mkdir(home, { mode: 0o755 });
      created = true;
    }
    if (created && ctx.fs.isDir(skel)) {
      for (const entry of ctx.fs.readdir(skel))
        ctx.fs.copy(`${skel}/${entry}`, `${home}/${entry}`, { recursive: true });
      for (const path of ctx.fs.walk(home)) ctx.fs.chown(path, uid, gid);
    }
    ctx.fs.chown(home, uid, gid);
    ctx.fs.chmod(home, 0o2755);
  } catch (error) {
    ctx.stderr.write(`adduser: ${home}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/** `deluser [--remove-home] USER` and `delgroup [USER] GROUP`. */
function remover(kind: 'deluser' | 'delgroup'): Program {
  return applet(kind, (ctx) => {
    let args = ctx.argv.slice(1);
    const removeHome = kind === 'deluser' && args[0] === '--remove-home';
    if (removeHome) args = args.slice(1);
    if (args.length === 0 || args.length > 2 || (kind === 'deluser' && args.length === 2))
      return usageError(ctx, kind, 'busybox', '');
    if (kind === 'deluser') {
      const name = args[0] as string;
      const entry = readAccounts(ctx.fs, '/etc/passwd')?.find((f) => f[0] === name);
      if (!entry) die(`unknown user ${name}`);
      const home = entry[5] ?? '';
      if (removeHome && ctx.fs.isDir(home)) ctx.fs.remove(home, { recursive: true });
      removeAccount(ctx.fs, '/etc/passwd', name);
      removeAccount(ctx.fs, '/etc/shadow', name);
      removeMember(ctx.fs, '/etc/group', name);
      removeMember(ctx.fs, '/etc/gshadow', name);
      // deluser also removes the same-named group, if nobody else has it as primary group.
      if (readAccounts(ctx.fs, '/etc/group')?.some((f) => f[0] === name)) deleteGroup(ctx, name);
      return 0;
    }
    const [member, group] = args.length === 2 ? [args[0], args[1] as string] : [undefined, args[0] as string];
    const entry = readAccounts(ctx.fs, '/etc/group')?.find((f) => f[0] === group);
    if (!entry) die(`unknown group ${group}`);
    if (member === undefined) deleteGroup(ctx, group);
    else {
      removeMember(ctx.fs, '/etc/group', member, group);
      removeMember(ctx.fs, '/etc/gshadow', member, group);
    }
    return 0;
  });
}

function deleteGroup(ctx: ProgramContext, group: string): void {
  const gid = readAccounts(ctx.fs, '/etc/group')?.find((f) => f[0] === group)?.[2];
  const user = readAccounts(ctx.fs, '/etc/passwd')?.find((f) => f[3] === gid);
  if (user) die(`'${user[0]}' still has '${group}' as their primary group!`);
  removeAccount(ctx.fs, '/etc/group', group);
  removeAccount(ctx.fs, '/etc/gshadow', group);
}

export const deluser: Program = remover('deluser');
export const delgroup: Program = remover('delgroup');
