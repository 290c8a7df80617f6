/**
 * The terminal's line editor: what a readline-style prompt does with keystrokes (cursor keys,
 * Home/End, Ctrl-A/E/U/K/W, history, Tab), as pure state and the escape codes that redraw it.
 */
export type EditorEvent =
  | { type: 'submit'; line: string }
  | { type: 'interrupt' }
  | { type: 'clear' }
  | { type: 'complete'; line: string; cursor: number }
  | { type: 'eof' };

const ESC = '\u001b';

export class LineEditor {
  buffer = '';
  cursor = 0;
  prompt = '';
  /** Terminal width: long lines wrap, and the cursor moves across rows. */
  columns = 80;
  private history: string[];
  private historyIndex: number;
  private draft = '';

  constructor(history: string[] = []) {
    this.history = history;
    this.historyIndex = history.length;
  }

  /** Starts a new line after `prompt`; returns what to write. */
  begin(prompt: string): string {
    this.prompt = prompt;
    this.buffer = '';
    this.cursor = 0;
    this.historyIndex = this.history.length;
    return prompt;
  }

  /** The history, oldest first (shared with the caller, who persists it). */
  entries(): string[] {
    return this.history;
  }

  /** Applies typed or pasted data; returns what to write and the events it caused, in order. */
  input(data: string): { output: string; events: EditorEvent[] } {
    let output = '';
    const events: EditorEvent[] = [];
    let i = 0;
    while (i < data.length) {
      const rest = data.slice(i);
      const seq = rest.startsWith(ESC) ? /^(\[[0-9;]*[A-Za-z~]|O[A-Z])/.exec(rest.slice(1)) : null;
      if (seq) {
        output += this.escape(ESC + seq[0]);
        i += 1 + seq[0].length;
        continue;
      }
      const c = data[i] as string;
      i++;
      if (c === '\r' || c === '\n') {
        if (c === '\n' && data[i - 2] === '\r') continue;
        const line = this.buffer;
        if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
        output += `${this.moveTo(this.buffer.length)}\r\n`;
        this.buffer = '';
        this.cursor = 0;
        this.historyIndex = this.history.length;
        events.push({ type: 'submit', line });
        continue;
      }
      switch (c) {
        case '\x03':
          output += '^C\r\n';
          this.buffer = '';
          this.cursor = 0;
          events.push({ type: 'interrupt' });
          break;
        case '\x04':
          if (this.buffer === '') events.push({ type: 'eof' });
          else
            output += this.edit(
              this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1),
              this.cursor,
            );
          break;
        case '\x0c':
          events.push({ type: 'clear' });
          break;
        case '\t':
          events.push({ type: 'complete', line: this.buffer, cursor: this.cursor });
          break;
        case '\x7f':
        case '\b':
          if (this.cursor > 0)
            output += this.edit(
              this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor),
              this.cursor - 1,
            );
          break;
        case '\x01':
          output += this.moveTo(0);
          break;
        case '\x05':
          output += this.moveTo(this.buffer.length);
          break;
        case '\x15':
          output += this.edit(this.buffer.slice(this.cursor), 0);
          break;
        case '\x0b':
          output += this.edit(this.buffer.slice(0, this.cursor), this.cursor);
          break;
        case '\x17': {
          const before = this.buffer.slice(0, this.cursor).replace(/\S+\s*$/, '');
          output += this.edit(before + this.buffer.slice(this.cursor), before.length);
          break;
        }
        default:
          if (c >= ' ')
            output += this.edit(
              this.buffer.slice(0, this.cursor) + c + this.buffer.slice(this.cursor),
              this.cursor + 1,
            );
      }
    }
    return { output, events };
  }

  /** Inserts text at the cursor (a completion). */
  insert(text: string): string {
    return this.edit(
      this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor),
      this.cursor + text.length,
    );
  }

  /** The prompt and line drawn again on a fresh row (after a completion list or Ctrl-L). */
  redraw(): string {
    const end = this.prompt.length + this.buffer.length;
    return `\r${this.prompt}${this.buffer}\x1b[J${this.travel(end, this.prompt.length + this.cursor)}`;
  }

  private escape(seq: string): string {
    switch (seq) {
      case '\x1b[D':
      case '\x1bOD':
        return this.moveTo(Math.max(0, this.cursor - 1));
      case '\x1b[C':
      case '\x1bOC':
        return this.moveTo(Math.min(this.buffer.length, this.cursor + 1));
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
        return this.moveTo(0);
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
        return this.moveTo(this.buffer.length);
      case '\x1b[3~':
        return this.cursor < this.buffer.length
          ? this.edit(this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1), this.cursor)
          : '';
      case '\x1b[A':
      case '\x1bOA':
        return this.recall(-1);
      case '\x1b[B':
      case '\x1bOB':
        return this.recall(1);
      default:
        return '';
    }
  }

  private recall(step: number): string {
    const next = this.historyIndex + step;
    if (next < 0 || next > this.history.length) return '';
    if (this.historyIndex === this.history.length) this.draft = this.buffer;
    this.historyIndex = next;
    const line = next === this.history.length ? this.draft : (this.history[next] as string);
    return this.edit(line, line.length);
  }

  private moveTo(position: number): string {
    const out = this.travel(this.prompt.length + this.cursor, this.prompt.length + position);
    this.cursor = position;
    return out;
  }

  /** Escape codes moving the cursor between two offsets from the start of the prompt's row. */
  private travel(from: number, to: number): string {
    if (from === to) return '';
    const rows = Math.floor(to / this.columns) - Math.floor(from / this.columns);
    const col = to % this.columns;
    const vertical = rows < 0 ? `\x1b[${-rows}A` : rows > 0 ? `\x1b[${rows}B` : '';
    return `${vertical}\r${col > 0 ? `\x1b[${col}C` : ''}`;
  }

  /** Replaces the buffer and cursor, redraws the input (across wrapped rows) and places the cursor. */
  private edit(buffer: string, cursor: number): string {
    const start = this.prompt.length;
    let out = this.travel(start + this.cursor, start) + buffer;
    const end = start + buffer.length;
    // At the exact end of a row the terminal waits to wrap; print a space to make it wrap now.
    if (end > 0 && end % this.columns === 0) out += ' \r';
    out += '\x1b[J';
    this.buffer = buffer;
    this.cursor = cursor;
    return out + this.travel(end, start + cursor);
  }
}
