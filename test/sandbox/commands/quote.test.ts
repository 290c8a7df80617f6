import { describe, expect, it } from 'vitest';
import { localeQuote } from '../../../src/sandbox/commands/quote.ts';

describe('localeQuote', () => {
  it('uses curly quotes in a UTF-8 locale and straight ones otherwise', () => {
    expect(localeQuote({ LANG: 'C.UTF-8' }, 'a/b')).toBe('‘a/b’');
    expect(localeQuote({ LANG: 'en_US.utf8' }, 'x')).toBe('‘x’');
    expect(localeQuote({ LANG: 'C' }, 'a/b')).toBe("'a/b'");
    expect(localeQuote({}, 'x')).toBe("'x'");
  });

  it('lets LC_ALL override LANG, as setlocale does', () => {
    expect(localeQuote({ LANG: 'C.UTF-8', LC_ALL: 'C' }, 'x')).toBe("'x'");
    expect(localeQuote({ LANG: 'C', LC_ALL: 'C.UTF-8' }, 'x')).toBe('‘x’');
  });

  it('adds no shell quoting but escapes backslashes and control characters', () => {
    expect(localeQuote({ LANG: 'C.UTF-8' }, "it's")).toBe("‘it's’");
    expect(localeQuote({ LANG: 'C.UTF-8' }, 'a\\b')).toBe('‘a\\\\b’');
    expect(localeQuote({ LANG: 'C.UTF-8' }, 'x\ty\n')).toBe('‘x\\ty\\n’');
    expect(localeQuote({ LANG: 'C.UTF-8' }, '\x01')).toBe('‘\\001’');
  });
});
