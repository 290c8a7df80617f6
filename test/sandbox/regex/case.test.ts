import { describe, expect, it } from 'vitest';
import { canonicalize, caseVariants } from '../../../src/sandbox/regex/case.ts';

const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;

describe('case folding', () => {
  it("canonicalizes as JS's non-unicode ignoreCase does", () => {
    expect(canonicalize(0x61)).toBe(0x41);
    expect(canonicalize(0x41)).toBe(0x41);
    expect(canonicalize(0x212a)).toBe(0x212a); // KELVIN SIGN: uppercase already
    expect(canonicalize(0x17f)).toBe(0x17f); // LONG S uppercases to ASCII S: kept
    expect(canonicalize(0xdf)).toBe(0xdf); // ß uppercases to "SS": kept
    expect(canonicalize(0xb5)).toBe(0x39c); // MICRO SIGN to GREEK CAPITAL MU
    expect(canonicalize(0x1f600)).toBe(0x1f600);
  });

  it('lists every code unit of the same form', () => {
    expect([...caseVariants(0x6b)]).toEqual([0x4b, 0x6b]);
    expect([...caseVariants(0x31)]).toEqual([0x31]);
    expect([...caseVariants(0xb5)].sort()).toEqual([0xb5, 0x39c, 0x3bc].sort());
  });

  it('agrees with native case-insensitive matching', () => {
    const ranges: [number, number][] = [
      [0, 0x250],
      [0x370, 0x500],
      [0x1e00, 0x2000],
      [0x2100, 0x2200],
      [0xff00, 0xff60],
    ];
    for (const [from, to] of ranges) {
      for (let c = from; c < to; c++) {
        const re = new RegExp(`^[${hex(c)}]$`, 'i');
        for (const v of caseVariants(c)) expect(re.test(String.fromCharCode(v)), hex(c)).toBe(true);
        const other = (c * 7919 + 13) % 0x3000;
        expect(re.test(String.fromCharCode(other)), `${hex(c)} ${hex(other)}`).toBe(
          canonicalize(other) === canonicalize(c),
        );
      }
    }
  });
});
