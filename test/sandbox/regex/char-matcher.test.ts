import { describe, expect, it } from 'vitest';
import { CharMatcher } from '../../../src/sandbox/regex/char-matcher.ts';
import { CharSet } from '../../../src/sandbox/regex/charset.ts';

const letters = CharSet.of([0x61, 0x7a]);

describe('CharMatcher', () => {
  it('matches members, and others when ignoring case', () => {
    expect(new CharMatcher(letters, false, false).matches(0x41)).toBe(false);
    expect(new CharMatcher(letters, false, true).matches(0x41)).toBe(true);
    expect(new CharMatcher(CharSet.of([0xb5, 0xb5]), false, true).matches(0x3bc)).toBe(true);
  });

  it('inverts `[^…]` after case folding, as JS does', () => {
    const notA = new CharMatcher(CharSet.of([0x61, 0x61]), true, true);
    expect(notA.matches(0x41)).toBe(false);
    expect(notA.matches(0x62)).toBe(true);
  });

  it('gives the same answers through its ASCII table as native RegExp', () => {
    const matcher = new CharMatcher(CharSet.of([0x41, 0x46], [0x30, 0x30]), true, true);
    for (let c = 0; c < 0x300; c++) {
      expect(matcher.matches(c), c.toString(16)).toBe(/[^A-F0]/i.test(String.fromCharCode(c)));
    }
  });
});
