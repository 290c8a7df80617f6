import type {
  AndOr,
  ArithmeticCommand,
  CaseCommand,
  Command,
  ConditionalCommand,
  ConditionalExpression,
  ForCommand,
  IfCommand,
  ParamOp,
  ParamPart,
  Pipeline,
  Redirect,
  Script,
  SimpleCommand,
  WhileCommand,
  Word,
  WordPart,
} from './ast.ts';
import type { ShellFlavor } from './program.ts';

/** The input ends before the command does (an open quote, `if` without `fi`, a here-document body…). */
export class IncompleteInput extends Error {
  /** The closing token the input lacks, where BusyBox ash names it (`missing '))'`). */
  readonly missing: string | undefined;
  /** The reserved word the parser was waiting for (`fi`, `done`), which dash names (`expecting "fi"`). */
  readonly expecting: string | undefined;
  constructor(missing?: string, expecting?: string) {
    super('syntax error: unexpected end of file');
    this.missing = missing;
    this.expecting = expecting;
  }
}

/** Input that can never be a valid command. `token` is what bash would quote. */
export class ShellSyntaxError extends Error {
  readonly token: string;
  constructor(token: string) {
    super(`syntax error near unexpected token \`${token}'`);
    this.token = token;
  }
}

/**
 * A malformed `[[ … ]]`, in bash's words (`unexpected argument \`]]' to conditional binary
 * operator`); `token` is the first word inside the brackets.
 */
export class ConditionalSyntaxError extends Error {
  token = '';
}

const METACHARS = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const RESERVED = new Set([
  'if',
  'then',
  'elif',
  'else',
  'fi',
  'for',
  'in',
  'do',
  'done',
  'while',
  'until',
  '{',
  '}',
  '!',
  'time',
  'case',
  'esac',
  'function',
  '[[',
]);
const UNARY_TESTS = new Set(
  '-a -b -c -d -e -f -g -h -k -p -r -s -t -u -w -x -G -L -N -O -S -z -n -v'.split(' '),
);
const BINARY_TESTS = new Set('== = != < > =~ -eq -ne -lt -le -gt -ge -nt -ot -ef'.split(' '));
const PARAM_OPS: ParamOp[] = [
  ':-',
  ':=',
  ':+',
  ':?',
  '-',
  '=',
  '+',
  '?',
  '##',
  '#',
  '%%',
  '%',
  '//',
  '/#',
  '/%',
  '/',
  '^^',
  '^',
  ',,',
  ',',
  ':',
];
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  stripTabs: boolean;
}

/** bash's and ash's words that dash, a POSIX shell, reads as plain words (`[[` is then a command). */
const NOT_IN_DASH = new Set(['[[', 'function']);

/**
 * Parses shell input (one or more lines) into a script, as `flavor` reads it (bash's by default).
 * Throws IncompleteInput or ShellSyntaxError.
 */
export function parseScript(src: string, flavor: ShellFlavor = 'bash'): Script {
  const parser = new Parser(src, flavor);
  const script = parser.list(() => false, false);
  parser.finish();
  return script;
}

/** Parses the text of a here-document or similar as one double-quoted-style word. */
export function parseHeredocBody(body: string): Word {
  return new Parser(body).heredocWord();
}

class Parser {
  private pos = 0;
  private pending: PendingHeredoc[] = [];
  private readonly src: string;
  private readonly flavor: ShellFlavor;

  constructor(src: string, flavor: ShellFlavor = 'bash') {
    this.src = src;
    this.flavor = flavor;
  }

  private counted = { pos: 0, line: 1 };

  /** The line (from 1) of the source at `pos`, counted on from the last position asked about. */
  private lineAt(pos: number): number {
    let { pos: from, line } = this.counted;
    if (pos < from) [from, line] = [0, 1];
    for (let i = from; i < pos; i++) if (this.src[i] === '\n') line++;
    this.counted = { pos, line };
    return line;
  }

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  private eof(): boolean {
    return this.pos >= this.src.length;
  }

  private startsWith(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  finish(): void {
    this.skipSeparators();
    if (this.pending.length > 0) throw new IncompleteInput();
    if (!this.eof()) throw new ShellSyntaxError(this.tokenAt());
  }

  /** The token at the cursor, as bash names it in syntax errors. */
  private tokenAt(): string {
    if (this.eof()) return 'newline';
    for (const op of [';;', '&&', '||', '>>', '<<', ';', '&', '|', '(', ')', '<', '>'])
      if (this.startsWith(op)) return op;
    if (this.peek() === '\n') return 'newline';
    let end = this.pos;
    while (end < this.src.length && !METACHARS.has(this.src[end] as string)) end++;
    return this.src.slice(this.pos, end);
  }

  private skipSpaces(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.peek(1) === '\n') this.pos += 2;
      else if (c === '#') while (!this.eof() && this.peek() !== '\n') this.pos++;
      else return;
    }
  }

  private newline(): void {
    this.pos++;
    for (const doc of this.pending) this.readHeredoc(doc);
    this.pending = [];
  }

  /** Skips blanks, comments and newlines (where a command may start on a later line). */
  private skipSeparators(): void {
    for (;;) {
      this.skipSpaces();
      if (this.peek() === '\n') this.newline();
      else return;
    }
  }

  private readHeredoc(doc: PendingHeredoc): void {
    const lines: string[] = [];
    for (;;) {
      if (this.eof()) throw new IncompleteInput();
      let end = this.src.indexOf('\n', this.pos);
      if (end === -1) end = this.src.length;
      let line = this.src.slice(this.pos, end);
      this.pos = Math.min(end + 1, this.src.length);
      if (doc.stripTabs) line = line.replace(/^\t+/, '');
      if (line === doc.delimiter) break;
      if (end === this.src.length) throw new IncompleteInput();
      lines.push(line);
    }
    const body = lines.map((l) => `${l}\n`).join('');
    doc.redirect.heredoc = { body, expand: doc.redirect.heredoc?.expand ?? true };
  }

  /** The reserved word at the cursor, if a plain one stands there. */
  private reserved(): string | undefined {
    let end = this.pos;
    while (end < this.src.length && !METACHARS.has(this.src[end] as string)) end++;
    const word = this.src.slice(this.pos, end);
    if (this.flavor === 'dash' && NOT_IN_DASH.has(word)) return undefined;
    return RESERVED.has(word) ? word : undefined;
  }

  private expectReserved(word: string): void {
    this.skipSeparators();
    if (this.eof()) throw new IncompleteInput(undefined, word);
    if (this.reserved() !== word) throw new ShellSyntaxError(this.tokenAt());
    this.pos += word.length;
  }

  /** Statements until a stop word at command position, a `)` (when inside parentheses) or the end. */
  list(stop: (word: string) => boolean, inParens: boolean): Script {
    const statements: AndOr[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.eof()) break;
      if (inParens && this.peek() === ')') break;
      if (this.startsWith(';;')) break;
      const word = this.reserved();
      if (word && stop(word)) break;
      const start = this.pos;
      const statement = this.andOr();
      statements.push(statement);
      this.skipSpaces();
      const c = this.peek();
      if (c === ';' && this.peek(1) !== ';') this.pos++;
      else if (c === '&' && this.peek(1) !== '&') {
        statement.text = this.src.slice(start, this.pos).trim();
        this.pos++;
        statement.background = true;
      } else if (c === '\n' || this.eof() || (inParens && c === ')') || this.startsWith(';;')) continue;
      else if (this.reserved() && stop(this.reserved() as string)) continue;
      else throw new ShellSyntaxError(this.tokenAt());
    }
    return { statements };
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.skipSpaces();
      const op = this.startsWith('&&') ? '&&' : this.startsWith('||') ? '||' : undefined;
      if (!op) break;
      this.pos += 2;
      this.skipSeparators();
      if (this.eof()) throw new IncompleteInput();
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { first, rest, background: false };
  }

  private pipeline(): Pipeline {
    this.skipSpaces();
    let timed = false;
    let negate = false;
    if (this.reserved() === 'time') {
      timed = true;
      this.pos += 4;
      this.skipSpaces();
    }
    if (this.reserved() === '!') {
      negate = true;
      this.pos += 1;
      this.skipSpaces();
    }
    const commands = [this.command()];
    for (;;) {
      this.skipSpaces();
      if (this.peek() !== '|' || this.peek(1) === '|') break;
      this.pos++;
      this.skipSeparators();
      if (this.eof()) throw new IncompleteInput();
      commands.push(this.command());
    }
    return { negate, timed, commands };
  }

  private command(): Command {
    this.skipSpaces();
    if (this.eof()) throw new IncompleteInput();
    const word = this.reserved();
    let command: Exclude<Command, SimpleCommand | { type: 'function' }>;
    if (word === 'function') return this.functionDefinition(true);
    if (this.functionName() !== undefined) return this.functionDefinition(false);
    if (word === 'if') command = this.ifCommand();
    else if (word === 'case') command = this.caseCommand();
    else if (word === '[[') command = this.conditionalCommand();
    // dash has no arithmetic command: `((` opens two subshells there.
    else if (this.flavor !== 'dash' && this.startsWith('((')) command = this.arithmeticCommand();
    else if (word === 'for') command = this.forCommand();
    else if (word === 'while' || word === 'until') command = this.whileCommand(word === 'until');
    else if (word === '{') {
      this.pos++;
      const body = this.list((w) => w === '}', false);
      this.expectReserved('}');
      command = { type: 'group', subshell: false, body, redirects: [] };
    } else if (this.peek() === '(') {
      this.pos++;
      const body = this.list(() => false, true);
      this.skipSeparators();
      if (this.eof()) throw new IncompleteInput();
      if (this.peek() !== ')') throw new ShellSyntaxError(this.tokenAt());
      this.pos++;
      command = { type: 'group', subshell: true, body, redirects: [] };
    } else if (word && word !== '!' && word !== 'time' && word !== 'in') {
      throw new ShellSyntaxError(word);
    } else {
      return this.simple();
    }
    for (;;) {
      this.skipSpaces();
      const redirect = this.redirect();
      if (!redirect) break;
      command.redirects.push(redirect);
    }
    return command;
  }

  private ifCommand(): IfCommand {
    this.pos += 2;
    const clauses: { condition: Script; body: Script }[] = [];
    let otherwise: Script | undefined;
    let keyword = 'if';
    while (keyword === 'if' || keyword === 'elif') {
      const condition = this.list((w) => w === 'then', false);
      this.expectReserved('then');
      const body = this.list((w) => w === 'elif' || w === 'else' || w === 'fi', false);
      clauses.push({ condition, body });
      this.skipSeparators();
      if (this.eof()) throw new IncompleteInput(undefined, 'fi');
      keyword = this.reserved() ?? '';
      if (keyword !== 'elif' && keyword !== 'else' && keyword !== 'fi')
        throw new ShellSyntaxError(this.tokenAt());
      this.pos += keyword.length;
    }
    if (keyword === 'else') {
      otherwise = this.list((w) => w === 'fi', false);
      this.expectReserved('fi');
    }
    return otherwise
      ? { type: 'if', clauses, otherwise, redirects: [] }
      : { type: 'if', clauses, redirects: [] };
  }

  private forCommand(): ForCommand {
    this.pos += 3;
    this.skipSpaces();
    if (this.eof()) throw new IncompleteInput();
    if (this.startsWith('((')) {
      const end = this.closingParens(this.pos + 2);
      const parts = this.src.slice(this.pos + 2, end).split(';');
      if (parts.length !== 3) throw new ShellSyntaxError('((');
      this.pos = end + 2;
      this.skipSpaces();
      if (this.peek() === ';') this.pos++;
      this.expectReserved('do');
      const body = this.list((w) => w === 'done', false);
      this.expectReserved('done');
      return { type: 'for', name: '', arithmetic: parts as [string, string, string], body, redirects: [] };
    }
    const name = this.tokenAt();
    if (!NAME.test(name)) throw new ShellSyntaxError(name);
    this.pos += name.length;
    this.skipSpaces();
    let items: Word[] | undefined;
    if (this.reserved() === 'in') {
      this.pos += 2;
      items = [];
      for (;;) {
        this.skipSpaces();
        const c = this.peek();
        if (c === ';' || c === '\n') {
          if (c === ';') this.pos++;
          break;
        }
        if (this.eof()) throw new IncompleteInput();
        if (METACHARS.has(c)) throw new ShellSyntaxError(this.tokenAt());
        items.push(this.word());
      }
    } else if (this.peek() === ';') {
      this.pos++;
    }
    this.expectReserved('do');
    const body = this.list((w) => w === 'done', false);
    this.expectReserved('done');
    return items
      ? { type: 'for', name, items, body, redirects: [] }
      : { type: 'for', name, body, redirects: [] };
  }

  private whileCommand(until: boolean): WhileCommand {
    this.pos += 5;
    const condition = this.list((w) => w === 'do', false);
    this.expectReserved('do');
    const body = this.list((w) => w === 'done', false);
    this.expectReserved('done');
    return { type: 'while', until, condition, body, redirects: [] };
  }

  /** `name()` at the cursor (a function definition), or undefined. */
  private functionName(): string | undefined {
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\([ \t]*\)/.exec(this.src.slice(this.pos, this.pos + 200));
    return m?.[1];
  }

  /** `name() body` or `function name [()] body`; the body is a compound command. */
  private functionDefinition(keyword: boolean): Command {
    if (keyword) {
      this.pos += 'function'.length;
      this.skipSpaces();
      if (this.eof()) throw new IncompleteInput();
    }
    const name = this.functionName() ?? this.tokenAt();
    if (!NAME.test(name.replace(/-/g, '_'))) throw new ShellSyntaxError(name);
    this.pos += name.length;
    this.skipSpaces();
    if (this.peek() === '(') {
      this.pos = this.src.indexOf(')', this.pos) + 1;
    }
    this.skipSeparators();
    if (this.eof()) throw new IncompleteInput();
    const body = this.command();
    if (body.type === 'simple') throw new ShellSyntaxError(this.tokenAt());
    return { type: 'function', name, body };
  }

  private caseCommand(): CaseCommand {
    this.pos += 4;
    this.skipSpaces();
    if (this.eof()) throw new IncompleteInput();
    const word = this.word();
    this.expectReserved('in');
    const items: CaseCommand['items'] = [];
    for (;;) {
      this.skipSeparators();
      if (this.eof()) throw new IncompleteInput();
      if (this.reserved() === 'esac') {
        this.pos += 4;
        break;
      }
      if (this.peek() === '(') this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipSpaces();
        if (this.eof()) throw new IncompleteInput();
        if (METACHARS.has(this.peek())) throw new ShellSyntaxError(this.tokenAt());
        patterns.push(this.word());
        this.skipSpaces();
        if (this.peek() === '|') this.pos++;
        else if (this.peek() === ')') {
          this.pos++;
          break;
        } else throw new ShellSyntaxError(this.tokenAt());
      }
      const body = this.list((w) => w === 'esac', false);
      items.push({ patterns, body });
      this.skipSeparators();
      if (this.startsWith(';;')) this.pos += 2;
      else if (this.eof()) throw new IncompleteInput();
      else if (this.reserved() !== 'esac') throw new ShellSyntaxError(this.tokenAt());
    }
    return { type: 'case', word, items, redirects: [] };
  }

  /** `(( expression ))`, up to the `))` that closes it. */
  private arithmeticCommand(): ArithmeticCommand {
    const end = this.closingParens(this.pos + 2);
    const expr = this.src.slice(this.pos + 2, end);
    this.pos = end + 2;
    return { type: 'arithmetic', expr, redirects: [] };
  }

  /** Where the `))` closing an arithmetic expression that starts at `from` stands. */
  private closingParens(from: number): number {
    let depth = 0;
    for (let i = from; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0 && this.src[i + 1] === ')') return i;
        depth = Math.max(0, depth - 1);
      }
    }
    throw new IncompleteInput('))');
  }

  private conditionalCommand(): ConditionalCommand {
    this.pos += 2;
    this.skipSpaces();
    const first = this.tokenAt();
    let expr: ConditionalExpression;
    try {
      expr = this.conditionalOr();
    } catch (error) {
      if (error instanceof ConditionalSyntaxError) error.token = first;
      throw error;
    }
    this.condSkip();
    if (!this.startsWith(']]')) throw new ShellSyntaxError(this.tokenAt());
    this.pos += 2;
    return { type: 'conditional', expr, redirects: [] };
  }

  /** Blanks and newlines inside `[[ ]]`; the end of the input there means more is to come. */
  private condSkip(): void {
    this.skipSeparators();
    if (this.eof()) throw new IncompleteInput();
  }

  private conditionalOr(): ConditionalExpression {
    let left = this.conditionalAnd();
    for (this.condSkip(); this.startsWith('||'); this.condSkip()) {
      this.pos += 2;
      left = { kind: 'or', left, right: this.conditionalAnd() };
    }
    return left;
  }

  private conditionalAnd(): ConditionalExpression {
    let left = this.conditionalNot();
    for (this.condSkip(); this.startsWith('&&'); this.condSkip()) {
      this.pos += 2;
      left = { kind: 'and', left, right: this.conditionalNot() };
    }
    return left;
  }

  private conditionalNot(): ConditionalExpression {
    this.condSkip();
    if (this.peek() === '!' && METACHARS.has(this.peek(1))) {
      this.pos++;
      return { kind: 'not', expr: this.conditionalNot() };
    }
    if (this.peek() === '(') {
      this.pos++;
      const expr = this.conditionalOr();
      this.condSkip();
      if (this.peek() !== ')') throw new ShellSyntaxError(this.tokenAt());
      this.pos++;
      return expr;
    }
    return this.conditionalPrimary();
  }

  /** The next operand of `[[ ]]`: a word, or undefined at `]]` or an operator. */
  private condWord(): { word: Word; text: string } | undefined {
    this.condSkip();
    if (this.startsWith(']]') && METACHARS.has(this.peek(2) || ' ')) return undefined;
    if (this.startsWith('&&') || this.startsWith('||') || this.peek() === ')') return undefined;
    const start = this.pos;
    if (this.peek() === '<' || this.peek() === '>') {
      this.pos++;
      return {
        word: { parts: [{ type: 'text', value: this.src[start] as string, quoted: false }] },
        text: this.src[start] as string,
      };
    }
    if (METACHARS.has(this.peek())) throw new ShellSyntaxError(this.tokenAt());
    const word = this.word();
    return { word, text: this.src.slice(start, this.pos) };
  }

  private conditionalPrimary(): ConditionalExpression {
    const first = this.condWord();
    if (!first) throw new ShellSyntaxError(this.tokenAt());
    this.condSkip();
    const afterFirst = this.pos;
    if (UNARY_TESTS.has(first.text)) {
      const operand = this.condWord();
      if (!operand)
        throw new ConditionalSyntaxError(
          `unexpected argument \`${this.tokenAt()}' to conditional unary operator`,
        );
      return { kind: 'unary', op: first.text, word: operand.word };
    }
    const op = this.condWord();
    if (!op) return { kind: 'word', word: first.word };
    if (!BINARY_TESTS.has(op.text)) {
      this.pos = afterFirst;
      throw new ConditionalSyntaxError('conditional binary operator expected');
    }
    this.condSkip();
    const right = op.text === '=~' ? this.regexWord() : this.condWord()?.word;
    if (!right)
      throw new ConditionalSyntaxError(
        `unexpected argument \`${this.tokenAt()}' to conditional binary operator`,
      );
    return { kind: 'binary', op: op.text, left: first.word, right };
  }

  /** The right of `=~`: a word in which `(`, `)` and `|` belong to the regular expression. */
  private regexWord(): Word | undefined {
    if (this.startsWith(']]')) return undefined;
    const parts: WordPart[] = [];
    let depth = 0;
    while (!this.eof()) {
      const c = this.peek();
      if (depth === 0 && (c === ' ' || c === '\t' || c === '\n')) break;
      if (c === '(' || c === ')' || c === '|' || c === '<' || c === '>') {
        if (c === '(') depth++;
        if (c === ')') depth--;
        parts.push({ type: 'text', value: c, quoted: false });
        this.pos++;
        continue;
      }
      if (METACHARS.has(c)) break;
      parts.push(...this.word().parts);
    }
    return { parts };
  }

  private simple(): SimpleCommand {
    const command: SimpleCommand = {
      type: 'simple',
      assignments: [],
      words: [],
      redirects: [],
      line: this.lineAt(this.pos),
    };
    for (;;) {
      this.skipSpaces();
      if (this.eof()) break;
      const redirect = this.redirect();
      if (redirect) {
        command.redirects.push(redirect);
        continue;
      }
      const c = this.peek();
      if (METACHARS.has(c)) break;
      const start = this.pos;
      const word = this.word();
      const assignment =
        command.words.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(this.src.slice(start)) : null;
      if (assignment?.[1]) {
        const [prefix, name, plus] = assignment as unknown as [string, string, string];
        const first = word.parts[0];
        if (first?.type === 'text' && !first.quoted) {
          const rest = first.value.slice(prefix.length);
          const parts: WordPart[] = rest
            ? [{ ...first, value: rest }, ...word.parts.slice(1)]
            : word.parts.slice(1);
          const append = plus === '+';
          if (parts.length === 0 && this.peek() === '(') {
            command.assignments.push({ name, value: { parts }, append, array: this.arrayWords() });
            continue;
          }
          command.assignments.push(append ? { name, value: { parts }, append } : { name, value: { parts } });
          continue;
        }
      }
      command.words.push(word);
    }
    if (command.words.length === 0 && command.assignments.length === 0 && command.redirects.length === 0) {
      throw new ShellSyntaxError(this.tokenAt());
    }
    // `word (` begins a function definition, which needs `)` next.
    if (command.words.length === 1 && command.assignments.length === 0 && this.peek() === '(') {
      this.pos++;
      this.skipSpaces();
      throw new ShellSyntaxError(this.tokenAt());
    }
    return command;
  }

  /** The words of `name=( … )`, newlines allowed. */
  private arrayWords(): Word[] {
    this.pos++;
    const words: Word[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.eof()) throw new IncompleteInput();
      if (this.peek() === ')') {
        this.pos++;
        return words;
      }
      if (METACHARS.has(this.peek())) throw new ShellSyntaxError(this.tokenAt());
      words.push(this.word());
    }
  }

  private redirect(): Redirect | undefined {
    const match = /^(\d*)(&>>|&>|>>|>&|>\||>|<<<|<<-|<<|<&|<)/.exec(this.src.slice(this.pos, this.pos + 8));
    if (!match) return undefined;
    const [all, digits, rawOp] = match as unknown as [string, string, string];
    if (digits && (rawOp === '&>' || rawOp === '&>>')) return undefined;
    this.pos += all.length;
    const op = (rawOp === '>|' ? '>' : rawOp === '<<-' ? '<<' : rawOp) as Redirect['op'];
    const fd = digits ? Number(digits) : op.startsWith('<') ? 0 : 1;
    this.skipSpaces();
    if (this.eof() || this.peek() === '\n') throw new ShellSyntaxError('newline');
    if (METACHARS.has(this.peek())) throw new ShellSyntaxError(this.tokenAt());
    const start = this.pos;
    const target = this.word();
    const redirect: Redirect = { fd, op, target };
    if (op === '<<') {
      const raw = this.src.slice(start, this.pos);
      const quoted = /['"\\]/.test(raw);
      const delimiter = target.parts.map((p) => (p.type === 'text' ? p.value : '')).join('');
      redirect.heredoc = { body: '', expand: !quoted };
      this.pending.push({ redirect, delimiter, stripTabs: rawOp === '<<-' });
    }
    return redirect;
  }

  /**
   * One word: text, quotes, expansions, up to an unquoted metacharacter (or, `loose`, the whole
   * input: the argument of `${x:-…}`, where blanks are text).
   */
  word(loose = false): Word {
    const parts: WordPart[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push({ type: 'text', value: text, quoted: false });
      text = '';
    };
    while (!this.eof()) {
      const c = this.peek();
      if (METACHARS.has(c) && !loose) break;
      if (c === '$' && this.peek(1) === "'") {
        flush();
        this.pos += 2;
        parts.push({ type: 'text', value: this.ansiC(), quoted: true });
      } else if (c === "'") {
        flush();
        const end = this.src.indexOf("'", this.pos + 1);
        if (end === -1) throw new IncompleteInput();
        parts.push({ type: 'text', value: this.src.slice(this.pos + 1, end), quoted: true });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        this.pos++;
        parts.push(...this.doubleQuoted());
      } else if (c === '\\') {
        if (this.pos + 1 >= this.src.length) throw new IncompleteInput();
        const next = this.peek(1);
        this.pos += 2;
        if (next === '\n') continue;
        flush();
        parts.push({ type: 'text', value: next, quoted: true });
      } else if (c === '$' || c === '`') {
        const part = this.expansion(false);
        if (part) {
          flush();
          parts.push(part);
        } else text += '$';
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return { parts };
  }

  /** The body of `$'…'` up to its closing quote, with C's backslash escapes decoded. */
  private ansiC(): string {
    let out = '';
    for (;;) {
      if (this.eof()) throw new IncompleteInput();
      const c = this.peek();
      this.pos++;
      if (c === "'") return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.peek();
      this.pos++;
      const simple: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        a: '\x07',
        b: '\b',
        e: '\x1b',
        E: '\x1b',
        f: '\f',
        v: '\v',
        '\\': '\\',
        "'": "'",
        '"': '"',
        '?': '?',
      };
      const known = simple[e];
      if (known !== undefined) out += known;
      else if (/[0-7]/.test(e)) {
        const digits = /^[0-7]{1,3}/.exec(this.src.slice(this.pos - 1))?.[0] as string;
        this.pos += digits.length - 1;
        out += String.fromCharCode(Number.parseInt(digits, 8) & 0xff);
      } else if (e === 'x' || e === 'u' || e === 'U') {
        const max = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const digits = new RegExp(`^[0-9A-Fa-f]{1,${max}}`).exec(this.src.slice(this.pos))?.[0];
        if (!digits) out += `\\${e}`;
        else {
          this.pos += digits.length;
          out += String.fromCodePoint(Number.parseInt(digits, 16));
        }
      } else if (e === 'c' && this.pos < this.src.length) {
        out += String.fromCharCode(this.peek().toUpperCase().charCodeAt(0) & 0x1f);
        this.pos++;
      } else out += `\\${e}`;
    }
  }

  private doubleQuoted(): WordPart[] {
    const parts: WordPart[] = [];
    let text = '';
    for (;;) {
      if (this.eof()) throw new IncompleteInput();
      const c = this.peek();
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === '\\' && '$`"\\\n'.includes(this.peek(1)) && this.peek(1) !== '') {
        if (this.peek(1) !== '\n') text += this.peek(1);
        this.pos += 2;
      } else if (c === '$' || c === '`') {
        const part = this.expansion(true);
        if (part) {
          if (text) parts.push({ type: 'text', value: text, quoted: true });
          text = '';
          parts.push(part);
        } else text += '$';
      } else {
        text += c;
        this.pos++;
      }
    }
    // An empty "" still makes a word.
    if (text || parts.length === 0) parts.push({ type: 'text', value: text, quoted: true });
    return parts;
  }

  /** `$NAME`, `${…}`, `$(…)`, `$((…))` or a backquoted command; undefined for a lone `$`. */
  private expansion(quoted: boolean): WordPart | undefined {
    if (this.peek() === '`') {
      let end = this.pos + 1;
      let body = '';
      while (end < this.src.length && this.src[end] !== '`') {
        if (this.src[end] === '\\' && '$`\\'.includes(this.src[end + 1] ?? '')) end++;
        body += this.src[end];
        end++;
      }
      if (end >= this.src.length) throw new IncompleteInput();
      this.pos = end + 1;
      return { type: 'command', script: parseScript(body), quoted };
    }
    const next = this.peek(1);
    if (next === '(' && this.peek(2) === '(') {
      const end = this.closingParens(this.pos + 3);
      const expr = this.src.slice(this.pos + 3, end);
      this.pos = end + 2;
      return { type: 'arith', expr, quoted };
    }
    if (next === '(') {
      this.pos += 2;
      const script = this.list(() => false, true);
      this.skipSeparators();
      if (this.eof()) throw new IncompleteInput();
      this.pos++;
      return { type: 'command', script, quoted };
    }
    if (next === '{') {
      const close = this.closingBrace(this.pos + 2);
      const inner = this.src.slice(this.pos + 2, close);
      this.pos = close + 1;
      return parameter(inner, quoted);
    }
    const special = /^[?$#@*!0-9-]/.exec(next);
    if (special) {
      this.pos += 2;
      return { type: 'param', name: next, quoted };
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos + 1));
    if (name) {
      this.pos += 1 + name[0].length;
      return { type: 'param', name: name[0], quoted };
    }
    this.pos++;
    return undefined;
  }

  /** Where the `}` closing a `${` whose body starts at `from` stands (nested `${}` and quotes skipped). */
  private closingBrace(from: number): number {
    let depth = 0;
    for (let i = from; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '\\') i++;
      else if (c === "'") {
        const end = this.src.indexOf("'", i + 1);
        if (end === -1) break;
        i = end;
      } else if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) return i;
        depth--;
      }
    }
    throw new IncompleteInput();
  }

  /** The whole input as a word where only `$`, backquotes and `\$ \` \\` are special. */
  heredocWord(): Word {
    const parts: WordPart[] = [];
    let text = '';
    while (!this.eof()) {
      const c = this.peek();
      if (c === '\\' && '$`\\'.includes(this.peek(1)) && this.peek(1) !== '') {
        text += this.peek(1);
        this.pos += 2;
      } else if (c === '$' || c === '`') {
        const part = this.expansion(true);
        if (part) {
          if (text) parts.push({ type: 'text', value: text, quoted: true });
          text = '';
          parts.push(part);
        } else text += '$';
      } else {
        text += c;
        this.pos++;
      }
    }
    if (text) parts.push({ type: 'text', value: text, quoted: true });
    return { parts };
  }
}

/** `${inner}`: a name (with a subscript), then at most one operator and its arguments. */
function parameter(inner: string, quoted: boolean): ParamPart {
  const bad = () => new BadSubstitution(`\${${inner}}`);
  const m = /^(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])(?:\[([^\]]*)\])?/.exec(inner);
  if (!m) throw bad();
  let [head, hash, name, index] = m as unknown as [string, string, string, string | undefined];
  // `${#}` is the number of arguments, `${#x}` the length of x.
  if (hash && head === '#' && inner === '#') [hash, name] = ['', '#'];
  const part: ParamPart = { type: 'param', name, quoted };
  if (index !== undefined) part.index = index;
  const rest = inner.slice(head.length);
  if (hash) {
    if (rest !== '') throw bad();
    part.op = 'length';
    return part;
  }
  if (rest === '') return part;
  const op = PARAM_OPS.find((o) => rest.startsWith(o));
  if (!op) throw bad();
  part.op = op;
  const arg = rest.slice(op.length);
  const loose = (text: string) => new Parser(text).word(true);
  if (op.startsWith('/')) {
    const slash = unquotedIndex(arg, '/');
    part.arg = loose(slash === -1 ? arg : arg.slice(0, slash));
    part.replacement = loose(slash === -1 ? '' : arg.slice(slash + 1));
  } else if (op === ':') {
    const colon = unquotedIndex(arg, ':');
    part.arg = loose(colon === -1 ? arg : arg.slice(0, colon));
    if (colon !== -1) part.length = loose(arg.slice(colon + 1));
  } else part.arg = loose(arg);
  return part;
}

/** The first `char` outside quotes and backslash escapes, or -1. */
function unquotedIndex(text: string, char: string): number {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === char) return i;
  }
  return -1;
}

/** `${…}` with something bash cannot expand. */
export class BadSubstitution extends Error {
  constructor(text: string) {
    super(`${text}: bad substitution`);
  }
}
