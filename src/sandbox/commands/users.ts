import type { ProgramContext, User } from '../shell/program.ts';

/** One /etc/passwd entry. */
export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

function readLines(ctx: ProgramContext, path: string): string[][] {
  try {
    return ctx.fs
      .readText(path)
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(':'));
  } catch {
    return [];
  }
}

/** The entries of /etc/passwd in the program's filesystem (a container has its own). */
export function passwd(ctx: ProgramContext): PasswdEntry[] {
  return readLines(ctx, '/etc/passwd').map((f) => ({
    name: f[0] ?? '',
    uid: Number(f[2]),
    gid: Number(f[3]),
    home: f[5] ?? '/',
    shell: f[6] ?? '',
  }));
}

/** Group name → gid and members, from /etc/group. */
export function groups(ctx: ProgramContext): { name: string; gid: number; members: string[] }[] {
  return readLines(ctx, '/etc/group').map((f) => ({
    name: f[0] ?? '',
    gid: Number(f[2]),
    members: (f[3] ?? '').split(',').filter(Boolean),
  }));
}

/**
 * A user by name or number as /etc/passwd and /etc/group give it: primary group first, then the
 * groups that list the user; undefined when passwd has no such user.
 */
export function userNamed(ctx: ProgramContext, who: string): (User & { shell: string }) | undefined {
  const entry = passwd(ctx).find((p) => p.name === who || String(p.uid) === who);
  if (!entry) return undefined;
  const all = groups(ctx);
  const primary = all.find((g) => g.gid === entry.gid) ?? { gid: entry.gid, name: String(entry.gid) };
  const rest = all.filter((g) => g.gid !== entry.gid && g.members.includes(entry.name));
  return {
    uid: entry.uid,
    gid: entry.gid,
    name: entry.name,
    home: entry.home,
    shell: entry.shell,
    groups: [primary, ...rest].map(({ gid, name }) => ({ gid, name })),
  };
}

/** A name lookup that falls back to the number, as `ls -l` shows unknown owners. */
export interface NameTables {
  user(uid: number): string;
  group(gid: number): string;
}

/** Reads /etc/passwd and /etc/group once for a listing. */
export function nameTables(ctx: ProgramContext): NameTables {
  const users = new Map<number, string>();
  for (const entry of passwd(ctx)) if (!users.has(entry.uid)) users.set(entry.uid, entry.name);
  const groupNames = new Map<number, string>();
  for (const entry of groups(ctx)) if (!groupNames.has(entry.gid)) groupNames.set(entry.gid, entry.name);
  return {
    user: (uid) => users.get(uid) ?? String(uid),
    group: (gid) => groupNames.get(gid) ?? String(gid),
  };
}
