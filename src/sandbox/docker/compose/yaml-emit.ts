import { goNumber, resolveScalar } from './yaml.ts';

/**
 * The block-style YAML that go-yaml v3's encoder writes with `SetIndent(2)`, as `docker compose
 * config` prints: mappings in the order given (a Map, for Go struct field order; a plain object,
 * sorted as Go sorts map keys), sequences indented under their key, strings plain when they read
 * back as strings, else single- or double-quoted, and `|`/`|-`/`|+` for multi-line text.
 */
export type EmitValue =
  | null
  | boolean
  | number
  | string
  | EmitValue[]
  | EmitMap
  | { [key: string]: EmitValue };
export type EmitMap = Map<string, EmitValue>;

export function emitYaml(value: EmitValue): string {
  const lines: string[] = [];
  emitNode(value, 0, lines, '');
  return `${lines.join('\n')}\n`;
}

function entriesOf(value: EmitMap | { [key: string]: EmitValue }): [string, EmitValue][] {
  if (value instanceof Map) return [...value.entries()];
  return Object.keys(value)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => [k, (value as Record<string, EmitValue>)[k] as EmitValue]);
}

function isCollection(v: EmitValue): v is EmitValue[] | EmitMap | { [key: string]: EmitValue } {
  return v !== null && typeof v === 'object';
}

function isEmpty(v: EmitValue[] | EmitMap | { [key: string]: EmitValue }): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return entriesOf(v).length === 0;
}

/** Writes `value` whose first line continues `prefix` (a key, or `- `). */
function emitNode(value: EmitValue, indent: number, lines: string[], prefix: string): void {
  const pad = ' '.repeat(indent);
  if (!isCollection(value)) {
    const text = scalarText(value, indent);
    const [first = '', ...rest] = text.split('\n');
    lines.push(`${prefix}${first}`);
    lines.push(...rest);
    return;
  }
  if (isEmpty(value)) {
    lines.push(`${prefix}${Array.isArray(value) ? '[]' : '{}'}`);
    return;
  }
  if (Array.isArray(value)) {
    let first = prefix !== '';
    for (const item of value) {
      const lead = first ? prefix : pad;
      first = false;
      emitNode(item, indent + 2, lines, `${lead}- `);
    }
    return;
  }
  let first = prefix !== '';
  for (const [k, v] of entriesOf(value)) {
    const lead = first ? prefix : pad;
    first = false;
    const key = `${lead}${keyText(k)}:`;
    if (isCollection(v) && !isEmpty(v)) {
      lines.push(key);
      emitNode(v, indent + 2, lines, '');
    } else emitNode(v, indent + 2, lines, `${key} `);
  }
}

function keyText(key: string): string {
  const style = stringStyle(key, true);
  return style === 'plain' ? key : quote(key, style === 'single' ? 'single' : 'double');
}

function scalarText(value: null | boolean | number | string, indent: number): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return goNumber(value);
  }
  const style = stringStyle(value, false);
  if (style === 'literal') return literal(value, indent);
  return style === 'plain' ? value : quote(value, style);
}

type Style = 'plain' | 'single' | 'double' | 'literal';

/** go-yaml's stringv() and the emitter's analyze/select steps for a block context. */
export function stringStyle(s: string, simpleKey: boolean): Style {
  const resolved = resolveScalar(s);
  const oldBool = /^(y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF)$/.test(s);
  const base60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s);
  const canUsePlain = typeof resolved === 'string' && resolved === s && !oldBool && !base60;
  const a = analyze(s);
  let style: Style;
  if (s.includes('\n')) style = 'literal';
  else if (canUsePlain) style = 'plain';
  else style = 'double';
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (s.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

function analyze(value: string) {
  const r = { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (value.length === 0) return { ...r, blockAllowed: false };
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let tabs = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  const chars = [...value];
  chars.forEach((c, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || next === '\n';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if ((c === ':' && followedByWhitespace) || (c === '#' && precededByWhitespace)) {
      blockIndicators = true;
    }
    const code = c.codePointAt(0) as number;
    if (c === '\t') tabs = true;
    else if (!isPrintable(code) && c !== '\n') special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (c === '\n') {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = c === ' ' || c === '\t' || c === '\n';
  });
  r.multiline = lineBreaks;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) r.blockPlainAllowed = false;
  if (trailingSpace) r.blockAllowed = false;
  if (breakSpace) {
    r.blockPlainAllowed = false;
    r.singleQuotedAllowed = false;
  }
  if (spaceBreak || tabs || special) {
    r.blockPlainAllowed = false;
    r.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) r.blockAllowed = false;
  if (lineBreaks) r.blockPlainAllowed = false;
  if (blockIndicators) r.blockPlainAllowed = false;
  return r;
}

function isPrintable(c: number): boolean {
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    c === 0x85 ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

function quote(s: string, style: 'single' | 'double'): string {
  if (style === 'single') return `'${s.replace(/'/g, "''")}'`;
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0) as number;
    switch (c) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\0':
        out += '\\0';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\v':
        out += '\\v';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\x1b':
        out += '\\e';
        continue;
    }
    if (!isPrintable(code) || code === 0xfeff) {
      if (code <= 0xff) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
      else if (code <= 0xffff) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
      else out += `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`;
    } else out += c;
  }
  return `${out}"`;
}

/** A literal block scalar with go-yaml's indentation and chomping hints. */
function literal(s: string, indent: number): string {
  let header = '|';
  if (s.startsWith(' ') || s.startsWith('\n')) header += '2';
  if (!s.endsWith('\n')) header += '-';
  else if (s === '\n' || s.endsWith('\n\n')) header += '+';
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  const pad = ' '.repeat(indent);
  return [header, ...body.split('\n').map((l) => (l ? `${pad}${l}` : ''))].join('\n');
}
