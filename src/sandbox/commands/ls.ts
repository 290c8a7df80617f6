import { FsError } from '../fs/filesystem.ts';
import type { FsNode } from '../fs/node.ts';
import type { Program, ProgramContext } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { busyboxHuman, gnuHuman, lsDate } from './format.ts';
import { apparentSize, blocksK, modeString } from './mode.ts';
import { absolute, errorText } from './read.ts';
import { type NameTables, nameTables } from './users.ts';

interface Options {
  long: boolean;
  all: boolean;
  almostAll: boolean;
  human: boolean;
  onePerLine: boolean;
  directory: boolean;
  recursive: boolean;
  reverse: boolean;
  byTime: boolean;
  bySize: boolean;
  classify: boolean;
  numeric: boolean;
}

/** One thing to list: the name to show, where it lives, and its (l)stat. */
interface Entry {
  name: string;
  path: string;
  node: FsNode;
}

interface State {
  ctx: ProgramContext;
  flavor: Flavor;
  opts: Options;
  names: NameTables;
  status: number;
  out: string[];
}

const SPEC = {
  flags: 'laAh1dRrtSFnC',
  long: {
    all: 'a',
    'almost-all': 'A',
    'human-readable': 'h',
    directory: 'd',
    recursive: 'R',
    reverse: 'r',
    classify: 'F',
    'numeric-uid-gid': 'n',
    'color?': 'color',
  },
};

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** Shell-escape quoting GNU ls uses on a terminal: names with special characters get quotes. */
function quoteName(name: string): string {
  if (!/[\s!"#$&'()*;<>?[\\\]`{|}~]/.test(name)) return name;
  return name.includes("'") ? `"${name.replace(/(["\\$`])/g, '\\$1')}"` : `'${name}'`;
}

function indicator(node: FsNode | undefined): string {
  if (!node) return '';
  if (node.type === 'dir') return '/';
  if (node.type === 'symlink') return '@';
  return node.mode & 0o111 ? '*' : '';
}

function displayName(state: State, entry: Entry, tty: boolean): string {
  const base = tty && state.flavor === 'gnu' ? quoteName(entry.name) : entry.name;
  return state.opts.classify && !(state.opts.long && entry.node.type === 'symlink')
    ? base + indicator(entry.node)
    : base;
}

function sortEntries(state: State, entries: Entry[]): Entry[] {
  const { byTime, bySize, reverse } = state.opts;
  const sorted = [...entries].sort((a, b) => {
    if (bySize && apparentSize(a.node) !== apparentSize(b.node))
      return apparentSize(b.node) - apparentSize(a.node);
    if (byTime && a.node.mtime !== b.node.mtime) return b.node.mtime - a.node.mtime;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  return reverse ? sorted.reverse() : sorted;
}

function linkCount(state: State, entry: Entry): number {
  if (entry.node.type !== 'dir') return 1;
  try {
    const real = state.ctx.fs.resolve(entry.path).path;
    return (
      2 +
      state.ctx.fs.readdir(real).filter((n) => state.ctx.fs.lstat(joinPath(real, n))?.type === 'dir').length
    );
  } catch {
    return 2;
  }
}

function sizeText(state: State, node: FsNode): string {
  const size = apparentSize(node);
  if (!state.opts.human) return String(size);
  return state.flavor === 'gnu' ? gnuHuman(size) : busyboxHuman(size);
}

/** `ls -l` lines; GNU sizes every column to its widest cell, BusyBox uses fixed printf widths. */
function longLines(state: State, entries: Entry[]): string[] {
  const { ctx, names } = state;
  const now = ctx.now();
  const tty = ctx.stdout.isTTY;
  const rows = entries.map((entry) => {
    const node = entry.node;
    const owner = state.opts.numeric ? String(node.uid) : names.user(node.uid);
    const group = state.opts.numeric ? String(node.gid) : names.group(node.gid);
    let name = displayName(state, entry, tty);
    if (node.type === 'symlink') {
      const target = tty && state.flavor === 'gnu' ? quoteName(node.target) : node.target;
      name += ` -> ${target}${state.opts.classify ? indicator(ctx.fs.stat(entry.path)) : ''}`;
    }
    return {
      mode: modeString(node),
      links: String(linkCount(state, entry)),
      owner,
      group,
      size: sizeText(state, node),
      date: lsDate(node.mtime, now),
      name,
    };
  });
  if (state.flavor === 'busybox') {
    const sizeWidth = state.opts.human ? 7 : 9;
    return rows.map(
      (r) =>
        `${r.mode.padEnd(10)} ${r.links.padStart(4)} ${r.owner.slice(0, 8).padEnd(8)} ${r.group.slice(0, 8).padEnd(8)} ${r.size.padStart(sizeWidth)} ${r.date} ${r.name}`,
    );
  }
  const width = (key: 'links' | 'owner' | 'group' | 'size') => Math.max(0, ...rows.map((r) => r[key].length));
  const [wl, wo, wg, ws] = [width('links'), width('owner'), width('group'), width('size')];
  return rows.map(
    (r) =>
      `${r.mode} ${r.links.padStart(wl)} ${r.owner.padEnd(wo)} ${r.group.padEnd(wg)} ${r.size.padStart(ws)} ${r.date} ${r.name}`,
  );
}

/**
 * GNU's vertical column layout: the most columns whose per-column widths (widest name + 2, the last
 * column without the gap) fit strictly inside the terminal width.
 */
export function gnuColumns(names: string[], lineWidth: number): string[] {
  const n = names.length;
  if (n === 0) return [];
  const maxCols = Math.max(1, Math.min(n, Math.floor(lineWidth / 3)));
  let best = { cols: 1, widths: [0] };
  for (let cols = 1; cols <= maxCols; cols++) {
    const rows = Math.ceil(n / cols);
    if (Math.ceil(n / rows) !== cols) continue;
    const widths = new Array<number>(cols).fill(0);
    names.forEach((name, i) => {
      const col = Math.floor(i / rows);
      const w = name.length + (col === cols - 1 ? 0 : 2);
      widths[col] = Math.max(widths[col] ?? 0, w);
    });
    const total = widths.reduce((a, b) => a + b, 0);
    if (cols === 1 || total < lineWidth) best = { cols, widths };
  }
  const rows = Math.ceil(n / best.cols);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < best.cols; c++) {
      const i = c * rows + r;
      if (i >= n) break;
      const name = names[i] as string;
      const last = c === best.cols - 1 || (c + 1) * rows + r >= n;
      line += last ? name : name.padEnd(best.widths[c] ?? 0);
    }
    lines.push(line);
  }
  return lines;
}

/** BusyBox's layout: every column as wide as the longest name plus two, within width - 1. */
function busyboxColumns(names: string[], terminalWidth: number): string[] {
  const colWidth = Math.max(0, ...names.map((n) => n.length)) + 2;
  let cols = Math.floor((terminalWidth - 1) / colWidth);
  if (cols < 1) cols = 1;
  const rows = cols > 1 ? Math.ceil(names.length / cols) : names.length;
  if (cols <= 1) return names;
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < cols; c++) {
      const name = names[c * rows + r];
      if (name !== undefined) cells.push(name);
    }
    lines.push(cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(colWidth))).join(''));
  }
  return lines;
}

function shortLines(state: State, entries: Entry[]): string[] {
  const tty = state.ctx.stdout.isTTY;
  let names = entries.map((e) => displayName(state, e, tty));
  if (!tty || state.opts.onePerLine) return names;
  if (state.flavor === 'busybox') return busyboxColumns(names, state.ctx.stdout.columns);
  // GNU shifts unquoted names one column right when others in the listing are quoted.
  if (names.some((n, i) => n !== (entries[i] as Entry).name && /^['"]/.test(n))) {
    names = names.map((n) => (/^['"]/.test(n) ? n : ` ${n}`));
  }
  return gnuColumns(names, state.ctx.stdout.columns);
}

function listEntries(state: State, entries: Entry[]): void {
  const sorted = sortEntries(state, entries);
  state.out.push(...(state.opts.long ? longLines(state, sorted) : shortLines(state, sorted)));
}

function cannotAccess(state: State, operand: string, error: unknown): void {
  const message = errorText(error);
  state.ctx.stderr.write(
    state.flavor === 'gnu' ? `ls: cannot access '${operand}': ${message}\n` : `ls: ${operand}: ${message}\n`,
  );
  state.status = state.flavor === 'gnu' ? 2 : 1;
}

function flush(state: State): void {
  if (state.out.length > 0) state.ctx.stdout.write(`${state.out.join('\n')}\n`);
  state.out = [];
}

/** The entries of a directory as ls shows them (with -a, `.` and `..` too). */
function readDirectory(state: State, dir: string, shown: string): Entry[] | undefined {
  const { ctx, opts } = state;
  let names: string[];
  try {
    names = ctx.fs.readdir(dir);
  } catch (error) {
    const message = errorText(error);
    ctx.stderr.write(
      state.flavor === 'gnu'
        ? `ls: cannot open directory '${shown}': ${message}\n`
        : `ls: ${shown}: ${message}\n`,
    );
    state.status = state.flavor === 'gnu' ? 2 : 1;
    return undefined;
  }
  const entries: Entry[] = [];
  if (opts.all) {
    for (const special of ['.', '..']) {
      const path = special === '.' ? dir : joinPath(dir, '..');
      const node = ctx.fs.stat(path);
      if (node) entries.push({ name: special, path, node });
    }
  }
  for (const name of names) {
    if (name.startsWith('.') && !opts.all && !opts.almostAll) continue;
    const path = joinPath(dir, name);
    const node = ctx.fs.lstat(path);
    if (node) entries.push({ name, path, node });
  }
  return entries;
}

function totalLine(state: State, entries: Entry[]): string {
  const blocks = entries.reduce((sum, e) => sum + blocksK(e.node), 0);
  if (state.opts.human && state.flavor === 'gnu') return `total ${gnuHuman(blocks * 1024)}`;
  return `total ${blocks}`;
}

/** Lists one directory (and, with -R, those below it), printing a `name:` header when asked. */
function listDirectory(state: State, shown: string, dir: string, header: boolean, first: boolean): void {
  if (header) {
    if (!first) state.out.push('');
    state.out.push(`${shown}:`);
  }
  const entries = readDirectory(state, dir, shown);
  if (!entries) {
    flush(state);
    return;
  }
  if (state.opts.long) state.out.push(totalLine(state, entries));
  listEntries(state, entries);
  flush(state);
  if (!state.opts.recursive) return;
  const subdirs = sortEntries(
    state,
    entries.filter((e) => e.node.type === 'dir' && e.name !== '.' && e.name !== '..'),
  );
  for (const sub of subdirs) listDirectory(state, joinPath(shown, sub.name), sub.path, true, false);
}

function parseOptions(has: (k: string) => boolean): Options {
  return {
    long: has('l') || has('n'),
    all: has('a'),
    almostAll: has('A'),
    human: has('h'),
    onePerLine: has('1'),
    directory: has('d'),
    recursive: has('R') && !has('d'),
    reverse: has('r'),
    byTime: has('t'),
    bySize: has('S'),
    classify: has('F'),
    numeric: has('n'),
  };
}

/** `ls`: list directory contents. */
export function ls(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(ctx.argv.slice(1), SPEC, flavor);
    if (!parsed.ok) return usageError(ctx, 'ls', flavor, parsed.message, 2);
    const opts = parseOptions(parsed.has);
    const state: State = { ctx, flavor, opts, names: nameTables(ctx), status: 0, out: [] };
    const operands = parsed.operands.length > 0 ? parsed.operands : ['.'];
    const follow = !opts.long && !opts.classify && !opts.directory;
    const files: Entry[] = [];
    const dirs: Entry[] = [];
    for (const operand of operands) {
      const path = absolute(ctx, operand);
      try {
        const { node } = ctx.fs.resolve(path, follow);
        if (!node) throw new FsError('ENOENT', path);
        const entry = { name: operand, path, node };
        const isDir =
          node.type === 'dir' ||
          (!opts.directory && node.type === 'symlink' && ctx.fs.isDir(path) && !opts.long);
        if (isDir && !opts.directory)
          dirs.push(entry.node.type === 'dir' ? entry : { ...entry, node: ctx.fs.stat(path) as FsNode });
        else files.push(entry);
      } catch (error) {
        cannotAccess(state, operand, error);
      }
    }
    if (files.length > 0) {
      listEntries(state, files);
      flush(state);
    }
    const header = operands.length > 1 || opts.recursive;
    sortEntries(state, dirs).forEach((dir, i) => {
      listDirectory(state, dir.name, dir.path, header, i === 0 && files.length === 0);
    });
    return state.status;
  };
}
