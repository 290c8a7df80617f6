import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { absolute, errorText } from './read.ts';

/** `tee [-a] [FILE]...`: copies standard input to standard output and to each file. */
export function tee(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(ctx.argv.slice(1), { flags: 'ai', long: { append: 'a' } }, flavor);
    if (!parsed.ok) return usageError(ctx, 'tee', flavor, parsed.message);
    const text = ctx.stdin.read();
    let status = 0;
    for (const operand of parsed.operands) {
      try {
        if (operand === '/dev/null') continue;
        ctx.fs.writeFile(absolute(ctx, operand), text, { actor: ctx.user, append: parsed.has('a') });
      } catch (error) {
        ctx.stderr.write(
          flavor === 'gnu'
            ? `tee: ${operand}: ${errorText(error)}\n`
            : `tee: can't open '${operand}': ${errorText(error)}\n`,
        );
        status = 1;
      }
    }
    ctx.stdout.write(text);
    return status;
  };
}
