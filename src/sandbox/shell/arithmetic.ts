/**
 * Shell arithmetic (`$(( ))`): integers, + - * / % ** , comparisons, && || !, parentheses and
 * variables. Returns undefined for an expression bash would reject.
 */
export function evaluateArithmetic(expr: string, lookup: (name: string) => string): number | undefined {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*|<=|>=|==|!=|&&|\|\||[-+*/%()<>!]|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const value = (name: string): number => {
    const raw = lookup(name).trim();
    return raw === '' ? 0 : /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  };
  const binary =
    (next: () => number, ops: Record<string, (a: number, b: number) => number>) => (): number => {
      let left = next();
      for (let op = peek(); op !== undefined && op in ops; op = peek()) {
        i++;
        left = (ops[op] as (a: number, b: number) => number)(left, next());
      }
      return left;
    };
  const primary = (): number => {
    const t = tokens[i++];
    if (t === undefined) return Number.NaN;
    if (t === '(') {
      const v = or();
      return tokens[i++] === ')' ? v : Number.NaN;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() === 0 ? 1 : 0;
    if (/^\d+$/.test(t)) return Number(t);
    if (/^[A-Za-z_]/.test(t)) return value(t);
    return Number.NaN;
  };
  const power = (): number => {
    const base = primary();
    if (peek() === '**') {
      i++;
      return base ** power();
    }
    return base;
  };
  const mul = binary(power, {
    '*': (a, b) => a * b,
    '/': (a, b) => (b === 0 ? Number.NaN : Math.trunc(a / b)),
    '%': (a, b) => (b === 0 ? Number.NaN : a % b),
  });
  const add = binary(mul, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const cmp = binary(add, {
    '<': (a, b) => +(a < b),
    '>': (a, b) => +(a > b),
    '<=': (a, b) => +(a <= b),
    '>=': (a, b) => +(a >= b),
  });
  const eq = binary(cmp, { '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b) });
  const and = binary(eq, { '&&': (a, b) => +(a !== 0 && b !== 0) });
  const or = binary(and, { '||': (a, b) => +(a !== 0 || b !== 0) });
  if (tokens.length === 0) return 0;
  const result = or();
  return i === tokens.length && Number.isFinite(result) ? Math.trunc(result) : undefined;
}
