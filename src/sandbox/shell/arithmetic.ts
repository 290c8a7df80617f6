/**
 * Shell arithmetic, as bash evaluates `$(( ))`, `(( ))`, `[[ a -eq b ]]` and `${x:offset}`: 64-bit
 * integers; numbers in bases 8, 16 and `base#digits`; assignments (`=`, `+=`, …), `++`/`--`, the
 * ternary, the comma, bitwise and logical operators with C's precedence and short-circuits.
 * Errors carry bash's words and its "error token": the rest of the expression from where it stopped.
 */

/** Where the expression reads and writes variables. */
export interface ArithmeticScope {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

/** An expression bash rejects; `message` is what bash prints after `bash: `. */
export class ArithmeticError extends Error {
  constructor(expression: string, reason: string, token: string) {
    super(`${expression}: ${reason} (error token is "${token}")`);
  }
}

const OPERATORS = [
  '<<=',
  '>>=',
  '**',
  '++',
  '--',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '*=',
  '/=',
  '%=',
  '+=',
  '-=',
  '&=',
  '^=',
  '|=',
  ...'=+-*/%<>!~&^|?:,()'.split(''),
];
const ASSIGNMENTS = new Set(['=', '*=', '/=', '%=', '+=', '-=', '<<=', '>>=', '&=', '^=', '|=']);
const MAX_DEPTH = 1024;

type Token = { kind: 'num'; text: string } | { kind: 'id'; text: string } | { kind: 'op'; text: string };

const wrap = (n: bigint) => BigInt.asIntN(64, n);

/** Evaluates an expression; throws ArithmeticError with bash's message when bash would refuse it. */
export function evaluateArithmetic(expr: string, scope: ArithmeticScope): bigint {
  return new Evaluator(expr, scope, 0).run();
}

class Evaluator {
  private readonly src: string;
  private readonly scope: ArithmeticScope;
  private readonly depth: number;
  private pos = 0;
  /** Where the current token starts (at the end, where the last one did): bash's `lasttp`. */
  private lastStart = 0;
  private token: Token | undefined;
  /** Inside a branch that short-circuits away: parse, but change nothing and divide by anything. */
  private noeval = 0;

  constructor(src: string, scope: ArithmeticScope, depth: number) {
    this.src = src;
    this.scope = scope;
    this.depth = depth;
  }

  run(): bigint {
    if (this.depth > MAX_DEPTH) this.fail('expression recursion level exceeded');
    this.next();
    if (this.token === undefined) return 0n;
    const value = this.comma();
    if (this.token !== undefined) this.fail('syntax error in expression');
    return value;
  }

  private fail(reason: string, at = this.lastStart): never {
    throw new ArithmeticError(this.src.replace(/^\s+/, ''), reason, this.src.slice(at));
  }

  private next(): void {
    while (/\s/.test(this.src[this.pos] ?? '')) this.pos++;
    if (this.pos >= this.src.length) {
      this.token = undefined;
      return;
    }
    this.lastStart = this.pos;
    const rest = this.src.slice(this.pos);
    const word = /^[0-9][0-9A-Za-z_@#]*|^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0];
    if (word) {
      this.pos += word.length;
      this.token = { kind: /^[0-9]/.test(word) ? 'num' : 'id', text: word };
      return;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (!op) this.fail('syntax error: invalid arithmetic operator');
    this.pos += op.length;
    this.token = { kind: 'op', text: op };
  }

  private is(...ops: string[]): string | undefined {
    return this.token?.kind === 'op' && ops.includes(this.token.text) ? this.token.text : undefined;
  }

  private comma(): bigint {
    let value = this.assignment();
    while (this.is(',')) {
      this.next();
      value = this.assignment();
    }
    return value;
  }

  private assignment(): bigint {
    if (this.token?.kind === 'id') {
      const saved = { pos: this.pos, lastStart: this.lastStart, token: this.token };
      const name = this.token.text;
      this.next();
      const op = this.is(...ASSIGNMENTS);
      if (op) {
        this.next();
        const right = this.assignment();
        const value = op === '=' ? right : this.binary(op.slice(0, -1), this.variable(name), right);
        return this.store(name, value);
      }
      Object.assign(this, saved);
    }
    return this.ternary();
  }

  private store(name: string, value: bigint): bigint {
    if (this.noeval === 0) this.scope.set(name, String(value));
    return value;
  }

  private ternary(): bigint {
    const condition = this.logical(0);
    if (!this.is('?')) return condition;
    this.next();
    if (condition === 0n) this.noeval++;
    const yes = this.comma();
    if (condition === 0n) this.noeval--;
    if (!this.is(':')) this.fail("`:' expected for conditional expression");
    this.next();
    if (condition !== 0n) this.noeval++;
    const no = this.ternary();
    if (condition !== 0n) this.noeval--;
    return condition !== 0n ? yes : no;
  }

  /** Binary operators by precedence, loosest first; `&&` and `||` short-circuit. */
  private static readonly LEVELS = [
    ['||'],
    ['&&'],
    ['|'],
    ['^'],
    ['&'],
    ['==', '!='],
    ['<=', '>=', '<', '>'],
    ['<<', '>>'],
    ['+', '-'],
    ['*', '/', '%'],
  ];

  private logical(level: number): bigint {
    const ops = Evaluator.LEVELS[level];
    if (!ops) return this.power();
    let left = this.logical(level + 1);
    for (let op = this.is(...ops); op; op = this.is(...ops)) {
      const operandStart = this.pos;
      this.next();
      const skip = (op === '&&' && left === 0n) || (op === '||' && left !== 0n);
      if (skip) this.noeval++;
      const right = this.logical(level + 1);
      if (skip) this.noeval--;
      if (op === '&&' || op === '||') left = skip ? (op === '||' ? 1n : 0n) : right !== 0n ? 1n : 0n;
      else {
        if ((op === '/' || op === '%') && right === 0n && this.noeval === 0) {
          let at = operandStart;
          while (/\s/.test(this.src[at] ?? '')) at++;
          this.fail('division by 0', at);
        }
        left = this.noeval > 0 && (op === '/' || op === '%') ? 0n : this.binary(op, left, right);
      }
    }
    return left;
  }

  private binary(op: string, a: bigint, b: bigint): bigint {
    switch (op) {
      case '+':
        return wrap(a + b);
      case '-':
        return wrap(a - b);
      case '*':
        return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) this.fail('division by 0');
        return wrap(op === '/' ? a / b : a % b);
      case '<<':
        return wrap(a << (b & 63n));
      case '>>':
        return a >> (b & 63n);
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '==':
        return a === b ? 1n : 0n;
      case '!=':
        return a !== b ? 1n : 0n;
      case '<':
        return a < b ? 1n : 0n;
      case '>':
        return a > b ? 1n : 0n;
      case '<=':
        return a <= b ? 1n : 0n;
      default:
        return a >= b ? 1n : 0n;
    }
  }

  private power(): bigint {
    const base = this.unary();
    if (!this.is('**')) return base;
    this.next();
    const exponent = this.power();
    if (exponent < 0n) this.fail('exponent less than 0');
    let result = 1n;
    let square = base;
    for (let e = exponent; e > 0n; e >>= 1n) {
      if (e & 1n) result = wrap(result * square);
      square = wrap(square * square);
    }
    return result;
  }

  private unary(): bigint {
    const op = this.is('!', '~', '-', '+', '++', '--');
    if (!op) return this.postfix();
    this.next();
    if ((op === '++' || op === '--') && this.token?.kind === 'id') {
      const name = this.token.text;
      this.next();
      return this.store(name, wrap(this.variable(name) + (op === '++' ? 1n : -1n)));
    }
    // Without a variable after it, `++`/`--` is two signs: `--5` is 5.
    const value = this.unary();
    if (op === '!') return value === 0n ? 1n : 0n;
    if (op === '~') return ~value;
    return op === '-' ? wrap(-value) : value;
  }

  private postfix(): bigint {
    const token = this.token;
    if (token === undefined) this.fail('syntax error: operand expected');
    if (token.kind === 'op') {
      if (token.text !== '(') this.fail('syntax error: operand expected');
      this.next();
      const value = this.comma();
      if (!this.is(')')) this.fail("missing `)'");
      this.next();
      return value;
    }
    if (token.kind === 'num') {
      const value = this.number(token.text);
      this.next();
      return value;
    }
    this.next();
    const op = this.is('++', '--');
    if (!op) return this.variable(token.text);
    this.next();
    const value = this.variable(token.text);
    this.store(token.text, wrap(value + (op === '++' ? 1n : -1n)));
    return value;
  }

  private number(text: string): bigint {
    let base = 10;
    let digits = text;
    const hash = text.indexOf('#');
    if (hash > 0) {
      base = Number(text.slice(0, hash));
      digits = text.slice(hash + 1);
      if (!(base >= 2 && base <= 64)) this.fail('invalid arithmetic base');
    } else if (/^0[xX]/.test(text)) {
      base = 16;
      digits = text.slice(2);
    } else if (text.length > 1 && text.startsWith('0')) {
      base = 8;
      digits = text.slice(1);
    }
    let value = 0n;
    for (const c of digits) {
      const digit = digitValue(c, base);
      if (digit === undefined || digit >= base) this.fail('value too great for base');
      value = wrap(value * BigInt(base) + BigInt(digit));
    }
    if (digits === '') this.fail('invalid number');
    return value;
  }

  /** A variable's value: empty or unset is 0; text that is not a number is itself evaluated. */
  private variable(name: string): bigint {
    const raw = (this.scope.get(name) ?? '').trim();
    if (raw === '') return 0n;
    if (/^[-+]?\d+$/.test(raw) && !/^[-+]?0\d/.test(raw)) return wrap(BigInt(raw));
    return new Evaluator(raw, this.scope, this.depth + 1).run();
  }
}

/** A digit's value in bases up to 64: 0-9, a-z, A-Z (or a-z again below 37), @, _. */
function digitValue(c: string, base: number): number | undefined {
  if (/[0-9]/.test(c)) return Number(c);
  if (/[a-z]/.test(c)) return c.charCodeAt(0) - 87;
  if (/[A-Z]/.test(c)) return c.charCodeAt(0) - (base <= 36 ? 55 : 29);
  if (c === '@') return 62;
  if (c === '_') return 63;
  return undefined;
}
