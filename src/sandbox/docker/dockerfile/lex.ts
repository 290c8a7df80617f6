/**
 * Port of moby/buildkit `frontend/dockerfile/shell/lex.go`: the word splitter and variable expander that
 * BuildKit runs over FROM, ENV, ARG, WORKDIR, COPY/ADD, USER, EXPOSE, LABEL, VOLUME, STOPSIGNAL and mount
 * options (never over RUN/CMD/ENTRYPOINT, whose text goes to the shell). Error texts are BuildKit's, wrapped
 * as `failed to process "<word>": <cause>` exactly like `shellWord.process`.
 */

import { compilePattern, type Pattern } from '../../regex/index.ts';
import { goQuote } from './goparse.ts';

/** Variables visible to an expansion: a plain record or a map. Lookups are case-sensitive (Linux). */
export type ExpandVars = Readonly<Record<string, string>> | ReadonlyMap<string, string>;

/** Lexer switches, named after the fields of BuildKit's `shell.Lex`. */
export type LexOptions = {
  /** The escape token from `# escape=` (default `\`). */
  escapeToken?: '\\' | '`';
  /** Keep quote characters in the output (heredoc detection uses this). */
  rawQuotes?: boolean;
  /** Keep escape characters in the output. */
  rawEscapes?: boolean;
  /** Leave `$VAR`/`${VAR…}` untouched when VAR is unset instead of expanding to "". */
  skipUnsetEnv?: boolean;
};

/** An expansion failure; `message` is what BuildKit prints. */
export class ExpandError extends Error {
  override name = 'ExpandError';
}

const EOF = '';

/** Rune scanner over a string (text/scanner Peek/Next, with EOF as ""). */
type Scanner = { chars: string[]; pos: number };

/** Peek at the next rune without consuming it. */
function peek(s: Scanner): string {
  return s.chars[s.pos] ?? EOF;
}

/** Consume and return the next rune. */
function next(s: Scanner): string {
  const ch = s.chars[s.pos] ?? EOF;
  if (ch !== EOF) s.pos++;
  return ch;
}

/** Go's unicode.IsSpace. */
export function isSpace(ch: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u.test(ch);
}

/** Internal state for one lexing run (BuildKit's `shellWord`). */
type ShellWord = {
  scanner: Scanner;
  vars: ExpandVars;
  escapeToken: string;
  rawQuotes: boolean;
  rawEscapes: boolean;
  skipUnsetEnv: boolean;
};

/** Word accumulator (BuildKit's `wordsStruct`). */
type Words = { buf: string; words: string[]; inWord: boolean };

/** Add a character subject to word splitting. */
function addChar(w: Words, ch: string): void {
  if (isSpace(ch) && w.inWord) {
    if (w.buf.length !== 0) {
      w.words.push(w.buf);
      w.buf = '';
      w.inWord = false;
    }
  } else if (!isSpace(ch)) {
    addRawChar(w, ch);
  }
}

/** Add a character verbatim (escaped or quoted). */
function addRawChar(w: Words, ch: string): void {
  w.buf += ch;
  w.inWord = true;
}

/** Flush and return the words collected so far. */
function getWords(w: Words): string[] {
  if (w.buf.length > 0) {
    w.words.push(w.buf);
    w.buf = '';
    w.inWord = false;
  }
  return w.words;
}

/** Look a variable up; `undefined` when unset. */
function getEnv(sw: ShellWord, name: string): string | undefined {
  if (sw.vars instanceof Map) return sw.vars.get(name);
  const rec = sw.vars as Readonly<Record<string, string>>;
  return Object.hasOwn(rec, name) ? rec[name] : undefined;
}

/** Result of processing up to a stop character: the joined text and the split words. */
type Processed = { text: string; words: string[] };

/** processStopOn: scan until `stop` (or end of input when stop is EOF). */
function processStopOn(sw: ShellWord, stop: string, rawEscapes: boolean): Processed {
  const saved = sw.rawEscapes;
  sw.rawEscapes = rawEscapes;
  try {
    return scanUntil(sw, stop);
  } finally {
    sw.rawEscapes = saved;
  }
}

/** The loop of processStopOn. */
function scanUntil(sw: ShellWord, stop: string): Processed {
  let result = '';
  const words: Words = { buf: '', words: [], inWord: false };
  while (peek(sw.scanner) !== EOF) {
    const ch = peek(sw.scanner);
    if (stop !== EOF && ch === stop) {
      next(sw.scanner);
      return { text: result, words: getWords(words) };
    }
    const special = specialFor(sw, ch);
    if (special) {
      const tmp = special();
      result += tmp;
      if (ch === '$') for (const c of tmp) addChar(words, c);
      else {
        words.buf += tmp;
        words.inWord = true;
      }
      continue;
    }
    const taken = takePlain(sw, words);
    if (taken === null) break;
    result += taken;
  }
  if (stop !== EOF) throw new ExpandError(`unexpected end of statement while looking for matching ${stop}`);
  return { text: result, words: getWords(words) };
}

/** The handler for `$`, `'` and `"`, if `ch` is one of them. */
function specialFor(sw: ShellWord, ch: string): (() => string) | undefined {
  if (ch === '$') return () => processDollar(sw);
  if (ch === "'") return () => processSingleQuote(sw);
  if (ch === '"') return () => processDoubleQuote(sw);
  return undefined;
}

/** Consume one ordinary (possibly escaped) character; null when an escape hits end of input. */
function takePlain(sw: ShellWord, words: Words): string | null {
  let ch = next(sw.scanner);
  let out = '';
  if (ch === sw.escapeToken) {
    if (sw.rawEscapes) {
      addRawChar(words, ch);
      out += ch;
    }
    ch = next(sw.scanner);
    if (ch === EOF) return out.length > 0 ? out : null;
    addRawChar(words, ch);
  } else {
    addChar(words, ch);
  }
  return out + ch;
}

/** Single quotes: everything literal up to the next `'`. */
function processSingleQuote(sw: ShellWord): string {
  let result = '';
  const open = next(sw.scanner);
  if (sw.rawQuotes) result += open;
  for (;;) {
    const ch = next(sw.scanner);
    if (ch === EOF)
      throw new ExpandError('unexpected end of statement while looking for matching single-quote');
    if (ch === "'") return sw.rawQuotes ? result + ch : result;
    result += ch;
  }
}

/** Double quotes: `$` expands; the escape token escapes only `"`, `$` and itself. */
function processDoubleQuote(sw: ShellWord): string {
  let result = '';
  const open = next(sw.scanner);
  if (sw.rawQuotes) result += open;
  for (;;) {
    const p = peek(sw.scanner);
    if (p === EOF)
      throw new ExpandError('unexpected end of statement while looking for matching double-quote');
    if (p === '"') {
      const close = next(sw.scanner);
      return sw.rawQuotes ? result + close : result;
    }
    if (p === '$') {
      result += processDollar(sw);
      continue;
    }
    result += doubleQuotedChar(sw);
  }
}

/** One character inside double quotes, resolving the escape token. */
function doubleQuotedChar(sw: ShellWord): string {
  let ch = next(sw.scanner);
  if (ch !== sw.escapeToken) return ch;
  const prefix = sw.rawEscapes ? ch : '';
  const p = peek(sw.scanner);
  if (p === EOF) return prefix;
  if (p === '"' || p === '$' || p === sw.escapeToken) ch = next(sw.scanner);
  return prefix + ch;
}

/** `$name`, `${name}` and the `${name<op>word}` forms. */
function processDollar(sw: ShellWord): string {
  next(sw.scanner);
  if (peek(sw.scanner) !== '{') return simpleDollar(sw);
  next(sw.scanner);
  const p = peek(sw.scanner);
  if (p === EOF) throw new ExpandError("syntax error: missing '}'");
  if (p === '{' || p === '}' || p === ':') throw new ExpandError('syntax error: bad substitution');
  const name = processName(sw);
  const ch = next(sw.scanner);
  if (ch === '}') return bracedValue(sw, name);
  if (ch === '/') return substitute(sw, name);
  if (ch !== EOF && ':+-?#%'.includes(ch)) return modifierValue(sw, name, ch);
  throw new ExpandError(`unsupported modifier (${runeString(ch)}) in substitution`);
}

/** `$name` (no braces). */
function simpleDollar(sw: ShellWord): string {
  const name = processName(sw);
  if (name === '') return '$';
  const value = getEnv(sw, name);
  if (value === undefined && sw.skipUnsetEnv) return `$${name}`;
  return value ?? '';
}

/** `${name}`. */
function bracedValue(sw: ShellWord, name: string): string {
  const value = getEnv(sw, name);
  if (value === undefined && sw.skipUnsetEnv) return `\${${name}}`;
  return value ?? '';
}

/** Read the word of a `${name<op>word}` up to `}`. */
function modifierWord(sw: ShellWord, rawEscapes: boolean): string {
  try {
    return processStopOn(sw, '}', rawEscapes).text;
  } catch (e) {
    if (peek(sw.scanner) === EOF) throw new ExpandError("syntax error: missing '}'");
    throw e;
  }
}

/** `${name:-w}`, `${name-w}`, `${name:+w}`, `${name+w}`, `${name:?w}`, `${name?w}`, `${name#p}`, `${name%p}`. */
function modifierValue(sw: ShellWord, name: string, first: string): string {
  let ch = first;
  let chs = first;
  const nullIsUnset = ch === ':';
  if (nullIsUnset) {
    ch = next(sw.scanner);
    chs += runeString(ch);
  }
  const rawEscapes = ch === '#' || ch === '%';
  if (nullIsUnset && rawEscapes) throw new ExpandError(`unsupported modifier (${chs}) in substitution`);
  const word = modifierWord(sw, rawEscapes);
  const value = getEnv(sw, name);
  if (sw.skipUnsetEnv && value === undefined) return `\${${name}${chs}${word}}`;
  return applyModifier({ name, ch, chs, word, value, nullIsUnset });
}

/** Operands of one `${…}` modifier. */
type Modifier = {
  name: string;
  ch: string;
  chs: string;
  word: string;
  value: string | undefined;
  nullIsUnset: boolean;
};

/** Apply a parsed modifier. */
function applyModifier(m: Modifier): string {
  const empty = m.value === undefined || (m.nullIsUnset && m.value === '');
  switch (m.ch) {
    case '-':
      return empty ? m.word : (m.value ?? '');
    case '+':
      return empty ? '' : m.word;
    case '?':
      return requireSet(m);
    case '%':
    case '#':
      return trimPattern(m.ch, m.word, m.value ?? '');
    default:
      throw new ExpandError(`unsupported modifier (${m.chs}) in substitution`);
  }
}

/** `${name?msg}` / `${name:?msg}`. */
function requireSet(m: Modifier): string {
  if (m.value === undefined) {
    throw new ExpandError(`${m.name}: ${m.word !== '' ? m.word : 'is not allowed to be unset'}`);
  }
  if (m.nullIsUnset && m.value === '') {
    throw new ExpandError(`${m.name}: ${m.word !== '' ? m.word : 'is not allowed to be empty'}`);
  }
  return m.value;
}

/** `${v#p}`, `${v##p}`, `${v%p}`, `${v%%p}`. */
function trimPattern(ch: string, pattern: string, value: string): string {
  let word = pattern;
  let greedy = false;
  if (word.length > 0 && word[0] === ch) {
    greedy = true;
    word = word.slice(1);
  }
  return ch === '%' ? trimSuffix(word, value, greedy) : trimPrefix(word, value, greedy);
}

/** `${name/pattern/replacement}` and `${name//pattern/replacement}`. */
function substitute(sw: ShellWord, name: string): string {
  const replaceAll = peek(sw.scanner) === '/';
  if (replaceAll) next(sw.scanner);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: BuildKit's message quotes shell syntax
  const pattern = stopOnOrMissing(sw, '/', "syntax error: missing '/' in ${}");
  const replacement = stopOnOrMissing(sw, '}', "syntax error: missing '}'");
  const value = getEnv(sw, name);
  if (sw.skipUnsetEnv && value === undefined) return `\${${name}/${pattern}/${replacement}}`;
  return shellPattern(pattern, true, false).replace(value ?? '', () => replacement, replaceAll);
}

/** processStopOn with raw escapes, mapping an early end of input to `missing`. */
function stopOnOrMissing(sw: ShellWord, stop: string, missing: string): string {
  try {
    return processStopOn(sw, stop, true).text;
  } catch (e) {
    if (peek(sw.scanner) === EOF) throw new ExpandError(missing);
    throw e;
  }
}

/** Read a variable name: digits, one special parameter, or letters/digits/underscore. */
function processName(sw: ShellWord): string {
  let name = '';
  while (peek(sw.scanner) !== EOF) {
    const ch = peek(sw.scanner);
    if (name.length === 0 && /^\p{Nd}$/u.test(ch)) {
      while (/^\p{Nd}$/u.test(peek(sw.scanner))) name += next(sw.scanner);
      return name;
    }
    if (name.length === 0 && '@*#?-$!0'.includes(ch)) return next(sw.scanner);
    if (!/^[\p{L}\p{Nd}_]$/u.test(ch)) break;
    name += next(sw.scanner);
  }
  return name;
}

/** convertShellPatternToRegex: `*`, `?` and backslash escapes, no bracket expressions; by code point. */
function shellPattern(pattern: string, greedy: boolean, anchored: boolean): Pattern {
  const chars = [...pattern];
  let out = anchored ? '^' : '';
  const star = greedy ? '.*' : '.*?';
  for (let i = 0; i < chars.length; i++) {
    const tok = chars[i] as string;
    if (tok === '*') out += star;
    else if (tok === '?') out += '.';
    else if (tok === '\\') {
      const after = chars[i + 1];
      if (after === '}' || after === '/') continue;
      i++;
      if (after !== '*' && after !== '?' && after !== '\\') {
        throw new ExpandError(
          `invalid pattern (${pattern}) in substitution: invalid escape '\\${after ?? ''}'`,
        );
      }
      out += `\\${after}`;
    } else if ('[]{}.+()|^$'.includes(tok)) out += `\\${tok}`;
    else out += tok;
  }
  return compilePattern(out, { unicode: true });
}

/** Remove the shortest (or longest) matching prefix. */
function trimPrefix(word: string, value: string, greedy: boolean): string {
  const m = shellPattern(word, greedy, true).exec(value);
  return m ? value.slice(m.end) : value;
}

/** Reverse a pattern without reversing escape pairs (`a\*c` -> `c\*a`). */
function reversePattern(pattern: string): string {
  const runes = [...pattern];
  const out: string[] = new Array(runes.length);
  const last = runes.length - 1;
  for (let i = 0; i <= last; ) {
    const tok = runes[i] as string;
    const outIdx = last - i;
    if (tok === '\\' && i !== last) {
      out[outIdx - 1] = tok;
      out[outIdx] = runes[i + 1] as string;
      i += 2;
    } else {
      out[outIdx] = tok;
      i++;
    }
  }
  return out.join('');
}

/** Remove the shortest (or longest) matching suffix, by reversing both sides. */
function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  const reversed = trimPrefix(reversePattern(pattern), [...value].reverse().join(''), greedy);
  return [...reversed].reverse().join('');
}

/** Go's string(rune) of a scanned rune: EOF (-1) becomes U+FFFD. */
function runeString(ch: string): string {
  return ch === EOF ? '\uFFFD' : ch;
}

/** Run the lexer over `word`, wrapping failures like `shellWord.process`. */
function run(word: string, vars: ExpandVars, options: LexOptions): Processed {
  const sw: ShellWord = {
    scanner: { chars: [...word], pos: 0 },
    vars,
    escapeToken: options.escapeToken ?? '\\',
    rawQuotes: options.rawQuotes ?? false,
    rawEscapes: options.rawEscapes ?? false,
    skipUnsetEnv: options.skipUnsetEnv ?? false,
  };
  try {
    return processStopOn(sw, EOF, sw.rawEscapes);
  } catch (e) {
    if (e instanceof ExpandError) throw new ExpandError(`failed to process ${goQuote(word)}: ${e.message}`);
    throw e;
  }
}

/**
 * ProcessWord: expand variables and remove quotes/escapes, keeping spaces. Throws {@link ExpandError}
 * with BuildKit's message (e.g. `failed to process "${x": syntax error: missing '}'`).
 */
export function expand(word: string, vars: ExpandVars, options: LexOptions = {}): string {
  return run(word, vars, options).text;
}

/** ProcessWords: like {@link expand}, then split on unquoted whitespace (after substitution). */
export function expandWords(word: string, vars: ExpandVars, options: LexOptions = {}): string[] {
  return run(word, vars, options).words;
}

/** Non-throwing {@link expand}. */
export function tryExpand(
  word: string,
  vars: ExpandVars,
  options: LexOptions = {},
): { ok: true; value: string } | { ok: false; error: string } {
  try {
    return { ok: true, value: expand(word, vars, options) };
  } catch (e) {
    if (e instanceof ExpandError) return { ok: false, error: e.message };
    throw e;
  }
}
