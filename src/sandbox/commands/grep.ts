import { compilePattern, type Pattern, PatternBudgetError, PatternTooLargeError } from '../regex/index.ts';
import type { Program, ProgramContext } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { absolute, errorText, readOperand } from './read.ts';
import { escapeLiteral, RegexError, translateRegex } from './regex.ts';

interface GrepOptions {
  invert: boolean;
  count: boolean;
  lineNumbers: boolean;
  filesWithMatches: boolean;
  filesWithout: boolean;
  quiet: boolean;
  onlyMatching: boolean;
  noMessages: boolean;
  withNames: boolean;
  /** Context lines before and after each selected line (-B, -A, -C, -NUM). */
  before: number;
  after: number;
  /** Stop reading a file after this many selected lines (-m). */
  maxCount: number;
  busybox: boolean;
}

/** What context output has printed so far, across files: `--` goes between groups. */
interface ContextState {
  printedAny: boolean;
}

/** Compiles grep's patterns and matching options into one pattern (linear-time matching). */
export function buildMatcher(
  patterns: string[],
  mode: 'basic' | 'extended' | 'fixed',
  flags: { ignoreCase: boolean; word: boolean; line: boolean },
): Pattern {
  const sources = patterns.map((p) =>
    mode === 'fixed' ? escapeLiteral(p) : translateRegex(p, mode === 'extended'),
  );
  let source = sources.map((s) => `(?:${s})`).join('|');
  if (flags.word) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  if (flags.line) source = `^(?:${source})$`;
  return compilePattern(source, { ignoreCase: flags.ignoreCase });
}

/** grep's message for a pattern that does not compile. */
function patternErrorText(error: unknown): string {
  if (error instanceof RegexError) return error.message;
  if (error instanceof PatternTooLargeError) return 'regular expression too big';
  return 'Invalid regular expression';
}

/** Lines of a file without their newlines (a missing final newline still ends a line). */
function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Searches one text; writes output; returns whether anything was selected. */
function searchText(
  ctx: ProgramContext,
  pattern: Pattern,
  text: string,
  name: string,
  o: GrepOptions,
  state: ContextState,
): boolean {
  let selected = 0;
  const context = o.before > 0 || o.after > 0;
  const listing = o.quiet || o.filesWithMatches || o.filesWithout || o.count;
  const lines = linesOf(text);
  // The last line printed (selected or context), and how many trailing context lines remain.
  // Starting below -1 puts `--` before a file's first group when an earlier file printed one.
  let last = -2;
  let afterLeft = 0;
  const emit = (index: number, separator: ':' | '-') => {
    if (context && state.printedAny && index > last + 1) ctx.stdout.write('--\n');
    state.printedAny = true;
    last = index;
    const line = lines[index] as string;
    const prefix = `${o.withNames ? `${name}${separator}` : ''}${o.lineNumbers ? `${index + 1}${separator}` : ''}`;
    if (separator === ':' && o.onlyMatching) {
      // GNU prints only the matched parts; a context line prints nothing (BusyBox prints it whole).
      if (o.invert) return;
      for (const m of pattern.matchAll(line)) {
        if (m.end > m.index) ctx.stdout.write(`${prefix}${line.slice(m.index, m.end)}\n`);
      }
    } else if (separator === ':' || !o.onlyMatching || o.busybox) ctx.stdout.write(`${prefix}${line}\n`);
  };
  for (let index = 0; index < lines.length; index++) {
    if (selected >= o.maxCount) {
      // After -m's last selected line its trailing context is still printed: GNU's whether it
      // matches or not, BusyBox's up to the next line that would be selected.
      if (listing || afterLeft === 0) break;
      if (o.busybox && pattern.test(lines[index] as string) !== o.invert) break;
      emit(index, '-');
      afterLeft--;
      continue;
    }
    const line = lines[index] as string;
    const matches = pattern.test(line);
    if (matches === o.invert) {
      if (afterLeft > 0 && !listing) {
        emit(index, '-');
        afterLeft--;
      }
      continue;
    }
    selected++;
    if (listing) {
      if (o.quiet || o.filesWithMatches) break;
      continue;
    }
    for (let k = Math.max(index - o.before, last + 1, 0); k < index; k++) emit(k, '-');
    emit(index, ':');
    afterLeft = o.after;
  }
  if (o.count) ctx.stdout.write(`${o.withNames ? `${name}:` : ''}${selected}\n`);
  if (o.filesWithMatches && selected > 0 && !o.quiet) ctx.stdout.write(`${name}\n`);
  if (o.filesWithout && selected === 0) ctx.stdout.write(`${name}\n`);
  return selected > 0;
}

/** Files below a directory for -r (symlinks skipped) or -R (followed). */
function walkFiles(ctx: ProgramContext, operand: string, implicit: boolean, follow: boolean): string[] {
  const root = absolute(ctx, operand);
  const out: string[] = [];
  for (const path of ctx.fs.walk(root)) {
    const node = follow ? ctx.fs.stat(path) : ctx.fs.lstat(path);
    if (node?.type !== 'file') continue;
    const rel = path.slice(root === '/' ? 1 : root.length + 1);
    out.push(implicit ? rel : `${operand.replace(/\/+$/, '')}/${rel}`);
  }
  return out;
}

/** `grep [OPTIONS] PATTERN [FILE]...`: exit 0 when something matched, 1 when nothing, 2 on trouble. */
export function grep(flavor: Flavor, mode0: 'basic' | 'extended' | 'fixed' = 'basic'): Program {
  return async (ctx) => {
    // `-NUM` is `-C NUM` (before any `--`).
    const args: string[] = [];
    let valueNext = false;
    for (const [i, arg] of ctx.argv.slice(1).entries()) {
      if (arg === '--' && !valueNext) {
        args.push(...ctx.argv.slice(i + 1));
        break;
      }
      if (/^-\d+$/.test(arg) && !valueNext) args.push('-C', arg.slice(1));
      else args.push(arg);
      valueNext =
        !valueNext &&
        (/^-[a-zA-Z]*[ABCmef]$/.test(arg) ||
          /^--(regexp|after-context|before-context|context|max-count)$/.test(arg));
    }
    const parsed = parseArgs(
      args,
      {
        flags: 'ivcnEFGrRlLqswxohHyZ',
        values: 'efABCm',
        long: {
          'ignore-case': 'i',
          'invert-match': 'v',
          count: 'c',
          'line-number': 'n',
          'extended-regexp': 'E',
          'fixed-strings': 'F',
          recursive: 'r',
          'dereference-recursive': 'R',
          'files-with-matches': 'l',
          'files-without-match': 'L',
          quiet: 'q',
          silent: 'q',
          'no-messages': 's',
          'word-regexp': 'w',
          'line-regexp': 'x',
          'only-matching': 'o',
          'no-filename': 'h',
          'with-filename': 'H',
          'regexp=': 'e',
          'after-context=': 'A',
          'before-context=': 'B',
          'context=': 'C',
          'max-count=': 'm',
          'color?': 'color',
          'colour?': 'color',
        },
      },
      flavor,
    );
    if (!parsed.ok) {
      if (flavor === 'gnu') {
        ctx.stderr.write(
          `grep: ${parsed.message}\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`,
        );
        return 2;
      }
      return usageError(ctx, 'grep', flavor, parsed.message) + 1;
    }
    const operands = [...parsed.operands];
    let patterns = parsed.options.filter(([k]) => k === 'e').map(([, v]) => v);
    if (patterns.length === 0) {
      const first = operands.shift();
      if (first === undefined) {
        if (flavor === 'gnu') {
          ctx.stderr.write(
            "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
          );
          return 2;
        }
        return usageError(ctx, 'grep', flavor, '') + 1;
      }
      patterns = [first];
    }
    patterns = patterns.flatMap((p) => p.split('\n'));
    const mode = parsed.has('F') ? 'fixed' : parsed.has('E') ? 'extended' : parsed.has('G') ? 'basic' : mode0;
    const numbers: Partial<Record<'A' | 'B' | 'C' | 'm', number>> = {};
    for (const [key, value] of parsed.options) {
      if (key !== 'A' && key !== 'B' && key !== 'C' && key !== 'm') continue;
      const n = /^\s*\+?\d+$/.test(value) ? Number(value.trim()) : Number.NaN;
      if (Number.isNaN(n)) {
        if (flavor === 'busybox') ctx.stderr.write(`grep: invalid number '${value}'\n`);
        else if (key === 'm') ctx.stderr.write('grep: invalid max count\n');
        else ctx.stderr.write(`grep: ${value}: invalid context length argument\n`);
        return 2;
      }
      numbers[key] = n;
    }
    let pattern: Pattern;
    try {
      pattern = buildMatcher(patterns, mode, {
        ignoreCase: parsed.has('i') || parsed.has('y'),
        word: parsed.has('w'),
        line: parsed.has('x'),
      });
    } catch (error) {
      ctx.stderr.write(`grep: ${patternErrorText(error)}\n`);
      return 2;
    }
    const recursive = parsed.has('r') || parsed.has('R');
    const implicit = operands.length === 0;
    if (implicit) operands.push(recursive ? '.' : '-');
    const files: string[] = [];
    let trouble = false;
    const complain = (message: string) => {
      if (!parsed.has('s')) ctx.stderr.write(`grep: ${message}\n`);
      trouble = true;
    };
    for (const operand of operands) {
      if (operand !== '-' && recursive && ctx.fs.isDir(absolute(ctx, operand))) {
        files.push(...walkFiles(ctx, operand, implicit, parsed.has('R')));
      } else files.push(operand);
    }
    const o: GrepOptions = {
      invert: parsed.has('v'),
      count: parsed.has('c'),
      lineNumbers: parsed.has('n'),
      filesWithMatches: parsed.has('l'),
      filesWithout: parsed.has('L'),
      quiet: parsed.has('q'),
      onlyMatching: parsed.has('o'),
      noMessages: parsed.has('s'),
      withNames: parsed.has('H') || (!parsed.has('h') && (files.length > 1 || recursive)),
      before: numbers.B ?? numbers.C ?? 0,
      after: numbers.A ?? numbers.C ?? 0,
      maxCount: numbers.m ?? Number.POSITIVE_INFINITY,
      busybox: flavor === 'busybox',
    };
    const state: ContextState = { printedAny: false };
    let matched = false;
    for (const file of files) {
      let text: string;
      try {
        text = readOperand(ctx, file);
      } catch (error) {
        complain(`${file}: ${errorText(error)}`);
        continue;
      }
      let found: boolean;
      try {
        found = searchText(ctx, pattern, text, file === '-' ? '(standard input)' : file, o, state);
      } catch (error) {
        if (!(error instanceof PatternBudgetError)) throw error;
        // What GNU grep says when its backreference matcher runs out of room.
        ctx.stderr.write('grep: stack overflow\n');
        return 2;
      }
      if (found) {
        matched = true;
        if (o.quiet) return 0;
      }
    }
    if (trouble && !(o.quiet && matched)) return 2;
    return matched ? 0 : 1;
  };
}
