import type { Filesystem } from '../fs/filesystem.ts';
import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { absolute, errorText } from './read.ts';

/** The ID a name has in /etc/passwd or /etc/group (a number stands for itself). */
function lookupId(fs: Filesystem, file: '/etc/passwd' | '/etc/group', name: string): number | undefined {
  if (/^\d+$/.test(name)) return Number(name);
  try {
    const entry = fs
      .readText(file)
      .split('\n')
      .map((line) => line.split(':'))
      .find((fields) => fields[0] === name);
    return entry ? Number(entry[2]) : undefined;
  } catch {
    return undefined;
  }
}

/** A user's primary group, for `chown user:`. */
function primaryGroup(fs: Filesystem, uid: number): number | undefined {
  try {
    const entry = fs
      .readText('/etc/passwd')
      .split('\n')
      .map((line) => line.split(':'))
      .find((fields) => Number(fields[2]) === uid && fields[2] !== undefined);
    return entry ? Number(entry[3]) : undefined;
  } catch {
    return undefined;
  }
}

/** `chown [-R] OWNER[:[GROUP]] FILE...` and `chown :GROUP FILE...`, in GNU's or BusyBox's words. */
export function chown(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(ctx.argv.slice(1), { flags: 'Rhvcf', long: { recursive: 'R' } }, flavor);
    if (!parsed.ok) return usageError(ctx, 'chown', flavor, parsed.message);
    const [spec, ...files] = parsed.operands;
    const gnu = flavor === 'gnu';
    if (spec === undefined) return usageError(ctx, 'chown', flavor, gnu ? 'missing operand' : '');
    if (files.length === 0)
      return usageError(ctx, 'chown', flavor, gnu ? `missing operand after ‘${spec}’` : '');
    const [userText = '', groupText] = spec.split(/[:.](.*)/s);
    const uid = userText === '' ? undefined : lookupId(ctx.fs, '/etc/passwd', userText);
    if (userText !== '' && uid === undefined) {
      ctx.stderr.write(gnu ? `chown: invalid user: ‘${spec}’\n` : `chown: unknown user ${userText}\n`);
      return 1;
    }
    let gid: number | undefined;
    if (groupText === '' && uid !== undefined) gid = primaryGroup(ctx.fs, uid);
    else if (groupText !== undefined && groupText !== '') {
      gid = lookupId(ctx.fs, '/etc/group', groupText);
      if (gid === undefined) {
        ctx.stderr.write(gnu ? `chown: invalid group: ‘${spec}’\n` : `chown: unknown user/group ${spec}\n`);
        return 1;
      }
    }
    let status = 0;
    const apply = (path: string, shown: string) => {
      const node = ctx.fs.stat(path);
      if (!node) {
        ctx.stderr.write(
          gnu
            ? `chown: cannot access '${shown}': No such file or directory\n`
            : `chown: ${shown}: No such file or directory\n`,
        );
        status = 1;
        return;
      }
      try {
        ctx.fs.chown(path, uid ?? node.uid, gid ?? node.gid, ctx.user);
      } catch (error) {
        const message =
          errorText(error) === 'Permission denied' ? 'Operation not permitted' : errorText(error);
        ctx.stderr.write(
          gnu ? `chown: changing ownership of '${shown}': ${message}\n` : `chown: ${shown}: ${message}\n`,
        );
        status = 1;
        return;
      }
      if (parsed.has('R') && node.type === 'dir') {
        for (const name of ctx.fs.readdir(path)) {
          const child = `${path}/${name}`;
          if (ctx.fs.lstat(child)?.type !== 'symlink') apply(child, `${shown.replace(/\/$/, '')}/${name}`);
        }
      }
    };
    for (const file of files) apply(absolute(ctx, file), file);
    return status;
  };
}
