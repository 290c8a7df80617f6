/**
 * Port of moby/buildkit `frontend/dockerfile/parser` (parser.go, line_parsers.go, split_command.go,
 * directives.go): turns Dockerfile text into one node per instruction, handling parser directives,
 * comments, line continuations, here-documents, builder flags and the per-instruction argument forms
 * (JSON/shell, key=value, whitespace lists). Semantic checks live in parser.ts.
 */

import type { Directive, DockerfileError, Heredoc } from './instructions.ts';
import { expandWords, isSpace } from './lex.ts';

/** One parsed instruction line (BuildKit's `parser.Node`, flattened). */
export type Node = {
  /** The keyword as written. */
  value: string;
  /** nodeArgs(): the argument words (for ONBUILD, the trigger keyword then its arguments). */
  args: string[];
  /** Arguments came from a JSON array. */
  json: boolean;
  /** ENV/LABEL: the separator of each pair ("=" or "" for the legacy form), parallel to the pairs. */
  separators: string[];
  original: string;
  flags: string[];
  heredocs: Heredoc[];
  startLine: number;
  endLine: number;
  /** ONBUILD's trigger node. */
  child: Node | null;
};

/** Result of the low-level parse. */
export type AstResult =
  | { ok: true; nodes: Node[]; escapeToken: '\\' | '`'; directives: Directive[] }
  | { ok: false; error: DockerfileError };

/** A parser failure carrying BuildKit's location (start/end lines). */
class ParseFailure {
  message: string;
  line: number;
  endLine: number;
  constructor(message: string, line: number, endLine = 0) {
    this.message = message;
    this.line = line;
    this.endLine = endLine;
  }
}

/** Thrown by line parsers; located by the caller (BuildKit's withLocation). */
class LineError {
  message: string;
  constructor(message: string) {
    this.message = message;
  }
}

const WHITESPACE = /[\t\v\f\r ]+/;
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const HEREDOC = /^(\d*)<<(-?)([^<]*)$/;
const HEREDOC_COMMANDS = new Set(['add', 'copy', 'run']);

/** Mutable parse state (BuildKit's `directives` plus the scanner). */
type State = {
  lines: string[];
  pos: number;
  escapeToken: '\\' | '`';
  continuation: RegExp;
  directivesDone: boolean;
  directiveLine: number;
  seen: Set<string>;
  directives: Directive[];
};

/** Split into lines keeping their terminators (BuildKit's scanLines). */
function scanLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
    out.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** The continuation regexp for an escape token. */
function continuationRegex(token: string): RegExp {
  const t = `\\${token}`;
  return new RegExp(`([^${t}])${t}[ \\t]*$|^${t}[ \\t]*$`);
}

/** setEscapeToken. */
function setEscapeToken(st: State, value: string): void {
  if (value !== '`' && value !== '\\') {
    throw new LineError(`invalid escape token '${value}' does not match \` or \\`);
  }
  st.escapeToken = value;
  st.continuation = continuationRegex(value);
}

/** Strip the trailing `\r`/`\n` run. */
function trimNewline(s: string): string {
  return s.replace(/[\r\n]+$/, '');
}

/** Strip leading Unicode whitespace. */
function trimLeadingSpace(s: string): string {
  let i = 0;
  const chars = [...s];
  while (i < chars.length && isSpace(chars[i] as string)) i++;
  return chars.slice(i).join('');
}

/** A comment line: first non-space character is `#`. */
function isComment(line: string): boolean {
  return trimLeadingSpace(line).startsWith('#');
}

/** DirectiveParser.ParseLine: true when the line was a directive. */
function parseDirective(st: State, token: string): boolean {
  st.directiveLine++;
  if (st.directivesDone) return false;
  if (!token.startsWith('#')) {
    st.directivesDone = true;
    return false;
  }
  const m = DIRECTIVE.exec(trimLeadingSpace(token.slice(1)));
  const key = m?.[1]?.toLowerCase();
  if (!m || (key !== 'syntax' && key !== 'escape' && key !== 'check')) {
    st.directivesDone = true;
    return false;
  }
  if (st.seen.has(key)) throw new LineError(`only one ${key} parser directive can be used`);
  st.seen.add(key);
  const value = m[2] as string;
  if (key === 'escape') setEscapeToken(st, value);
  st.directives.push({ name: key, value, line: st.directiveLine });
  return true;
}

/** processLine: trim, look for a directive, blank out comments. */
function processLine(st: State, raw: string, stripLeft: boolean): string {
  let token = trimNewline(raw);
  if (stripLeft) token = trimLeadingSpace(token);
  parseDirective(st, token);
  return isComment(token) ? '' : token;
}

/** trimContinuationCharacter: [text, isEndOfLine]. */
function trimContinuation(st: State, line: string): [string, boolean] {
  if (st.continuation.test(line)) return [line.replace(st.continuation, '$1'), false];
  return [line, true];
}

/** Read the continuation lines of an instruction; returns the joined text. */
function readContinuations(st: State, first: string): string {
  let [line, eol] = trimContinuation(st, first);
  while (!eol && st.pos < st.lines.length) {
    const raw = st.lines[st.pos++] as string;
    const processed = processLine(st, raw, false);
    if (isComment(raw)) continue;
    if (trimLeadingSpace(trimNewline(processed)).length === 0) continue;
    const [text, end] = trimContinuation(st, processed);
    line += text;
    eol = end;
  }
  return line;
}

/** parseWords: split on unquoted whitespace, keeping quotes and escapes in the words. */
function parseWords(rest: string, escapeToken: string): string[] {
  const words: string[] = [];
  const chars = [...rest];
  let word = '';
  let inWord = false;
  let quote = '';
  let blankOK = false;
  const flush = (): void => {
    if (blankOK || word.length > 0) words.push(word);
    word = '';
    blankOK = false;
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (!inWord && quote === '') {
      if (isSpace(ch)) continue;
      inWord = true;
    }
    if (quote === '') {
      if (isSpace(ch)) {
        inWord = false;
        flush();
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
      } else if (ch === escapeToken) {
        if (i + 1 === chars.length) continue;
        word += ch;
        i++;
        word += chars[i];
        continue;
      }
      word += ch;
      continue;
    }
    if (ch === quote) quote = '';
    else if (ch === escapeToken && quote !== "'") {
      if (i + 1 === chars.length) {
        quote = '';
        continue;
      }
      word += ch;
      i++;
      word += chars[i];
      continue;
    }
    word += ch;
  }
  if (inWord || quote !== '') flush();
  return words;
}

/** Parsed arguments of one line parser. */
type Parsed = { args: string[]; json: boolean; separators: string[]; child: Node | null };

/** A fresh empty result (never shared: consumers may sort `args`). */
function empty(): Parsed {
  return { args: [], json: false, separators: [], child: null };
}

/** parseNameVal for ENV and LABEL. */
function parseNameVal(rest: string, key: string, escapeToken: string): Parsed {
  const words = parseWords(rest, escapeToken);
  if (words.length === 0) return empty();
  if (!(words[0] as string).includes('=')) {
    const parts = splitN(rest, WHITESPACE, 2);
    if (parts.length < 2) throw new LineError(`${key} must have two arguments`);
    return { ...empty(), args: [parts[0] as string, parts[1] as string], separators: [''] };
  }
  const args: string[] = [];
  const separators: string[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) {
      throw new LineError(
        `Syntax error - can't find = in ${goQuoteSimple(word)}. Must be of the form: name=value`,
      );
    }
    args.push(word.slice(0, eq), word.slice(eq + 1));
    separators.push('=');
  }
  return { ...empty(), args, separators };
}

/** Go's regexp.Split(s, n) for n > 0. */
function splitN(s: string, re: RegExp, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const m = re.exec(rest);
    if (!m) break;
    out.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  out.push(rest);
  return out;
}

/** strconv.Quote for the few characters a Dockerfile word can hold. */
function goQuoteSimple(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t')}"`;
}

/** parseStringsWhitespaceDelimited. */
function parseWhitespaceList(rest: string): Parsed {
  if (rest === '') return empty();
  return { ...empty(), args: rest.split(WHITESPACE) };
}

/** parseString: the whole rest as one argument. */
function parseString(rest: string): Parsed {
  return rest === '' ? empty() : { ...empty(), args: [rest] };
}

/** parseJSON: a JSON array of strings, or null when `rest` is not a JSON array. */
function parseJSON(rest: string): Parsed | null {
  const trimmed = trimLeadingSpace(rest);
  if (!trimmed.startsWith('[')) return null;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  if (!value.every((v) => typeof v === 'string')) {
    throw new LineError('when using JSON array syntax, arrays must be comprised of strings only');
  }
  return { ...empty(), args: value as string[], json: true };
}

/** parseMaybeJSON: JSON array, else the whole rest as one string. */
function parseMaybeJSON(rest: string): Parsed {
  if (rest === '') return empty();
  return parseJSON(rest) ?? { ...empty(), args: [rest] };
}

/** parseMaybeJSONToList: JSON array, else a whitespace list. */
function parseMaybeJSONToList(rest: string): Parsed {
  return parseJSON(rest) ?? parseWhitespaceList(rest);
}

/** parseHealthConfig: the type word, then parseMaybeJSON of the rest. */
function parseHealthConfig(rest: string): Parsed {
  const m = /^(\S*)\s*/.exec(rest) as RegExpExecArray;
  const typ = m[1] as string;
  if (typ === '') return empty();
  const cmd = parseMaybeJSON(rest.slice(m[0].length));
  return { ...cmd, args: [typ, ...cmd.args] };
}

/** parseSubCommand (ONBUILD). */
function parseSubCommand(rest: string, st: State): Parsed {
  if (rest === '') return empty();
  const child = newNode(rest, st);
  return { ...empty(), args: [child.value, ...child.args], child };
}

/** Dispatch table of line parsers. */
function parseArgs(cmd: string, rest: string, st: State): Parsed {
  switch (cmd) {
    case 'add':
    case 'copy':
    case 'volume':
      return parseMaybeJSONToList(rest);
    case 'arg':
      return { ...empty(), args: parseWords(rest, st.escapeToken) };
    case 'cmd':
    case 'entrypoint':
    case 'run':
    case 'shell':
      return parseMaybeJSON(rest);
    case 'env':
      return parseNameVal(rest, 'ENV', st.escapeToken);
    case 'label':
      return parseNameVal(rest, 'LABEL', st.escapeToken);
    case 'expose':
    case 'from':
      return parseWhitespaceList(rest);
    case 'healthcheck':
      return parseHealthConfig(rest);
    case 'maintainer':
    case 'stopsignal':
    case 'user':
    case 'workdir':
      return parseString(rest);
    case 'onbuild':
      return parseSubCommand(rest, st);
    default:
      return { ...empty(), args: [''] };
  }
}

/** extractBuilderFlags: leading `--flag` words, and the rest of the line. */
export function extractBuilderFlags(line: string): { rest: string; flags: string[] } {
  const flags: string[] = [];
  let pos = 0;
  for (;;) {
    while (pos < line.length && isSpace(line[pos] as string)) pos++;
    if (pos >= line.length) return { rest: '', flags };
    if (!line.startsWith('--', pos)) return { rest: line.slice(pos), flags };
    const w = readFlagWord(line, pos);
    if (w.word === '--') {
      return { rest: w.end >= line.length ? '' : line.slice(w.end), flags };
    }
    if (w.quoted || w.word.length > 0) flags.push(w.word);
    pos = w.end;
  }
}

/** One flag word: quotes removed, backslash escapes resolved. */
function readFlagWord(line: string, start: number): { word: string; quoted: boolean; end: number } {
  let word = '';
  let quote = '';
  let quoted = false;
  let pos = start;
  for (; pos < line.length; pos++) {
    let ch = line[pos] as string;
    if (quote === '' && isSpace(ch)) break;
    if (quote === '' && (ch === "'" || ch === '"')) {
      quote = ch;
      quoted = true;
      continue;
    }
    if (quote !== '' && ch === quote) {
      quote = '';
      continue;
    }
    if (ch === '\\') {
      if (pos + 1 === line.length) {
        quote = '';
        continue;
      }
      pos++;
      ch = line[pos] as string;
    }
    word += ch;
  }
  return { word, quoted, end: pos };
}

/** splitCommand + dispatch: build a node from one logical line. */
function newNode(line: string, st: State): Node {
  const trimmed = line.trim();
  const m = WHITESPACE.exec(trimmed);
  const value = m ? trimmed.slice(0, m.index) : trimmed;
  const after = m ? trimmed.slice(m.index + m[0].length) : null;
  const { rest, flags } = after === null ? { rest: '', flags: [] } : extractBuilderFlags(after);
  const parsed = parseArgs(value.toLowerCase(), rest.trim(), st);
  return {
    value,
    args: parsed.args,
    json: parsed.json,
    separators: parsed.separators,
    original: line,
    flags,
    heredocs: [],
    startLine: 0,
    endLine: 0,
    child: parsed.child,
  };
}

/** canContainHeredoc: RUN/COPY/ADD (also as an ONBUILD trigger) in shell form. */
function canContainHeredoc(node: Node): boolean {
  const target = node.value.toLowerCase() === 'onbuild' && node.child ? node.child : node;
  return HEREDOC_COMMANDS.has(target.value.toLowerCase()) && !target.json;
}

/** ParseHeredoc: a `<<WORD` token, or null. */
export function parseHeredoc(src: string): Omit<Heredoc, 'content'> | null {
  const m = HEREDOC.exec(src);
  if (!m) return null;
  const rest = m[3] as string;
  if (rest === '') return null;
  const words = safeWords(rest, false);
  if (words.length !== 1) return null;
  const raw = safeWords(rest, true);
  const word = words[0] as string;
  const quotes = (s: string): number => s.split(/['"]/).length - 1;
  return {
    name: word,
    fileDescriptor: m[1] === '' ? 0 : Number(m[1]),
    expand: quotes(word) === quotes(raw[0] ?? ''),
    chomp: m[2] === '-',
  };
}

/** ProcessWords with an empty environment, unset variables kept; [] on a lexing error. */
function safeWords(text: string, rawQuotes: boolean, rawEscapes = false): string[] {
  try {
    return expandWords(text, {}, { escapeToken: '\\', rawQuotes, rawEscapes, skipUnsetEnv: true });
  } catch {
    return [];
  }
}

/** heredocsFromLine. */
function heredocsFromLine(line: string): Omit<Heredoc, 'content'>[] {
  const out: Omit<Heredoc, 'content'>[] = [];
  for (const word of safeWords(line, true, true)) {
    const h = parseHeredoc(word);
    if (h) out.push(h);
  }
  return out;
}

/** Read heredoc bodies following an instruction. */
function readHeredocs(st: State, node: Node, startLine: number): void {
  if (!canContainHeredoc(node) || !node.original.includes('<<')) return;
  for (const h of heredocsFromLine(node.original)) {
    let content = '';
    let terminated = false;
    while (st.pos < st.lines.length) {
      const raw = st.lines[st.pos++] as string;
      let candidate = trimNewline(raw);
      if (h.chomp) candidate = candidate.replace(/^\t+/, '');
      if (candidate === h.name) {
        terminated = true;
        break;
      }
      content += raw;
    }
    if (!terminated) throw new ParseFailure('unterminated heredoc', startLine, st.pos);
    node.heredocs.push({ ...h, content });
  }
}

/** Parse the next instruction, or null when only blank/comment lines remain. */
function nextNode(st: State): Node | null {
  while (st.pos < st.lines.length) {
    let raw = st.lines[st.pos] as string;
    if (st.pos === 0 && raw.startsWith('\uFEFF')) raw = raw.slice(1);
    const first = located(() => processLine(st, raw, true), st.pos);
    st.pos++;
    const startLine = st.pos;
    const [probe, eol] = trimContinuation(st, first);
    if (eol && probe === '') continue;
    const line = located(() => readContinuations(st, first), st.pos);
    const node = located(() => newNode(line, st), startLine, st.pos);
    readHeredocs(st, node, startLine);
    node.startLine = startLine;
    node.endLine = st.pos;
    return node;
  }
  return null;
}

/** Run `fn`, turning a LineError into a located ParseFailure. */
function located<T>(fn: () => T, line: number, endLine = 0): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LineError) throw new ParseFailure(e.message, line, endLine);
    throw e;
  }
}

/** Parse Dockerfile text into instruction nodes (BuildKit's parser.Parse). */
export function parseAst(text: string): AstResult {
  const st: State = {
    lines: scanLines(text),
    pos: 0,
    escapeToken: '\\',
    continuation: continuationRegex('\\'),
    directivesDone: false,
    directiveLine: 0,
    seen: new Set(),
    directives: [],
  };
  const nodes: Node[] = [];
  try {
    for (let node = nextNode(st); node; node = nextNode(st)) nodes.push(node);
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    return { ok: false, error: toError(e.message, e.line, e.endLine) };
  }
  if (nodes.length === 0) return { ok: false, error: toError('file with no instructions', st.pos, 0) };
  return { ok: true, nodes, escapeToken: st.escapeToken, directives: st.directives };
}

/** A DockerfileError from BuildKit's (start, end) location (toRanges: end defaults to start). */
function toError(message: string, line: number, endLine: number): DockerfileError {
  return { line, endLine: Math.max(line, endLine), message };
}
