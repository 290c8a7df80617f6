import type { Program, ProgramContext } from '../shell/program.ts';
import { BUSYBOX_BANNER } from './args.ts';
import type { Flavor } from './flavor.ts';
import { shellQuote } from './format.ts';
import { errorText, readText } from './read.ts';

/**
 * `xargs [OPTION]... [COMMAND [INITIAL-ARGS]...]` (GNU findutils 4.9, or BusyBox): builds command
 * lines from standard input and runs them the way `find -exec` does, through a child shell, after
 * finding COMMAND on PATH itself (xargs execs; it runs no shell builtins and no functions).
 */

interface XargsOptions {
  null: boolean;
  delimiter: string | undefined;
  maxArgs: number | undefined;
  maxLines: number | undefined;
  replace: string | undefined;
  noRunIfEmpty: boolean;
  verbose: boolean;
  eof: string | undefined;
  argFile: string | undefined;
}

class XargsError extends Error {}

/** Items separated by blanks and newlines, with '...', "..." and backslash quoting (GNU's rules). */
function splitItems(
  text: string,
  flavor: Flavor,
  eof: string | undefined,
): { items: string[]; lines: number[] } {
  const items: string[] = [];
  // For -L: the input line each item ended on (a line ending in a blank continues).
  const lines: number[] = [];
  let line = 0;
  let current = '';
  let inItem = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\n') {
        const kind = quote === "'" ? 'single' : 'double';
        throw new XargsError(
          flavor === 'gnu'
            ? `unmatched ${kind} quote; by default quotes are special to xargs unless you use the -0 option`
            : `unmatched ${kind} quote`,
        );
      } else current += c;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inItem) {
        if (eof !== undefined && current === eof) return { items, lines };
        items.push(current);
        lines.push(line);
        current = '';
        inItem = false;
      }
      if (c === '\n') {
        const previous = text[i - 1];
        if (previous !== ' ' && previous !== '\t') line++;
      }
      continue;
    }
    inItem = true;
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\' && i + 1 < text.length) current += text[++i];
    else current += c;
  }
  if (quote) {
    const kind = quote === "'" ? 'single' : 'double';
    throw new XargsError(
      flavor === 'gnu'
        ? `unmatched ${kind} quote; by default quotes are special to xargs unless you use the -0 option`
        : `unmatched ${kind} quote`,
    );
  }
  if (inItem && !(eof !== undefined && current === eof)) {
    items.push(current);
    lines.push(line);
  }
  return { items, lines };
}

/** Finds a command the way execvp does: a path as given, else the first PATH entry that has it. */
function findCommand(ctx: ProgramContext, name: string): 'ok' | 'missing' | 'denied' {
  const check = (path: string): 'ok' | 'missing' | 'denied' => {
    const node = ctx.fs.stat(path.startsWith('/') ? path : `${ctx.cwd.replace(/\/$/, '')}/${path}`);
    if (!node || node.type === 'dir') return node ? 'denied' : 'missing';
    return node.type === 'file' && (node.mode & 0o111) !== 0 ? 'ok' : 'denied';
  };
  if (name.includes('/')) return check(name);
  for (const dir of (ctx.env.PATH ?? '/usr/bin:/bin').split(':')) {
    const found = check(`${dir || '.'}/${name}`);
    if (found === 'ok') return 'ok';
  }
  return 'missing';
}

function parseOptions(
  args: string[],
  flavor: Flavor,
): { options: XargsOptions; command: string[] } | { error: string; usage?: boolean } {
  const o: XargsOptions = {
    null: false,
    delimiter: undefined,
    maxArgs: undefined,
    maxLines: undefined,
    replace: undefined,
    noRunIfEmpty: false,
    verbose: false,
    eof: undefined,
    argFile: undefined,
  };
  const number = (name: string, value: string, min = 1): number | string => {
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isNaN(n))
      return flavor === 'gnu' ? `invalid number "${value}" for -${name} option` : `invalid number '${value}'`;
    if (n < min)
      return flavor === 'gnu'
        ? `value ${value} for -${name} option should be >= ${min}`
        : `invalid number '${value}'`;
    return n;
  };
  const long: Record<string, string> = {
    null: '0',
    delimiter: 'd',
    'max-args': 'n',
    'max-lines': 'L',
    replace: 'i',
    'no-run-if-empty': 'r',
    verbose: 't',
    'arg-file': 'a',
    eof: 'e',
    'max-procs': 'P',
    'max-chars': 's',
    exit: 'x',
    interactive: 'p',
  };
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    let opts: [string, string | undefined][] = [];
    if (arg.startsWith('--') && flavor === 'gnu') {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      const key = long[name];
      if (!key) return { error: `unrecognized option '${arg}'`, usage: true };
      let value = eq === -1 ? undefined : arg.slice(eq + 1);
      if (value === undefined && 'dnLaPs'.includes(key)) {
        value = args[++i];
        if (value === undefined) return { error: `option '--${name}' requires an argument`, usage: true };
      }
      opts = [[key, value]];
    } else {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j] as string;
        if ('dnLIaPsE'.includes(c)) {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
          if (value === undefined) {
            return {
              error:
                flavor === 'gnu'
                  ? `option requires an argument -- '${c}'`
                  : `option requires an argument: ${c}`,
              usage: true,
            };
          }
          opts.push([c, value]);
          break;
        }
        if ('ile'.includes(c)) {
          opts.push([c, j + 1 < arg.length ? arg.slice(j + 1) : undefined]);
          break;
        }
        if (!'0rtxp'.includes(c)) {
          return {
            error: flavor === 'gnu' ? `invalid option -- '${c}'` : `unrecognized option: ${c}`,
            usage: true,
          };
        }
        opts.push([c, undefined]);
      }
    }
    for (const [key, value] of opts) {
      switch (key) {
        case '0':
          o.null = true;
          break;
        case 'd':
          o.delimiter = value === '\\n' ? '\n' : value === '\\t' ? '\t' : (value ?? '').slice(0, 1);
          break;
        case 'n': {
          const n = number('n', value ?? '');
          if (typeof n === 'string') return { error: n };
          o.maxArgs = n;
          if (o.replace !== undefined && flavor === 'gnu') o.replace = undefined;
          break;
        }
        case 'L':
        case 'l': {
          const n = value === undefined ? 1 : number('L', value);
          if (typeof n === 'string') return { error: n };
          o.maxLines = n;
          break;
        }
        case 'I':
        case 'i':
          o.replace = value ?? '{}';
          o.maxLines = 1;
          break;
        case 'r':
          o.noRunIfEmpty = true;
          break;
        case 't':
          o.verbose = true;
          break;
        case 'E':
        case 'e':
          o.eof = value;
          break;
        case 'a':
          o.argFile = value;
          break;
      }
    }
  }
  return { options: o, command: args.slice(i) };
}

/** Runs one command line; returns its exit status (127 not found, 126 not executable). */
async function runOne(ctx: ProgramContext, argv: string[], o: XargsOptions, flavor: Flavor): Promise<number> {
  if (o.verbose) ctx.stderr.write(`${argv.join(' ')}\n`);
  const name = argv[0] as string;
  const found = findCommand(ctx, name);
  if (found !== 'ok') {
    const reason = found === 'missing' ? 'No such file or directory' : 'Permission denied';
    ctx.stderr.write(flavor === 'gnu' ? `xargs: ${name}: ${reason}\n` : `xargs: ${name}: ${reason}\n`);
    return found === 'missing' ? 127 : 126;
  }
  ctx.meter.step();
  // The child shell is new (no functions); its builtins (echo, printf, ...) print as the programs do.
  return ctx.shell(argv.map(shellQuote).join(' '));
}

/** `xargs`: exit 0, 123 when a command failed with 1–125, 124 on 255, 126/127 when it cannot run. */
export function xargs(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseOptions(ctx.argv.slice(1), flavor);
    if ('error' in parsed) {
      if (flavor === 'gnu') {
        ctx.stderr.write(`xargs: ${parsed.error}\nTry 'xargs --help' for more information.\n`);
        return 1;
      }
      ctx.stderr.write(`xargs: ${parsed.error}\n${parsed.usage ? `${BUSYBOX_BANNER}\n` : ''}`);
      return 1;
    }
    const { options: o } = parsed;
    const command = parsed.command.length > 0 ? parsed.command : ['echo'];
    let text: string;
    try {
      text = o.argFile !== undefined ? readText(ctx, o.argFile) : ctx.stdin.read();
    } catch (error) {
      ctx.stderr.write(
        flavor === 'gnu'
          ? `xargs: ${o.argFile}: ${errorText(error)}\n`
          : `xargs: can't open '${o.argFile}': ${errorText(error)}\n`,
      );
      return 1;
    }
    let items: string[];
    let lines: number[];
    try {
      if (o.replace !== undefined) {
        // -I: each line is one item, leading blanks dropped.
        items = text
          .split('\n')
          .map((l) => l.replace(/^[ \t]+/, ''))
          .filter((l) => l !== '');
        lines = items.map((_, idx) => idx);
      } else if (o.null || o.delimiter !== undefined) {
        const sep = o.null ? '\0' : (o.delimiter as string);
        items = text.split(sep);
        if (items[items.length - 1] === '') items.pop();
        lines = items.map((_, idx) => idx);
      } else ({ items, lines } = splitItems(text, flavor, o.eof));
    } catch (error) {
      if (!(error instanceof XargsError)) throw error;
      ctx.stderr.write(`xargs: ${error.message}\n`);
      return 1;
    }
    // Group items into command lines.
    const groups: string[][] = [];
    if (o.replace !== undefined) {
      for (const item of items) groups.push([item]);
    } else if (o.maxLines !== undefined) {
      let group: string[] = [];
      let firstLine = -1;
      let count = 0;
      for (const [idx, item] of items.entries()) {
        const line = lines[idx] as number;
        if (line !== firstLine) {
          if (count === o.maxLines) {
            groups.push(group);
            group = [];
            count = 0;
          }
          firstLine = line;
          count++;
        }
        group.push(item);
      }
      if (group.length > 0) groups.push(group);
    } else if (o.maxArgs !== undefined) {
      for (let k = 0; k < items.length; k += o.maxArgs) groups.push(items.slice(k, k + o.maxArgs));
    } else if (items.length > 0) groups.push(items);
    if (groups.length === 0 && !o.noRunIfEmpty && o.replace === undefined) groups.push([]);
    let status = 0;
    for (const group of groups) {
      ctx.meter.step();
      const argv =
        o.replace !== undefined
          ? command.map((w) => w.replaceAll(o.replace as string, group[0] as string))
          : [...command, ...group];
      const code = await runOne(ctx, argv, o, flavor);
      if (code === 127 || code === 126) return code;
      if (code === 255) {
        ctx.stderr.write(`xargs: ${argv[0]}: exited with status 255; aborting\n`);
        return 124;
      }
      if (code > 128 && code < 255) {
        ctx.stderr.write(`xargs: ${argv[0]}: terminated by signal ${code - 128}\n`);
        return 125;
      }
      if (code !== 0) status = 123;
    }
    return status;
  };
}
