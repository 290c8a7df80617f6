import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { localeQuote } from './quote.ts';
import { absolute, errorText } from './read.ts';

/**
 * Applies a chmod mode (octal like `755`, or symbolic like `u+x,go-w`, `a=r`) to `current`.
 * Returns null when the mode is invalid. `umask` applies to symbolic clauses without a who.
 */
export function parseMode(text: string, current: number, isDir: boolean, umask = 0o022): number | null {
  if (/^[0-7]{1,4}$/.test(text)) return Number.parseInt(text, 8);
  let mode = current;
  for (const clause of text.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXst]*)+)$/.exec(clause);
    if (!m) return null;
    const who = m[1] || '';
    const mask = who === '' ? 0o7777 & ~umask : whoMask(who);
    for (const action of (m[2] as string).match(/[-+=][rwxXst]*/g) ?? []) {
      const op = action[0];
      let bits = 0;
      for (const perm of action.slice(1)) bits |= permBits(perm, who, mode, isDir);
      bits &= mask | 0o7000;
      if (who === '' && op !== '=') bits &= ~umask;
      if (op === '+') mode |= bits;
      else if (op === '-') mode &= ~bits;
      else mode = (mode & ~(who === '' ? 0o7777 : whoMask(who))) | bits;
    }
  }
  return mode;
}

function whoMask(who: string): number {
  let mask = 0;
  if (who.includes('u') || who.includes('a')) mask |= 0o4700;
  if (who.includes('g') || who.includes('a')) mask |= 0o2070;
  if (who.includes('o') || who.includes('a')) mask |= 0o1007;
  return mask;
}

function permBits(perm: string, who: string, mode: number, isDir: boolean): number {
  const all = who === '' || who.includes('a');
  const u = all || who.includes('u');
  const g = all || who.includes('g');
  const o = all || who.includes('o');
  const spread = (bit: number) => (u ? bit << 6 : 0) | (g ? bit << 3 : 0) | (o ? bit : 0);
  switch (perm) {
    case 'r':
      return spread(4);
    case 'w':
      return spread(2);
    case 'x':
      return spread(1);
    case 'X':
      return isDir || mode & 0o111 ? spread(1) : 0;
    case 's':
      return (u ? 0o4000 : 0) | (g ? 0o2000 : 0);
    case 't':
      return 0o1000;
    default:
      return 0;
  }
}

/** `chmod [-R] MODE FILE...` */
export function chmod(flavor: Flavor): Program {
  return async (ctx) => {
    // A mode like -x looks like an option; take it as the mode when it parses as one.
    const args = ctx.argv.slice(1);
    const modeIndex = args.findIndex((a) => !/^-[Rvcf]+$/.test(a) && a !== '--recursive');
    const flagArgs = args.slice(0, Math.max(0, modeIndex));
    const parsed = parseArgs(flagArgs, { flags: 'Rvcf', long: { recursive: 'R' } }, flavor);
    if (!parsed.ok) return usageError(ctx, 'chmod', flavor, parsed.message);
    const rest = modeIndex === -1 ? [] : args.slice(modeIndex).filter((a, i) => i === 0 || a !== '--');
    const [modeText, ...files] = rest;
    if (modeText === undefined)
      return usageError(ctx, 'chmod', flavor, flavor === 'gnu' ? 'missing operand' : '');
    if (files.length === 0) {
      return usageError(
        ctx,
        'chmod',
        flavor,
        flavor === 'gnu' ? `missing operand after ${localeQuote(ctx.env, modeText)}` : '',
      );
    }
    let status = 0;
    const apply = (path: string, shown: string) => {
      const node = ctx.fs.stat(path);
      if (!node) {
        ctx.stderr.write(
          flavor === 'gnu'
            ? `chmod: cannot access '${shown}': No such file or directory\n`
            : `chmod: ${shown}: No such file or directory\n`,
        );
        status = 1;
        return;
      }
      const mode = parseMode(modeText, node.mode, node.type === 'dir');
      if (mode === null) return;
      try {
        ctx.fs.chmod(path, mode, ctx.user);
      } catch (error) {
        const message =
          errorText(error) === 'Permission denied' ? 'Operation not permitted' : errorText(error);
        ctx.stderr.write(
          flavor === 'gnu'
            ? `chmod: changing permissions of '${shown}': ${message}\n`
            : `chmod: ${shown}: ${message}\n`,
        );
        status = 1;
        return;
      }
      if (parsed.has('R') && node.type === 'dir') {
        for (const name of ctx.fs.readdir(path)) {
          const child = `${path}/${name}`;
          if (ctx.fs.lstat(child)?.type !== 'symlink') apply(child, `${shown.replace(/\/$/, '')}/${name}`);
        }
      }
    };
    if (parseMode(modeText, 0, false) === null) {
      ctx.stderr.write(
        flavor === 'gnu'
          ? `chmod: invalid mode: ${localeQuote(ctx.env, modeText)}\nTry 'chmod --help' for more information.\n`
          : `chmod: invalid mode '${modeText}'\n`,
      );
      return 1;
    }
    for (const file of files) apply(absolute(ctx, file), file);
    return status;
  };
}
