/** Largest code unit (the matcher reads UTF-16 code units unless in unicode mode). */
export const MAX_CODE_UNIT = 0xffff;
/** Largest code point (unicode mode). */
export const MAX_CODE_POINT = 0x10ffff;

/** An immutable set of character codes, as sorted, disjoint, non-adjacent inclusive ranges. */
export class CharSet {
  /** Flat `[lo0, hi0, lo1, hi1, …]`. */
  readonly ranges: readonly number[];

  private constructor(ranges: readonly number[]) {
    this.ranges = ranges;
  }

  /** The set of the given inclusive `[lo, hi]` ranges, in any order, overlapping or not. */
  static of(...pairs: [number, number][]): CharSet {
    const sorted = pairs.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
    const ranges: number[] = [];
    for (const [lo, hi] of sorted) {
      const last = ranges.length - 1;
      if (last > 0 && lo <= (ranges[last] as number) + 1) {
        ranges[last] = Math.max(ranges[last] as number, hi);
      } else ranges.push(lo, hi);
    }
    return new CharSet(ranges);
  }

  /** Whether `code` is in the set (binary search). */
  has(code: number): boolean {
    const r = this.ranges;
    let lo = 0;
    let hi = r.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (code < (r[2 * mid] as number)) hi = mid - 1;
      else if (code > (r[2 * mid + 1] as number)) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** This set's ranges as pairs. */
  pairs(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.ranges.length; i += 2)
      out.push([this.ranges[i] as number, this.ranges[i + 1] as number]);
    return out;
  }

  /** Codes in this set or the other. */
  union(other: CharSet): CharSet {
    return CharSet.of(...this.pairs(), ...other.pairs());
  }

  /** Codes from 0 to `max` not in this set. */
  complement(max: number): CharSet {
    const out: [number, number][] = [];
    let next = 0;
    for (const [lo, hi] of this.pairs()) {
      if (lo > next) out.push([next, Math.min(lo - 1, max)]);
      next = hi + 1;
    }
    if (next <= max) out.push([next, max]);
    return CharSet.of(...out);
  }
}

/** `\d`. */
export const DIGITS = CharSet.of([0x30, 0x39]);
/** `\w`, and the word characters of `\b`. */
export const WORD_CHARS = CharSet.of([0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]);
/** JS line terminators, which `.` does not match. */
export const LINE_TERMINATORS = CharSet.of([0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]);
/** `\s`: JS WhiteSpace and LineTerminator. */
export const WHITESPACE = CharSet.of(
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
);
