import type { DockerCli } from '../cli/context.ts';
import { humanSize } from '../format/units.ts';

/**
 * Compose's progress writers (pkg/progress in Compose v2.40): `plain` prints one line per event,
 * `tty` redraws a block of lines in place (`[+] Running 3/3`, a spinner or a mark per resource, the
 * time each took), `quiet` prints nothing. They write to stderr. Time is the virtual clock: the tty
 * writer redraws whenever the command is about to wait, and once more when it stops, as Compose's
 * 100 ms ticker would have.
 */

export type EventStatus = 'working' | 'done' | 'warning' | 'error';

export interface ProgressEvent {
  id: string;
  parentId?: string | undefined;
  text?: string | undefined;
  status: EventStatus;
  statusText?: string | undefined;
  current?: number | undefined;
  total?: number | undefined;
  percent?: number | undefined;
}

export type ProgressMode = 'plain' | 'tty' | 'quiet';

interface Tracked extends ProgressEvent {
  start: number;
  end?: number;
  spinner: { index: number; stopped: boolean; since: number };
}

const ESC = '\x1b[';
const RESET = '\x1b[0m';
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SPINNER_DONE = '⠿';
const PERCENT_CHARS = Array.from('⠀⡀⣀⣄⣤⣦⣶⣷⣿');

/** aec's colours, as Compose's progress package applies them. */
export interface Palette {
  done(s: string): string;
  timer(s: string): string;
  count(s: string): string;
  warning(s: string): string;
  success(s: string): string;
  error(s: string): string;
}

const sgr =
  (...codes: number[]) =>
  (s: string) =>
    `${codes.map((c) => `${ESC}${c}m`).join('')}${s}${RESET}`;

export const COLORS: Palette = {
  done: sgr(34),
  timer: sgr(34),
  count: sgr(33),
  warning: sgr(33, 1),
  success: sgr(32),
  error: sgr(31, 1),
};

const plainText = (s: string) => s;
export const NO_COLORS: Palette = {
  done: plainText,
  timer: plainText,
  count: plainText,
  warning: plainText,
  success: plainText,
  error: plainText,
};

/** The number of rows Compose assumes the terminal has (goterm.Height); the sandbox knows no rows. */
const TERMINAL_ROWS = 24;

export class Progress {
  private readonly cli: DockerCli;
  readonly mode: ProgressMode;
  private readonly title: string;
  private readonly colors: Palette;
  private readonly events = new Map<string, Tracked>();
  private readonly ids: string[] = [];
  private readonly tails: string[] = [];
  private numLines = 0;
  private repeated = false;
  private dirty = false;
  private stopped = false;

  constructor(cli: DockerCli, mode: ProgressMode, title = 'Running', colors: Palette = COLORS) {
    this.cli = cli;
    this.mode = mode;
    this.title = title;
    this.colors = colors;
  }

  event(e: ProgressEvent): void {
    if (this.mode === 'quiet') return;
    if (this.mode === 'plain') {
      this.cli.err(` ${e.id} ${e.text ?? ''} ${e.statusText ?? ''}\n`);
      return;
    }
    const now = this.cli.ctx.now();
    this.dirty = true;
    if (!this.ids.includes(e.id)) this.ids.push(e.id);
    const last = this.events.get(e.id);
    if (!last) {
      const tracked: Tracked = { ...e, start: now, spinner: { index: 0, stopped: false, since: now } };
      if (e.status === 'done' || e.status === 'error') {
        tracked.end = now;
        tracked.spinner.stopped = true;
      }
      this.events.set(e.id, tracked);
      return;
    }
    if (e.status !== 'working') {
      if (last.status !== e.status) {
        last.end = now;
        last.spinner.stopped = true;
      }
    } else last.spinner.stopped = false;
    last.status = e.status;
    last.text = e.text;
    last.statusText = e.statusText;
    if ((e.total ?? 0) > (last.total ?? 0)) last.total = e.total;
    if ((e.current ?? 0) > (last.current ?? 0)) last.current = e.current;
    if ((e.percent ?? 0) > (last.percent ?? 0)) last.percent = e.percent;
    if (last.parentId === undefined || e.parentId === undefined) last.parentId = e.parentId;
  }

  /** A message printed after the block (plain: at once). */
  tail(message: string): void {
    if (this.mode === 'quiet') return;
    if (this.mode === 'plain') this.cli.err(`${message}\n`);
    else this.tails.push(message);
  }

  /** Lets virtual time pass, redrawing first if anything changed. */
  async sleep(ms: number): Promise<void> {
    this.flush();
    await this.cli.ctx.sleep(ms);
  }

  /** Redraws the block if events changed since the last frame. */
  flush(): void {
    if (this.mode === 'tty' && this.dirty) this.print();
  }

  /** The last frame, then the tail messages. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.mode !== 'tty') return;
    this.print();
    for (const t of this.tails) this.cli.err(`${t}\n`);
  }

  private print(): void {
    this.dirty = false;
    if (this.ids.length === 0) return;
    const width = this.cli.ctx.stderr.columns;
    let out = `${ESC}1A`.repeat(this.numLines + 1);
    if (!this.repeated) out += `${ESC}1B`;
    this.repeated = true;
    out += `${ESC}0G${ESC}?25l`;
    const all = [...this.events.values()];
    const done = all.filter((e) => e.status !== 'working').length;
    let first = `[+] ${this.title} ${done}/${all.length}`;
    if (this.numLines !== 0 && done === this.numLines) first = this.colors.done(first);
    out += `${first}\n`;
    let statusPadding = 0;
    for (const id of this.ids) {
      const e = this.events.get(id) as Tracked;
      statusPadding = Math.max(statusPadding, `${e.id} ${e.text ?? ''}`.length);
      if (e.parentId !== undefined) statusPadding -= 2;
    }
    const skipChildren = this.ids.length > TERMINAL_ROWS - 2;
    let lines = 0;
    for (const id of this.ids) {
      const e = this.events.get(id) as Tracked;
      if (e.parentId !== undefined) continue;
      out += this.lineText(e, '', width, statusPadding);
      lines++;
      if (skipChildren) continue;
      for (const cid of this.ids) {
        const child = this.events.get(cid) as Tracked;
        if (child.parentId !== e.id) continue;
        out += this.lineText(child, '  ', width, statusPadding);
        lines++;
      }
    }
    for (let i = lines; i < this.numLines; i++) {
      if (lines < TERMINAL_ROWS - 2) {
        out += `${' '.repeat(width)}\n`;
        lines++;
      }
    }
    this.numLines = lines;
    this.cli.err(`${out}${ESC}?25h`);
  }

  private spinner(e: Tracked): string {
    switch (e.status) {
      case 'done':
        return this.colors.success('✔');
      case 'warning':
        return this.colors.warning('!');
      case 'error':
        return this.colors.error('✘');
      default: {
        const s = e.spinner;
        if (s.stopped) return this.colors.count(SPINNER_DONE);
        if (this.cli.ctx.now() - s.since > 100) s.index = (s.index + 1) % SPINNER.length;
        return this.colors.count(SPINNER[s.index] as string);
      }
    }
  }

  private lineText(e: Tracked, pad: string, width: number, statusPadding: number): string {
    const now = this.cli.ctx.now();
    const end = e.status === 'working' ? now : (e.end ?? e.start);
    const elapsed = (end - e.start) / 1000;
    let hideDetails = false;
    let total = 0;
    let current = 0;
    const completion: string[] = [];
    if (e.status === 'working') {
      for (const id of this.ids) {
        const child = this.events.get(id) as Tracked;
        if (child.parentId !== e.id) continue;
        if (child.status === 'working' && !child.total) hideDetails = true;
        total += child.total ?? 0;
        current += child.current ?? 0;
        const i = Math.floor(((PERCENT_CHARS.length - 1) * (child.percent ?? 0)) / 100);
        completion.push(PERCENT_CHARS[i] as string);
      }
    }
    if (total === 0) hideDetails = true;
    let txt: string;
    if (completion.length > 0) {
      const details = hideDetails ? '' : ` ${humanSize(current).padStart(7)} / ${humanSize(total).padEnd(7)}`;
      txt = `${e.id} [${this.colors.success(completion.join(''))}]${details} ${e.text ?? ''}`;
    } else txt = `${e.id} ${e.text ?? ''}`;
    const textLen = txt.length;
    const padding = Math.max(0, statusPadding - textLen);
    const maxStatusLen = width - textLen - statusPadding - 15;
    let status = e.statusText ?? '';
    if (maxStatusLen > 0 && status.length > maxStatusLen) status = `${status.slice(0, maxStatusLen)}...`;
    const color =
      e.status === 'done'
        ? this.colors.success
        : e.status === 'warning'
          ? this.colors.warning
          : e.status === 'error'
            ? this.colors.error
            : plainText;
    const text = `${pad} ${this.spinner(e)} ${txt}${' '.repeat(padding)} ${color(status)}`;
    const timer = this.colors.timer(`${elapsed.toFixed(1)}s `);
    const fill = width - visibleLength(text) - visibleLength(timer);
    return `${text}${fill > 0 ? ' '.repeat(fill) : ''}${timer}\n`;
  }
}

/** Characters a terminal shows for a string with SGR sequences (Compose's lenAnsi). */
function visibleLength(s: string): number {
  let n = 0;
  let inCode = false;
  for (const ch of s) {
    if (ch === '\x1b') inCode = true;
    else if (inCode && ch === 'm') inCode = false;
    else if (!inCode) n++;
  }
  return n;
}
