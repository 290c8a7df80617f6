/**
 * Docker's table output: a port of its fork of Go's text/tabwriter (elastic tabstops, go-runewidth widths),
 * plus the small display helpers from cli/command/formatter (Ellipsis, TruncateID).
 */

/** Inclusive code point ranges of East Asian Wide (W) and Fullwidth (F) characters, abridged from UAX #11. */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f202],
  [0x1f210, 0x1f23b],
  [0x1f240, 0x1f248],
  [0x1f250, 0x1f251],
  [0x1f260, 0x1f265],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

/** True for East Asian Wide/Fullwidth code points (binary search over WIDE_RANGES). */
function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = WIDE_RANGES[mid] ?? [0, 0];
    if (cp < start) hi = mid - 1;
    else if (cp > end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Width of one code point as golang.org/x/text/width sees it (used by Ellipsis): 2 for W/F, else 1. */
export function charWidth(cp: number): number {
  return isWide(cp) ? 2 : 1;
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;

/** Terminal width of a string as go-runewidth measures it: wide chars 2, combining/control chars 0. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ZERO_WIDTH.test(ch)) continue;
    width += charWidth(cp);
  }
  return width;
}

/** Options of the tab writer; docker's tables use minwidth 10 and padding 3 (`docker top`: minwidth 20). */
/** tabwriter's minwidth and padding; `tabWidth` pads with tabs (padchar '\t') to multiples of it. */
export type TableOptions = { minWidth?: number; padding?: number; tabWidth?: number };

type Cell = { text: string; width: number };

/** Splits tabwriter input into lines of cells; every cell but the last of a line was tab-terminated. */
function splitCells(text: string): Cell[][] {
  return text
    .split('\n')
    .map((line) => line.split(/[\t\v]/).map((t) => ({ text: t, width: displayWidth(t) })));
}

/**
 * Go text/tabwriter with padchar ' ' and no flags, for text made of `\t`-terminated cells and `\n` lines.
 * A column is a run of consecutive lines that have a cell in it, so a short line ends the column block
 * (elastic tabstops). Each column cell is padded to max(minWidth, widest cell + padding); the last cell of
 * each line is never padded.
 */
export function tabwrite(text: string, opts: TableOptions = {}): string {
  const minWidth = opts.minWidth ?? 10;
  const padding = opts.padding ?? 3;
  const { tabWidth } = opts;
  const lines = splitCells(text);
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const cells = lines[i] ?? [];
      let s = '';
      cells.forEach((c, j) => {
        s += c.text;
        const w = widths[j];
        if (w === undefined) return;
        if (tabWidth === undefined) s += ' '.repeat(Math.max(0, w - c.width));
        else s += '\t'.repeat(Math.ceil((Math.ceil(w / tabWidth) * tabWidth - c.width) / tabWidth));
      });
      out.push(i + 1 === lines.length ? s : `${s}\n`);
    }
  };

  // Direct port of tabwriter.format: recursion per column, one level per known column width.
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= (lines[current]?.length ?? 0) - 1) continue;
      writeLines(line0, current);
      line0 = current;
      let width = minWidth;
      for (; current < line1; current++) {
        const cells = lines[current] ?? [];
        if (column >= cells.length - 1) break;
        width = Math.max(width, (cells[column]?.width ?? 0) + padding);
      }
      widths.push(width);
      format(line0, current);
      widths.pop();
      line0 = current;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('');
}

/** Renders rows (row 0 is the header) like docker's tables; every line ends with '\n'. */
export function renderTable(rows: string[][], opts: TableOptions = {}): string {
  return tabwrite(rows.map((cells) => `${cells.join('\t')}\n`).join(''), opts);
}

/**
 * formatter.Ellipsis: cut `s` to `maxDisplayWidth` columns, ending in '…'. Wide characters count as two,
 * and like Go the string is returned unchanged when no cut point fits.
 */
export function ellipsis(s: string, maxDisplayWidth: number): string {
  if (maxDisplayWidth <= 0) return '';
  const runes = Array.from(s);
  if (maxDisplayWidth === 1) return runes[0] ?? '';
  const ascii = runes.every((r) => r.charCodeAt(0) < 0x80);
  if (ascii) return s.length <= maxDisplayWidth ? s : `${runes.slice(0, maxDisplayWidth - 1).join('')}…`;
  const cumulative: number[] = [];
  let total = 0;
  for (const r of runes) {
    total += charWidth(r.codePointAt(0) ?? 0);
    cumulative.push(total);
  }
  if (total <= maxDisplayWidth) return s;
  for (let i = 0; i < cumulative.length - 1; i++) {
    if ((cumulative[i] ?? 0) <= maxDisplayWidth - 1 && (cumulative[i + 1] ?? 0) > maxDisplayWidth - 1) {
      return `${runes.slice(0, i + 1).join('')}…`;
    }
  }
  return s;
}

/** stringid.TruncateID: drop an `algo:` prefix, keep the first 12 characters. */
export function truncateId(id: string): string {
  const colon = id.indexOf(':');
  const hex = colon >= 0 ? id.slice(colon + 1) : id;
  return hex.length > 12 ? hex.slice(0, 12) : hex;
}
