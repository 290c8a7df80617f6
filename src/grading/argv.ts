import { parseDockerArgv } from '../sandbox/docker/cli/index.ts';
import type { Command, Script, Word } from '../sandbox/shell/ast.ts';
import { parseScript } from '../sandbox/shell/parser.ts';

/**
 * A command line reduced to what it means: the program, its subcommand, its options by long name
 * (values in a stable order) and its operands. Two spellings of one command normalise alike.
 */
export interface NormalArgv {
  program: string;
  command: string;
  options: Record<string, string[]>;
  operands: string[];
}

/** The literal text of a word, or undefined when it needs expanding (`$HOME`, `$(…)`). */
function literal(word: Word): string | undefined {
  let text = '';
  for (const part of word.parts) {
    if (part.type !== 'text') return undefined;
    text += part.value;
  }
  return text;
}

function collect(script: Script, out: string[][]): void {
  const visit = (command: Command) => {
    switch (command.type) {
      case 'simple': {
        const words = command.words.map(literal);
        if (words.length > 0 && words.every((w) => w !== undefined)) out.push(words as string[]);
        return;
      }
      case 'if':
        for (const clause of command.clauses) {
          collect(clause.condition, out);
          collect(clause.body, out);
        }
        if (command.otherwise) collect(command.otherwise, out);
        return;
      case 'for':
        return collect(command.body, out);
      case 'while':
        collect(command.condition, out);
        return collect(command.body, out);
      case 'group':
        return collect(command.body, out);
      case 'case':
        for (const item of command.items) collect(item.body, out);
        return;
      case 'function':
        return;
    }
  };
  for (const statement of script.statements) {
    for (const pipeline of [statement.first, ...statement.rest.map((r) => r.pipeline)]) {
      for (const command of pipeline.commands) visit(command);
    }
  }
}

/**
 * The simple commands a line of shell input runs, as argv arrays, in order. Commands whose words
 * need expanding are left out: what they become depends on the state, not on what was typed.
 */
export function commandsIn(source: string): string[][] {
  const out: string[][] = [];
  try {
    collect(parseScript(source), out);
  } catch {
    return [];
  }
  return out;
}

/** Options in a generic `--name value` / `--name=value` / `-x` style, for programs other than docker. */
function genericOptions(args: string[]): { options: Record<string, string[]>; operands: string[] } {
  const options: Record<string, string[]> = {};
  const operands: string[] = [];
  const add = (name: string, value: string) => {
    options[name] = [...(options[name] ?? []), value];
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    const long = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (long) {
      const next = args[i + 1];
      if (long[2] !== undefined) add(long[1] as string, long[2]);
      else if (next !== undefined && !next.startsWith('-')) add(long[1] as string, args[++i] as string);
      else add(long[1] as string, 'true');
    } else if (/^-[A-Za-z]+$/.test(arg)) for (const c of arg.slice(1)) add(c, 'true');
    else operands.push(arg);
  }
  return { options, operands };
}

/**
 * Normalises an argv. Docker command lines are parsed with the CLI's own flag tables, so aliases
 * (`docker container ls` and `docker ps`), short and long flags and flag order do not matter. Other
 * programs are read generically: the first operand is the subcommand (`virsh start web`).
 */
export function normalise(argv: string[]): { ok: true; argv: NormalArgv } | { ok: false; error: string } {
  const [program = '', ...args] = argv;
  const name = program.split('/').pop() as string;
  if (name === 'docker') {
    const parsed = parseDockerArgv(args);
    if (!parsed.ok) return parsed;
    const options: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(parsed.argv.flags)) options[key] = [...values].sort();
    return {
      ok: true,
      argv: { program: name, command: parsed.argv.command, options, operands: parsed.argv.positionals },
    };
  }
  const { options, operands } = genericOptions(args);
  for (const key of Object.keys(options)) options[key]?.sort();
  const [command = '', ...rest] = operands;
  return { ok: true, argv: { program: name, command, options, operands: rest } };
}

/** Parses one typed command line into a normal argv; the learner's mistakes come back as messages. */
export function normaliseLine(line: string): { ok: true; argv: NormalArgv } | { ok: false; error: string } {
  const commands = commandsIn(line);
  if (commands.length !== 1) return { ok: false, error: 'expected one command' };
  return normalise(commands[0] as string[]);
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Whether `actual` is the command `pattern` describes. With `exact`, both have the same options and
 * operands; otherwise `actual` has at least the pattern's options (extra flags allowed) and its
 * operands start with the pattern's (`docker run alpine` covers `docker run alpine true`).
 */
export function matches(pattern: NormalArgv, actual: NormalArgv, exact: boolean): boolean {
  if (pattern.program !== actual.program || pattern.command !== actual.command) return false;
  const operands = exact ? actual.operands : actual.operands.slice(0, pattern.operands.length);
  if (!sameList(pattern.operands, operands)) return false;
  for (const [name, values] of Object.entries(pattern.options)) {
    if (!sameList(values, actual.options[name] ?? [])) return false;
  }
  return !exact || Object.keys(actual.options).every((name) => name in pattern.options);
}
