import { describe, expect, it } from 'vitest';
import { splitInlineCode } from '../../src/lab/inline-code';

describe('splitInlineCode', () => {
  it('marks backticked spans as code', () => {
    expect(splitInlineCode('Run `tail /dev/zero` in `hog`.')).toEqual([
      { code: false, text: 'Run ' },
      { code: true, text: 'tail /dev/zero' },
      { code: false, text: ' in ' },
      { code: true, text: 'hog' },
      { code: false, text: '.' },
    ]);
  });

  it('keeps a text without backticks whole', () => {
    expect(splitInlineCode('Start a container.')).toEqual([{ code: false, text: 'Start a container.' }]);
  });

  it('leaves an unmatched backtick as a literal character', () => {
    expect(splitInlineCode('`-m 64m` or `oops')).toEqual([
      { code: true, text: '-m 64m' },
      { code: false, text: ' or `oops' },
    ]);
  });
});
