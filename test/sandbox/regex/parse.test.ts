import { describe, expect, it } from 'vitest';
import type { Node } from '../../../src/sandbox/regex/ast.ts';
import { PatternSyntaxError } from '../../../src/sandbox/regex/errors.ts';
import { parsePattern } from '../../../src/sandbox/regex/parse.ts';

const root = (source: string, unicode = false) => parsePattern(source, { unicode }).root;
const char = (c: string): Node => ({ type: 'char', code: c.codePointAt(0) as number });

/** The reason a pattern is refused, or undefined. */
function refusal(source: string): string | undefined {
  try {
    parsePattern(source);
    return undefined;
  } catch (error) {
    if (error instanceof PatternSyntaxError) return error.reason;
    throw error;
  }
}

describe('parsePattern', () => {
  it('builds sequences, alternations and numbered groups', () => {
    expect(root('ab|c')).toEqual({
      type: 'alternation',
      options: [{ type: 'sequence', items: [char('a'), char('b')] }, char('c')],
    });
    const parsed = parsePattern('(a)(?:b)((c))');
    expect(parsed.groupCount).toBe(3);
    expect(parsed.root).toEqual({
      type: 'sequence',
      items: [
        { type: 'group', index: 1, body: char('a') },
        char('b'),
        { type: 'group', index: 2, body: { type: 'group', index: 3, body: char('c') } },
      ],
    });
  });

  it('reads quantifiers, lazy ones and the groups they repeat', () => {
    expect(root('a*?')).toMatchObject({ type: 'repeat', min: 0, max: Infinity, greedy: false });
    expect(root('a{2,5}')).toMatchObject({ type: 'repeat', min: 2, max: 5, greedy: true });
    expect(root('a{3}')).toMatchObject({ min: 3, max: 3 });
    expect(root('a{3,}')).toMatchObject({ min: 3, max: Infinity });
    expect(root('x(a(b))+')).toMatchObject({
      items: [char('x'), { type: 'repeat', firstGroup: 1, lastGroup: 2 }],
    });
  });

  it('treats braces and brackets that are not syntax as literals (Annex B)', () => {
    expect(root('a{,5}')).toEqual({ type: 'sequence', items: [...'a{,5}'].map(char) });
    expect(root('x{')).toEqual({ type: 'sequence', items: [char('x'), char('{')] });
    expect(root(']}')).toEqual({ type: 'sequence', items: [char(']'), char('}')] });
  });

  it('tells backreferences from octal and identity escapes by the group count', () => {
    expect(parsePattern('(a)\\1').root).toMatchObject({ items: [{}, { type: 'backreference', index: 1 }] });
    expect(parsePattern('(a)\\1').hasBackreferences).toBe(true);
    expect(root('\\1')).toEqual({ type: 'char', code: 1 });
    expect(root('(a)\\12')).toMatchObject({ items: [{}, { type: 'char', code: 0o12 }] });
    expect(root('\\8')).toEqual(char('8'));
    expect(root('\\0')).toEqual({ type: 'char', code: 0 });
    expect(root('\\377')).toEqual({ type: 'char', code: 0o377 });
  });

  it('reads character escapes', () => {
    expect(root('\\n')).toEqual(char('\n'));
    expect(root('\\x41')).toEqual(char('A'));
    expect(root('\\x4')).toEqual({ type: 'sequence', items: [char('x'), char('4')] });
    expect(root('\\u00e9')).toEqual(char('é'));
    expect(root('\\cJ')).toEqual(char('\n'));
    expect(root('\\c1')).toEqual({ type: 'sequence', items: [char('\\'), char('c'), char('1')] });
    expect(root('\\/')).toEqual(char('/'));
  });

  it('reads bracket classes', () => {
    const set = (source: string) => root(source) as Extract<Node, { type: 'set' }>;
    expect(set('[a-cx]').set.pairs()).toEqual([
      [0x61, 0x63],
      [0x78, 0x78],
    ]);
    expect(set('[^a]').negated).toBe(true);
    expect(set('[\\d-z]').set.pairs()).toEqual([
      [0x2d, 0x2d],
      [0x30, 0x39],
      [0x7a, 0x7a],
    ]);
    expect(set('[\\b]').set.pairs()).toEqual([[8, 8]]);
    expect(set('[]').set.pairs()).toEqual([]);
    expect(set('[^]')).toMatchObject({ negated: true });
    expect(set('[\\]-]').set.has(0x5d)).toBe(true);
  });

  it('reads assertions and single-atom lookarounds', () => {
    expect(root('^\\b\\B$')).toEqual({
      type: 'sequence',
      items: ['start', 'wordBoundary', 'notWordBoundary', 'end'].map((kind) => ({ type: 'assertion', kind })),
    });
    expect(root('(?<![A-Za-z0-9_])')).toMatchObject({ type: 'look', behind: true, negate: true });
    expect(root('(?=\\w)')).toMatchObject({
      type: 'look',
      behind: false,
      negate: false,
      atom: { type: 'set' },
    });
    expect(root('(?!a)')).toMatchObject({ type: 'look', negate: true, atom: char('a') });
  });

  it('reads a surrogate pair as one character in unicode mode', () => {
    expect(root('😀', true)).toEqual(char('😀'));
    expect(root('😀')).toEqual({
      type: 'sequence',
      items: [
        { type: 'char', code: 0xd83d },
        { type: 'char', code: 0xde00 },
      ],
    });
  });

  it("refuses what JS refuses, with JS's reasons", () => {
    expect(refusal('*a')).toBe('Nothing to repeat');
    expect(refusal('a**')).toBe('Nothing to repeat');
    expect(refusal('^*')).toBe('Nothing to repeat');
    expect(refusal('a|{2}')).toBe('Nothing to repeat');
    expect(refusal('(?<=a)*')).toBe('Nothing to repeat');
    expect(refusal('(a')).toBe('Unterminated group');
    expect(refusal('a)')).toBe("Unmatched ')'");
    expect(refusal('[a')).toBe('Unterminated character class');
    expect(refusal('[z-a]')).toBe('Range out of order in character class');
    expect(refusal('a{3,2}')).toBe('numbers out of order in {} quantifier');
    expect(refusal('a\\')).toBe('\\ at end of pattern');
    expect(refusal('(?x)')).toBe('Invalid group');
    expect(refusal('(?=a)*')).toBeUndefined();
    expect(new PatternSyntaxError('a**', 'Nothing to repeat').message).toBe(
      'Invalid regular expression: /a**/: Nothing to repeat',
    );
  });

  it('refuses what the engine does not support', () => {
    expect(refusal('(?<name>a)')).toBe('Unsupported: named groups');
    expect(refusal('(?=ab)')).toMatch(/^Unsupported: a lookaround/);
    expect(refusal(`${'('.repeat(600)}${')'.repeat(600)}`)).toBe('Groups nested too deeply');
  });
});
