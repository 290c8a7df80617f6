import type { Program, ProgramContext } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { absolute, errorText } from './read.ts';

/**
 * Canonicalises a path by resolving every symlink. `mode` says what must exist: `all` (-e),
 * `parents` (GNU's default: all but the last component), or `none` (-m).
 */
export function canonicalize(ctx: ProgramContext, path: string, mode: 'all' | 'parents' | 'none'): string {
  const full = absolute(ctx, path);
  if (mode === 'none') {
    try {
      return ctx.fs.resolve(full).path;
    } catch {
      return full;
    }
  }
  const { path: real, node } = ctx.fs.resolve(full);
  if (!node && mode === 'all') ctx.fs.readFile(full);
  return real;
}

/** `realpath [-e|-m] [-s] FILE...` */
export function realpath(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      { flags: 'emsqz', long: { 'canonicalize-existing': 'e', 'canonicalize-missing': 'm', quiet: 'q' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'realpath', flavor, parsed.message);
    if (parsed.operands.length === 0)
      return usageError(ctx, 'realpath', flavor, flavor === 'gnu' ? 'missing operand' : '');
    const mode = parsed.has('e')
      ? 'all'
      : parsed.has('m')
        ? 'none'
        : flavor === 'busybox'
          ? 'all'
          : 'parents';
    let status = 0;
    for (const operand of parsed.operands) {
      try {
        ctx.stdout.write(`${parsed.has('s') ? absolute(ctx, operand) : canonicalize(ctx, operand, mode)}\n`);
      } catch (error) {
        if (!parsed.has('q')) ctx.stderr.write(`realpath: ${operand}: ${errorText(error)}\n`);
        status = 1;
      }
    }
    return status;
  };
}

/** `readlink [-f|-e|-m] FILE...`: a link's target; silent exit 1 for non-links without -f. */
export function readlink(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      {
        flags: 'femnqsvz',
        long: {
          canonicalize: 'f',
          'canonicalize-existing': 'e',
          'canonicalize-missing': 'm',
          'no-newline': 'n',
        },
      },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'readlink', flavor, parsed.message);
    if (parsed.operands.length === 0)
      return usageError(ctx, 'readlink', flavor, flavor === 'gnu' ? 'missing operand' : '');
    const end = parsed.has('n') ? '' : '\n';
    let status = 0;
    for (const operand of parsed.operands) {
      if (parsed.has('f') || parsed.has('e') || parsed.has('m')) {
        try {
          ctx.stdout.write(
            `${canonicalize(ctx, operand, parsed.has('e') ? 'all' : parsed.has('m') ? 'none' : 'parents')}${end}`,
          );
        } catch (error) {
          if (parsed.has('v')) ctx.stderr.write(`readlink: ${operand}: ${errorText(error)}\n`);
          status = 1;
        }
        continue;
      }
      const node = ctx.fs.lstat(absolute(ctx, operand));
      if (node?.type === 'symlink') ctx.stdout.write(`${node.target}${end}`);
      else {
        if (parsed.has('v'))
          ctx.stderr.write(
            `readlink: ${operand}: ${node ? 'Invalid argument' : 'No such file or directory'}\n`,
          );
        status = 1;
      }
    }
    return status;
  };
}
