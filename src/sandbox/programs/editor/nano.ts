import type { ScreenSession, ScreenSize } from '../../shell/program.ts';
import { isPrintable, movement, splitKeys } from './keys.ts';
import { type Frame, pageStart, type Row, render, type Span, screenColumn, scrolledLine } from './screen.ts';
import { TextBuffer } from './text.ts';

/** What nano is given: the file as named on its command line, and how to read and write it. */
export interface NanoFile {
  /** The name on the command line (shown in the title bar and offered when writing). */
  name: string | undefined;
  /** The file's text, `null` when it does not exist yet, or why it cannot be read. */
  text: string | null | { error: string };
  /** Writes the text under a name; returns the error's wording (`Permission denied`) if it fails. */
  write(name: string, text: string): string | undefined;
}

/** A key as nano shows it, and what it does. */
type Shortcut = [key: string, label: string];

const CTRL = (c: string) => String.fromCharCode(c.charCodeAt(0) - 64);

/**
 * nano 7.2's main shortcuts as it lists them, in pairs (top row, bottom row): as many pairs as the
 * width allows are shown, six at 80 columns.
 */
const MAIN_SHORTCUTS: Shortcut[][] = [
  [
    ['^G', 'Help'],
    ['^X', 'Exit'],
  ],
  [
    ['^O', 'Write Out'],
    ['^R', 'Read File'],
  ],
  [
    ['^W', 'Where Is'],
    ['^\\', 'Replace'],
  ],
  [
    ['^K', 'Cut'],
    ['^U', 'Paste'],
  ],
  [
    ['^T', 'Execute'],
    ['^J', 'Justify'],
  ],
  [
    ['^C', 'Location'],
    ['^/', 'Go To Line'],
  ],
  [
    ['M-U', 'Undo'],
    ['M-E', 'Redo'],
  ],
  [
    ['M-A', 'Set Mark'],
    ['M-6', 'Copy'],
  ],
  [
    ['M-]', 'To Bracket'],
    ['^Q', 'Where Was'],
  ],
  [
    ['M-Q', 'Previous'],
    ['M-W', 'Next'],
  ],
  [
    ['^B', 'Back'],
    ['^F', 'Forward'],
  ],
  [
    ['^◂', 'Prev Word'],
    ['^▸', 'Next Word'],
  ],
];

/** The shortcuts under the `File Name to Write:` prompt. */
const WRITE_SHORTCUTS: Shortcut[][] = [
  [
    ['^G', 'Help'],
    ['^C', 'Cancel'],
  ],
  [
    ['M-D', 'DOS Format'],
    ['M-M', 'Mac Format'],
  ],
  [
    ['M-A', 'Append'],
    ['M-P', 'Prepend'],
  ],
  [
    ['M-B', 'Backup File'],
    ['^T', 'Browse'],
  ],
];

/** Keystrokes a status message stays for before nano blanks it. */
const MESSAGE_KEYS = 20;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** nano's "digits" for the location's widths: never fewer than two. */
const digits = (n: number) => Math.max(2, String(n).length);

type Mode =
  | { kind: 'edit' }
  | { kind: 'save?' }
  | { kind: 'write'; name: string; cursor: number; exit: boolean };

/**
 * GNU nano 7.2 as Ubuntu 24.04 ships it, on the sandbox's terminal: its title bar, status line and
 * two shortcut rows, typing and the cursor keys, ^O to write, ^X to exit (asking to save), ^K and
 * ^U to cut and paste lines, ^C for the cursor's position.
 */
export class Nano implements ScreenSession {
  private readonly text: TextBuffer;
  private name: string | undefined;
  private readonly file: NanoFile;
  private top = 0;
  private modified = false;
  private mode: Mode = { kind: 'edit' };
  private message: string | undefined;
  private messageKeys = 0;
  private cut: string[] = [];
  private cutting = false;

  constructor(file: NanoFile) {
    this.file = file;
    this.name = file.name;
    const text = file.text;
    if (text === null) {
      this.text = new TextBuffer();
      this.say(file.name === undefined ? 'Welcome to nano.  For basic help, type Ctrl+G.' : 'New File');
    } else if (typeof text === 'object') {
      this.text = new TextBuffer();
      this.say(text.error);
    } else {
      const lines = text.split('\n');
      // nano reads a last line without its newline as a line, and keeps an empty line after the text.
      if (!text.endsWith('\n')) lines.push('');
      this.text = new TextBuffer(lines);
      this.say(`Read ${plural(lines.length - 1, 'line')}`);
    }
  }

  draw(size: ScreenSize): string {
    return render(this.frame(size), size.columns);
  }

  keys(data: string, size: ScreenSize, work: (steps: number) => void): { draw: string; status?: number } {
    this.text.work = work;
    for (const key of splitKeys(data)) {
      work(1);
      if (this.message !== undefined && ++this.messageKeys > MESSAGE_KEYS) this.message = undefined;
      const status = this.key(key);
      if (status !== undefined) return { draw: '', status };
    }
    return { draw: render(this.frame(size), size.columns) };
  }

  /** The file's bytes as nano writes them: every line ended, the last empty line not a line. */
  private contents(): { text: string; lines: number } {
    const lines = this.text.lines;
    const last = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
    const text = lines
      .slice(0, last)
      .map((l) => `${l}\n`)
      .join('');
    this.text.work(1 + Math.floor((lines.length + text.length) / 256));
    return { text, lines: last };
  }

  private say(message: string): void {
    this.message = message;
    this.messageKeys = 0;
  }

  private key(key: string): number | undefined {
    const mode = this.mode;
    if (mode.kind === 'save?') {
      const answer = key.toLowerCase();
      if (answer === 'y')
        this.mode = { kind: 'write', name: this.name ?? '', cursor: (this.name ?? '').length, exit: true };
      else if (answer === 'n') return 0;
      else if (key === CTRL('C')) {
        this.mode = { kind: 'edit' };
        this.say('Cancelled');
      }
      return undefined;
    }
    if (mode.kind === 'write') return this.promptKey(mode, key);
    const status = this.editKey(key);
    // Like nano, keep an empty line after the text: typing on it makes a new one.
    const lines = this.text.lines;
    if (lines[lines.length - 1] !== '') lines.push('');
    return status;
  }

  private editKey(key: string): number | undefined {
    const wasCutting = this.cutting;
    this.cutting = false;
    const text = this.text;
    const move = movement(key);
    if (move === 'delete') {
      if (text.deleteForward()) this.modified = true;
    } else if (move) text.move(move);
    else if (key === '\r') {
      text.splitLine();
      this.modified = true;
    } else if (key === '\x7f' || key === '\b') {
      if (text.backspace()) this.modified = true;
    } else if (key === CTRL('O')) {
      this.mode = { kind: 'write', name: this.name ?? '', cursor: (this.name ?? '').length, exit: false };
    } else if (key === CTRL('X')) {
      if (!this.modified) return 0;
      this.mode = { kind: 'save?' };
    } else if (key === CTRL('K')) {
      // The empty line after the text is not a line to cut.
      if (text.row === text.lines.length - 1 && text.line === '') return undefined;
      if (!wasCutting) this.cut = [];
      this.cut.push(text.cutLine());
      this.cutting = true;
      this.modified = true;
    } else if (key === CTRL('U')) {
      if (this.cut.length === 0) return undefined;
      text.insertLines(this.cut);
      text.row += this.cut.length;
      this.modified = true;
    } else if (key === CTRL('C')) this.say(this.location());
    else if (isPrintable(key)) {
      text.insert(key);
      this.modified = true;
    }
    return undefined;
  }

  /** A key at the `File Name to Write:` prompt. */
  private promptKey(mode: Extract<Mode, { kind: 'write' }>, key: string): number | undefined {
    const move = movement(key);
    if (key === CTRL('C')) {
      this.mode = { kind: 'edit' };
      this.say('Cancelled');
    } else if (key === '\r') {
      this.mode = { kind: 'edit' };
      if (mode.name === '') {
        this.say('Cancelled');
        return undefined;
      }
      const { text, lines } = this.contents();
      const error = this.file.write(mode.name, text);
      if (error !== undefined) {
        this.say(`Error writing ${mode.name}: ${error}`);
        return undefined;
      }
      this.name = mode.name;
      this.modified = false;
      this.say(`Wrote ${plural(lines, 'line')}`);
      if (mode.exit) return 0;
    } else if (key === '\x7f' || key === '\b') {
      if (mode.cursor > 0) {
        mode.name = mode.name.slice(0, mode.cursor - 1) + mode.name.slice(mode.cursor);
        mode.cursor--;
      }
    } else if (move === 'left') mode.cursor = Math.max(0, mode.cursor - 1);
    else if (move === 'right') mode.cursor = Math.min(mode.name.length, mode.cursor + 1);
    else if (move === 'home') mode.cursor = 0;
    else if (move === 'end') mode.cursor = mode.name.length;
    else if (isPrintable(key) && key !== '\t') {
      mode.name = mode.name.slice(0, mode.cursor) + key + mode.name.slice(mode.cursor);
      mode.cursor += key.length;
    }
    return undefined;
  }

  /** What ^C says: the cursor's line, column and character, of how many, in per cent. */
  private location(): string {
    const { lines, row, col } = this.text;
    const total = this.contents().text.length;
    let before = col;
    for (let i = 0; i < row; i++) before += (lines[i] as string).length + 1;
    const width = (lines[row] as string).length + 1;
    const pct = (a: number, b: number) => Math.floor((100 * a) / Math.max(1, b));
    const pad = (n: number, w: number) => String(n).padStart(w);
    return `line ${pad(row + 1, digits(lines.length))}/${lines.length} (${pad(pct(row + 1, lines.length), 2)}%), col ${pad(col + 1, 2)}/${pad(width, 2)} (${pad(pct(col + 1, width), 3)}%), char ${pad(before, digits(total))}/${total} (${pad(pct(before, total), 2)}%)`;
  }

  private frame({ columns, rows }: ScreenSize): Frame {
    const height = Math.max(1, rows - 4);
    const text = this.text;
    this.top = text.scroll(this.top, height);
    // Only the cursor's line scrolls sideways; the others show their start.
    const column = screenColumn(text.line, text.col);
    const start = pageStart(column, columns);
    const screen: Row[] = [this.title(columns)];
    for (let i = 0; i < height; i++) {
      const row = this.top + i;
      screen.push(scrolledLine(text.lines[row] ?? '', row === text.row ? start : 0, columns));
    }
    const mode = this.mode;
    let cursor = { row: 1 + text.row - this.top, col: Math.min(columns - 1, column - start) };
    if (mode.kind === 'edit') {
      const message = this.message === undefined ? undefined : `[ ${this.message} ]`;
      screen.push(
        message === undefined
          ? ''
          : [
              { text: ' '.repeat(Math.max(0, Math.floor((columns - message.length) / 2))) },
              { text: message, tone: 'inverse' },
            ],
      );
      screen.push(...shortcutRows(MAIN_SHORTCUTS, columns));
    } else if (mode.kind === 'save?') {
      const question = 'Save modified buffer? ';
      screen.push([{ text: question.padEnd(columns), tone: 'inverse' }]);
      const width = Math.floor(columns / 5);
      screen.push([{ text: ' Y', tone: 'inverse' }, { text: ' Yes' }]);
      screen.push([
        { text: ' N', tone: 'inverse' },
        { text: ' No'.padEnd(width - 2) },
        { text: '^C', tone: 'inverse' },
        { text: ' Cancel' },
      ]);
      cursor = { row: rows - 3, col: question.length };
    } else {
      const prompt = `File Name to Write: `;
      screen.push([{ text: `${prompt}${mode.name}`.padEnd(columns), tone: 'inverse' }]);
      screen.push(...shortcutRows(WRITE_SHORTCUTS, columns));
      cursor = { row: rows - 3, col: Math.min(columns - 1, prompt.length + mode.cursor) };
    }
    return { rows: screen, cursor };
  }

  /** The title bar: the version on the left, the file's name in the middle, a star once modified. */
  private title(columns: number): Span[] {
    const brand = '  GNU nano 7.2';
    const name = this.name ?? 'New Buffer';
    const at = Math.max(brand.length + 1, Math.floor((columns - name.length + 5) / 2));
    const line = `${brand.padEnd(at)}${name}${this.modified ? ' *' : ''}`;
    return [{ text: line.padEnd(columns), tone: 'inverse' }];
  }
}

/**
 * The two shortcut rows: as many pairs as fit (nano shows `(columns + 40) / 20` shortcuts), in
 * columns of equal width, each key in reverse video and its label cut to the column.
 */
function shortcutRows(pairs: Shortcut[][], columns: number): Row[] {
  const shown = pairs.slice(0, Math.max(1, Math.floor((columns + 40) / 20)));
  const width = Math.floor(columns / shown.length);
  return [0, 1].map((row) => {
    const spans: Span[] = [];
    shown.forEach((pair, i) => {
      const [key, label] = pair[row] as Shortcut;
      const rest = ` ${label}`.slice(0, Math.max(0, width - key.length));
      spans.push(
        { text: key, tone: 'inverse' },
        { text: i < shown.length - 1 ? rest.padEnd(width - key.length) : rest },
      );
    });
    return spans;
  });
}
