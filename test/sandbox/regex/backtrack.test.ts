import { describe, expect, it } from 'vitest';
import { backtrackSearch, STEP_BUDGET } from '../../../src/sandbox/regex/backtrack.ts';
import { compileProgram } from '../../../src/sandbox/regex/compile.ts';
import { PatternBudgetError } from '../../../src/sandbox/regex/errors.ts';
import { parsePattern } from '../../../src/sandbox/regex/parse.ts';

const program = (source: string, ignoreCase = false) =>
  compileProgram(parsePattern(source), source, { ignoreCase });

/** The whole match and the groups, as text. */
function search(source: string, text: string, ignoreCase = false): (string | undefined)[] | null {
  const slots = backtrackSearch(program(source, ignoreCase), text, 0);
  if (!slots) return null;
  const p = program(source);
  return Array.from({ length: p.groupCount + 1 }, (_, k) =>
    (slots[2 * k] as number) < 0 ? undefined : text.slice(slots[2 * k], slots[2 * k + 1]),
  );
}

describe('backtrackSearch', () => {
  it('matches backreferences', () => {
    expect(search('(a+)\\1', 'xaaaa')).toEqual(['aaaa', 'aa']);
    expect(search('\\b(\\w+) \\1\\b', 'is it it ok')).toEqual(['it it', 'it']);
    expect(search('(a)\\1', 'aA')).toBeNull();
    expect(search('(a)\\1', 'aA', true)).toEqual(['aA', 'a']);
  });

  it('lets a backreference to an unset group match the empty string', () => {
    expect(search('(a)|b\\1', 'b')).toEqual(['b', undefined]);
    expect(search('\\1(a)', 'a')).toEqual(['a', 'a']);
  });

  it('gives up after the step budget, the same way every time', () => {
    const p = program('^(a*)*\\1\\1\\1b$');
    const text = 'a'.repeat(40);
    expect(() => backtrackSearch(p, text, 0)).toThrow(PatternBudgetError);
    expect(() => backtrackSearch(p, text, 0)).toThrow(`after ${STEP_BUDGET} steps`);
    expect(() => backtrackSearch(program('(a)\\1'), 'x'.repeat(100), 0, 50)).toThrow(PatternBudgetError);
    expect(backtrackSearch(program('(a)\\1'), 'x'.repeat(10), 0, 50)).toBeNull();
  });
});
