import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { absolute, errorText } from './read.ts';

/** `rmdir [-p] DIR...`: removes empty directories only. */
export function rmdir(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      { flags: 'pv', long: { parents: 'p', verbose: 'v' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'rmdir', flavor, parsed.message);
    if (parsed.operands.length === 0)
      return usageError(ctx, 'rmdir', flavor, flavor === 'gnu' ? 'missing operand' : '');
    let status = 0;
    for (const operand of parsed.operands) {
      const chain = [operand];
      if (parsed.has('p')) {
        let p = operand.replace(/\/+$/, '');
        while (p.includes('/')) {
          p = p.slice(0, p.lastIndexOf('/'));
          if (p) chain.push(p);
        }
      }
      for (const item of chain) {
        const path = absolute(ctx, item);
        const node = ctx.fs.lstat(path);
        let message: string | undefined;
        if (!node) message = 'No such file or directory';
        else if (node.type !== 'dir') message = 'Not a directory';
        else if (ctx.fs.readdir(path).length > 0) message = 'Directory not empty';
        else {
          try {
            ctx.fs.remove(path, { actor: ctx.user });
          } catch (error) {
            message = errorText(error);
          }
        }
        if (message) {
          ctx.stderr.write(
            flavor === 'gnu'
              ? `rmdir: failed to remove '${item}': ${message}\n`
              : `rmdir: '${item}': ${message}\n`,
          );
          status = 1;
          break;
        }
      }
    }
    return status;
  };
}
