import type { FsNode } from '../fs/node.ts';
import { compileGlob, globSegments } from '../shell/glob.ts';
import type { Program, ProgramContext } from '../shell/program.ts';
import type { Flavor } from './flavor.ts';
import { shellQuote } from './format.ts';
import { apparentSize } from './mode.ts';
import { localeQuote } from './quote.ts';
import { absolute, errorText } from './read.ts';

/** A parsed find expression. */
type Expr =
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'test'; test: (item: Item) => boolean }
  | { kind: 'action'; action: 'print' | 'delete' | 'exec'; command?: string[]; batch?: boolean };

interface Item {
  shown: string;
  path: string;
  node: FsNode;
  depth: number;
}

class FindError extends Error {}

interface Parsed {
  expr: Expr | undefined;
  maxDepth: number;
  minDepth: number;
  hasAction: boolean;
}

const TYPES: Record<string, FsNode['type']> = { f: 'file', d: 'dir', l: 'symlink' };

/** Parses find's expression language: tests, actions, !, -a, -o and parentheses. */
function parseExpression(args: string[], flavor: Flavor, env: ProgramContext['env']): Parsed {
  let i = 0;
  const state: Parsed = {
    expr: undefined,
    maxDepth: Number.POSITIVE_INFINITY,
    minDepth: 0,
    hasAction: false,
  };
  const value = (name: string) => {
    const v = args[i];
    if (v === undefined)
      throw new FindError(
        flavor === 'gnu' ? `missing argument to \`${name}'` : `${name}: requires an argument`,
      );
    i++;
    return v;
  };
  const primary = (): Expr | undefined => {
    const a = args[i];
    if (a === undefined) return undefined;
    if (a === '(') {
      i++;
      const inner = or();
      if (args[i] !== ')')
        throw new FindError(
          "invalid expression; I was expecting to find a ')' somewhere but did not see one.",
        );
      i++;
      return inner ?? { kind: 'test', test: () => true };
    }
    if (a === '!' || a === '-not') {
      i++;
      const inner = primary();
      if (!inner)
        throw new FindError(
          `invalid expression; you have used a binary operator '${a}' with nothing before it.`,
        );
      return { kind: 'not', expr: inner };
    }
    i++;
    switch (a) {
      case '-name':
      case '-iname': {
        const glob = compileGlob(globSegments(value(a)), { ignoreCase: a === '-iname' });
        return {
          kind: 'test',
          test: (item) =>
            glob.test(item.shown === '/' ? '/' : (item.shown.replace(/\/+$/, '').split('/').pop() ?? '')),
        };
      }
      case '-path':
      case '-wholename': {
        const glob = compileGlob(globSegments(value(a)), { slashes: true });
        return { kind: 'test', test: (item) => glob.test(item.shown) };
      }
      case '-type': {
        const t = value(a);
        const type = TYPES[t];
        if (!type && !'bcps'.includes(t)) throw new FindError(`Unknown argument to -type: ${t}`);
        return { kind: 'test', test: (item) => item.node.type === type };
      }
      case '-maxdepth':
      case '-mindepth': {
        const n = value(a);
        if (!/^\d+$/.test(n))
          throw new FindError(
            `Expected a positive decimal integer argument to ${a}, but got ${localeQuote(env, n)}`,
          );
        if (a === '-maxdepth') state.maxDepth = Number(n);
        else state.minDepth = Number(n);
        return { kind: 'test', test: () => true };
      }
      case '-empty':
        return { kind: 'test', test: (item) => (item.node.type === 'file' ? item.node.size === 0 : false) };
      case '-size': {
        const spec = value(a);
        const m = /^([+-]?)(\d+)([ckMGb]?)$/.exec(spec);
        if (!m) throw new FindError(`invalid -size type \`${spec}'`);
        const unit = { c: 1, k: 1024, M: 1024 ** 2, G: 1024 ** 3, b: 512, '': 512 }[m[3] ?? ''] ?? 512;
        const n = Number(m[2]);
        return {
          kind: 'test',
          test: (item) => {
            const units = Math.ceil(apparentSize(item.node) / unit);
            return m[1] === '+' ? units > n : m[1] === '-' ? units < n : units === n;
          },
        };
      }
      case '-print':
        state.hasAction = true;
        return { kind: 'action', action: 'print' };
      case '-delete':
        state.hasAction = true;
        return { kind: 'action', action: 'delete' };
      case '-exec': {
        const command: string[] = [];
        while (i < args.length && args[i] !== ';' && !(args[i] === '+' && args[i - 1] === '{}'))
          command.push(args[i++] as string);
        if (i >= args.length)
          throw new FindError(
            flavor === 'gnu' ? "missing argument to '-exec'" : '-exec: requires an argument',
          );
        const batch = args[i] === '+';
        i++;
        state.hasAction = true;
        return { kind: 'action', action: 'exec', command, batch };
      }
      case '-true':
        return { kind: 'test', test: () => true };
      case '-false':
        return { kind: 'test', test: () => false };
      default:
        if (a.startsWith('-'))
          throw new FindError(flavor === 'gnu' ? `unknown predicate \`${a}'` : `unrecognized: ${a}`);
        throw new FindError(`paths must precede expression: '${a}'`);
    }
  };
  const and = (): Expr | undefined => {
    let left = primary();
    while (left && i < args.length && args[i] !== '-o' && args[i] !== '-or' && args[i] !== ')') {
      if (args[i] === '-a' || args[i] === '-and') i++;
      const right = primary();
      if (!right) break;
      left = { kind: 'and', left, right };
    }
    return left;
  };
  const or = (): Expr | undefined => {
    let left = and();
    while (left && (args[i] === '-o' || args[i] === '-or')) {
      i++;
      const right = and();
      if (!right)
        throw new FindError(
          "invalid expression; you have used a binary operator '-o' with nothing after it.",
        );
      left = { kind: 'or', left, right };
    }
    return left;
  };
  state.expr = or();
  if (i < args.length) throw new FindError(`paths must precede expression: '${args[i]}'`);
  return state;
}

interface Runner {
  ctx: ProgramContext;
  batches: Map<Expr, string[]>;
  pending: Promise<number>[];
  status: number;
}

async function evaluate(expr: Expr, item: Item, run: Runner): Promise<boolean> {
  switch (expr.kind) {
    case 'and':
      return (await evaluate(expr.left, item, run)) && evaluate(expr.right, item, run);
    case 'or':
      return (await evaluate(expr.left, item, run)) || evaluate(expr.right, item, run);
    case 'not':
      return !(await evaluate(expr.expr, item, run));
    case 'test':
      return expr.test(item);
    case 'action':
      if (expr.action === 'print') run.ctx.stdout.write(`${item.shown}\n`);
      else if (expr.action === 'delete') {
        try {
          run.ctx.fs.remove(item.path, { actor: run.ctx.user });
        } catch (error) {
          run.ctx.stderr.write(`find: cannot delete '${item.shown}': ${errorText(error)}\n`);
          run.status = 1;
          return false;
        }
      } else if (expr.batch) {
        const list = run.batches.get(expr) ?? [];
        list.push(item.shown);
        run.batches.set(expr, list);
      } else {
        const words = (expr.command ?? []).map((w) => shellQuote(w.replaceAll('{}', item.shown)));
        return (await run.ctx.shell(words.join(' '))) === 0;
      }
      return true;
  }
}

/** Visits `item` and (for directories) its children in name order, depth first, pre-order. */
async function visit(item: Item, parsed: Parsed, run: Runner): Promise<void> {
  const { ctx } = run;
  if (item.depth >= parsed.minDepth) {
    if (!parsed.expr) ctx.stdout.write(`${item.shown}\n`);
    else if ((await evaluate(parsed.expr, item, run)) && !parsed.hasAction)
      ctx.stdout.write(`${item.shown}\n`);
  }
  if (item.node.type !== 'dir' || item.depth >= parsed.maxDepth || !ctx.fs.lstat(item.path)) return;
  for (const name of ctx.fs.readdir(item.path)) {
    const path = `${item.path === '/' ? '' : item.path}/${name}`;
    const node = ctx.fs.lstat(path);
    if (!node) continue;
    const shown = item.shown.endsWith('/') ? `${item.shown}${name}` : `${item.shown}/${name}`;
    await visit({ shown, path, node, depth: item.depth + 1 }, parsed, run);
  }
}

/** `find [PATH...] [EXPRESSION]` with -name, -iname, -path, -type, -size, -empty, depth limits, -print, -delete, -exec. */
export function find(flavor: Flavor): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    const firstExpr = args.findIndex((a) => a.startsWith('-') || a === '!' || a === '(');
    const paths = firstExpr === -1 ? args : args.slice(0, firstExpr);
    let parsed: Parsed;
    try {
      parsed = parseExpression(firstExpr === -1 ? [] : args.slice(firstExpr), flavor, ctx.env);
    } catch (error) {
      if (!(error instanceof FindError)) throw error;
      ctx.stderr.write(`find: ${error.message}\n`);
      return 1;
    }
    const run: Runner = { ctx, batches: new Map(), pending: [], status: 0 };
    for (const start of paths.length > 0 ? paths : ['.']) {
      const path = absolute(ctx, start);
      const node = ctx.fs.lstat(path);
      if (!node) {
        ctx.stderr.write(
          flavor === 'gnu'
            ? `find: ${localeQuote(ctx.env, start)}: No such file or directory\n`
            : `find: ${start}: No such file or directory\n`,
        );
        run.status = 1;
        continue;
      }
      const real = node.type === 'symlink' && ctx.fs.isDir(path) ? ctx.fs.resolve(path).path : path;
      await visit({ shown: start, path: real, node: ctx.fs.stat(path) ?? node, depth: 0 }, parsed, run);
    }
    for (const [expr, items] of run.batches) {
      if (expr.kind !== 'action') continue;
      const words = (expr.command ?? []).flatMap((w) => (w === '{}' ? items : [w])).map(shellQuote);
      if ((await ctx.shell(words.join(' '))) !== 0) run.status = 1;
    }
    return run.status;
  };
}
