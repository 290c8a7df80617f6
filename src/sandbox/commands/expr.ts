import { compilePattern } from '../regex/index.ts';
import type { Program } from '../shell/program.ts';
import { usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { localeQuote } from './quote.ts';
import { translateRegex } from './regex.ts';

/** A malformed expression or a failed operation, with the tool's message. */
class ExprError extends Error {}

type Value = string | bigint;

const INTEGER = /^[-+]?\d+$/;
const INT64_MAX = 2n ** 63n - 1n;

/** The value as an integer, if its text is one. */
function integer(value: Value): bigint | undefined {
  if (typeof value === 'bigint') return value;
  return INTEGER.test(value) ? BigInt(value) : undefined;
}

/** Null or zero is false, as expr's exit status says (1). */
function isFalse(value: Value): boolean {
  if (value === '') return true;
  const n = integer(value);
  return n !== undefined && n === 0n;
}

/**
 * POSIX expr's grammar, loosest first: `|`, `&`, comparisons, `+ -`, `* / %`, `:`, then `( )`,
 * `length`, `substr`, `index`, `match` and plain tokens. GNU counts in arbitrary precision and words
 * its syntax errors; BusyBox counts in 64 bits and says only "syntax error".
 */
class Evaluator {
  private pos = 0;
  private readonly args: readonly string[];
  private readonly flavor: Flavor;
  private readonly env: Readonly<Record<string, string | undefined>>;

  constructor(args: readonly string[], flavor: Flavor, env: Readonly<Record<string, string | undefined>>) {
    this.args = args;
    this.flavor = flavor;
    this.env = env;
  }

  run(): Value {
    const value = this.or();
    const extra = this.args[this.pos];
    if (extra !== undefined) this.syntax(`unexpected argument ${localeQuote(this.env, extra)}`);
    return value;
  }

  private syntax(detail: string): never {
    throw new ExprError(this.flavor === 'gnu' ? `syntax error: ${detail}` : 'syntax error');
  }

  private peek(): string | undefined {
    return this.args[this.pos];
  }

  private operand(after: string): string {
    const token = this.args[this.pos];
    if (token === undefined) this.syntax(`missing argument after ${localeQuote(this.env, after)}`);
    this.pos++;
    return token;
  }

  private number(value: Value): bigint {
    const n = integer(value);
    if (n === undefined)
      throw new ExprError(this.flavor === 'gnu' ? 'non-integer argument' : 'non-numeric argument');
    // BusyBox reads numbers with strtoll, which saturates at the 64-bit limits.
    if (this.flavor === 'gnu') return n;
    return n > INT64_MAX ? INT64_MAX : n < -INT64_MAX - 1n ? -INT64_MAX - 1n : n;
  }

  private wrap(n: bigint): bigint {
    return this.flavor === 'gnu' ? n : BigInt.asIntN(64, n);
  }

  private binary(
    ops: readonly string[],
    next: () => Value,
    apply: (op: string, a: Value, b: Value) => Value,
  ): Value {
    let left = next();
    for (let op = this.peek(); op !== undefined && ops.includes(op); op = this.peek()) {
      this.pos++;
      if (this.peek() === undefined) this.syntax(`missing argument after ${localeQuote(this.env, op)}`);
      left = apply(op, left, next());
    }
    return left;
  }

  private or(): Value {
    return this.binary(
      ['|'],
      () => this.and(),
      (_op, a, b) => (isFalse(a) ? (isFalse(b) ? 0n : b) : a),
    );
  }

  private and(): Value {
    return this.binary(
      ['&'],
      () => this.compare(),
      (_op, a, b) => (isFalse(a) || isFalse(b) ? 0n : a),
    );
  }

  private compare(): Value {
    return this.binary(
      ['<', '<=', '=', '==', '!=', '>=', '>'],
      () => this.sum(),
      (op, a, b) => {
        const x = integer(a);
        const y = integer(b);
        const order =
          x !== undefined && y !== undefined
            ? x < y
              ? -1
              : x > y
                ? 1
                : 0
            : String(a) < String(b)
              ? -1
              : String(a) > String(b)
                ? 1
                : 0;
        const holds =
          op === '<'
            ? order < 0
            : op === '<='
              ? order <= 0
              : op === '>'
                ? order > 0
                : op === '>='
                  ? order >= 0
                  : op === '!='
                    ? order !== 0
                    : order === 0;
        return holds ? 1n : 0n;
      },
    );
  }

  private sum(): Value {
    return this.binary(
      ['+', '-'],
      () => this.product(),
      (op, a, b) => {
        const x = this.number(a);
        const y = this.number(b);
        return this.wrap(op === '+' ? x + y : x - y);
      },
    );
  }

  private product(): Value {
    return this.binary(
      ['*', '/', '%'],
      () => this.match(),
      (op, a, b) => {
        const x = this.number(a);
        const y = this.number(b);
        if (op !== '*' && y === 0n) throw new ExprError('division by zero');
        return this.wrap(op === '*' ? x * y : op === '/' ? x / y : x % y);
      },
    );
  }

  private match(): Value {
    return this.binary(
      [':'],
      () => this.primary(),
      (_op, a, b) => this.regexMatch(String(a), String(b)),
    );
  }

  /** `STRING : REGEX`: anchored at the start; the first group's text, or how many characters matched. */
  private regexMatch(text: string, pattern: string): Value {
    const found = compilePattern(`^(?:${translateRegex(pattern, false)})`).exec(text);
    if (found && found.groups.length > 1) return found.groups[1] ?? '';
    if (!found) return compilePattern(translateRegex(pattern, false)).groupCount > 0 ? '' : 0n;
    return BigInt(found.end - found.index);
  }

  private primary(): Value {
    const token = this.peek();
    if (token === undefined) this.syntax('missing argument');
    this.pos++;
    if (token === '(') {
      const value = this.or();
      if (this.peek() !== ')')
        this.syntax(`expecting ')' after ${localeQuote(this.env, this.args[this.pos - 1] ?? '(')}`);
      this.pos++;
      return value;
    }
    if (token === '+') return this.operand(token);
    if (token === 'length') return BigInt([...this.operand(token)].length);
    if (token === 'match') {
      const text = this.operand(token);
      return this.regexMatch(text, this.operand(token));
    }
    if (token === 'index') {
      const text = this.operand(token);
      const chars = this.operand(token);
      const at = [...text].findIndex((c) => chars.includes(c));
      return BigInt(at + 1);
    }
    if (token === 'substr') {
      const text = [...this.operand(token)];
      const from = integer(this.operand(token));
      const length = integer(this.operand(token));
      if (from === undefined || length === undefined || from < 1n || length < 1n) return '';
      return text.slice(Number(from) - 1, Number(from - 1n + length)).join('');
    }
    return token;
  }
}

/** `expr EXPRESSION`: prints its value; exits 1 when it is null or 0, 2 when it is malformed. */
export function expr(flavor: Flavor): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    if (args[0] === '--') args.shift();
    if (args.length === 0) {
      if (flavor === 'gnu') return usageError(ctx, 'expr', flavor, 'missing operand', 2);
      ctx.stderr.write('expr: too few arguments\n');
      return 2;
    }
    let value: Value;
    try {
      value = new Evaluator(args, flavor, ctx.env).run();
    } catch (error) {
      if (!(error instanceof ExprError)) throw error;
      ctx.stderr.write(`expr: ${error.message}\n`);
      return 2;
    }
    ctx.stdout.write(`${value}\n`);
    return isFalse(value) ? 1 : 0;
  };
}
