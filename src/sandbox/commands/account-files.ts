import type { Filesystem } from '../fs/filesystem.ts';

/**
 * The account databases (/etc/passwd, /etc/group, /etc/shadow, /etc/gshadow) as the tools that edit
 * them see them: colon-separated lines keyed by their first field. BusyBox's adduser family and
 * shadow's useradd family both edit them through these helpers.
 */
export type AccountFile = '/etc/passwd' | '/etc/group' | '/etc/shadow' | '/etc/gshadow';

/** The lines of an account file split into fields, or undefined when the file is missing. */
export function readAccounts(fs: Filesystem, file: AccountFile): string[][] | undefined {
  let text: string;
  try {
    text = fs.readText(file);
  } catch {
    return undefined;
  }
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split(':'));
}

function writeAccounts(fs: Filesystem, file: AccountFile, rows: string[][]): void {
  fs.writeFile(file, rows.map((fields) => `${fields.join(':')}\n`).join(''));
}

/** Appends an entry; a missing file is left missing (a system without shadow files keeps none). */
export function appendAccount(fs: Filesystem, file: AccountFile, fields: (string | number)[]): void {
  const rows = readAccounts(fs, file);
  if (rows) writeAccounts(fs, file, [...rows, fields.map(String)]);
}

/** Removes the entry named `name`; reports whether there was one. */
export function removeAccount(fs: Filesystem, file: AccountFile, name: string): boolean {
  const rows = readAccounts(fs, file);
  if (!rows?.some((f) => f[0] === name)) return false;
  writeAccounts(
    fs,
    file,
    rows.filter((f) => f[0] !== name),
  );
  return true;
}

/** Adds `member` to the member list (the last field) of group `group`, if not there already. */
export function addMember(
  fs: Filesystem,
  file: '/etc/group' | '/etc/gshadow',
  group: string,
  member: string,
): void {
  const rows = readAccounts(fs, file);
  if (!rows) return;
  writeAccounts(
    fs,
    file,
    rows.map((fields) => {
      if (fields[0] !== group) return fields;
      const members = membersOf(fields);
      return members.includes(member) ? fields : [...fields.slice(0, -1), [...members, member].join(',')];
    }),
  );
}

/** Removes `member` from the member list of `group`, or of every group when `group` is undefined. */
export function removeMember(
  fs: Filesystem,
  file: '/etc/group' | '/etc/gshadow',
  member: string,
  group?: string,
): void {
  const rows = readAccounts(fs, file);
  if (!rows) return;
  writeAccounts(
    fs,
    file,
    rows.map((fields) =>
      group !== undefined && fields[0] !== group
        ? fields
        : [
            ...fields.slice(0, -1),
            membersOf(fields)
              .filter((m) => m !== member)
              .join(','),
          ],
    ),
  );
}

/** The member list of a group line (its last field). */
export function membersOf(fields: readonly string[]): string[] {
  return (fields[fields.length - 1] ?? '').split(',').filter(Boolean);
}

/** The days since the epoch, as shadow's "last password change" field counts them. */
export function daysSinceEpoch(ms: number): number {
  return Math.floor(ms / 86_400_000);
}

/** The numeric IDs (third field) an account file uses. */
export function idsIn(rows: readonly string[][] | undefined): Set<number> {
  return new Set((rows ?? []).map((f) => Number(f[2])));
}
