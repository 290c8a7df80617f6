/** The shell's syntax tree: what the parser produces and the interpreter runs. */

export type WordPart =
  | { type: 'text'; value: string; quoted: boolean }
  | { type: 'param'; name: string; quoted: boolean; op?: ':-' | '-' | ':=' | ':+' | '#'; arg?: Word }
  | { type: 'command'; script: Script; quoted: boolean }
  | { type: 'arith'; expr: string; quoted: boolean };

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
}

export interface SimpleCommand {
  type: 'simple';
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
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
