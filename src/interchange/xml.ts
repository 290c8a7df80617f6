import { splitInlineCode } from '../lab/inline-code.ts';

/**
 * Text made safe for XML character data and (double-quoted) attribute values alike, the one escape
 * every exported text goes through: `&`, `<`, `>` and `"` become entities, and tabs and line breaks
 * character references (which a parser would otherwise turn into spaces in an attribute, and `\r\n`
 * into `\n` anywhere); characters XML 1.0 cannot hold at all (other C0 controls, U+FFFE, U+FFFF) are
 * dropped and lone surrogates become U+FFFD, rather than making a broken document.
 */
export function escapeXml(text: string): string {
  return text
    .toWellFormed()
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"\t\n\r]/g, (c) => ENTITIES[c as keyof typeof ENTITIES]);
}

const ENTITIES = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Attribute values by name; `undefined` leaves the attribute out. */
type Attributes = Record<string, string | number | boolean | undefined>;

/**
 * One element. `content` is XML already written (by `element`, or `escapeXml` for text): a string
 * goes in as it is (text and inline markup, where whitespace counts), an array of child elements
 * goes one to a line, so an exported file reads well in an editor. No content: an empty element.
 */
export function element(name: string, attributes: Attributes = {}, content: string | string[] = ''): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  const inner = typeof content === 'string' ? content : content.length ? `\n${content.join('\n')}\n` : '';
  return inner === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${inner}</${name}>`;
}

/** A whole XML document: the declaration, then its root element. */
export function xmlDocument(root: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}

/** A quiz text as inline (X)HTML: escaped, with its backtick spans as `<code>`. */
export function inlineHtml(text: string): string {
  return splitInlineCode(text)
    .map((run) => (run.code ? `<code>${escapeXml(run.text)}</code>` : escapeXml(run.text)))
    .join('');
}

/** A quiz text where only plain text may go: the backticks around code spans left out. */
export function plainText(text: string): string {
  return splitInlineCode(text)
    .map((run) => run.text)
    .join('');
}
