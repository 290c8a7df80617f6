import type { Movement } from './keys.ts';

/**
 * An editor's text: lines and a cursor (row, and column in UTF-16 units). Pure, shared by nano and
 * vi; each decides how lines map to file bytes (nano keeps a last empty line, vi an end of line).
 */
/** Characters or lines an edit may move for one step of the work meter. */
const MOVED_PER_STEP = 256;

export class TextBuffer {
  lines: string[];
  row = 0;
  col = 0;
  /**
   * Charges the work of each edit (what it copies or shifts) to the sandbox's meter, which stops a
   * chunk of keystrokes that would take too long (Enter at the top of a huge file, thousands of pastes).
   */
  work: (steps: number) => void = () => {};
  /** The column up and down try to keep, as editors do across short lines. */
  private goal = 0;

  constructor(lines: string[] = ['']) {
    this.lines = lines.length > 0 ? lines : [''];
  }

  get line(): string {
    return this.lines[this.row] as string;
  }

  /** Charges an edit that copies a line of `length` characters or shifts `length` lines. */
  private charge(length: number): void {
    this.work(1 + Math.floor(length / MOVED_PER_STEP));
  }

  /** Inserts text (no newlines) at the cursor. */
  insert(text: string): void {
    const line = this.line;
    this.charge(line.length + text.length);
    this.lines[this.row] = line.slice(0, this.col) + text + line.slice(this.col);
    this.col += text.length;
    this.goal = this.col;
  }

  /** Splits the line at the cursor (Enter). */
  splitLine(): void {
    const line = this.line;
    this.charge(line.length + this.lines.length - this.row);
    this.lines.splice(this.row, 1, line.slice(0, this.col), line.slice(this.col));
    this.row++;
    this.col = 0;
    this.goal = 0;
  }

  /** Deletes before the cursor, joining with the line above at its start; false when nothing was. */
  backspace(): boolean {
    this.charge(this.line.length + this.lines.length - this.row);
    if (this.col > 0) {
      this.col--;
      this.lines[this.row] = this.line.slice(0, this.col) + this.line.slice(this.col + 1);
    } else if (this.row > 0) {
      const line = this.lines.splice(this.row, 1)[0] as string;
      this.row--;
      this.col = this.line.length;
      this.lines[this.row] = this.line + line;
    } else return false;
    this.goal = this.col;
    return true;
  }

  /** Deletes under the cursor, joining the next line at the end; false when nothing was. */
  deleteForward(): boolean {
    this.charge(this.line.length + this.lines.length - this.row);
    if (this.col < this.line.length) {
      this.lines[this.row] = this.line.slice(0, this.col) + this.line.slice(this.col + 1);
      return true;
    }
    if (this.row + 1 < this.lines.length) {
      this.lines[this.row] = this.line + (this.lines.splice(this.row + 1, 1)[0] as string);
      return true;
    }
    return false;
  }

  /**
   * Moves the cursor. `end` is 0 where the cursor may stand after the last character (nano, vi's
   * insert mode) and 1 where it stays on it (vi's normal mode, which also keeps to its line).
   */
  move(where: Movement | 'top' | 'bottom', end = 0): void {
    switch (where) {
      case 'up':
      case 'down': {
        const row = this.row + (where === 'up' ? -1 : 1);
        if (row < 0 || row >= this.lines.length) return;
        this.row = row;
        this.col = Math.max(0, Math.min(this.goal, this.line.length - end));
        return;
      }
      case 'left':
        if (this.col > 0) this.col--;
        else if (end === 0 && this.row > 0) {
          this.row--;
          this.col = this.line.length;
        }
        break;
      case 'right':
        if (this.col < this.line.length - end) this.col++;
        else if (end === 0 && this.row + 1 < this.lines.length) {
          this.row++;
          this.col = 0;
        }
        break;
      case 'home':
        this.col = 0;
        break;
      case 'end':
        this.col = Math.max(0, this.line.length - end);
        break;
      case 'top':
      case 'bottom':
        // To the line's first non-blank, as vi's gg and G do.
        this.row = where === 'top' ? 0 : this.lines.length - 1;
        this.col = Math.max(0, this.line.search(/\S|$/));
        break;
      case 'delete':
        this.deleteForward();
        return;
    }
    this.goal = this.col;
  }

  /** Removes the cursor's line and returns it; the buffer keeps at least one (empty) line. */
  cutLine(): string {
    this.charge(this.lines.length - this.row);
    const [line] = this.lines.splice(this.row, 1) as [string];
    if (this.lines.length === 0) this.lines.push('');
    this.row = Math.min(this.row, this.lines.length - 1);
    this.col = 0;
    this.goal = 0;
    return line;
  }

  /** Inserts whole lines before the cursor's row (`after`: after it). */
  insertLines(lines: readonly string[], after = false): void {
    const at = this.row + (after ? 1 : 0);
    this.charge(this.lines.length - at + lines.length);
    this.lines.splice(at, 0, ...lines);
    this.row = at;
    this.col = 0;
    this.goal = 0;
  }

  /** Keeps `row` within a window of `height` rows starting at `top`; returns the new top. */
  scroll(top: number, height: number): number {
    if (this.row < top) return this.row;
    if (this.row >= top + height) return this.row - height + 1;
    return top;
  }
}
