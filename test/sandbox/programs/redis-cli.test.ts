import { describe, expect, it } from 'vitest';
import { formatRaw, formatTty, repr, splitArgs } from '../../../src/sandbox/programs/redis-cli';

describe('redis-cli output', () => {
  it('numbers array items to the width of the largest index, as redis-cli 7 printed them', () => {
    const items = [
      ...Array.from({ length: 10 }, () => ({ type: 'bulk' as const, text: 'v' })),
      { type: 'nil' as const },
    ];
    const expected = `${Array.from({ length: 9 }, (_, i) => ` ${i + 1}) "v"\n`).join('')}10) "v"\n11) (nil)\n`;
    expect(formatTty({ type: 'array', items })).toBe(expected);
    expect(formatRaw({ type: 'array', items })).toBe(`${'v\n'.repeat(10)}\n`);
  });

  it('quotes strings with C escapes and hex bytes', () => {
    expect(repr('a\nb')).toBe('"a\\nb"');
    expect(repr('é')).toBe('"\\xc3\\xa9"');
    expect(repr('say "hi" \\')).toBe('"say \\"hi\\" \\\\"');
  });

  it('splits a line as redis-cli does, quotes and escapes included', () => {
    expect(splitArgs(`set k "a b\\n" 'c d'`)).toEqual(['set', 'k', 'a b\n', 'c d']);
    expect(splitArgs('set "open')).toBeUndefined();
  });
});
