import type { Terminal } from '@xterm/xterm';
import { commonPrefix } from '../sandbox/core/common-prefix.ts';
import type { ResourceSnapshot } from '../sandbox/vm/resources.ts';
import { LAB_INTERFACE_EVENT } from './client-lab.ts';
import type { FileApi } from './FilePanel.tsx';
import { markLabPhase } from './lab-trace.ts';
import { LineEditor } from './line-editor.ts';
import { takeLabWorker, takeSavedLab } from './prestart.ts';
import type { FromWorker, LabScenario, SavedLab, TaskChecks, ToWorker } from './protocol.ts';
import { RawInput } from './raw-input.ts';
import { clearLab, saveLab } from './storage.ts';
import { openTerminal } from './terminal.ts';
import type { WebContainerSession } from './webcontainer.ts';

/** The part of an xterm terminal a session drives. */
export type SessionTerminal = Pick<
  Terminal,
  'cols' | 'rows' | 'write' | 'clear' | 'reset' | 'focus' | 'onData' | 'options'
>;

/** The part of a lab worker a session talks to. */
export type SessionWorker = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage'>;

/** What a session tells whoever follows it: the worker's messages, and a Reset. */
export type SessionEvent = FromWorker | { type: 'reset' };

/** What a lab's section tells its session (`data-session`, written by Lab.astro). */
export interface SessionConfig {
  /** The terminal's accessible name. */
  label: string;
  /** Printed when a saved lab from an older engine was rebuilt. */
  engineUpdated: string;
  /** The exercise's checks the page may know, for live ticks. */
  checks?: TaskChecks[];
}

export interface LabSessionOptions {
  /** Storage key: one saved sandbox per lab. */
  labId: string;
  scenario: Required<LabScenario>;
  config: SessionConfig;
  terminal: SessionTerminal;
  /** The worker to start with (prestarted for the lab). */
  worker: SessionWorker;
  /** A fresh worker, for Reset. */
  takeWorker(): Promise<SessionWorker>;
  /** The lab as the learner left it. */
  saved?: SavedLab | undefined;
  store?: { save(id: string, lab: SavedLab): Promise<void>; clear(id: string): Promise<void> };
}

/** The longest pause before a line that the sandbox's clock is told about. */
const MAX_WAIT_MS = 600_000;

/**
 * A lab's terminal session, independent of any interface framework: the xterm terminal, the line
 * editor, the lab's worker and what the browser keeps of the lab. The page's own script starts it
 * (`watchLabs` in `prestart.ts`), so the prompt is usable before the lab's interface hydrates; the interface
 * then adopts it (`labSession`), following its events and asking it for files, resources and Reset.
 */
export class LabSession {
  /** The prompt is showing (no command running). */
  ready = false;
  /** The shell's working directory at the last prompt. */
  cwd = '/home/learner';
  /** The lab at the last prompt: the evidence a submission sends. */
  latest: SavedLab | null = null;
  /** Tasks whose solution the learner has seen. */
  revealed: string[];
  /** What the sandbox satisfies now, of the checks the page knows. */
  live: Record<string, boolean> = {};
  /** The last resources the worker reported, for the dashboard. */
  snapshot: ResourceSnapshot | null = null;

  readonly #options: LabSessionOptions;
  readonly #term: SessionTerminal;
  readonly #editor: LineEditor;
  readonly #listeners = new Set<(event: SessionEvent) => void>();
  readonly #requests = new Map<number, (m: FromWorker) => void>();
  #worker: SessionWorker;
  #busy = true;
  #completing = false;
  #completionId = 0;
  #nextRequest = 1_000_000;
  #lastIdle = Date.now();
  /** Keys typed while a command runs or a completion is pending: they wait their turn, as a tty's do. */
  #typeahead = '';
  /** A WebContainer the learner switched to: keys go to it instead of the worker. */
  #external: WebContainerSession | undefined;
  /** While a full-screen program (nano, vi) reads keys, they go to it as typed. */
  readonly #raw = new RawInput();

  constructor(options: LabSessionOptions) {
    this.#options = options;
    this.#term = options.terminal;
    this.#worker = options.worker;
    this.revealed = options.saved?.revealed ?? [];
    this.#editor = new LineEditor(options.saved?.history ?? []);
    this.#editor.columns = this.#term.cols;
    this.#term.onData((data) => this.input(data));
    this.#start(options.saved);
  }

  /** Follows the session's events; returns what stops following. */
  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  post(message: ToWorker): void {
    this.#worker.postMessage(message);
  }

  /** Whether Escape is a key for the program in the terminal (vi) rather than the way out of it. */
  get typesEscape(): boolean {
    return this.#raw.active;
  }

  /**
   * Every key the learner types reaches the lab here: a WebContainer takes them as they are, and so
   * does a full-screen program in the sandbox; otherwise they wait while a command runs (Ctrl-C
   * interrupts it), else the line editor reads them.
   */
  input(data: string): void {
    if (this.#external) {
      this.#external.write(data);
      return;
    }
    const keys = this.#raw.route(data);
    if (keys) {
      this.post(keys);
      return;
    }
    if (this.#busy || this.#completing) {
      if (data.includes('\x03')) {
        this.#typeahead = '';
        if (this.#busy) this.post({ type: 'interrupt' });
      } else this.#typeahead += data;
      return;
    }
    // Enter and Tab each wait for their answer (the command's prompt, the completion): keys after
    // them in the same chunk (a paste, fast typing) go back to the type-ahead.
    const cut = data.search(/[\r\n\t]/);
    if (cut !== -1 && cut < data.length - 1) {
      const end = data[cut] === '\r' && data[cut + 1] === '\n' ? cut + 2 : cut + 1;
      this.input(data.slice(0, end));
      if (end < data.length) this.input(data.slice(end));
      return;
    }
    const { output, events } = this.#editor.input(data);
    this.#term.write(output);
    for (const e of events) {
      if (e.type === 'submit') {
        this.#busy = true;
        this.post({ type: 'input', text: e.line, wait: Math.min(MAX_WAIT_MS, Date.now() - this.#lastIdle) });
      } else if (e.type === 'interrupt') this.#term.write(this.#editor.begin(this.#editor.prompt));
      else if (e.type === 'clear') {
        this.#term.clear();
        this.#term.write(`\x1b[H\x1b[2J${this.#editor.redraw()}`);
      } else if (e.type === 'complete') {
        this.#completing = true;
        this.post({ type: 'complete', id: ++this.#completionId, line: e.line, cursor: e.cursor });
      }
    }
  }

  /** The terminal changed size: the editor wraps and the sandbox formats to the new width. */
  resized(): void {
    this.#editor.columns = this.#term.cols;
    this.post({ type: 'resize', columns: this.#term.cols, rows: this.#term.rows });
    this.#external?.resize(this.#term.cols, this.#term.rows);
  }

  /** Records that the learner has seen a task's solution; it is saved with the lab's next prompt. */
  reveal(taskId: string): void {
    this.revealed = [...this.revealed, taskId];
  }

  /** The sandbox's files, for the Files tab. */
  readonly files: FileApi = {
    ls: (path) =>
      this.#ask(
        (id) => ({ type: 'ls', id, path }),
        (m) => (m.type === 'listing' ? m.entries : { error: 'no answer' }),
      ),
    read: (path) =>
      this.#ask(
        (id) => ({ type: 'read', id, path }),
        (m) => (m.type === 'file' ? m.result : { error: 'no answer' }),
      ),
    write: (path, text) =>
      this.#ask(
        (id) => ({ type: 'write', id, path, text }),
        (m) => (m.type === 'written' ? m.result : { error: 'no answer' }),
      ),
  };

  /** Throws the learner's work away and starts the lab afresh on a new worker. */
  async reset(): Promise<void> {
    this.ready = false;
    this.revealed = [];
    this.live = {};
    this.#typeahead = '';
    this.#completing = false;
    this.#busy = true;
    this.#emit({ type: 'reset' });
    void (this.#options.store ?? { clear: clearLab }).clear(this.#options.labId);
    this.#worker.terminate();
    this.#term.reset();
    this.#worker = await this.#options.takeWorker();
    this.#start(undefined);
  }

  focus(): void {
    this.#term.focus();
  }

  setScreenReader(on: boolean): void {
    this.#term.options.screenReaderMode = on;
  }

  /** The scenario the lab starts from. */
  get scenario(): Required<LabScenario> {
    return this.#options.scenario;
  }

  /**
   * Hands the terminal to another backend that `boot` starts at the terminal's size (a
   * WebContainer): once it runs, keys go to it and the worker ends; if it fails, the built-in sandbox
   * carries on and the reason is returned.
   */
  async switchTo(
    boot: (terminal: {
      columns: number;
      rows: number;
      onOutput(text: string): void;
    }) => Promise<{ ok: true; session: WebContainerSession } | { ok: false; reason: string }>,
  ): Promise<{ ok: true } | { ok: false; reason: string }> {
    const started = await boot({
      columns: this.#term.cols,
      rows: this.#term.rows,
      onOutput: (text) => this.#term.write(text),
    });
    if (!started.ok) return started;
    this.#external = started.session;
    this.#worker.terminate();
    this.#term.reset();
    return { ok: true };
  }

  dispose(): void {
    this.#external?.dispose();
    this.#worker.terminate();
    this.#listeners.clear();
  }

  #start(from: SavedLab | undefined): void {
    this.#worker.onmessage = (event: MessageEvent<FromWorker>) => this.#receive(event.data);
    const { scenario, config } = this.#options;
    this.post({
      type: 'start',
      ...scenario,
      columns: this.#term.cols,
      rows: this.#term.rows,
      ...(config.checks ? { checks: config.checks } : {}),
      ...(from ? { saved: from } : {}),
    });
  }

  #receive(m: FromWorker): void {
    const term = this.#term;
    if (m.type === 'output') term.write(m.text);
    else if (m.type === 'idle') {
      this.#busy = false;
      this.#lastIdle = Date.now();
      this.ready = true;
      this.cwd = m.cwd;
      this.latest = m.saved;
      const history = this.#editor.entries();
      void (this.#options.store ?? { save: saveLab }).save(this.#options.labId, {
        ...m.saved,
        history,
        revealed: this.revealed,
      });
      term.write(this.#editor.begin(m.prompt));
      markLabPhase('prompt');
    } else if (m.type === 'completion') {
      if (m.id !== this.#completionId) return;
      this.#completing = false;
      this.#complete(m.start, m.candidates);
    } else if (m.type === 'raw') {
      const unread = this.#raw.update(m);
      if (unread) this.input(unread);
    } else if (m.type === 'resources') this.snapshot = m.snapshot;
    else if (m.type === 'tasks') this.live = Object.fromEntries(m.results.map((r) => [r.id, r.pass]));
    else if (m.type === 'listing' || m.type === 'file' || m.type === 'written') {
      this.#requests.get(m.id)?.(m);
      this.#requests.delete(m.id);
    } else if (m.type === 'error') term.write(`\r\n\x1b[31m${m.message}\x1b[0m\r\n`);
    else if (m.type === 'trace') for (const p of m.phases) markLabPhase(p.name, p.at);
    else if (m.type === 'notice') term.write(`\x1b[33m${this.#options.config.engineUpdated}\x1b[0m\r\n`);
    this.#emit(m);
    if (m.type === 'idle' || m.type === 'completion' || m.type === 'raw') this.#drain();
  }

  /** Inserts what a completion found: the one candidate, the common prefix, or the list. */
  #complete(start: number, candidates: string[]): void {
    const editor = this.#editor;
    const word = editor.buffer.slice(start, editor.cursor);
    if (candidates.length === 1) {
      const only = candidates[0] as string;
      this.#term.write(editor.insert(only.slice(word.length) + (only.endsWith('/') ? '' : ' ')));
    } else if (candidates.length > 1) {
      const prefix = commonPrefix(candidates);
      if (prefix.length > word.length) this.#term.write(editor.insert(prefix.slice(word.length)));
      else this.#term.write(`\r\n${candidates.join('  ')}\r\n${editor.redraw()}`);
    }
  }

  #drain(): void {
    const pending = this.#typeahead;
    this.#typeahead = '';
    if (pending) this.input(pending);
  }

  #emit(event: SessionEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  #ask<T>(message: (id: number) => ToWorker, pick: (m: FromWorker) => T): Promise<T> {
    return new Promise<T>((resolve) => {
      const id = this.#nextRequest++;
      this.#requests.set(id, (m) => resolve(pick(m)));
      this.post(message(id));
    });
  }
}

/** Sessions by lab section, each started once. */
const sessions = new WeakMap<HTMLElement, Promise<LabSession>>();

/** The session of the lab in `section`, started now if the page's script has not started it yet. */
export function labSession(section: HTMLElement): Promise<LabSession> {
  let session = sessions.get(section);
  if (!session) {
    session = openLabSession(section);
    sessions.set(section, session);
  }
  return session;
}

/**
 * Opens the terminal into the lab's screen (rendered by the server), takes the lab's prestarted
 * worker and its saved state, and starts the session. The screen's own markup follows it (ready,
 * the loading note) until the interface takes over.
 */
async function openLabSession(section: HTMLElement): Promise<LabSession> {
  markLabPhase('session');
  const screen = section.querySelector<HTMLElement>('.lab-screen');
  const labId = section.dataset.labId;
  if (!screen || !labId) throw new Error('a lab section needs its screen and data-lab-id');
  const config = JSON.parse(section.dataset.session ?? '{}') as SessionConfig;
  const scenario = JSON.parse(section.dataset.scenario ?? '{}') as LabScenario;
  let session: LabSession | undefined;
  const opened = openTerminal(screen, {
    label: config.label,
    onResize: () => session?.resized(),
    escapeIsTyped: () => session?.typesEscape ?? false,
  });
  markLabPhase('terminal');
  const [worker, saved] = await Promise.all([takeLabWorker(section), takeSavedLab(section)]);
  // A learner who tabbed to the screen before the terminal opened is now in it; the terminal's own
  // text area takes the focus from now on, so the screen leaves the Tab order.
  if (document.activeElement === screen) opened.term.focus();
  screen.tabIndex = -1;
  screen.addEventListener('focus', (event) => {
    if (event.target === screen) opened.term.focus();
  });
  session = new LabSession({
    labId,
    scenario: { setup: [], machine: 'server', ...scenario },
    config,
    terminal: opened.term,
    worker,
    takeWorker: () => takeLabWorker(section),
    saved,
  });
  const needsInterface = () => screen.dispatchEvent(new Event(LAB_INTERFACE_EVENT, { bubbles: true }));
  if (session.revealed.length > 0) needsInterface();
  session.subscribe((event) => {
    if (event.type === 'idle' || event.type === 'reset') {
      screen.dataset.ready = String(event.type === 'idle');
      for (const note of section.querySelectorAll<HTMLElement>('.lab-loading'))
        note.hidden = event.type === 'idle';
    } else if (event.type === 'tasks' && event.results.some((r) => r.pass)) needsInterface();
  });
  return session;
}
