import { FsError } from '../fs/filesystem.ts';
import { ancestors } from '../fs/path.ts';
import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import { parseMode } from './chmod.ts';
import type { Flavor } from './flavor.ts';
import { localeQuote } from './quote.ts';
import { absolute, errorText } from './read.ts';

/** `mkdir [-p] [-v] [-m MODE] DIR...` */
export function mkdir(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      { flags: 'pv', values: 'm', long: { parents: 'p', verbose: 'v', 'mode=': 'm' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'mkdir', flavor, parsed.message);
    if (parsed.operands.length === 0)
      return usageError(ctx, 'mkdir', flavor, flavor === 'gnu' ? 'missing operand' : '');
    const modeText = parsed.get('m');
    const mode = modeText === undefined ? undefined : parseMode(modeText, 0o777 & ~0o022, true);
    if (mode === null) {
      ctx.stderr.write(
        `mkdir: invalid mode ${flavor === 'gnu' ? localeQuote(ctx.env, modeText ?? '') : `'${modeText}'`}\n`,
      );
      return 1;
    }
    const actor = ctx.user;
    let status = 0;
    for (const operand of parsed.operands) {
      const path = absolute(ctx, operand);
      const created: string[] = [];
      try {
        if (parsed.has('p')) {
          for (const dir of [...ancestors(path), path]) {
            const node = ctx.fs.stat(dir);
            if (node?.type === 'dir') continue;
            if (node) throw new FsError(dir === path ? 'EEXIST' : 'ENOTDIR', dir);
            ctx.fs.mkdir(dir, { actor, ...(mode === undefined ? {} : { mode }) });
            created.push(dir);
          }
        } else {
          ctx.fs.mkdir(path, { actor, ...(mode === undefined ? {} : { mode }) });
          created.push(path);
        }
      } catch (error) {
        const message = errorText(error);
        ctx.stderr.write(
          flavor === 'gnu'
            ? `mkdir: cannot create directory ${localeQuote(ctx.env, operand)}: ${message}\n`
            : `mkdir: can't create directory '${operand}': ${message}\n`,
        );
        status = 1;
      }
      if (parsed.has('v')) {
        for (const dir of created) {
          // GNU names each directory as the user spelled it: the operand's own prefix.
          const shown = operand.startsWith('/') ? dir : operandPrefix(operand, path, dir);
          ctx.stdout.write(`mkdir: created directory '${shown}'\n`);
        }
      }
    }
    return status;
  };
}

/** The part of a relative operand naming `dir`, one of the operand's ancestors. */
function operandPrefix(operand: string, full: string, dir: string): string {
  const extra = full.slice(dir.length).split('/').filter(Boolean).length;
  const parts = operand.split('/').filter(Boolean);
  return parts.slice(0, parts.length - extra).join('/');
}
