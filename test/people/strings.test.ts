import { describe, expect, it } from 'vitest';
import { localPath, peopleLang, peopleStrings } from '../../src/people/strings.ts';

describe('peopleLang', () => {
  it('reads the optional locale segment of a route', () => {
    expect(peopleLang(undefined)).toBe('en');
    expect(peopleLang('zh-cn')).toBe('zh-cn');
    expect(peopleLang('fr')).toBeUndefined();
    expect(peopleLang('zh-cn/extra')).toBeUndefined();
  });
});

describe('localPath', () => {
  it('keeps English paths and prefixes Chinese ones', () => {
    expect(localPath('en', '/classes/')).toBe('/classes/');
    expect(localPath('zh-cn', '/classes/')).toBe('/zh-cn/classes/');
  });
});

describe('peopleStrings', () => {
  /** Every leaf of a strings table, functions called with sample arguments. */
  const leaves = (table: unknown, path = ''): [string, string][] =>
    typeof table === 'string'
      ? [[path, table]]
      : typeof table === 'function'
        ? [[path, String(table(2, 3, '4'))]]
        : Object.entries(table as object).flatMap(([k, v]) => leaves(v, `${path}.${k}`));

  it('says everything in both languages, the Chinese with Chinese punctuation', () => {
    const en = new Map(leaves(peopleStrings('en')));
    const zh = new Map(leaves(peopleStrings('zh-cn')));
    expect([...zh.keys()]).toEqual([...en.keys()]);
    for (const [key, text] of zh) {
      expect(text, key).not.toBe(en.get(key));
      expect(text, key).not.toMatch(/[()]|, |: /);
    }
  });

  it('counts in words that agree with the number, and says when there is no date', () => {
    const { klass, assignment } = peopleStrings('en');
    expect(klass.attempts(1)).toBe(' · 1 attempt');
    expect(klass.attempts(2)).toBe(' · 2 attempts');
    expect(assignment.due(null)).toBe('No due date');
    expect(peopleStrings('zh-cn').assignment.due('2027-01-01 00:00 UTC')).toBe('截止 2027-01-01 00:00 UTC');
  });
});
