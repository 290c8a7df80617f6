import { describe, expect, it } from 'vitest';
import { pickLocalized } from '../../src/utils/localized-file';

const files = { 'd/a.en.svg': 'english', 'd/a.zh-cn.svg': 'chinese', 'd/b.en.svg': 'only english' };

describe('pickLocalized', () => {
  it('picks the English file for the root locale', () => {
    expect(pickLocalized(files, 'd/a', '.svg', undefined)).toBe('english');
  });
  it('picks the file of the requested locale', () => {
    expect(pickLocalized(files, 'd/a', '.svg', 'zh-cn')).toBe('chinese');
  });
  it('falls back to English when the locale has no file', () => {
    expect(pickLocalized(files, 'd/b', '.svg', 'zh-cn')).toBe('only english');
  });
  it('returns undefined when no file exists', () => {
    expect(pickLocalized(files, 'd/c', '.svg', 'zh-cn')).toBeUndefined();
  });
});
