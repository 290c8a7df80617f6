import { describe, expect, it } from 'vitest';
import {
  compilePattern,
  PatternBudgetError,
  PatternSyntaxError,
  PatternTooLargeError,
} from '../../../src/sandbox/regex/index.ts';
import { compileGlob, globSegments } from '../../../src/sandbox/shell/glob.ts';

/** Runs `work` and returns its result with the time it took. */
function timed<T>(work: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = work();
  return { result, ms: performance.now() - start };
}

describe('compilePattern', () => {
  it('finds a match with its position and captures', () => {
    const pattern = compilePattern('(\\w+)@(\\w+)?');
    expect(pattern.source).toBe('(\\w+)@(\\w+)?');
    expect(pattern.groupCount).toBe(2);
    expect(pattern.exec('mail me@ now')).toEqual({ index: 5, end: 8, groups: ['me@', 'me', undefined] });
    expect(pattern.exec('a@b a@c', 1)).toEqual({ index: 4, end: 7, groups: ['a@c', 'a', 'c'] });
    expect(pattern.exec('a@b', 4)).toBeNull();
    expect(pattern.test('x@y')).toBe(true);
    expect(pattern.test('xy')).toBe(false);
  });

  it('honours ignoreCase', () => {
    expect(compilePattern('hello', { ignoreCase: true }).test('HeLLo')).toBe(true);
    expect(compilePattern('hello').test('HeLLo')).toBe(false);
  });

  it('iterates like matchAll, stepping past empty matches', () => {
    const spans = (source: string, text: string, unicode = false) =>
      [...compilePattern(source, { unicode }).matchAll(text)].map((m) => [m.index, m.end]);
    expect(spans('a*', 'baab')).toEqual([
      [0, 0],
      [1, 3],
      [3, 3],
      [4, 4],
    ]);
    expect(spans('', '😀', true)).toEqual([
      [0, 0],
      [2, 2],
    ]);
    expect(spans('', '😀')).toHaveLength(3);
  });

  it('replaces the first match or every one', () => {
    const pattern = compilePattern('o+');
    expect(pattern.replace('foo boo', (m) => `[${m.groups[0]}]`)).toBe('f[oo] boo');
    expect(pattern.replace('foo boo', () => '0', true)).toBe('f0 b0');
    expect(compilePattern('x*').replace('ab', () => '-', true)).toBe('-a-b-');
    expect(pattern.replace('abc', () => '!')).toBe('abc');
  });

  it('throws distinct errors for bad patterns, huge ones and exhausted searches', () => {
    expect(() => compilePattern('a**')).toThrow(PatternSyntaxError);
    expect(() => compilePattern('a{200000}')).toThrow(PatternTooLargeError);
    expect(() => compilePattern('a', { ignoreCase: true, unicode: true })).toThrow(PatternSyntaxError);
    expect(() => compilePattern('^(a*)*\\1\\1\\1b$').test('a'.repeat(5000))).toThrow(PatternBudgetError);
  });
});

describe('patterns that are catastrophic for backtracking engines finish quickly', () => {
  const a31 = 'a'.repeat(31);
  const a5000b = `${'a'.repeat(5000)}b`;

  it.each([
    ['^(a+)+$', a31, true],
    ['^(a+)+$', a5000b, false],
    ['(a|aa)*c', a5000b, false],
    ['(x+x+)+y', 'x'.repeat(5000), false],
    ['^(\\w+\\s?)*$', `${'word '.repeat(1000)}!`, false],
    ['(.*a){20}', 'a'.repeat(19) + 'b'.repeat(5000), false],
  ])('/%s/', (source, text, expected) => {
    const { result, ms } = timed(() => compilePattern(source).test(text));
    expect(result).toBe(expected);
    expect(ms).toBeLessThan(1000);
  });

  it('matches a 100,000-character line in linear time', () => {
    const { result, ms } = timed(() => compilePattern('^(a+)+$').exec('a'.repeat(100_000)));
    expect(result?.end).toBe(100_000);
    expect(ms).toBeLessThan(2000);
  });

  it('matches a glob with 30 stars', () => {
    const glob = compileGlob(globSegments(`${'*a'.repeat(30)}*b`));
    const { result, ms } = timed(() => [glob.test('a'.repeat(200)), glob.test(`${'a'.repeat(200)}b`)]);
    expect(result).toEqual([false, true]);
    expect(ms).toBeLessThan(1000);
  });

  it('stops a backreference pattern at its step budget instead of hanging', () => {
    const { ms } = timed(() =>
      expect(() => compilePattern('^(a*)*\\1\\1\\1b$').exec('a'.repeat(100))).toThrow(PatternBudgetError),
    );
    expect(ms).toBeLessThan(5000);
  });
});
