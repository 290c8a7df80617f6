import type { ScreenSession, ScreenSize } from '../../shell/program.ts';
import { isPrintable, movement, splitKeys } from './keys.ts';
import { type Frame, type Row, render, screenColumn, visible, wrappedRows } from './screen.ts';
import { TextBuffer } from './text.ts';

/** Which vi: Vim 9.1 (Ubuntu's `vi` and `vim`) or BusyBox's applet (Alpine, busybox). */
export type ViFlavor = 'vim' | 'busybox';

/** What vi is given: the file as named on its command line, and how to write it. */
export interface ViFile {
  name: string | undefined;
  /** The file's text, or `null` when it does not exist yet. */
  text: string | null;
  /** Writes the text under a name; returns the error's wording (`Permission denied`) if it fails. */
  write(name: string, text: string): string | undefined;
}

type Mode = 'normal' | 'insert' | 'command';

/**
 * vi on the sandbox's terminal, as Vim or BusyBox draws it: lines, `~` past the end, the last line
 * for messages, the mode and (Vim) the ruler. Normal mode moves (h j k l, arrows, 0 $ gg G),
 * inserts (i a I A o O), deletes and copies (x dd yy p P); `:w`, `:q`, `:q!`, `:wq`, `:x`, `ZZ`.
 */
export class Vi implements ScreenSession {
  private readonly flavor: ViFlavor;
  private readonly file: ViFile;
  private readonly text: TextBuffer;
  private name: string | undefined;
  /** The file did not exist when vi started (Vim's `[New]`). */
  private isNew: boolean;
  /** Vim's empty buffer (line 0 in the ruler) until something is typed. */
  private empty: boolean;
  private mode: Mode = 'normal';
  private command = '';
  /** The first key of a two-key command (d, y, g, Z). */
  private pending = '';
  private message: { text: string; error?: boolean } | undefined;
  private modified = false;
  private register: string[] = [];
  private top = 0;
  /** Lines of the buffer the last frame showed whole, from `top` (for Vim's All, Top, Bot). */
  private shown = 0;
  /** The screen column BusyBox vi draws from, once the cursor goes past the right edge. */
  private offset = 0;

  constructor(flavor: ViFlavor, file: ViFile) {
    this.flavor = flavor;
    this.file = file;
    this.name = file.name;
    this.isNew = file.text === null;
    const text = file.text ?? '';
    const lines = text.split('\n');
    if (text.endsWith('\n')) lines.pop();
    this.text = new TextBuffer(lines);
    this.empty = text === '';
    if (flavor === 'vim' && this.name !== undefined)
      this.message = {
        text: this.isNew ? `"${this.name}" [New]` : `"${this.name}" ${this.sizeOf(text)}`,
      };
  }

  draw(size: ScreenSize): string {
    return render(this.frame(size), size.columns);
  }

  keys(data: string, size: ScreenSize, work: (steps: number) => void): { draw: string; status?: number } {
    this.text.work = work;
    for (const key of splitKeys(data)) {
      work(1);
      const status = this.key(key);
      if (status !== undefined) return { draw: '', status };
    }
    return { draw: render(this.frame(size), size.columns) };
  }

  /** The file's bytes: every line ended by a newline; an empty buffer is an empty file. */
  private contents(): string {
    const text = this.empty ? '' : this.text.lines.map((l) => `${l}\n`).join('');
    this.text.work(1 + Math.floor((this.text.lines.length + text.length) / 256));
    return text;
  }

  private sizeOf(text: string): string {
    const lines = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const bytes = new TextEncoder().encode(text).length;
    return this.flavor === 'vim' ? `${lines}L, ${bytes}B` : `${lines}L, ${bytes}C`;
  }

  private changed(): void {
    this.modified = true;
    this.empty = false;
  }

  private key(key: string): number | undefined {
    if (this.mode === 'command') return this.commandKey(key);
    if (this.mode === 'insert') {
      this.insertKey(key);
      return undefined;
    }
    return this.normalKey(key);
  }

  private insertKey(key: string): void {
    const text = this.text;
    const move = movement(key);
    if (key === '\x1b') {
      this.mode = 'normal';
      this.message = undefined;
      if (text.col > 0) text.move('left', 1);
    } else if (move === 'delete') {
      if (text.deleteForward()) this.changed();
    } else if (move) text.move(move);
    else if (key === '\r') {
      text.splitLine();
      this.changed();
    } else if (key === '\x7f' || key === '\b') {
      if (text.backspace()) this.changed();
    } else if (isPrintable(key)) {
      text.insert(key);
      this.changed();
    }
  }

  private insert(where: 'i' | 'a' | 'I' | 'A' | 'o' | 'O'): void {
    const text = this.text;
    if (where === 'a' && text.line.length > 0) text.col++;
    else if (where === 'A') text.move('end');
    else if (where === 'I') text.move('home');
    else if (where === 'o' || where === 'O') {
      text.insertLines([''], where === 'o');
      this.changed();
    }
    this.mode = 'insert';
    this.message = { text: '-- INSERT --' };
  }

  private normalKey(key: string): number | undefined {
    const text = this.text;
    const pending = this.pending;
    this.pending = '';
    if (pending) {
      const pair = pending + key;
      if (pair === 'dd') {
        this.register = [text.cutLine()];
        this.changed();
        if (text.lines.length === 1 && text.line === '' && this.register[0] === '') this.empty = true;
      } else if (pair === 'yy') this.register = [text.line];
      else if (pair === 'gg') text.move('top', 1);
      else if (pair === 'ZZ') return this.run('x');
      return undefined;
    }
    const move = movement(key);
    if (move === 'delete' || key === 'x') {
      if (text.line.length > 0) {
        text.deleteForward();
        text.col = Math.min(text.col, Math.max(0, text.line.length - 1));
        this.changed();
      }
    } else if (move) text.move(move, 1);
    else if (key === 'h') text.move('left', 1);
    else if (key === 'l' || key === ' ') text.move('right', 1);
    else if (key === 'j') text.move('down', 1);
    else if (key === 'k') text.move('up', 1);
    else if (key === '0') text.move('home', 1);
    else if (key === '$') text.move('end', 1);
    else if (key === 'G') text.move('bottom', 1);
    else if (key === 'i' || key === 'a' || key === 'I' || key === 'A' || key === 'o' || key === 'O')
      this.insert(key);
    else if (key === 'p' || key === 'P') {
      if (this.register.length > 0) {
        text.insertLines(this.register, key === 'p');
        this.changed();
      }
    } else if ('dygZ'.includes(key)) this.pending = key;
    else if (key === ':') {
      this.mode = 'command';
      this.command = '';
    }
    return undefined;
  }

  private commandKey(key: string): number | undefined {
    if (key === '\x1b') this.mode = 'normal';
    else if (key === '\x7f' || key === '\b') {
      if (this.command === '') this.mode = 'normal';
      this.command = this.command.slice(0, -1);
    } else if (key === '\r') {
      this.mode = 'normal';
      this.message = undefined;
      return this.run(this.command.trim());
    } else if (isPrintable(key)) this.command += key;
    return undefined;
  }

  /** Runs an ex command (`w`, `q`, `wq`, `x`, a line number); a status once vi ends. */
  private run(command: string): number | undefined {
    const match = /^(\d+)$|^(wq|write|w|quit|q|xit|exit|x)(!?)(?:\s+(\S+))?$/.exec(command);
    if (!match) {
      if (command !== '')
        this.error(
          this.flavor === 'vim'
            ? `E492: Not an editor command: ${command}`
            : `'${command}' is not implemented`,
        );
      return undefined;
    }
    if (match[1] !== undefined) {
      const text = this.text;
      text.row = Math.max(0, Math.min(text.lines.length - 1, Number(match[1]) - 1));
      text.move('home', 1);
      return undefined;
    }
    const name = match[2] as string;
    const force = match[3] === '!';
    const target = match[4] || this.name;
    const writes =
      name.startsWith('w') || ((name === 'x' || name === 'xit' || name === 'exit') && this.modified);
    const quits = name !== 'w' && name !== 'write';
    if (writes && !this.write(target)) return undefined;
    if (!quits) return undefined;
    if (this.modified && !force) {
      this.error(
        this.flavor === 'vim'
          ? 'E37: No write since last change (add ! to override)'
          : `No write since last change (:${name}! overrides)`,
      );
      return undefined;
    }
    return 0;
  }

  /** Writes the buffer; says so (or why not) on the last line as each vi words it. */
  private write(name: string | undefined): boolean {
    if (name === undefined) {
      this.error(this.flavor === 'vim' ? 'E32: No file name' : 'No current filename');
      return false;
    }
    const text = this.contents();
    const error = this.file.write(name, text);
    if (error !== undefined) {
      this.error(
        this.flavor === 'vim' ? `"${name}" E212: Can't open file for writing` : `Write error: ${error}`,
      );
      return false;
    }
    const wasNew = this.isNew || name !== this.name;
    this.name ??= name;
    this.isNew = false;
    this.modified = false;
    this.message = {
      text:
        this.flavor === 'vim'
          ? `"${name}"${wasNew ? ' [New]' : ''} ${this.sizeOf(text)} written`
          : `'${name}' ${this.sizeOf(text)}`,
    };
    return true;
  }

  private error(text: string): void {
    this.message = { text, error: true };
  }

  private frame({ columns, rows }: ScreenSize): Frame {
    const height = Math.max(1, rows - 1);
    const text = this.text;
    if (this.mode !== 'insert') text.col = Math.min(text.col, Math.max(0, text.line.length - 1));
    const column = screenColumn(text.line, text.col);
    const { rows: screen, cursor: at } =
      this.flavor === 'vim' ? this.wrapped(columns, height, column) : this.shifted(columns, height, column);
    let cursor = at;
    if (this.mode === 'command') {
      screen.push(`:${this.command}`);
      cursor = { row: rows - 1, col: Math.min(columns - 1, 1 + this.command.length) };
    } else screen.push(this.statusLine(columns));
    return { rows: screen, cursor };
  }

  /** Vim's text rows: long lines wrap; a line that does not fit at the bottom shows as `@` rows. */
  private wrapped(columns: number, height: number, column: number): Frame {
    const text = this.text;
    const rowsOf = (line: number) => wrappedRows(text.lines[line] as string, columns).length;
    if (text.row < this.top) this.top = text.row;
    const below = () => {
      let used = 0;
      for (let line = this.top; line <= text.row; line++) used += rowsOf(line);
      return used;
    };
    while (this.top < text.row && below() > height) this.top++;
    const rows: Row[] = [];
    let cursor = { row: 0, col: 0 };
    this.shown = 0;
    for (let line = this.top; rows.length < height; line++) {
      const content = text.lines[line];
      if (content === undefined) {
        rows.push([{ text: '~', tone: 'dim' }]);
        continue;
      }
      const wrapped = wrappedRows(content, columns);
      if (rows.length + wrapped.length > height && line !== this.top) {
        while (rows.length < height) rows.push([{ text: '@', tone: 'dim' }]);
        break;
      }
      if (line === text.row) {
        const within = Math.min(Math.floor(column / columns), wrapped.length - 1);
        cursor = { row: rows.length + within, col: Math.min(columns - 1, column - within * columns) };
      }
      rows.push(...wrapped.slice(0, height - rows.length));
      this.shown++;
    }
    return { rows, cursor };
  }

  /** BusyBox vi's text rows: no wrapping; the whole screen shifts sideways to keep the cursor in view. */
  private shifted(columns: number, height: number, column: number): Frame {
    const text = this.text;
    this.top = text.scroll(this.top, height);
    if (column < this.offset) this.offset = column;
    else if (column >= this.offset + columns) this.offset = column - columns + 1;
    const rows: Row[] = [];
    for (let i = 0; i < height; i++) {
      const line = text.lines[this.top + i];
      // Past the end the shift applies to the `~` too, so it goes off screen as BusyBox draws it.
      rows.push(visible(line ?? '~', Number.POSITIVE_INFINITY).slice(this.offset, this.offset + columns));
    }
    return { rows, cursor: { row: text.row - this.top, col: column - this.offset } };
  }

  private statusLine(columns: number): Row {
    const text = this.text;
    const message = this.message;
    if (this.flavor === 'busybox') {
      if (message && message.text !== '-- INSERT --')
        return [{ text: message.text, ...(message.error ? { tone: 'inverse' as const } : {}) }];
      const total = text.lines.length;
      const mode = this.mode === 'insert' ? 'I' : '-';
      return `${mode} ${this.name ?? 'No file'}${this.modified ? ' [Modified]' : ''} ${text.row + 1}/${total} ${Math.floor(((text.row + 1) * 100) / total)}%`;
    }
    const line = this.empty ? 0 : text.row + 1;
    const col = text.line === '' && this.mode !== 'insert' ? '0-1' : String(text.col + 1);
    const above = this.top;
    const below = text.lines.length - (this.top + this.shown);
    const where =
      below <= 0
        ? above === 0
          ? 'All'
          : 'Bot'
        : above === 0
          ? 'Top'
          : `${Math.floor((above * 100) / (above + below))}%`;
    const ruler = `${`${line},${col}`.padEnd(14)}${where}`;
    const left = message?.text ?? '';
    const at = Math.max(0, columns - 18);
    return [
      { text: left.slice(0, at), ...(message?.error ? { tone: 'error' as const } : {}) },
      { text: ' '.repeat(Math.max(1, at - Math.min(left.length, at))) + ruler },
    ];
  }
}
