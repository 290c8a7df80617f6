import { describe, expect, it } from 'vitest';
import {
  CharSet,
  DIGITS,
  LINE_TERMINATORS,
  MAX_CODE_UNIT,
  WHITESPACE,
  WORD_CHARS,
} from '../../../src/sandbox/regex/charset.ts';

describe('CharSet', () => {
  it('merges overlapping and adjacent ranges', () => {
    expect(CharSet.of([5, 9], [1, 3], [4, 4], [20, 30], [25, 26]).pairs()).toEqual([
      [1, 9],
      [20, 30],
    ]);
    expect(CharSet.of([3, 1]).pairs()).toEqual([]);
  });

  it('answers membership, unions and complements', () => {
    const set = CharSet.of([0x61, 0x63], [0x78, 0x78]);
    expect([0x60, 0x61, 0x63, 0x64, 0x78].map((c) => set.has(c))).toEqual([false, true, true, false, true]);
    expect(set.union(CharSet.of([0x64, 0x64])).pairs()).toEqual([
      [0x61, 0x64],
      [0x78, 0x78],
    ]);
    expect(set.complement(0xff).pairs()).toEqual([
      [0, 0x60],
      [0x64, 0x77],
      [0x79, 0xff],
    ]);
    expect(CharSet.of().complement(10).pairs()).toEqual([[0, 10]]);
  });

  it('defines the class escapes and `.` exactly as JS does', () => {
    const checks: [CharSet, RegExp][] = [
      [DIGITS, /\d/],
      [WORD_CHARS, /\w/],
      [WHITESPACE, /\s/],
      [LINE_TERMINATORS.complement(MAX_CODE_UNIT), /./],
    ];
    for (const [set, re] of checks) {
      for (let c = 0; c <= MAX_CODE_UNIT; c++) {
        if (set.has(c) !== re.test(String.fromCharCode(c))) expect.fail(`${re} at ${c.toString(16)}`);
      }
    }
  });
});
