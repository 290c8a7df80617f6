/** An element read back from an exported file. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const isXmlChar = (code: number) =>
  code === 0x9 ||
  code === 0xa ||
  code === 0xd ||
  (code >= 0x20 && code <= 0xd7ff) ||
  (code >= 0xe000 && code <= 0xfffd) ||
  (code >= 0x10000 && code <= 0x10ffff);
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isNameStart = (c: string) =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === ':' || c.charCodeAt(0) > 0x7f;
const isNameChar = (c: string) => isNameStart(c) || (c >= '0' && c <= '9') || c === '-' || c === '.';

/**
 * Reads an XML document and throws, naming the offset, where it is not well-formed: one root element,
 * tags that nest and close, quoted attributes without `<` and without repeats, only the five named
 * entities and character references to XML characters, no bare `&`, no `]]>` in text, no character
 * XML cannot hold, and every namespace prefix declared. Line ends and attribute values are normalised
 * as the XML specification says. Comments and processing instructions are
 * skipped; DOCTYPE is refused (no export writes one). Written for the tests, so they check structure
 * without a new dependency.
 */
export function parseXml(document: string): XmlElement {
  // As every parser does: line ends become \n before anything else.
  const source = document.replace(/\r\n?/g, '\n');
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed at ${at}: ${why} (…${source.slice(Math.max(0, at - 30), at + 30)}…)`);
  };
  for (const char of source)
    if (!isXmlChar(char.codePointAt(0) ?? 0)) fail(`character U+${char.codePointAt(0)?.toString(16)}`);

  const startsWith = (text: string) => source.startsWith(text, at);
  const skipSpace = () => {
    while (isSpace(source[at])) at++;
  };
  const until = (end: string, what: string) => {
    const found = source.indexOf(end, at);
    if (found < 0) fail(`unclosed ${what}`);
    const body = source.slice(at, found);
    at = found + end.length;
    return body;
  };
  const name = () => {
    const start = at;
    if (!isNameStart(source[at] ?? '')) fail('a name expected');
    while (at < source.length && isNameChar(source[at] as string)) at++;
    return source.slice(start, at);
  };
  const decode = (raw: string) => {
    let out = '';
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i] as string;
      if (c !== '&') {
        out += c;
        continue;
      }
      const end = raw.indexOf(';', i);
      if (end < 0) fail('a bare &');
      const ref = raw.slice(i + 1, end);
      if (ref.startsWith('#')) {
        const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
        if (!/^#(x[0-9a-fA-F]+|[0-9]+)$/.test(ref) || !isXmlChar(code)) fail(`character reference &${ref};`);
        out += String.fromCodePoint(code);
      } else {
        const value = PREDEFINED[ref];
        if (value === undefined) fail(`undefined entity &${ref};`);
        out += value;
      }
      i = end;
    }
    return out;
  };
  /** Comments and processing instructions, wherever markup may go; true when one was skipped. */
  const misc = () => {
    if (startsWith('<!--')) {
      at += 4;
      if (until('-->', 'comment').includes('--')) fail('-- inside a comment');
      return true;
    }
    if (startsWith('<?')) {
      at += 2;
      until('?>', 'processing instruction');
      return true;
    }
    if (startsWith('<!DOCTYPE')) fail('a DOCTYPE');
    return false;
  };
  const checkPrefix = (qualified: string, scope: Set<string>) => {
    const colon = qualified.indexOf(':');
    if (colon < 0) return;
    const prefix = qualified.slice(0, colon);
    if (prefix !== 'xml' && prefix !== 'xmlns' && !scope.has(prefix)) fail(`undeclared prefix ${prefix}`);
  };

  const element = (outer: Set<string>): XmlElement => {
    at++; // <
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const hadSpace = isSpace(source[at]);
      skipSpace();
      if (startsWith('/>') || startsWith('>')) break;
      if (!hadSpace) fail('no space before an attribute');
      const key = name();
      skipSpace();
      if (source[at] !== '=') fail(`no = after ${key}`);
      at++;
      skipSpace();
      const quote = source[at];
      if (quote !== '"' && quote !== "'") fail(`unquoted value of ${key}`);
      at++;
      const raw = until(quote as string, `value of ${key}`);
      if (raw.includes('<')) fail(`< in the value of ${key}`);
      if (Object.hasOwn(attributes, key)) fail(`${key} twice`);
      // Attribute-value normalisation: literal tabs and line ends are spaces, character references stay.
      attributes[key] = decode(raw.replace(/[\t\n]/g, ' '));
    }
    const scope = new Set(outer);
    for (const key of Object.keys(attributes)) if (key.startsWith('xmlns:')) scope.add(key.slice(6));
    checkPrefix(tag, scope);
    for (const key of Object.keys(attributes)) checkPrefix(key, scope);
    const result: XmlElement = { name: tag, attributes, children: [] };
    if (startsWith('/>')) {
      at += 2;
      return result;
    }
    at++; // >
    for (;;) {
      if (at >= source.length) fail(`<${tag}> never closes`);
      if (startsWith('</')) {
        at += 2;
        const closing = name();
        skipSpace();
        if (closing !== tag || source[at] !== '>') fail(`</${closing}> closes <${tag}>`);
        at++;
        return result;
      }
      if (startsWith('<![CDATA[')) {
        at += 9;
        result.children.push(until(']]>', 'CDATA section'));
      } else if (misc()) {
        // skipped
      } else if (source[at] === '<') {
        result.children.push(element(scope));
      } else {
        const end = source.indexOf('<', at);
        const raw = source.slice(at, end < 0 ? source.length : end);
        if (raw.includes(']]>')) fail(']]> in text');
        result.children.push(decode(raw));
        at += raw.length;
      }
    }
  };

  let root: XmlElement | undefined;
  for (;;) {
    skipSpace();
    if (at >= source.length) break;
    if (misc()) continue;
    if (source[at] !== '<' || root)
      fail(root ? 'content after the root element' : 'text before the root element');
    root = element(new Set());
  }
  return root ?? fail('no root element');
}

/** Every element called `name` inside `root`, in document order (`root` itself included). */
export function all(root: XmlElement, name: string): XmlElement[] {
  const found = root.name === name ? [root] : [];
  for (const child of root.children) if (typeof child !== 'string') found.push(...all(child, name));
  return found;
}

/** The first element called `name` inside `root`; throws when there is none. */
export function one(root: XmlElement, name: string): XmlElement {
  const found = all(root, name)[0];
  if (!found) throw new Error(`no <${name}> in <${root.name}>`);
  return found;
}

/** The text inside an element, markup left out. */
export function textOf(node: XmlElement | string): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}
