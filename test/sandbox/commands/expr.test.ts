import { describe, expect, it } from 'vitest';
import { expr } from '../../../src/sandbox/commands/expr.ts';
import { run } from './context.ts';

// Expected outputs are GNU coreutils 9.1's expr and BusyBox 1.35's for the same arguments.
const gnu = (...args: string[]) => run(expr('gnu'), ['expr', ...args]);
const busybox = (...args: string[]) => run(expr('busybox'), ['expr', ...args]);

describe('expr', () => {
  it('evaluates with POSIX precedence', async () => {
    expect((await gnu('6', '*', '7')).out).toBe('42\n');
    expect((await gnu('1', '+', '2', '*', '3')).out).toBe('7\n');
    expect((await gnu('(', '1', '+', '2', ')', '*', '3')).out).toBe('9\n');
    expect((await gnu('5', '%', '3')).out).toBe('2\n');
    expect((await gnu('3', '<', '10')).out).toBe('1\n');
    expect((await gnu('abc', '<', 'abd')).out).toBe('1\n');
  });

  it('has the string operators', async () => {
    expect((await gnu('length', 'abc')).out).toBe('3\n');
    expect((await gnu('substr', 'hello', '2', '3')).out).toBe('ell\n');
    expect((await gnu('index', 'abc', 'c')).out).toBe('3\n');
    expect((await gnu('abc', ':', 'a\\(.\\)')).out).toBe('b\n');
    expect((await gnu('abc', ':', 'a.')).out).toBe('2\n');
  });

  it('exits 1 for a null or zero value', async () => {
    const zero = await gnu('0');
    expect([zero.out, zero.status]).toEqual(['0\n', 1]);
    expect((await gnu('', '|', '0')).status).toBe(1);
    expect((await gnu('a', '&', '0')).out).toBe('0\n');
  });

  it('words its errors as each tool does, with status 2', async () => {
    expect([(await gnu('1', '+', 'x')).err, (await busybox('1', '+', 'x')).err]).toEqual([
      'expr: non-integer argument\n',
      'expr: non-numeric argument\n',
    ]);
    expect((await gnu('7', '/', '0')).err).toBe('expr: division by zero\n');
    const missing = await gnu('1', '+');
    expect([missing.err, missing.status]).toEqual(['expr: syntax error: missing argument after ‘+’\n', 2]);
    expect((await gnu('1', '2')).err).toBe('expr: syntax error: unexpected argument ‘2’\n');
    expect((await gnu('(', '1')).err).toBe("expr: syntax error: expecting ')' after ‘1’\n");
    expect((await busybox('1', '+')).err).toBe('expr: syntax error\n');
    expect((await busybox()).err).toBe('expr: too few arguments\n');
    expect((await gnu()).err).toBe("expr: missing operand\nTry 'expr --help' for more information.\n");
  });

  it('counts without limit in GNU, in saturated 64 bits in BusyBox', async () => {
    expect((await gnu('99999999999999999999', '+', '1')).out).toBe('100000000000000000000\n');
    expect((await busybox('99999999999999999999', '+', '1')).out).toBe('-9223372036854775808\n');
  });
});
