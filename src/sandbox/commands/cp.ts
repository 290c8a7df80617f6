import { basename, isWithin } from '../fs/path.ts';
import type { Program, ProgramContext } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { absolute, errorText } from './read.ts';

/** Where SOURCE goes: inside DEST when DEST is a directory, else DEST itself. */
export function targetFor(
  ctx: ProgramContext,
  source: string,
  dest: string,
): { path: string; shown: string } {
  const destPath = absolute(ctx, dest);
  if (ctx.fs.isDir(destPath)) {
    const name = basename(source.replace(/\/+$/, '') || '/');
    return {
      path: `${destPath === '/' ? '' : destPath}/${name}`,
      shown: `${dest.replace(/\/+$/, '')}/${name}`,
    };
  }
  return { path: destPath, shown: dest };
}

/** Checks the operand count shared by cp and mv; returns an exit status when it is wrong. */
export function checkOperands(
  ctx: ProgramContext,
  tool: string,
  flavor: Flavor,
  operands: string[],
): number | undefined {
  if (operands.length === 0)
    return usageError(ctx, tool, flavor, flavor === 'gnu' ? 'missing file operand' : '');
  if (operands.length === 1) {
    return usageError(
      ctx,
      tool,
      flavor,
      flavor === 'gnu' ? `missing destination file operand after '${operands[0]}'` : '',
    );
  }
  const dest = operands[operands.length - 1] as string;
  if (operands.length > 2 && !ctx.fs.isDir(absolute(ctx, dest))) {
    ctx.stderr.write(
      flavor === 'gnu'
        ? `${tool}: target '${dest}' is not a directory\n`
        : `${tool}: '${dest}' is not a directory\n`,
    );
    return 1;
  }
  return undefined;
}

/** Keeps mode and modification time for -p/-a, where the filesystem allows (text files). */
function preserve(ctx: ProgramContext, from: string, to: string): void {
  const node = ctx.fs.stat(from);
  if (node?.type === 'file' && node.text !== undefined) {
    ctx.fs.writeFile(to, node.text, { actor: ctx.user, mode: node.mode, mtime: node.mtime });
  }
}

/** `cp [-rRapfv] SOURCE... DEST` */
export function cp(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      {
        flags: 'rRapfivndlLPHTu',
        long: { recursive: 'r', archive: 'a', force: 'f', verbose: 'v', 'preserve?': 'p' },
      },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'cp', flavor, parsed.message);
    const bad = checkOperands(ctx, 'cp', flavor, parsed.operands);
    if (bad !== undefined) return bad;
    const recursive = parsed.has('r') || parsed.has('R') || parsed.has('a');
    const sources = parsed.operands.slice(0, -1);
    const dest = parsed.operands[parsed.operands.length - 1] as string;
    let status = 0;
    const fail = (message: string) => {
      ctx.stderr.write(`cp: ${message}\n`);
      status = 1;
    };
    for (const source of sources) {
      const from = absolute(ctx, source);
      const node = ctx.fs.stat(from);
      if (!node) {
        fail(
          flavor === 'gnu'
            ? `cannot stat '${source}': No such file or directory`
            : `can't stat '${source}': No such file or directory`,
        );
        continue;
      }
      if (node.type === 'dir' && !recursive) {
        fail(
          flavor === 'gnu'
            ? `-r not specified; omitting directory '${source}'`
            : `omitting directory '${source}'`,
        );
        continue;
      }
      const target = targetFor(ctx, source, dest);
      if (ctx.fs.resolve(from).path === ctx.fs.resolve(target.path).path) {
        fail(`'${source}' and '${target.shown}' are the same file`);
        continue;
      }
      if (node.type === 'dir' && isWithin(target.path, ctx.fs.resolve(from).path)) {
        fail(`cannot copy a directory, '${source}', into itself, '${target.shown}'`);
        continue;
      }
      const existing = ctx.fs.stat(target.path);
      if (existing?.type === 'dir' && node.type !== 'dir') {
        fail(`cannot overwrite directory '${target.shown}' with non-directory`);
        continue;
      }
      try {
        ctx.fs.copy(from, target.path, { recursive, actor: ctx.user });
        if (parsed.has('p') || parsed.has('a')) preserve(ctx, from, target.path);
        if (parsed.has('v')) ctx.stdout.write(`'${source}' -> '${target.shown}'\n`);
      } catch (error) {
        const message = errorText(error);
        fail(
          flavor === 'gnu'
            ? `cannot create ${node.type === 'dir' ? 'directory' : 'regular file'} '${target.shown}': ${message}`
            : `can't create '${target.shown}': ${message}`,
        );
      }
    }
    return status;
  };
}
