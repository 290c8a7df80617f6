/** The shell's syntax tree: what the parser produces and the interpreter runs. */

export type WordPart =
  | { type: 'text'; value: string; quoted: boolean }
  | ParamPart
  | { type: 'command'; script: Script; quoted: boolean }
  | { type: 'arith'; expr: string; quoted: boolean };

/**
 * `$name` or `${…}`. `op` is the operator after the name: a default (`:-`), the length (`${#x}`),
 * a pattern to remove (`#`, `##`, `%`, `%%`), a replacement (`/`, `//`, `/#`, `/%`, with
 * `replacement`), a change of case (`^^`, `,,`, `^`, `,`) or a substring (`:`, `arg` the offset and
 * `length` the length). `index` is an array subscript: a number, an expression, `@` or `*`.
 */
export interface ParamPart {
  type: 'param';
  name: string;
  quoted: boolean;
  index?: string;
  op?: ParamOp;
  arg?: Word;
  replacement?: Word;
  length?: Word;
}

export type ParamOp =
  | ':-'
  | '-'
  | ':='
  | '='
  | ':+'
  | '+'
  | ':?'
  | '?'
  | 'length'
  | '#'
  | '##'
  | '%'
  | '%%'
  | '/'
  | '//'
  | '/#'
  | '/%'
  | '^^'
  | ',,'
  | '^'
  | ','
  | ':';

export interface Word {
  parts: WordPart[];
}

export interface Redirect {
  /** File descriptor redirected (0 stdin, 1 stdout, 2 stderr). */
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<<';
  target: Word;
  /** Here-document body, for `<<`. */
  heredoc?: { body: string; expand: boolean };
}

export interface Assignment {
  name: string;
  value: Word;
  /** `name+=value`: appends (to the string, or to the array). */
  append?: boolean;
  /** `name=(a b c)`: the words of an array. */
  array?: Word[];
}

export interface SimpleCommand {
  type: 'simple';
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
  /** The line of its source it starts on, from 1: a non-interactive bash names it in errors. */
  line?: number;
}

export interface IfCommand {
  type: 'if';
  clauses: { condition: Script; body: Script }[];
  otherwise?: Script;
  redirects: Redirect[];
}

export interface ForCommand {
  type: 'for';
  name: string;
  items?: Word[];
  /** `for ((init; test; step))`. */
  arithmetic?: [string, string, string];
  body: Script;
  redirects: Redirect[];
}

export interface WhileCommand {
  type: 'while';
  until: boolean;
  condition: Script;
  body: Script;
  redirects: Redirect[];
}

export interface GroupCommand {
  type: 'group';
  subshell: boolean;
  body: Script;
  redirects: Redirect[];
}

/** `[[ … ]]`: a conditional expression, with no word splitting or globbing of its operands. */
export interface ConditionalCommand {
  type: 'conditional';
  expr: ConditionalExpression;
  redirects: Redirect[];
}

export type ConditionalExpression =
  | { kind: 'word'; word: Word }
  | { kind: 'unary'; op: string; word: Word }
  | { kind: 'binary'; op: string; left: Word; right: Word }
  | { kind: 'not'; expr: ConditionalExpression }
  | { kind: 'and' | 'or'; left: ConditionalExpression; right: ConditionalExpression };

/** `(( expression ))`: true when the expression is not zero. */
export interface ArithmeticCommand {
  type: 'arithmetic';
  expr: string;
  redirects: Redirect[];
}

export interface CaseCommand {
  type: 'case';
  word: Word;
  items: { patterns: Word[]; body: Script }[];
  redirects: Redirect[];
}

export interface FunctionDefinition {
  type: 'function';
  name: string;
  body: Command;
}

export type Command =
  | SimpleCommand
  | IfCommand
  | ForCommand
  | WhileCommand
  | GroupCommand
  | ConditionalCommand
  | ArithmeticCommand
  | CaseCommand
  | FunctionDefinition;

export interface Pipeline {
  negate: boolean;
  timed: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  background: boolean;
  /** The source text of a background statement, as `jobs` shows it. */
  text?: string;
}

export interface Script {
  statements: AndOr[];
}
