import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { element, escapeXml, inlineHtml, plainText, xmlDocument } from '../../src/interchange/xml';
import { one, parseXml, textOf } from './xml-reader';

/** What XML 1.0 can hold of a string: the escape drops the rest and mends lone surrogates. */
const storable = (text: string) =>
  text.toWellFormed().replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');

describe('escapeXml', () => {
  it('writes <, &, > and " as entities, tabs and line breaks as character references', () => {
    expect(escapeXml('a < b && c > "d"')).toBe('a &lt; b &amp;&amp; c &gt; &quot;d&quot;');
    expect(escapeXml('1\t2\r\n3')).toBe('1&#9;2&#13;&#10;3');
    expect(escapeXml('plain 文本')).toBe('plain 文本');
  });

  it('drops what no XML document may hold, so the file stays well-formed', () => {
    expect(escapeXml('bell\u0007 nul\u0000 ok\uFFFF')).toBe('bell nul ok');
    expect(escapeXml('half \uD800 pair')).toBe('half \uFFFD pair');
  });

  // A hundred documents parsed by a full XML reader: seconds on a loaded machine, not a hang.
  it('gives back any text, in an attribute and as character data', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const root = parseXml(xmlDocument(element('t', { value: text }, escapeXml(text))));
        expect(root.attributes.value).toBe(storable(text));
        expect(textOf(root)).toBe(storable(text));
      }),
    );
  });
});

describe('element', () => {
  it('writes an empty element, inline content as it is, and child elements one to a line', () => {
    expect(element('a', { x: 1, y: undefined, z: true })).toBe('<a x="1" z="true"/>');
    expect(element('p', {}, `x ${element('code', {}, 'y')}`)).toBe('<p>x <code>y</code></p>');
    expect(element('list', {}, [element('i'), element('j')])).toBe('<list>\n<i/>\n<j/>\n</list>');
    expect(element('list', {}, [])).toBe('<list/>');
  });
});

describe('inlineHtml and plainText', () => {
  it('make backtick spans code, escaping everything', () => {
    const text = 'Run `docker ps -a | grep "<none>"` & look';
    expect(inlineHtml(text)).toBe('Run <code>docker ps -a | grep &quot;&lt;none&gt;&quot;</code> &amp; look');
    expect(plainText(text)).toBe('Run docker ps -a | grep "<none>" & look');
    const p = parseXml(`<p>${inlineHtml(text)}</p>`);
    expect(textOf(one(p, 'code'))).toBe('docker ps -a | grep "<none>"');
    expect(textOf(p)).toBe(plainText(text));
  });
});

describe('the test reader', () => {
  it('refuses documents that are not well-formed', () => {
    for (const broken of [
      '<a><b></a></b>',
      '<a>',
      '<a>fish & chips</a>',
      '<a>&nbsp;</a>',
      '<a x=1/>',
      '<a x="1" x="2"/>',
      '<a x="<"/>',
      '<a/><b/>',
      'text<a/>',
      '<x:a/>',
      '<a>]]></a>',
      '<a>&#0;</a>',
      '<a>\u0001</a>',
      '<!DOCTYPE a><a/>',
    ])
      expect(() => parseXml(broken), broken).toThrow(/not well-formed|no root/);
  });

  it('reads entities, CDATA, comments, declarations and declared prefixes', () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<!-- c --><r xmlns:x="u" x:a="&lt;&#x4E2D;"><![CDATA[<&>]]>&amp;<x:b/></r>\n',
    );
    expect(root.attributes['x:a']).toBe('<中');
    expect(textOf(root)).toBe('<&>&');
  });
});
