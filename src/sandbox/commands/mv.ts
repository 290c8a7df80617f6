import { isWithin } from '../fs/path.ts';
import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import { checkOperands, targetFor } from './cp.ts';
import type { Flavor } from './flavor.ts';
import { absolute, errorText } from './read.ts';

/** `mv [-fiv] SOURCE... DEST` */
export function mv(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      { flags: 'fivnTu', long: { force: 'f', verbose: 'v' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'mv', flavor, parsed.message);
    const bad = checkOperands(ctx, 'mv', flavor, parsed.operands);
    if (bad !== undefined) return bad;
    const sources = parsed.operands.slice(0, -1);
    const dest = parsed.operands[parsed.operands.length - 1] as string;
    let status = 0;
    const fail = (message: string) => {
      ctx.stderr.write(`mv: ${message}\n`);
      status = 1;
    };
    for (const source of sources) {
      const from = absolute(ctx, source);
      const node = ctx.fs.lstat(from);
      if (!node) {
        fail(
          flavor === 'gnu'
            ? `cannot stat '${source}': No such file or directory`
            : `can't stat '${source}': No such file or directory`,
        );
        continue;
      }
      const target = targetFor(ctx, source, dest);
      if (target.path === from) {
        fail(`'${source}' and '${target.shown}' are the same file`);
        continue;
      }
      if (node.type === 'dir' && isWithin(target.path, from)) {
        fail(`cannot move '${source}' to a subdirectory of itself, '${target.shown}'`);
        continue;
      }
      const existing = ctx.fs.lstat(target.path);
      if (existing?.type === 'dir' && node.type !== 'dir') {
        fail(`cannot overwrite directory '${target.shown}' with non-directory`);
        continue;
      }
      if (existing && existing.type !== 'dir' && node.type === 'dir') {
        fail(`cannot overwrite non-directory '${target.shown}' with directory '${source}'`);
        continue;
      }
      try {
        if (existing?.type === 'dir') {
          if (ctx.fs.readdir(target.path).length > 0) {
            fail(`cannot move '${source}' to '${target.shown}': Directory not empty`);
            continue;
          }
          ctx.fs.remove(target.path, { actor: ctx.user });
        }
        ctx.fs.rename(from, target.path, ctx.user);
        if (parsed.has('v')) ctx.stdout.write(`renamed '${source}' -> '${target.shown}'\n`);
      } catch (error) {
        fail(
          flavor === 'gnu'
            ? `cannot move '${source}' to '${target.shown}': ${errorText(error)}`
            : `can't rename '${source}': ${errorText(error)}`,
        );
      }
    }
    return status;
  };
}
