import { FsError } from '../fs/filesystem.ts';
import { basename } from '../fs/path.ts';
import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { absolute, errorText } from './read.ts';

/** `ln [-sfv] TARGET [LINK_NAME]`; hard links are copies here (the sandbox has no inodes). */
export function ln(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      { flags: 'sfvnTr', long: { symbolic: 's', force: 'f', verbose: 'v', 'no-dereference': 'n' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'ln', flavor, parsed.message);
    const [target, name, ...extra] = parsed.operands;
    if (target === undefined)
      return usageError(ctx, 'ln', flavor, flavor === 'gnu' ? 'missing file operand' : '');
    if (extra.length > 0) {
      ctx.stderr.write(`ln: target '${extra[extra.length - 1]}' is not a directory\n`);
      return 1;
    }
    const symbolic = parsed.has('s');
    let linkShown = name ?? basename(target.replace(/\/+$/, ''));
    let linkPath = absolute(ctx, linkShown);
    if (name !== undefined && !parsed.has('n') && ctx.fs.isDir(linkPath)) {
      const base = basename(target.replace(/\/+$/, ''));
      linkShown = `${name.replace(/\/+$/, '')}/${base}`;
      linkPath = `${linkPath}/${base}`;
    }
    const kind = symbolic ? 'symbolic link' : 'hard link';
    try {
      if (!symbolic) {
        const source = ctx.fs.stat(absolute(ctx, target));
        if (!source) {
          ctx.stderr.write(
            flavor === 'gnu'
              ? `ln: failed to access '${target}': No such file or directory\n`
              : `ln: ${target}: No such file or directory\n`,
          );
          return 1;
        }
        if (source.type === 'dir') {
          ctx.stderr.write(`ln: ${target}: hard link not allowed for directory\n`);
          return 1;
        }
      }
      if (parsed.has('f') && ctx.fs.lstat(linkPath) && ctx.fs.lstat(linkPath)?.type !== 'dir')
        ctx.fs.remove(linkPath, { actor: ctx.user });
      if (symbolic) ctx.fs.symlink(target, linkPath, ctx.user);
      else {
        const source = ctx.fs.stat(absolute(ctx, target));
        if (ctx.fs.lstat(linkPath)) throw new FsError('EEXIST', linkPath);
        if (source) ctx.fs.copyNode(source, linkPath, ctx.user);
      }
      if (parsed.has('v')) ctx.stdout.write(`'${linkShown}' ${symbolic ? '->' : '=>'} '${target}'\n`);
      return 0;
    } catch (error) {
      const message = errorText(error);
      ctx.stderr.write(
        flavor === 'gnu'
          ? `ln: failed to create ${kind} '${linkShown}': ${message}\n`
          : `ln: ${linkShown}: ${message}\n`,
      );
      return 1;
    }
  };
}
