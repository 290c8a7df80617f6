import { describe, expect, it } from 'vitest';
import { compileProgram } from '../../../src/sandbox/regex/compile.ts';
import { parsePattern } from '../../../src/sandbox/regex/parse.ts';
import { PikeVm } from '../../../src/sandbox/regex/pike.ts';

const vm = (source: string, options: { ignoreCase?: boolean; unicode?: boolean } = {}) =>
  new PikeVm(compileProgram(parsePattern(source, options), source, options));

describe('PikeVm', () => {
  it('prefers earlier alternatives and greedy or lazy quantifiers as JS does', () => {
    expect(vm('a|ab').search('ab', 0, false)).toEqual([0, 1]);
    expect(vm('ab|a').search('ab', 0, false)).toEqual([0, 2]);
    expect(vm('a+').search('baaa', 0, false)).toEqual([1, 4]);
    expect(vm('a+?').search('baaa', 0, false)).toEqual([1, 2]);
  });

  it('returns capture slots: start and end per group, then where each group opened', () => {
    expect(vm('(a)(b)?').search('xa', 0, false)).toEqual([1, 2, 1, 2, -1, -1, 1, -1]);
  });

  it('answers whether anything matches without tracking captures', () => {
    expect(vm('(a+)b').search('xaab', 0, true)).toEqual([]);
    expect(vm('(a+)b').search('xaa', 0, true)).toBeNull();
  });

  it('starts at `from` but sees the text before it', () => {
    expect(vm('(?<=a)b').search('abab', 2, false)).toEqual([3, 4]);
    expect(vm('^a').search('aa', 1, false)).toBeNull();
  });

  it('steps over surrogate pairs in unicode mode', () => {
    expect(vm('.b', { unicode: true }).search('😀b', 0, false)).toEqual([0, 3]);
    expect(vm('.b').search('😀b', 0, false)).toEqual([1, 3]);
  });

  it('takes linear time on patterns that make backtrackers exponential', () => {
    const text = `${'a'.repeat(100_000)}b`;
    const start = performance.now();
    expect(vm('^(a+)+$').search(text, 0, false)).toBeNull();
    expect(vm('(a|aa)*c').search(text, 0, true)).toBeNull();
    expect(vm('(a*)*b').search(text, 0, false)).toEqual([0, 100_001, 0, 100_000, 0]);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
