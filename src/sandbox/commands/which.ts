import type { Program, ProgramContext } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { absolute } from './read.ts';

/** Every executable regular file called `name` on PATH (or `name` itself when it has a slash). */
export function lookPath(ctx: ProgramContext, name: string, path = ctx.env.PATH ?? ''): string[] {
  const candidates = name.includes('/')
    ? [name]
    : path.split(':').map((dir) => (dir === '' ? name : `${dir.replace(/\/+$/, '')}/${name}`));
  return candidates.filter((candidate) => {
    const node = ctx.fs.stat(absolute(ctx, candidate));
    return node?.type === 'file' && (node.mode & 0o111) !== 0;
  });
}

/** `which [-a] NAME...`: silent and exit 1 for names not found (debianutils and BusyBox alike). */
export function which(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(ctx.argv.slice(1), { flags: 'as' }, flavor);
    if (!parsed.ok) return usageError(ctx, 'which', flavor, parsed.message, 2);
    if (parsed.operands.length === 0) return flavor === 'gnu' ? 1 : usageError(ctx, 'which', flavor, '');
    let status = 0;
    for (const name of parsed.operands) {
      const found = lookPath(ctx, name);
      if (found.length === 0) status = 1;
      for (const path of parsed.has('a') ? found : found.slice(0, 1)) ctx.stdout.write(`${path}\n`);
    }
    return status;
  };
}
