import { describe, expect, it } from 'vitest';
import { ArithmeticError, evaluateArithmetic } from '../../../src/sandbox/shell/arithmetic';

const scope = (vars: Record<string, string> = {}) => ({
  get: (name: string) => vars[name],
  set: (name: string, value: string) => {
    vars[name] = value;
  },
});

// Expected values and messages are what bash 5.2 gave for the same expressions.
describe('shell arithmetic', () => {
  it('follows C precedence, bases and 64-bit integers', () => {
    const cases: [string, bigint][] = [
      ['1 + 2 * 3', 7n],
      ['(1 + 2) * 3', 9n],
      ['-7 / 2', -3n],
      ['7 % 3', 1n],
      ['2 ** 10', 1024n],
      ['0x1f', 31n],
      ['010', 8n],
      ['2#101', 5n],
      ['1 << 4', 16n],
      ['5 > 3 ? 10 : 20', 10n],
      ['!0 && 3', 1n],
      ['6 & 3 | 8 ^ 1', 11n],
      ['9223372036854775807 + 1', -9223372036854775808n],
      ['', 0n],
    ];
    for (const [expr, value] of cases) expect(evaluateArithmetic(expr, scope()), expr).toBe(value);
  });

  it('reads and assigns variables', () => {
    const vars: Record<string, string> = { i: '1', y: '3+4', word: 'hello' };
    expect(evaluateArithmetic('i++', scope(vars))).toBe(1n);
    expect(evaluateArithmetic('++i', scope(vars))).toBe(3n);
    expect(evaluateArithmetic('i += 5, i * 2', scope(vars))).toBe(16n);
    expect(vars.i).toBe('8');
    expect(evaluateArithmetic('y * 2', scope(vars))).toBe(14n);
    expect(evaluateArithmetic('word + unset', scope(vars))).toBe(0n);
  });

  it('does not assign in a branch it skips', () => {
    const vars: Record<string, string> = { a: '0', b: '0' };
    expect(evaluateArithmetic('0 && (a = 1)', scope(vars))).toBe(0n);
    expect(evaluateArithmetic('1 ? (b = 2) : (a = 3)', scope(vars))).toBe(2n);
    expect(vars).toEqual({ a: '0', b: '2' });
    expect(evaluateArithmetic('0 && 1 / 0', scope())).toBe(0n);
  });

  it("words its errors as bash does, with bash's error token", () => {
    const message = (expr: string) => {
      try {
        evaluateArithmetic(expr, scope());
      } catch (error) {
        expect(error).toBeInstanceOf(ArithmeticError);
        return (error as Error).message;
      }
      throw new Error(`${expr} was accepted`);
    };
    expect(message('1/0')).toBe('1/0: division by 0 (error token is "0")');
    expect(message('10 / 0 + 1')).toBe('10 / 0 + 1: division by 0 (error token is "0 + 1")');
    expect(message(' 1 +  ')).toBe('1 +  : syntax error: operand expected (error token is "+  ")');
    expect(message(' 3 +* 4 ')).toBe('3 +* 4 : syntax error: operand expected (error token is "* 4 ")');
    expect(message('08')).toBe('08: value too great for base (error token is "08")');
    expect(message('1 2')).toBe('1 2: syntax error in expression (error token is "2")');
    expect(message('2 ** -1')).toBe('2 ** -1: exponent less than 0 (error token is "1")');
  });
});
