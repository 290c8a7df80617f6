import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { localeQuote } from './quote.ts';

/** POSIX basename of a string, with an optional suffix removed (never the whole name). */
export function baseOf(name: string, suffix = ''): string {
  if (name === '') return '';
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  const base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return suffix && base !== suffix && base.endsWith(suffix) ? base.slice(0, -suffix.length) : base;
}

/** POSIX dirname of a string: `a/b/` → `a`, `a` → `.`, `/` → `/`. */
export function dirOf(name: string): string {
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === '') return name.startsWith('/') ? '/' : '.';
  const i = trimmed.lastIndexOf('/');
  if (i === -1) return '.';
  const dir = trimmed.slice(0, i).replace(/\/+$/, '');
  return dir === '' ? '/' : dir;
}

/** `basename NAME [SUFFIX]`, `basename -a NAME...`, `basename -s SUFFIX NAME...` */
export function basename(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      { flags: 'az', values: 's', long: { multiple: 'a', 'suffix=': 's', zero: 'z' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'basename', flavor, parsed.message);
    const names = parsed.operands;
    if (names.length === 0)
      return usageError(ctx, 'basename', flavor, flavor === 'gnu' ? 'missing operand' : '');
    const suffix = parsed.get('s');
    const end = parsed.has('z') ? '\0' : '\n';
    if (parsed.has('a') || suffix !== undefined) {
      for (const name of names) ctx.stdout.write(`${baseOf(name, suffix)}${end}`);
      return 0;
    }
    if (names.length > 2)
      return usageError(
        ctx,
        'basename',
        flavor,
        flavor === 'gnu' ? `extra operand ${localeQuote(ctx.env, names[2] ?? '')}` : '',
      );
    ctx.stdout.write(`${baseOf(names[0] as string, names[1])}${end}`);
    return 0;
  };
}

/** `dirname NAME...` */
export function dirname(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(ctx.argv.slice(1), { flags: 'z', long: { zero: 'z' } }, flavor);
    if (!parsed.ok) return usageError(ctx, 'dirname', flavor, parsed.message);
    if (parsed.operands.length === 0)
      return usageError(ctx, 'dirname', flavor, flavor === 'gnu' ? 'missing operand' : '');
    for (const name of parsed.operands) ctx.stdout.write(`${dirOf(name)}${parsed.has('z') ? '\0' : '\n'}`);
    return 0;
  };
}
