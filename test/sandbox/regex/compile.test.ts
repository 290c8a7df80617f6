import { describe, expect, it } from 'vitest';
import { compileProgram, MAX_PROGRAM_SIZE } from '../../../src/sandbox/regex/compile.ts';
import { PatternTooLargeError } from '../../../src/sandbox/regex/errors.ts';
import { parsePattern } from '../../../src/sandbox/regex/parse.ts';
import { Op, type Program } from '../../../src/sandbox/regex/program.ts';

const compile = (source: string, ignoreCase = false) =>
  compileProgram(parsePattern(source), source, { ignoreCase });

/** Whether some instruction can reach itself without consuming a character. */
function hasEmptyCycle(p: Program): boolean {
  const consuming = (pc: number) => p.op[pc] === Op.Char || p.op[pc] === Op.Set || p.op[pc] === Op.Match;
  const edges = (pc: number): number[] => {
    if (consuming(pc)) return [];
    if (p.op[pc] === Op.Split) return [p.next[pc] as number, p.alt[pc] as number];
    if (p.op[pc] === Op.Backreference) return [p.alt[pc] as number];
    return [p.next[pc] as number];
  };
  const state = new Uint8Array(p.op.length); // 0 new, 1 on the path, 2 done
  const visit = (pc: number): boolean => {
    if (pc < 0 || state[pc] === 2) return false;
    if (state[pc] === 1) return true;
    state[pc] = 1;
    const cycle = edges(pc).some(visit);
    state[pc] = 2;
    return cycle;
  };
  return p.op.some((_, pc) => visit(pc));
}

describe('compileProgram', () => {
  it('emits a program that ends in Match', () => {
    const p = compile('a|b');
    expect(p.op[p.start]).toBe(Op.Split);
    expect([...p.op].filter((op) => op === Op.Match)).toHaveLength(1);
    expect(p.groupCount).toBe(0);
  });

  it('stores canonical characters when ignoring case', () => {
    const p = compile('a', true);
    expect(p.arg[p.start]).toBe(0x41);
  });

  it('never loops without consuming, even for quantified empty-matching bodies', () => {
    for (const source of [
      '(a*)*',
      '(a|)*',
      '(?:a?b?)*?',
      '((a*)*)*',
      '(?:(?=a))*',
      '(?:\\b|a)+',
      '(a*)\\1*',
    ]) {
      expect(hasEmptyCycle(compile(source)), source).toBe(false);
    }
    expect(hasEmptyCycle(compile('a*'))).toBe(false);
  });

  it('keeps nested quantifiers of empty-matching bodies small', () => {
    expect(compile('((((a*)*)*)*)*').op.length).toBeLessThan(40);
    expect(compile('(?:a?b?c?d?e?f?g?h?)*').op.length).toBeLessThan(80);
  });

  it('refuses programs over the size limit quickly, without unrolling them first', () => {
    expect(() => compile(`a{${MAX_PROGRAM_SIZE}}`)).toThrow(PatternTooLargeError);
    expect(() => compile('(a{1000}){1000}')).toThrow(PatternTooLargeError);
    expect(() => compile('(?=a){0,1000000000}')).toThrow(PatternTooLargeError);
    expect(() => compile('(a)'.repeat(2000))).toThrow(PatternTooLargeError);
    expect(compile('(a)'.repeat(300)).groupCount).toBe(300);
    expect(compile('(?:){1000000000}').op.length).toBe(1);
    expect(compile('a{0}').op.length).toBe(1);
  });
});
