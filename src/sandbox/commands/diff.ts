import type { Program, ProgramContext } from '../shell/program.ts';
import { parseArgs } from './args.ts';
import type { Flavor } from './flavor.ts';
import { fullTime } from './format.ts';
import { absolute, errorText, readOperand } from './read.ts';

/** One side of a comparison: its lines and whether the last one ends without a newline. */
interface Side {
  lines: string[];
  noFinalNewline: boolean;
}

/** A run of differing lines: `[a, aEnd)` of the first file replaced by `[b, bEnd)` of the second. */
export interface Change {
  a: number;
  aEnd: number;
  b: number;
  bEnd: number;
}

/** Past this many cells the longest-common-subsequence table would be too large: the files differ as wholes. */
const MAX_CELLS = 4_000_000;

function side(text: string): Side {
  const lines = text.split('\n');
  const noFinalNewline = lines[lines.length - 1] !== '';
  if (!noFinalNewline) lines.pop();
  return { lines, noFinalNewline: noFinalNewline && text !== '' };
}

/**
 * The changes that turn `a` into `b`, from a longest common subsequence of their lines, matching
 * the earliest lines first as GNU diff's output usually does.
 */
export function changes(a: readonly string[], b: readonly string[]): Change[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS) return n + m === 0 ? [] : [{ a: 0, aEnd: n, b: 0, bEnd: m }];
  // lcs[i * (m + 1) + j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j] ?? 0, lcs[i * (m + 1) + j + 1] ?? 0);
    }
  }
  const result: Change[] = [];
  let i = 0;
  let j = 0;
  let open: Change | undefined;
  const close = () => {
    if (open) result.push(open);
    open = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      close();
      i++;
      j++;
    } else {
      open ??= { a: i, aEnd: i, b: j, bEnd: j };
      if (j >= m || (i < n && (lcs[(i + 1) * (m + 1) + j] ?? 0) >= (lcs[i * (m + 1) + j + 1] ?? 0)))
        open.aEnd = ++i;
      else open.bEnd = ++j;
    }
  }
  close();
  return result;
}

/** `a,b` for a range of 1-based lines, `a` for one line; an empty range names the line before it. */
function range(start: number, end: number): string {
  if (end - start <= 1) return String(end - start === 1 ? start + 1 : start);
  return `${start + 1},${end}`;
}

/** The lines as compared: a last line without its newline differs from the same text with one. */
function compared(s: Side): string[] {
  return s.noFinalNewline ? [...s.lines.slice(0, -1), `${s.lines[s.lines.length - 1]}\0`] : s.lines;
}

function lineOut(prefix: string, s: Side, index: number): string {
  const last = index === s.lines.length - 1 && s.noFinalNewline;
  return `${prefix}${s.lines[index]}\n${last ? '\\ No newline at end of file\n' : ''}`;
}

/** diff's default ("normal") format: `2c2`, `< old`, `---`, `> new`. */
function normal(x: Side, y: Side, list: Change[]): string {
  let out = '';
  for (const c of list) {
    const kind = c.a === c.aEnd ? 'a' : c.b === c.bEnd ? 'd' : 'c';
    out += `${range(c.a, c.aEnd)}${kind}${range(c.b, c.bEnd)}\n`;
    for (let k = c.a; k < c.aEnd; k++) out += lineOut('< ', x, k);
    if (kind === 'c') out += '---\n';
    for (let k = c.b; k < c.bEnd; k++) out += lineOut('> ', y, k);
  }
  return out;
}

/** `-s,l` as unified hunks number lines: one line is just `s`; no lines name the line before. */
function hunkRange(start: number, length: number): string {
  if (length === 1) return String(start + 1);
  return `${length === 0 ? start : start + 1},${length}`;
}

/** The unified format (`-u`): hunks with three lines of context, merged when their contexts touch. */
function unified(x: Side, y: Side, list: Change[], context: number): string {
  let out = '';
  let k = 0;
  while (k < list.length) {
    let last = k;
    while (last + 1 < list.length) {
      const next = list[last + 1] as Change;
      if (next.a - (list[last] as Change).aEnd > 2 * context) break;
      last++;
    }
    const first = list[k] as Change;
    const end = list[last] as Change;
    const aStart = Math.max(0, first.a - context);
    const bStart = Math.max(0, first.b - context);
    const aEnd = Math.min(x.lines.length, end.aEnd + context);
    const bEnd = Math.min(y.lines.length, end.bEnd + context);
    out += `@@ -${hunkRange(aStart, aEnd - aStart)} +${hunkRange(bStart, bEnd - bStart)} @@\n`;
    let i = aStart;
    for (let c = k; c <= last; c++) {
      const change = list[c] as Change;
      for (; i < change.a; i++) out += lineOut(' ', x, i);
      for (let d = change.a; d < change.aEnd; d++) out += lineOut('-', x, d);
      for (let d = change.b; d < change.bEnd; d++) out += lineOut('+', y, d);
      i = change.aEnd;
    }
    for (; i < aEnd; i++) out += lineOut(' ', x, i);
    k = last + 1;
  }
  return out;
}

function read(ctx: ProgramContext, operand: string): Side | string {
  try {
    return side(readOperand(ctx, operand));
  } catch (error) {
    return `diff: ${operand}: ${errorText(error)}\n`;
  }
}

/** `diff [-u] [-q] FILE1 FILE2`: GNU diff's normal and unified formats; exit 0 same, 1 different, 2 trouble. */
export function diff(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(ctx.argv.slice(1), { flags: 'uq', long: { unified: 'u', brief: 'q' } }, flavor);
    // diff words its usage errors its own way: both lines start with its name, and trouble is 2.
    const trouble = (message: string) => {
      ctx.stderr.write(`diff: ${message}\ndiff: Try 'diff --help' for more information.\n`);
      return 2;
    };
    if (!parsed.ok) return trouble(parsed.message);
    const [first, second, extra] = parsed.operands;
    if (first === undefined) return trouble("missing operand after 'diff'");
    if (second === undefined) return trouble(`missing operand after '${first}'`);
    if (extra !== undefined) return trouble(`extra operand '${extra}'`);
    const x = read(ctx, first);
    const y = read(ctx, second);
    if (typeof x === 'string' || typeof y === 'string') {
      if (typeof x === 'string') ctx.stderr.write(x);
      if (typeof y === 'string') ctx.stderr.write(y);
      return 2;
    }
    const list = changes(compared(x), compared(y));
    if (list.length === 0) return 0;
    if (parsed.has('q')) {
      ctx.stdout.write(`Files ${first} and ${second} differ\n`);
      return 1;
    }
    if (parsed.has('u')) {
      const stamp = (operand: string) => {
        const node = operand === '-' ? undefined : ctx.fs.stat(absolute(ctx, operand));
        return fullTime(node?.mtime ?? ctx.now());
      };
      ctx.stdout.write(`--- ${first}\t${stamp(first)}\n+++ ${second}\t${stamp(second)}\n`);
      ctx.stdout.write(unified(x, y, list, 3));
    } else ctx.stdout.write(normal(x, y, list));
    return 1;
  };
}
