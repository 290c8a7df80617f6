import { describe, expect, it } from 'vitest';
import { ASSERTIONS } from '../../../src/sandbox/regex/program.ts';
import { Subject } from '../../../src/sandbox/regex/subject.ts';

describe('Subject', () => {
  it('reads code units, or code points in unicode mode', () => {
    const units = new Subject('a😀', false);
    expect([units.codeAt(1), units.codeBefore(3), units.advance(1), units.codeAt(3)]).toEqual([
      0xd83d, 0xde00, 2, -1,
    ]);
    const points = new Subject('a😀', true);
    expect([points.codeAt(1), points.codeBefore(3), points.advance(1), points.codeBefore(0)]).toEqual([
      0x1f600, 0x1f600, 3, -1,
    ]);
    expect(new Subject('\ude00', true).codeAt(0)).toBe(0xde00);
  });

  it('tests ^ $ \\b \\B at a position', () => {
    const s = new Subject('ab c', false);
    const at = (kind: string, pos: number) => s.assert(ASSERTIONS.indexOf(kind as never), pos);
    expect([0, 1, 2, 3, 4].map((pos) => at('wordBoundary', pos))).toEqual([true, false, true, true, true]);
    expect(at('notWordBoundary', 1)).toBe(true);
    expect([at('start', 0), at('start', 1), at('end', 4), at('end', 3)]).toEqual([true, false, true, false]);
  });
});
