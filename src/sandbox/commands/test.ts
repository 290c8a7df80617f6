import type { FsNode } from '../fs/node.ts';
import type { Program, ProgramContext } from '../shell/program.ts';
import type { Flavor } from './flavor.ts';
import { localeQuote } from './quote.ts';
import { absolute } from './read.ts';

/**
 * Whose wording errors use: coreutils' /usr/bin/test, bash's builtin (`bash: [: ...`), or BusyBox's
 * applet (which also serves as ash's builtin).
 */
export type TestStyle = 'coreutils' | 'bash' | 'busybox';

class TestError extends Error {}

const UNARY = new Set([
  '-e',
  '-f',
  '-d',
  '-s',
  '-r',
  '-w',
  '-x',
  '-z',
  '-n',
  '-L',
  '-h',
  '-p',
  '-S',
  '-b',
  '-c',
  '-t',
  '-g',
  '-u',
  '-k',
  '-O',
  '-G',
  '-N',
]);
const BINARY = new Set([
  '=',
  '==',
  '!=',
  '<',
  '>',
  '-eq',
  '-ne',
  '-lt',
  '-le',
  '-gt',
  '-ge',
  '-nt',
  '-ot',
  '-ef',
]);

interface Env {
  ctx: ProgramContext;
  style: TestStyle;
  name: string;
}

function messages(env: Env) {
  const { style } = env;
  return {
    integer: (v: string) =>
      style === 'bash'
        ? `${v}: integer expression expected`
        : style === 'busybox'
          ? `${v}: bad number`
          : `invalid integer ${localeQuote(env.ctx.env, v)}`,
    unary: (op: string) =>
      style === 'coreutils'
        ? `${localeQuote(env.ctx.env, op)}: unary operator expected`
        : `${op}: unary operator expected`,
    binary: (op: string) =>
      style === 'coreutils'
        ? `${localeQuote(env.ctx.env, op)}: binary operator expected`
        : `${op}: binary operator expected`,
    extra: (arg: string) =>
      style === 'coreutils' ? `extra argument ${localeQuote(env.ctx.env, arg)}` : 'too many arguments',
    missingParen: () => (style === 'coreutils' ? "missing ')'" : "`)' expected"),
    missingArg: (op: string) =>
      style === 'coreutils'
        ? `missing argument after ${localeQuote(env.ctx.env, op)}`
        : `${op}: argument expected`,
  };
}

function toInteger(env: Env, value: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(value)) throw new TestError(messages(env).integer(value));
  return Number(value.trim());
}

/** Permission for the acting user: root reads and writes everything, executes if any x bit is set. */
function permitted(ctx: ProgramContext, node: FsNode, bit: number): boolean {
  if (ctx.user.uid === 0) return bit !== 1 || (node.mode & 0o111) !== 0 || node.type === 'dir';
  const inGroup = node.gid === ctx.user.gid || ctx.user.groups.some((g) => g.gid === node.gid);
  const shift = node.uid === ctx.user.uid ? 6 : inGroup ? 3 : 0;
  return ((node.mode >> shift) & bit) !== 0;
}

function unary(env: Env, op: string, arg: string): boolean {
  const { ctx } = env;
  if (op === '-z') return arg === '';
  if (op === '-n') return arg !== '';
  if (op === '-t') return arg === '1' ? ctx.stdout.isTTY : arg === '0' ? ctx.stdin.isTTY : false;
  const path = absolute(ctx, arg);
  if (op === '-L' || op === '-h') return arg !== '' && ctx.fs.lstat(path)?.type === 'symlink';
  const node = arg === '' ? undefined : ctx.fs.stat(path);
  if (!node) return false;
  switch (op) {
    case '-e':
      return true;
    case '-f':
      return node.type === 'file';
    case '-d':
      return node.type === 'dir';
    case '-s':
      return node.type === 'dir' || (node.type === 'file' && node.size > 0);
    case '-r':
      return permitted(ctx, node, 4);
    case '-w':
      return permitted(ctx, node, 2);
    case '-x':
      return permitted(ctx, node, 1);
    case '-u':
      return (node.mode & 0o4000) !== 0;
    case '-g':
      return (node.mode & 0o2000) !== 0;
    case '-k':
      return (node.mode & 0o1000) !== 0;
    case '-O':
      return node.uid === ctx.user.uid;
    case '-G':
      return node.gid === ctx.user.gid;
    default:
      return false;
  }
}

function binary(env: Env, left: string, op: string, right: string): boolean {
  switch (op) {
    case '=':
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '>':
      return left > right;
    case '-nt':
    case '-ot': {
      const a = env.ctx.fs.stat(absolute(env.ctx, left))?.mtime;
      const b = env.ctx.fs.stat(absolute(env.ctx, right))?.mtime;
      if (op === '-nt') return a !== undefined && (b === undefined || a > b);
      return b !== undefined && (a === undefined || a < b);
    }
    case '-ef':
      return (
        env.ctx.fs.exists(absolute(env.ctx, left)) &&
        env.ctx.fs.resolve(absolute(env.ctx, left)).path === env.ctx.fs.resolve(absolute(env.ctx, right)).path
      );
    default: {
      const a = toInteger(env, left);
      const b = toInteger(env, right);
      return op === '-eq'
        ? a === b
        : op === '-ne'
          ? a !== b
          : op === '-lt'
            ? a < b
            : op === '-le'
              ? a <= b
              : op === '-gt'
                ? a > b
                : a >= b;
    }
  }
}

/** Recursive descent for the general case (more than four arguments, or -a/-o). */
class Parser {
  private i = 0;
  private readonly args: string[];
  private readonly env: Env;
  constructor(args: string[], env: Env) {
    this.args = args;
    this.env = env;
  }

  run(): boolean {
    const value = this.or();
    if (this.i < this.args.length) throw new TestError(messages(this.env).extra(this.args[this.i] as string));
    return value;
  }

  private or(): boolean {
    let value = this.and();
    while (this.args[this.i] === '-o') {
      this.i++;
      const right = this.and();
      value = value || right;
    }
    return value;
  }

  private and(): boolean {
    let value = this.not();
    while (this.args[this.i] === '-a') {
      this.i++;
      const right = this.not();
      value = value && right;
    }
    return value;
  }

  private not(): boolean {
    if (this.args[this.i] === '!') {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }

  private primary(): boolean {
    const a = this.args[this.i];
    if (a === undefined) throw new TestError(messages(this.env).missingArg(this.args[this.i - 1] ?? ''));
    if (a === '(') {
      this.i++;
      const value = this.or();
      if (this.args[this.i] !== ')') throw new TestError(messages(this.env).missingParen());
      this.i++;
      return value;
    }
    const next = this.args[this.i + 1];
    if (next !== undefined && BINARY.has(next) && this.args[this.i + 2] !== undefined) {
      this.i += 3;
      return binary(this.env, a, next, this.args[this.i - 1] as string);
    }
    if (UNARY.has(a) && next !== undefined) {
      this.i += 2;
      return unary(this.env, a, next);
    }
    this.i++;
    return a !== '';
  }
}

/** POSIX's rules by argument count, then the general grammar. */
export function evaluate(args: string[], env: Env): boolean {
  const [a, b, c, d] = args;
  switch (args.length) {
    case 0:
      return false;
    case 1:
      return a !== '';
    case 2:
      if (a === '!') return b === '';
      if (UNARY.has(a as string)) return unary(env, a as string, b as string);
      // BusyBox reads `1 -gt` as a binary test whose right operand is missing.
      if (env.style === 'busybox' && BINARY.has(b as string))
        throw new TestError(messages(env).missingArg(b as string));
      throw new TestError(messages(env).unary(a as string));
    case 3:
      if (BINARY.has(b as string)) return binary(env, a as string, b as string, c as string);
      if (a === '!') return !evaluate([b as string, c as string], env);
      if (a === '(' && c === ')') return b !== '';
      if (b === '-a' || b === '-o') return new Parser(args, env).run();
      throw new TestError(messages(env).binary(b as string));
    case 4:
      if (a === '!') return !evaluate([b as string, c as string, d as string], env);
      if (a === '(' && d === ')') return evaluate([b as string, c as string], env);
      return new Parser(args, env).run();
    default:
      return new Parser(args, env).run();
  }
}

/** `test EXPR` and `[ EXPR ]`: exit 0 when true, 1 when false, 2 on a malformed expression. */
export function testProgram(
  flavor: Flavor,
  style: TestStyle = flavor === 'gnu' ? 'coreutils' : 'busybox',
): Program {
  return async (ctx) => {
    const name = ctx.argv[0] === '[' ? '[' : 'test';
    const env: Env = { ctx, style, name };
    const prefix = style === 'bash' ? `bash: ${name}: ` : `${name}: `;
    let args = ctx.argv.slice(1);
    if (name === '[') {
      if (args[args.length - 1] !== ']') {
        ctx.stderr.write(
          style === 'bash'
            ? "bash: [: missing `]'\n"
            : style === 'busybox'
              ? '[: missing ]\n'
              : "[: missing ']'\n",
        );
        return 2;
      }
      args = args.slice(0, -1);
    }
    try {
      return evaluate(args, env) ? 0 : 1;
    } catch (error) {
      if (!(error instanceof TestError)) throw error;
      ctx.stderr.write(`${prefix}${error.message}\n`);
      return 2;
    }
  };
}
