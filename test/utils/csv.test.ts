import fc from 'fast-check';
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
    expect(csvField('\tx')).toBe(`"'\tx"`);
    expect(csvField(-2)).toBe('-2');
  });

  it('quotes the separator of every locale: comma, semicolon and tab', () => {
    // Where `,` is the decimal mark (German, French…), spreadsheets split on `;`.
    expect(csvField('Lovelace; Ada')).toBe('"Lovelace; Ada"');
    expect(csvField('a\tb')).toBe('"a\tb"');
    expect(csvField('x;=1+1')).toBe('"x;=1+1"');
    // Unquoted, a `;` spreadsheet would start a new cell holding the formula.
    expect(csv([['Ada;=HYPERLINK("http://evil.example")', 'x']])).toBe(
      '"Ada;=HYPERLINK(""http://evil.example"")",x\r\n',
    );
  });

  it('defuses formulas after leading whitespace, and full-width formula signs', () => {
    expect(csvField(' =1+1')).toBe("' =1+1");
    expect(csvField('   +1')).toBe("'   +1");
    expect(csvField('\u3000-1')).toBe("'\u3000-1");
    expect(csvField('\n=cmd|calc')).toBe(`"'\n=cmd|calc"`);
    expect(csvField(' \t@SUM(A1)')).toBe(`"' \t@SUM(A1)"`);
    expect(csvField('＝1+1')).toBe("'＝1+1");
    expect(csvField('＋1')).toBe("'＋1");
    expect(csvField('－1')).toBe("'－1");
    expect(csvField('＠SUM(A1)')).toBe("'＠SUM(A1)");
    expect(csvField(' ＝HYPERLINK("http://evil.example")')).toBe(`"' ＝HYPERLINK(""http://evil.example"")"`);
    // Ordinary text that merely contains the signs is left alone.
    expect(csvField('Ada = Lovelace')).toBe('Ada = Lovelace');
    expect(csvField('ada-1@example.com')).toBe('ada-1@example.com');
    expect(csvField('  Ada')).toBe('  Ada');
  });

  it('leaves every cell inert, whatever the text (property)', () => {
    const chars = [' ', '\t', '\u3000', '=', '+', '-', '@', '＝', '＋', '－', '＠', ';', ',', '"', 'a', '\n'];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...chars), maxLength: 8 }), (text) => {
        const cell = csvField(text);
        const quoted = cell.startsWith('"');
        // Unquoted, no locale's separator is inside; quoted, every quote mark is doubled.
        if (!quoted) expect(cell).not.toMatch(/[,;\t\r\n"]/);
        const read = quoted ? cell.slice(1, -1).replaceAll('""', '"') : cell;
        // What a spreadsheet reads never starts, after blanks, with a formula sign.
        expect(read).not.toMatch(/^\s*[=+\-@＝＋－＠\t\r\n]/);
      }),
    );
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
