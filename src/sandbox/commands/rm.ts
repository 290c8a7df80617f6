import { basename } from '../fs/path.ts';
import type { Program, ProgramContext } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { absolute, errorText } from './read.ts';

function cannotRemove(ctx: ProgramContext, flavor: Flavor, operand: string, message: string): void {
  ctx.stderr.write(
    flavor === 'gnu'
      ? `rm: cannot remove '${operand}': ${message}\n`
      : `rm: can't remove '${operand}': ${message}\n`,
  );
}

/** `rm [-rRfiv] FILE...` with GNU's --preserve-root safety on `/`. */
export function rm(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      {
        flags: 'rRfivd',
        long: {
          recursive: 'r',
          force: 'f',
          verbose: 'v',
          dir: 'd',
          'no-preserve-root': 'no-preserve-root',
          'preserve-root?': 'preserve-root',
        },
      },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'rm', flavor, parsed.message);
    const force = parsed.options.findLast(([k]) => k === 'f' || k === 'i')?.[0] === 'f';
    const recursive = parsed.has('r') || parsed.has('R');
    if (parsed.operands.length === 0) {
      if (force) return 0;
      return usageError(ctx, 'rm', flavor, flavor === 'gnu' ? 'missing operand' : '');
    }
    let status = 0;
    for (const operand of parsed.operands) {
      const path = absolute(ctx, operand);
      const base = basename(operand.replace(/\/+$/, '') || '/');
      if (base === '.' || base === '..') {
        ctx.stderr.write(
          flavor === 'gnu'
            ? `rm: refusing to remove '.' or '..' directory: skipping '${operand}'\n`
            : `rm: can't remove '.' or '..'\n`,
        );
        status = 1;
        continue;
      }
      if (path === '/' && recursive && flavor === 'gnu' && !parsed.has('no-preserve-root')) {
        ctx.stderr.write(
          `rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`,
        );
        status = 1;
        continue;
      }
      const node = ctx.fs.lstat(path);
      if (!node) {
        if (!force) {
          cannotRemove(ctx, flavor, operand, 'No such file or directory');
          status = 1;
        }
        continue;
      }
      if (node.type === 'dir' && !recursive) {
        const empty = parsed.has('d') && ctx.fs.readdir(path).length === 0;
        if (!empty) {
          if (flavor === 'gnu') cannotRemove(ctx, flavor, operand, 'Is a directory');
          else ctx.stderr.write(`rm: '${operand}' is a directory\n`);
          status = 1;
          continue;
        }
      }
      try {
        ctx.fs.remove(path, { recursive, actor: ctx.user });
        if (parsed.has('v')) {
          ctx.stdout.write(
            node.type === 'dir' ? `removed directory '${operand}'\n` : `removed '${operand}'\n`,
          );
        }
      } catch (error) {
        cannotRemove(ctx, flavor, operand, errorText(error));
        status = 1;
      }
    }
    return status;
  };
}
