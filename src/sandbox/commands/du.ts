import type { Program, ProgramContext } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { busyboxHuman, gnuHuman } from './format.ts';
import { apparentSize, blocksK } from './mode.ts';
import { localeQuote } from './quote.ts';
import { absolute } from './read.ts';

interface DuOptions {
  all: boolean;
  summarize: boolean;
  human: boolean;
  /** GNU's `-b`: apparent sizes in bytes rather than blocks in KiB. */
  bytes: boolean;
  maxDepth: number;
  flavor: Flavor;
}

function show(amount: number, o: DuOptions): string {
  if (!o.human) return String(amount);
  const bytes = o.bytes ? amount : amount * 1024;
  return o.flavor === 'gnu' ? gnuHuman(bytes) : busyboxHuman(bytes);
}

/** Walks post-order like du: children first, then the directory with its total (in KiB, or bytes with -b). */
function usage(ctx: ProgramContext, path: string, shown: string, depth: number, o: DuOptions): number {
  const node = ctx.fs.lstat(path);
  if (!node) return 0;
  let total = o.bytes ? apparentSize(node) : blocksK(node);
  if (node.type === 'dir') {
    for (const name of ctx.fs.readdir(path)) {
      const childShown = shown.endsWith('/') ? `${shown}${name}` : `${shown}/${name}`;
      total += usage(ctx, `${path === '/' ? '' : path}/${name}`, childShown, depth + 1, o);
    }
  }
  const printable = node.type === 'dir' || o.all || depth === 0;
  if (printable && depth <= o.maxDepth && !(o.summarize && depth > 0))
    ctx.stdout.write(`${show(total, o)}\t${shown}\n`);
  return total;
}

/** `du [-s] [-h] [-a] [-c] [-b] [-d N] [FILE]...`: disk usage in 1K blocks (whole 4K blocks per file). */
export function du(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      {
        flags: flavor === 'gnu' ? 'shackmxLb' : 'shackmxL',
        values: 'd',
        long: { summarize: 's', 'human-readable': 'h', all: 'a', total: 'c', bytes: 'b', 'max-depth=': 'd' },
      },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'du', flavor, parsed.message);
    const depthText = parsed.get('d');
    const maxDepth = depthText === undefined ? Number.POSITIVE_INFINITY : Number(depthText);
    if (Number.isNaN(maxDepth)) {
      ctx.stderr.write(`du: invalid maximum depth ${localeQuote(ctx.env, depthText ?? '')}\n`);
      return 1;
    }
    const o: DuOptions = {
      all: parsed.has('a'),
      summarize: parsed.has('s'),
      human: parsed.has('h'),
      bytes: parsed.has('b'),
      maxDepth,
      flavor,
    };
    let status = 0;
    let grand = 0;
    for (const operand of parsed.operands.length > 0 ? parsed.operands : ['.']) {
      const path = absolute(ctx, operand);
      const real = ctx.fs.stat(path) ? ctx.fs.resolve(path).path : path;
      if (!ctx.fs.lstat(path)) {
        ctx.stderr.write(
          flavor === 'gnu'
            ? `du: cannot access '${operand}': No such file or directory\n`
            : `du: ${operand}: No such file or directory\n`,
        );
        status = 1;
        continue;
      }
      grand += usage(ctx, real, operand, 0, o);
    }
    if (parsed.has('c')) ctx.stdout.write(`${show(grand, o)}\ttotal\n`);
    return status;
  };
}
