/**
 * Drawing a full screen with the plain VT100 sequences xterm.js understands: each frame redraws
 * every row, so what the terminal shows never depends on what it showed before.
 */

/** Part of a row, and how it stands out: reverse video (nano's bars), Vim's error and `~` colours. */
export interface Span {
  text: string;
  tone?: 'inverse' | 'error' | 'dim';
}

const TONES = { inverse: '\x1b[7m', error: '\x1b[97;41m', dim: '\x1b[94m' } as const;

export type Row = string | Span[];

export interface Frame {
  rows: Row[];
  /** Where the cursor stands, zero-based. */
  cursor: { row: number; col: number };
}

const ESC = '\x1b';

/** A frame as terminal output: home, each row drawn and the rest of it cleared, then the cursor. */
export function render(frame: Frame, columns: number): string {
  let out = `${ESC}[?25l${ESC}[H`;
  frame.rows.forEach((row, i) => {
    if (i > 0) out += '\r\n';
    out += typeof row === 'string' ? visible(row, columns) : spans(row, columns);
    out += `${ESC}[m${ESC}[K`;
  });
  return `${out}${ESC}[${frame.cursor.row + 1};${frame.cursor.col + 1}H${ESC}[?25h`;
}

function spans(row: Span[], columns: number): string {
  let out = '';
  let left = columns;
  for (const span of row) {
    const text = visible(span.text, left);
    left -= text.length;
    out += span.tone && text ? `${TONES[span.tone]}${text}${ESC}[m` : text;
  }
  return out;
}

/** Text as it goes on screen: tabs to the next multiple of 8, control characters as `^X`, cut to the width. */
export function visible(text: string, width: number): string {
  let shown = '';
  for (const c of text) {
    if (c === '\t') shown += ' '.repeat(8 - (shown.length % 8));
    else if (c < ' ' || c === '\x7f')
      shown += c === '\x7f' ? '^?' : `^${String.fromCharCode(c.charCodeAt(0) + 64)}`;
    else shown += c;
    if (shown.length >= width) break;
  }
  return shown.slice(0, Math.max(0, width));
}

/** The screen column of `text`'s character at `index` (tabs and `^X` take more than one). */
export function screenColumn(text: string, index: number): number {
  return visible(text.slice(0, index), Number.POSITIVE_INFINITY).length;
}

/**
 * The screen column a line is drawn from so that `column` shows, as nano's get_page_start finds it:
 * pages of `width - 8` columns that keep the last six of the page before.
 */
export function pageStart(column: number, width: number): number {
  if (column === 0 || column + 2 < width) return 0;
  if (width > 8) return column - 6 - ((column - 6) % (width - 8));
  return column - (width - 2);
}

/** A line drawn from screen column `start`, nano's way: `<` when it starts further left, `>` when it goes on. */
export function scrolledLine(text: string, start: number, width: number): string {
  const shown = visible(text, Number.POSITIVE_INFINITY);
  let row = shown.slice(start, start + width);
  if (start > 0) row = `<${row.slice(1)}`;
  if (shown.length > start + width) row = `${row.slice(0, width - 1)}>`;
  return row;
}

/** A line cut into screen rows of `width` columns, as Vim wraps it (an empty line is one row). */
export function wrappedRows(text: string, width: number): string[] {
  const shown = visible(text, Number.POSITIVE_INFINITY);
  const rows: string[] = [];
  for (let i = 0; i < shown.length; i += width) rows.push(shown.slice(i, i + width));
  return rows.length > 0 ? rows : [''];
}
