/**
 * The awk language's lexer and parser (POSIX awk as mawk 1.3.4 reads it), producing a tree that
 * `awk.ts` runs. Syntax errors carry mawk's wording: `line 1: syntax error at or near }`.
 */

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'regex'; src: string }
  | { k: 'var'; name: string }
  | { k: 'field'; index: Expr }
  | { k: 'index'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: Expr; value: Expr }
  | { k: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; negate: boolean; a: Expr; re: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'cmp'; op: string; a: Expr; b: Expr }
  | { k: 'concat'; a: Expr; b: Expr }
  | { k: 'unary'; op: string; a: Expr }
  | { k: 'incr'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'getline'; target?: Expr; file?: Expr; cmd?: Expr }
  | { k: 'group'; items: Expr[] };

export type Stmt =
  | { k: 'expr'; e: Expr }
  | { k: 'print'; args: Expr[]; redirect?: { op: string; dest: Expr } }
  | { k: 'printf'; args: Expr[]; redirect?: { op: string; dest: Expr } }
  | { k: 'if'; test: Expr; yes: Stmt; no?: Stmt }
  | { k: 'while'; test: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; test: Expr }
  | { k: 'for'; init?: Stmt; test?: Expr; step?: Stmt; body: Stmt }
  | { k: 'forin'; key: Expr; name: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' | 'nextfile' | 'break' | 'continue' }
  | { k: 'exit'; e?: Expr }
  | { k: 'return'; e?: Expr }
  | { k: 'delete'; name: string; subs?: Expr[] }
  | { k: 'getline'; e: Expr };

export interface Rule {
  kind: 'begin' | 'end' | 'main';
  pattern?: Expr;
  end?: Expr;
  action?: Stmt[];
  /** Range state, for `pat1, pat2`. */
  active?: boolean;
}

export interface AwkFunction {
  name: string;
  params: string[];
  body: Stmt[];
}

export interface AwkProgram {
  rules: Rule[];
  functions: Map<string, AwkFunction>;
}

export class AwkSyntaxError extends Error {}

type TokenKind = 'num' | 'str' | 'regex' | 'name' | 'funcname' | 'builtin' | 'kw' | 'op' | 'nl' | 'eof';

interface Token {
  kind: TokenKind;
  text: string;
  value?: number | string;
  line: number;
}

const KEYWORDS = new Set([
  'BEGIN',
  'END',
  'function',
  'func',
  'if',
  'else',
  'while',
  'for',
  'do',
  'break',
  'continue',
  'next',
  'nextfile',
  'exit',
  'return',
  'delete',
  'in',
  'getline',
  'print',
  'printf',
]);

export const BUILTINS = new Set([
  'length',
  'substr',
  'index',
  'split',
  'sub',
  'gsub',
  'match',
  'sprintf',
  'tolower',
  'toupper',
  'int',
  'sqrt',
  'exp',
  'log',
  'sin',
  'cos',
  'atan2',
  'rand',
  'srand',
  'system',
  'close',
  'fflush',
]);

const OPERATORS = [
  '**=',
  '&&',
  '||',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '^=',
  '==',
  '<=',
  '>=',
  '!=',
  '!~',
  '>>',
  '**',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ',',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '!',
  '>',
  '<',
  '|',
  '?',
  ':',
  '~',
  '$',
  '=',
];

/** Escapes in awk strings: \n \t \" \\ \/ \ooo ...; anything else keeps its backslash. */
export function unescapeAwk(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i] as string;
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      '"': '"',
      '\\': '\\',
      '/': '/',
      a: '\x07',
      b: '\b',
      f: '\f',
      v: '\v',
    };
    if (simple[n] !== undefined) out += simple[n];
    else if (/[0-7]/.test(n)) {
      let digits = n;
      while (digits.length < 3 && /[0-7]/.test(text[i + 1] ?? '')) digits += text[++i];
      out += String.fromCharCode(Number.parseInt(digits, 8) & 0xff);
    } else out += `\\${n}`;
  }
  return out;
}

class Lexer {
  private pos = 0;
  line = 1;
  private last: Token | undefined;
  private readonly src: string;
  private readonly busybox: boolean;
  private readonly functionNames: Set<string>;

  constructor(src: string, busybox: boolean, functionNames: Set<string>) {
    this.src = src;
    this.busybox = busybox;
    this.functionNames = functionNames;
  }

  private regexAllowed(): boolean {
    const t = this.last;
    if (!t) return true;
    if (t.kind === 'num' || t.kind === 'str' || t.kind === 'name' || t.kind === 'regex') return false;
    if (t.kind === 'builtin') return false;
    if (t.kind === 'op') return ![')', ']', '$', '++', '--'].includes(t.text);
    if (t.kind === 'kw') return t.text !== 'getline';
    return true;
  }

  fail(near: string): never {
    throw new AwkSyntaxError(`line ${this.line}: syntax error at or near ${near}`);
  }

  next(): Token {
    const t = this.scan();
    this.last = t;
    return t;
  }

  private scan(): Token {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      // mawk counts the end of a program without a final newline as the next line.
      if (c === undefined)
        return { kind: 'eof', text: 'end of file', line: this.line + (s.endsWith('\n') ? 0 : 1) };
      if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
        continue;
      }
      if (c === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
        continue;
      }
      if (c === '\\' && s[this.pos + 1] === '\r' && s[this.pos + 2] === '\n') {
        this.pos += 3;
        this.line++;
        continue;
      }
      if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
        continue;
      }
      break;
    }
    const line = this.line;
    const c = s[this.pos] as string;
    if (c === '\n') {
      this.pos++;
      this.line++;
      return { kind: 'nl', text: 'end of line', line };
    }
    if (c === '"') {
      let i = this.pos + 1;
      let raw = '';
      for (;;) {
        const ch = s[i];
        if (ch === undefined || ch === '\n') {
          const shown = raw.length > 10 ? raw.slice(0, 10) : raw;
          throw new AwkSyntaxError(`line ${line}: runaway string constant "${shown} ...`);
        }
        if (ch === '\\' && s[i + 1] !== undefined) {
          if (s[i + 1] === '\n') {
            i += 2;
            this.line++;
            continue;
          }
          raw += ch + s[i + 1];
          i += 2;
          continue;
        }
        if (ch === '"') break;
        raw += ch;
        i++;
      }
      this.pos = i + 1;
      return { kind: 'str', text: `"${raw}"`, value: unescapeAwk(raw), line };
    }
    if (c === '/' && this.regexAllowed()) {
      let i = this.pos + 1;
      let raw = '';
      let inBracket = false;
      for (;;) {
        const ch = s[i];
        if (ch === undefined || ch === '\n') {
          throw new AwkSyntaxError(`line ${line}: runaway regular expression /${raw.slice(0, 10)} ...`);
        }
        if (ch === '\\' && s[i + 1] !== undefined) {
          raw += s[i + 1] === '/' ? '/' : ch + s[i + 1];
          i += 2;
          continue;
        }
        if (ch === '[' && !inBracket) {
          inBracket = true;
          raw += ch;
          i++;
          if (s[i] === '^') raw += s[i++];
          if (s[i] === ']') raw += s[i++];
          continue;
        }
        if (ch === ']' && inBracket) inBracket = false;
        if (ch === '/' && !inBracket) break;
        raw += ch;
        i++;
      }
      this.pos = i + 1;
      return { kind: 'regex', text: `/${raw}/`, value: raw, line };
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(s.slice(this.pos, this.pos + 64));
    if (num) {
      this.pos += num[0].length;
      return { kind: 'num', text: num[0], value: Number(num[0]), line };
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos, this.pos + 256));
    if (word) {
      const w = word[0];
      this.pos += w.length;
      if (KEYWORDS.has(w)) return { kind: 'kw', text: w === 'func' ? 'function' : w, line };
      if (BUILTINS.has(w)) return { kind: 'builtin', text: w, line };
      if (s[this.pos] === '(' || this.functionNames.has(w)) return { kind: 'funcname', text: w, line };
      return { kind: 'name', text: w, line };
    }
    for (const op of OPERATORS) {
      if (s.startsWith(op, this.pos)) {
        if (op.startsWith('**') && !this.busybox) continue;
        this.pos += op.length;
        const text = op === '**' ? '^' : op === '**=' ? '^=' : op;
        return { kind: 'op', text, line };
      }
    }
    this.pos++;
    return this.fail(c);
  }
}

/** Names defined as functions anywhere in the source (a call may come before the definition). */
function functionNamesOf(src: string): Set<string> {
  const names = new Set<string>();
  for (const m of src.matchAll(/\bfunc(?:tion)?\s+([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1] as string);
  return names;
}

export class Parser {
  private lexer: Lexer;
  private tok: Token;
  private queue: Token[] = [];
  private noIn = 0;
  private noGt = 0;
  private readonly functionNames: Set<string>;
  private called = new Map<string, number>();
  /** How each global name is used, for mawk's parse-time `illegal reference` errors. */
  private kinds = new Map<string, 'array' | 'scalar'>();
  private params = new Set<string>();

  constructor(src: string, busybox: boolean) {
    this.functionNames = functionNamesOf(src);
    this.lexer = new Lexer(src, busybox, this.functionNames);
    this.tok = this.lexer.next();
  }

  private advance(): Token {
    const t = this.tok;
    this.tok = this.queue.shift() ?? this.lexer.next();
    return t;
  }

  /** The token `n` places after the current one (1: the next). */
  private peek(n = 1): Token {
    while (this.queue.length < n) this.queue.push(this.lexer.next());
    return this.queue[n - 1] as Token;
  }

  private is(text: string): boolean {
    return (this.tok.kind === 'op' || this.tok.kind === 'kw') && this.tok.text === text;
  }

  private fail(): never {
    const t = this.tok;
    if (t.kind === 'eof') {
      throw new AwkSyntaxError(`line ${t.line}: syntax error at or near end of file`);
    }
    throw new AwkSyntaxError(
      `line ${t.line}: syntax error at or near ${t.kind === 'nl' ? 'end of line' : t.text}`,
    );
  }

  private expect(text: string): void {
    if (!this.is(text)) this.fail();
    this.advance();
  }

  private newlines(): void {
    while (this.tok.kind === 'nl') this.advance();
  }

  private terminators(): void {
    while (this.tok.kind === 'nl' || this.is(';')) this.advance();
  }

  parse(): AwkProgram {
    const rules: Rule[] = [];
    const functions = new Map<string, AwkFunction>();
    this.terminators();
    while (this.tok.kind !== 'eof') {
      if (this.is('BEGIN') || this.is('END')) {
        const kind = this.advance().text === 'BEGIN' ? 'begin' : 'end';
        this.newlines();
        if (!this.is('{')) this.fail();
        rules.push({ kind, action: this.block() });
      } else if (this.is('function')) {
        this.advance();
        const nameTok = this.advance();
        if (nameTok.kind !== 'name' && nameTok.kind !== 'funcname') this.fail();
        this.expect('(');
        const params: string[] = [];
        while (!this.is(')')) {
          const p = this.advance();
          if (p.kind !== 'name') this.fail();
          params.push(p.text);
          if (this.is(',')) {
            this.advance();
            this.newlines();
          } else if (!this.is(')')) this.fail();
        }
        this.advance();
        this.newlines();
        this.params = new Set(params);
        functions.set(nameTok.text, { name: nameTok.text, params, body: this.block() });
        this.params = new Set();
      } else if (this.is('{')) {
        rules.push({ kind: 'main', action: this.block() });
      } else {
        const pattern = this.expr();
        const rule: Rule = { kind: 'main', pattern };
        if (this.is(',')) {
          this.advance();
          this.newlines();
          rule.end = this.expr();
        }
        if (this.is('{')) rule.action = this.block();
        rules.push(rule);
      }
      this.terminators();
    }
    for (const name of this.called.keys()) {
      if (!functions.has(name))
        throw new AwkSyntaxError(`line ${this.tok.line}: function ${name} never defined`);
    }
    return { rules, functions };
  }

  private block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    this.terminators();
    while (!this.is('}')) {
      if (this.tok.kind === 'eof') {
        throw new AwkSyntaxError(`line ${this.tok.line}: missing } near end of file`);
      }
      body.push(this.statement());
      this.terminators();
    }
    this.advance();
    return body;
  }

  /** A simple statement ends at `;`, a newline or before `}`. */
  private endSimple(): void {
    if (this.is(';') || this.tok.kind === 'nl') {
      this.advance();
      return;
    }
    if (this.is('}') || this.tok.kind === 'eof') return;
    this.fail();
  }

  private statementBody(): Stmt {
    this.newlines();
    if (this.is(';')) {
      this.advance();
      return { k: 'block', body: [] };
    }
    return this.statement();
  }

  private statement(): Stmt {
    if (this.is('{')) return { k: 'block', body: this.block() };
    if (this.is('if')) {
      this.advance();
      this.expect('(');
      const test = this.expr();
      this.expect(')');
      const yes = this.statementBody();
      // `else` may follow after newlines or a `;`.
      let n = 0;
      for (let t = this.tok; t.kind === 'nl' || (t.kind === 'op' && t.text === ';'); t = this.peek(n)) n++;
      const after = n === 0 ? this.tok : this.peek(n);
      if (after.kind === 'kw' && after.text === 'else') for (let i = 0; i < n; i++) this.advance();
      if (this.is('else')) {
        this.advance();
        return { k: 'if', test, yes, no: this.statementBody() };
      }
      return { k: 'if', test, yes };
    }
    if (this.is('while')) {
      this.advance();
      this.expect('(');
      const test = this.expr();
      this.expect(')');
      if (this.is(';')) {
        this.advance();
        return { k: 'while', test, body: { k: 'block', body: [] } };
      }
      return { k: 'while', test, body: this.statementBody() };
    }
    if (this.is('do')) {
      this.advance();
      const body = this.statementBody();
      this.terminators();
      this.expect('while');
      this.expect('(');
      const test = this.expr();
      this.expect(')');
      this.endSimple();
      return { k: 'do', body, test };
    }
    if (this.is('for')) {
      this.advance();
      this.expect('(');
      if (this.tok.kind === 'name' && this.peek().kind === 'kw' && this.peek().text === 'in') {
        const save = this.tok;
        // `for (k in a)` (but `for (k in a; ...)` is not awk).
        this.advance();
        this.advance();
        const arr = this.advance();
        if (arr.kind !== 'name') this.fail();
        this.use(arr.text, 'array', arr.line);
        this.expect(')');
        return { k: 'forin', key: { k: 'var', name: save.text }, name: arr.text, body: this.statementBody() };
      }
      const init = this.is(';') ? undefined : this.simpleStatement();
      this.expect(';');
      this.newlines();
      const test = this.is(';') ? undefined : this.expr();
      this.expect(';');
      this.newlines();
      const step = this.is(')') ? undefined : this.simpleStatement();
      this.expect(')');
      if (this.is(';')) {
        this.advance();
        return {
          k: 'for',
          ...(init ? { init } : {}),
          ...(test ? { test } : {}),
          ...(step ? { step } : {}),
          body: { k: 'block', body: [] },
        };
      }
      return {
        k: 'for',
        ...(init ? { init } : {}),
        ...(test ? { test } : {}),
        ...(step ? { step } : {}),
        body: this.statementBody(),
      };
    }
    if (this.is(';')) {
      this.advance();
      return { k: 'block', body: [] };
    }
    const s = this.simpleStatement();
    this.endSimple();
    return s;
  }

  private simpleStatement(): Stmt {
    const t = this.tok;
    if (t.kind === 'kw') {
      switch (t.text) {
        case 'print':
        case 'printf': {
          this.advance();
          let args: Expr[] = [];
          this.noGt++;
          if (
            !this.is(';') &&
            !this.is('}') &&
            !this.is('>') &&
            !this.is('>>') &&
            !this.is('|') &&
            this.tok.kind !== 'nl' &&
            this.tok.kind !== 'eof'
          ) {
            args = this.exprList();
          }
          this.noGt--;
          if (args.length === 1 && args[0]?.k === 'group') args = args[0].items;
          let redirect: { op: string; dest: Expr } | undefined;
          if (this.is('>') || this.is('>>') || this.is('|')) {
            const op = this.advance().text;
            this.noGt++;
            redirect = { op, dest: this.ternary() };
            this.noGt--;
          }
          if (t.text === 'printf' && args.length === 0) this.fail();
          return redirect ? { k: t.text, args, redirect } : { k: t.text, args };
        }
        case 'next':
        case 'nextfile':
        case 'break':
        case 'continue':
          this.advance();
          return { k: t.text };
        case 'exit':
        case 'return': {
          this.advance();
          if (this.is(';') || this.is('}') || this.tok.kind === 'nl' || this.tok.kind === 'eof')
            return { k: t.text };
          return { k: t.text, e: this.expr() };
        }
        case 'delete': {
          this.advance();
          const name = this.advance();
          if (name.kind !== 'name') this.fail();
          this.use(name.text, 'array', name.line);
          if (this.is('[')) {
            this.advance();
            const subs = this.exprList();
            this.expect(']');
            return { k: 'delete', name: name.text, subs };
          }
          return { k: 'delete', name: name.text };
        }
      }
    }
    return { k: 'expr', e: this.expr() };
  }

  /** Records a use of a global name as an array or a scalar; mixing them is an error. */
  private use(name: string, kind: 'array' | 'scalar', line: number): void {
    if (this.params.has(name)) return;
    const seen = this.kinds.get(name);
    if (seen && seen !== kind) {
      throw new AwkSyntaxError(
        `line ${line}: illegal reference to ${seen === 'array' ? 'array' : 'variable'} ${name}`,
      );
    }
    this.kinds.set(name, kind);
  }

  private exprList(): Expr[] {
    const list = [this.expr()];
    while (this.is(',')) {
      this.advance();
      this.newlines();
      list.push(this.expr());
    }
    return list;
  }

  expr(): Expr {
    return this.ternary();
  }

  private isLvalue(e: Expr): boolean {
    return e.k === 'var' || e.k === 'field' || e.k === 'index';
  }

  private ternary(): Expr {
    const test = this.or();
    if (this.is('?')) {
      this.advance();
      this.newlines();
      const yes = this.ternary();
      this.newlines();
      this.expect(':');
      this.newlines();
      const no = this.ternary();
      return { k: 'cond', test, yes, no };
    }
    if (this.tok.kind === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(this.tok.text)) {
      if (!this.isLvalue(test)) return test;
      const op = this.advance().text;
      this.newlines();
      return { k: 'assign', op, target: test, value: this.ternary() };
    }
    return test;
  }

  private or(): Expr {
    let a = this.and();
    while (this.is('||')) {
      this.advance();
      this.newlines();
      a = { k: 'or', a, b: this.and() };
    }
    return a;
  }

  private and(): Expr {
    let a = this.inExpr();
    while (this.is('&&')) {
      this.advance();
      this.newlines();
      a = { k: 'and', a, b: this.inExpr() };
    }
    return a;
  }

  private inExpr(): Expr {
    let a = this.matchExpr();
    while (this.is('in') && this.noIn === 0) {
      this.advance();
      const name = this.advance();
      if (name.kind !== 'name') this.fail();
      this.use(name.text, 'array', name.line);
      a = { k: 'in', subs: a.k === 'group' ? a.items : [a], name: name.text };
    }
    return a;
  }

  private matchExpr(): Expr {
    let a = this.comparison();
    while (this.is('~') || this.is('!~')) {
      const negate = this.advance().text === '!~';
      a = { k: 'match', negate, a, re: this.comparison() };
    }
    return a;
  }

  private comparison(): Expr {
    const a = this.concatenation();
    const t = this.tok;
    if (t.kind === 'op' && ['<', '<=', '!=', '==', '>=', '>'].includes(t.text)) {
      if (t.text === '>' && this.noGt > 0) return a;
      this.advance();
      return { k: 'cmp', op: t.text, a, b: this.concatenation() };
    }
    if (this.is('|') && this.peek().kind === 'kw' && this.peek().text === 'getline') {
      this.advance();
      this.advance();
      const target = this.optionalLvalue();
      let e: Expr = target ? { k: 'getline', cmd: a, target } : { k: 'getline', cmd: a };
      // `cmd | getline` may chain into a comparison: `("cmd" | getline line) > 0`.
      while (this.is('|') && this.peek().kind === 'kw' && this.peek().text === 'getline') {
        this.advance();
        this.advance();
        const t2 = this.optionalLvalue();
        e = t2 ? { k: 'getline', cmd: e, target: t2 } : { k: 'getline', cmd: e };
      }
      return e;
    }
    return a;
  }

  private startsOperand(): boolean {
    const t = this.tok;
    if (t.kind === 'num' || t.kind === 'str' || t.kind === 'regex' || t.kind === 'name') return true;
    if (t.kind === 'funcname' || t.kind === 'builtin') return true;
    if (t.kind === 'op') return ['$', '(', '!', '-', '+', '++', '--'].includes(t.text);
    if (t.kind === 'kw') return t.text === 'getline';
    return false;
  }

  private concatenation(): Expr {
    let a = this.additive();
    while (this.startsOperand() && !(this.is('in') && this.noIn === 0)) {
      if (this.is('!')) break;
      a = { k: 'concat', a, b: this.additive() };
    }
    return a;
  }

  private additive(): Expr {
    let a = this.multiplicative();
    while (this.is('+') || this.is('-')) {
      const op = this.advance().text;
      a = { k: 'bin', op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Expr {
    let a = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.advance().text;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.is('!')) {
      this.advance();
      return { k: 'unary', op: '!', a: this.unary() };
    }
    if (this.is('-') || this.is('+')) {
      const op = this.advance().text;
      return { k: 'unary', op, a: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const a = this.postfix();
    if (this.is('^')) {
      this.advance();
      // Right associative, and binds tighter than unary minus on its left only.
      const b = this.is('-') || this.is('+') || this.is('!') ? this.unary() : this.power();
      return { k: 'bin', op: '^', a, b };
    }
    return a;
  }

  private postfix(): Expr {
    if (this.is('++') || this.is('--')) {
      const op = this.advance().text as '++' | '--';
      const target = this.postfix();
      if (!this.isLvalue(target)) this.fail();
      return { k: 'incr', op, prefix: true, target };
    }
    const e = this.primary();
    if ((this.is('++') || this.is('--')) && this.isLvalue(e)) {
      const op = this.advance().text as '++' | '--';
      return { k: 'incr', op, prefix: false, target: e };
    }
    return e;
  }

  private optionalLvalue(): Expr | undefined {
    if (this.is('$')) {
      this.advance();
      return { k: 'field', index: this.fieldOperand() };
    }
    if (this.tok.kind === 'name') {
      const name = this.advance().text;
      if (this.is('[')) {
        this.advance();
        const subs = this.exprList();
        this.expect(']');
        return { k: 'index', name, subs };
      }
      return { k: 'var', name };
    }
    return undefined;
  }

  private fieldOperand(): Expr {
    if (this.is('++') || this.is('--')) return this.postfix();
    if (this.is('-')) {
      this.advance();
      return { k: 'unary', op: '-', a: this.fieldOperand() };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.kind) {
      case 'num':
        this.advance();
        return { k: 'num', v: t.value as number };
      case 'str':
        this.advance();
        return { k: 'str', v: t.value as string };
      case 'regex':
        this.advance();
        return { k: 'regex', src: t.value as string };
      case 'name': {
        this.advance();
        if (this.is('[')) {
          this.use(t.text, 'array', t.line);
          this.advance();
          const subs = this.exprList();
          this.expect(']');
          return { k: 'index', name: t.text, subs };
        }
        if (!this.is(',') && !this.is(')')) this.use(t.text, 'scalar', t.line);
        return { k: 'var', name: t.text };
      }
      case 'funcname': {
        this.advance();
        this.expect('(');
        const args = this.is(')') ? [] : this.exprList();
        this.expect(')');
        if (!this.called.has(t.text)) this.called.set(t.text, t.line);
        return { k: 'call', name: t.text, args };
      }
      case 'builtin': {
        this.advance();
        if (!this.is('(')) {
          if (t.text === 'length') return { k: 'builtin', name: 'length', args: [] };
          this.fail();
        }
        this.advance();
        const saveGt = this.noGt;
        this.noGt = 0;
        const args = this.is(')') ? [] : this.exprList();
        this.noGt = saveGt;
        this.expect(')');
        checkArity(t.text, args.length, t.line);
        return { k: 'builtin', name: t.text, args };
      }
      case 'kw':
        if (t.text === 'getline') {
          this.advance();
          const target = this.optionalLvalue();
          if (this.is('<')) {
            this.advance();
            const file = this.primaryNoConcat();
            return target ? { k: 'getline', target, file } : { k: 'getline', file };
          }
          return target ? { k: 'getline', target } : { k: 'getline' };
        }
        break;
      case 'op':
        if (t.text === '$') {
          this.advance();
          return { k: 'field', index: this.fieldOperand() };
        }
        if (t.text === '(') {
          this.advance();
          const saveGt = this.noGt;
          const saveIn = this.noIn;
          this.noGt = 0;
          this.noIn = 0;
          this.newlines();
          const first = this.expr();
          if (this.is(',')) {
            const items = [first];
            while (this.is(',')) {
              this.advance();
              this.newlines();
              items.push(this.expr());
            }
            this.newlines();
            this.expect(')');
            this.noGt = saveGt;
            this.noIn = saveIn;
            return { k: 'group', items };
          }
          this.newlines();
          this.expect(')');
          this.noGt = saveGt;
          this.noIn = saveIn;
          return first;
        }
        if (t.text === '-' || t.text === '+' || t.text === '!') return this.unary();
        break;
    }
    return this.fail();
  }

  private primaryNoConcat(): Expr {
    if (this.is('$')) {
      this.advance();
      return { k: 'field', index: this.fieldOperand() };
    }
    return this.primary();
  }
}

/** mawk checks builtin arities while parsing. */
function checkArity(name: string, n: number, line: number): void {
  const arity: Record<string, [number, number]> = {
    length: [0, 1],
    substr: [2, 3],
    index: [2, 2],
    split: [2, 3],
    sub: [2, 3],
    gsub: [2, 3],
    match: [2, 2],
    sprintf: [1, 255],
    tolower: [1, 1],
    toupper: [1, 1],
    int: [1, 1],
    sqrt: [1, 1],
    exp: [1, 1],
    log: [1, 1],
    sin: [1, 1],
    cos: [1, 1],
    atan2: [2, 2],
    rand: [0, 0],
    srand: [0, 1],
    system: [1, 1],
    close: [1, 1],
    fflush: [0, 1],
  };
  const [min, max] = arity[name] ?? [0, 255];
  if (n < min || n > max)
    throw new AwkSyntaxError(`line ${line}: wrong number of arguments in call to ${name}`);
}

export function parseAwk(src: string, busybox: boolean): AwkProgram {
  return new Parser(src, busybox).parse();
}
