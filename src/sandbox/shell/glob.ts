/**
 * Shell wildcard patterns (`*.txt`, `file?.[ch]`, `[!a-z]*`), for pathname expansion, find -name
 * and -path, COPY sources and .dockerignore. Translated to regex source for the linear-time engine.
 */
import { compilePattern, type Pattern } from '../regex/index.ts';

/** A piece of an expanded word: quoted text never globs. */
export interface Segment {
  text: string;
  quoted: boolean;
}

/** How wildcards treat `/`. */
export interface GlobOptions {
  /** Let `*`, `?` and bracket expressions match `/` too (find -path); otherwise they never do. */
  slashes?: boolean;
  /** `**` matches across directories, a `/` after it included (.dockerignore). */
  doubleStar?: boolean;
}

/** Whether unquoted text in these segments contains a glob character. */
export function hasGlob(segments: Segment[]): boolean {
  return segments.some((s) => !s.quoted && /[*?[]/.test(s.text));
}

/** Splits backslash escapes out of pattern text: `\*` becomes a quoted `*` (a trailing `\` stays). */
export function globSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) segments.push({ text: text[++i] as string, quoted: true });
    else segments.push({ text: c, quoted: false });
  }
  return segments;
}

/** A whole-string matcher for a glob; quoted segments match literally. */
export function compileGlob(
  segments: Segment[],
  options: GlobOptions & { ignoreCase?: boolean } = {},
): Pattern {
  return compilePattern(`^${globSource(segments, options)}$`, { ignoreCase: options.ignoreCase ?? false });
}

interface GlobChar {
  c: string;
  quoted: boolean;
}

/** Regex source (for compilePattern, unanchored) matching what the glob matches. */
export function globSource(segments: Segment[], options: GlobOptions = {}): string {
  const chars: GlobChar[] = segments.flatMap(({ text, quoted }) =>
    text.split('').map((c) => ({ c, quoted })),
  );
  const any = options.slashes ? '[^]' : '[^/]';
  let source = '';
  for (let i = 0; i < chars.length; i++) {
    const { c, quoted } = chars[i] as GlobChar;
    if (quoted || !'*?['.includes(c)) source += literal(c);
    else if (c === '?') source += any;
    else if (c !== '*') {
      const bracket = bracketSource(chars, i, options.slashes ?? false);
      if (bracket) {
        source += bracket.source;
        i = bracket.end;
      } else source += literal(c);
    } else if (options.doubleStar && isUnquoted(chars[i + 1], '*')) {
      source += '[^]*';
      i++;
      if (isUnquoted(chars[i + 1], '/')) i++;
    } else source += `${any}*`;
  }
  return source;
}

function isUnquoted(char: GlobChar | undefined, c: string): boolean {
  return char !== undefined && !char.quoted && char.c === c;
}

/** One character as a regex literal. */
function literal(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** One character inside a regex class. */
function classMember(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** POSIX character classes, as code ranges. */
const CHARACTER_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9a-zA-Z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \t\n\r\f\v',
  blank: ' \t',
  punct: '!-/:-@[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\x00-\x1f\x7f',
  print: ' -~',
  graph: '!-~',
};

/** Members of a POSIX class as regex class source. */
function characterClassSource(name: string): string | undefined {
  const spec = CHARACTER_CLASSES[name];
  if (spec === undefined) return undefined;
  let out = '';
  for (let i = 0; i < spec.length; i++) {
    out += classMember(spec[i] as string);
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      out += `-${classMember(spec[i + 2] as string)}`;
      i += 2;
    }
  }
  return out;
}

/**
 * A bracket expression starting at `chars[start]` (`[abc]`, `[!a-z]`, `[^0-9]`, `[]x]`,
 * `[[:digit:]]`) as regex source, with the index of its closing `]`; undefined when it never closes
 * (then the `[` is literal).
 */
function bracketSource(
  chars: GlobChar[],
  start: number,
  slashes: boolean,
): { source: string; end: number } | undefined {
  let i = start + 1;
  const negated = isUnquoted(chars[i], '!') || isUnquoted(chars[i], '^');
  if (negated) i++;
  let members = '';
  for (let first = true; i < chars.length; first = false) {
    const { c } = chars[i] as GlobChar;
    if (isUnquoted(chars[i], ']') && !first) {
      // Wildcards never match `/` in a path component.
      const excluded = negated && !slashes ? classMember('/') : '';
      return { source: `[${negated ? '^' : ''}${members}${excluded}]`, end: i };
    }
    if (isUnquoted(chars[i], '[') && isUnquoted(chars[i + 1], ':')) {
      const close = chars.findIndex(
        (ch, k) => k > i + 1 && isUnquoted(ch, ':') && isUnquoted(chars[k + 1], ']'),
      );
      const named = close > 0 ? characterClassSource(text(chars, i + 2, close)) : undefined;
      if (named !== undefined) {
        members += named;
        i = close + 2;
        continue;
      }
    }
    const rangeEnd = chars[i + 2];
    if (isUnquoted(chars[i + 1], '-') && rangeEnd && !isUnquoted(rangeEnd, ']')) {
      if (c <= rangeEnd.c) members += `${classMember(c)}-${classMember(rangeEnd.c)}`;
      i += 3;
      continue;
    }
    members += classMember(c);
    i++;
  }
  return undefined;
}

function text(chars: GlobChar[], from: number, to: number): string {
  return chars
    .slice(from, to)
    .map((ch) => ch.c)
    .join('');
}
