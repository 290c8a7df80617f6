import { describe, expect, it } from 'vitest';
import { csv, csvField } from '../../src/utils/csv';

describe('csvField', () => {
  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvField('Ada')).toBe('Ada');
    expect(csvField('Lovelace, Ada')).toBe('"Lovelace, Ada"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(42.5)).toBe('42.5');
    expect(csvField(null)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
    );
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField(-2)).toBe('-2');
  });
});

describe('csv', () => {
  it('joins fields with commas and rows with CRLF', () => {
    expect(
      csv([
        ['a', 'b'],
        [1, true],
      ]),
    ).toBe('a,b\r\n1,true\r\n');
  });
});
