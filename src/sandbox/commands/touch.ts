import type { Program, ProgramContext } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { absolute, errorText } from './read.ts';

/** Sets a file's modification time to now, keeping its content, mode, owner and program. */
function updateTime(ctx: ProgramContext, path: string): void {
  const node = ctx.fs.stat(path);
  if (node?.type !== 'file') return;
  const mtime = ctx.now();
  if (node.text !== undefined) ctx.fs.writeFile(path, '', { actor: ctx.user, append: true, mtime });
  else {
    const options = { actor: { uid: node.uid, gid: node.gid }, mode: node.mode, mtime };
    ctx.fs.writeBlob(path, node.size, node.program ? { ...options, program: node.program } : options);
  }
}

/** `touch [-c] FILE...`: creates empty files or updates their modification time. */
export function touch(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      { flags: 'cam', values: 'dtr', long: { 'no-create': 'c' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'touch', flavor, parsed.message);
    if (parsed.operands.length === 0) {
      return usageError(ctx, 'touch', flavor, flavor === 'gnu' ? 'missing file operand' : '');
    }
    let status = 0;
    for (const operand of parsed.operands) {
      const path = absolute(ctx, operand);
      try {
        if (ctx.fs.exists(path)) updateTime(ctx, path);
        else if (!parsed.has('c')) ctx.fs.writeFile(path, '', { actor: ctx.user, mtime: ctx.now() });
      } catch (error) {
        const message = errorText(error);
        ctx.stderr.write(
          flavor === 'gnu'
            ? `touch: cannot touch '${operand}': ${message}\n`
            : `touch: ${operand}: ${message}\n`,
        );
        status = 1;
      }
    }
    return status;
  };
}
