/** POSIX regular expressions (BRE and ERE, as grep and sed read them) translated to JS RegExp source. */

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9a-zA-Z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
  word: '\\w',
};

/** Thrown for a malformed pattern, with GNU's message. */
export class RegexError extends Error {}

/** Translates a bracket expression starting at `pattern[start] === '['`; returns JS source and the end index. */
function bracket(pattern: string, start: number): { source: string; end: number } {
  let i = start + 1;
  let out = '[';
  if (pattern[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === ']' && !first) return { source: `${out}]`, end: i };
    first = false;
    if (c === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close === -1) throw new RegexError('Unmatched [, [^, [:, [., or [=');
      const name = pattern.slice(i + 2, close);
      const cls = CLASSES[name];
      if (cls === undefined) throw new RegexError('Invalid character class name');
      out += cls;
      i = close + 2;
      continue;
    }
    out += c === '\\' || c === ']' || c === '[' || (c === '^' && out.length > 1) ? `\\${c}` : c;
    i++;
  }
  throw new RegexError('Unmatched [, [^, [:, [., or [=');
}

/** Escapes text for use as a literal in a RegExp. */
export function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Translates a POSIX basic (BRE) or extended (ERE) regular expression to JS RegExp source. */
export function translateRegex(pattern: string, extended: boolean): string {
  let out = '';
  let depth = 0;
  // Where a `*` is literal and `^` is an anchor: at the start, after a group opens or an alternation.
  let atStart = true;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    const wasStart: boolean = atStart;
    atStart = false;
    if (c === '[') {
      const b = bracket(pattern, i);
      out += b.source;
      i = b.end;
      continue;
    }
    if (c === '\\') {
      const n = pattern[++i];
      if (n === undefined) throw new RegexError('Trailing backslash');
      if (!extended && '(){}|+?'.includes(n)) {
        if (n === '(') depth++;
        if (n === ')') {
          if (depth === 0) throw new RegexError('Unmatched ) or \\)');
          depth--;
        }
        out += n;
        atStart = n === '(' || n === '|';
      } else if (n === '<') out += '\\b(?=\\w)';
      else if (n === '>') out += '\\b(?<=\\w)';
      else if ('bBwWsS'.includes(n) || /\d/.test(n)) out += `\\${n}`;
      else out += escapeLiteral(n);
      continue;
    }
    if (c === '^') {
      out += wasStart || extended ? '^' : '\\^';
      atStart = wasStart;
      continue;
    }
    if (c === '$') {
      const next = pattern[i + 1];
      const atEnd =
        i === pattern.length - 1 ||
        (!extended && pattern.slice(i + 1, i + 3) === '\\)') ||
        (!extended && pattern.slice(i + 1, i + 3) === '\\|');
      out += atEnd || extended || next === undefined ? '$' : '\\$';
      continue;
    }
    if (c === '*') {
      out += wasStart ? '\\*' : '*';
      continue;
    }
    if ('(){}|+?'.includes(c)) {
      if (!extended) {
        out += `\\${c}`;
        continue;
      }
      if (c === '(') depth++;
      if (c === ')') {
        if (depth === 0) throw new RegexError('Unmatched ) or \\)');
        depth--;
      }
      if ((c === '+' || c === '?' || c === '{') && wasStart) {
        out += `\\${c}`;
        continue;
      }
      if (c === '{' && !/^\{\d*(,\d*)?\}/.test(pattern.slice(i))) {
        out += '\\{';
        continue;
      }
      out += c;
      atStart = c === '(' || c === '|';
      continue;
    }
    out += c === '/' ? '\\/' : c;
  }
  if (depth > 0) throw new RegexError('Unmatched ( or \\(');
  return out;
}
