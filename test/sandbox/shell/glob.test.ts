import { describe, expect, it } from 'vitest';
import {
  compileGlob,
  type GlobOptions,
  globSegments,
  globSource,
  hasGlob,
  type Segment,
} from '../../../src/sandbox/shell/glob.ts';

const matches = (pattern: string, name: string, options: GlobOptions & { ignoreCase?: boolean } = {}) =>
  compileGlob(globSegments(pattern), options).test(name);

describe('globs', () => {
  it('matches `*` and `?` within one path component', () => {
    expect(matches('*.txt', 'notes.txt')).toBe(true);
    expect(matches('*.txt', 'notes.txt.bak')).toBe(false);
    expect(matches('file?.md', 'file1.md')).toBe(true);
    expect(matches('file?.md', 'file10.md')).toBe(false);
    expect(matches('*', 'a/b')).toBe(false);
    expect(matches('src/*.js', 'src/app.js')).toBe(true);
    expect(matches('src/*.js', 'src/lib/app.js')).toBe(false);
  });

  it('lets wildcards cross `/` with the slashes option (find -path)', () => {
    expect(matches('./src/*', './src/lib/app.js', { slashes: true })).toBe(true);
    expect(matches('*/a?b', 'x/a/b', { slashes: true })).toBe(true);
  });

  it('reads bracket expressions', () => {
    expect(matches('[ch]at', 'hat')).toBe(true);
    expect(matches('[ch]at', 'bat')).toBe(false);
    expect(matches('[!c]at', 'bat')).toBe(true);
    expect(matches('[^c]at', 'cat')).toBe(false);
    expect(matches('[a-c]x', 'bx')).toBe(true);
    expect(matches('[]a]', ']')).toBe(true);
    expect(matches('[[:digit:]][[:upper:]]', '7Q')).toBe(true);
    expect(matches('[[:digit:]]', 'x')).toBe(false);
    expect(matches('[!a]', '/', { slashes: true })).toBe(true);
    expect(matches('a[!x]b', 'a/b')).toBe(false);
  });

  it('treats an unclosed bracket and regex syntax as literal text', () => {
    expect(matches('[ab', '[ab')).toBe(true);
    expect(matches('a.b+(c)|{d}$^', 'a.b+(c)|{d}$^')).toBe(true);
    expect(matches('a.b', 'axb')).toBe(false);
  });

  it('matches quoted and escaped characters literally', () => {
    const quoted: Segment[] = [
      { text: '*', quoted: true },
      { text: '*', quoted: false },
    ];
    expect(compileGlob(quoted).test('*.txt')).toBe(true);
    expect(compileGlob(quoted).test('a.txt')).toBe(false);
    expect(matches('\\*x', '*x')).toBe(true);
    expect(matches('\\*x', 'ax')).toBe(false);
    expect(matches('[\\]]', ']')).toBe(true);
    expect(matches('a\\', 'a\\')).toBe(true);
    expect(globSegments('a\\*')).toEqual([
      { text: 'a', quoted: false },
      { text: '*', quoted: true },
    ]);
  });

  it('ignores case when asked (find -iname)', () => {
    expect(matches('*.TXT', 'notes.txt', { ignoreCase: true })).toBe(true);
    expect(matches('[a-c]*', 'Beta', { ignoreCase: true })).toBe(true);
    expect(matches('*.TXT', 'notes.txt')).toBe(false);
  });

  it('matches across directories with `**` when asked (.dockerignore)', () => {
    expect(globSource(globSegments('**/*.log'), { doubleStar: true })).toBe('[^]*[^/]*\\.log');
    expect(matches('**/*.log', 'a/b/c.log', { doubleStar: true })).toBe(true);
    expect(matches('**/*.log', 'c.log', { doubleStar: true })).toBe(true);
    expect(matches('**/*.log', 'a/b/c.log')).toBe(false);
  });

  it('tells whether unquoted text holds a wildcard', () => {
    expect(hasGlob([{ text: 'a*', quoted: false }])).toBe(true);
    expect(hasGlob([{ text: 'a*', quoted: true }])).toBe(false);
  });
});
