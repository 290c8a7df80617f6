const ESC = '\x1b';
const CURSOR_AT_END = new RegExp(`${ESC}\\[(\\d+);(\\d+)H${ESC}\\[\\?25h$`);
const SEQUENCE = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, 'g');

/** The rows of an editor's last drawn frame as plain text (trailing spaces trimmed), and its cursor. */
export function frameText(output: string): { rows: string[]; cursor: { row: number; col: number } } {
  const frame = output.slice(output.lastIndexOf('\x1b[H'));
  const at = CURSOR_AT_END.exec(frame);
  const rows = frame
    .replace(SEQUENCE, '')
    .split('\r\n')
    .map((row) => row.trimEnd());
  return { rows, cursor: { row: Number(at?.[1]) - 1, col: Number(at?.[2]) - 1 } };
}

/** A screen of `rows` rows from the rows given at its top and bottom, blank between. */
export function screenOf(rows: number, top: string[], bottom: string[]): string[] {
  return [...top, ...Array(rows - top.length - bottom.length).fill(''), ...bottom];
}
