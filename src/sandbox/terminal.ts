/**
 * The sandbox's side of a terminal: a queue of what was typed, which shells read line by line and
 * full-screen programs key by key (raw mode), and the output they write. It knows nothing of xterm;
 * hosts draw it however they like.
 */
export interface TerminalChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** A typed line, and how long the learner paused before typing it (virtual ms). */
export interface TypedLine {
  text: string;
  wait: number;
}

/** The most characters one chunk of raw keystrokes may hold (a paste is cut into chunks this size). */
export const RAW_CHUNK_LENGTH = 4096;

/** Chunks of keystrokes one transcript event holds; more start a new event. */
export const KEY_CHUNKS_PER_EVENT = 256;

type Typed = { line: TypedLine } | { keys: string };
type Reader =
  | { raw: false; resolve: (line: TypedLine | null) => void }
  | { raw: true; resolve: (keys: string | null) => void };

export class Terminal {
  readonly isTTY: boolean;
  columns: number;
  rows: number;
  private readonly queue: Typed[] = [];
  private reader: Reader | undefined;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private rawDepth = 0;
  private readonly listeners: ((chunk: TerminalChunk) => void)[] = [];
  private readonly modeListeners: ((raw: boolean, unread: string) => void)[] = [];

  constructor(options: { isTTY: boolean; columns: number; rows?: number }) {
    this.isTTY = options.isTTY;
    this.columns = options.columns;
    this.rows = options.rows ?? 24;
  }

  /** Queues typed lines (without their newlines). */
  push(...lines: TypedLine[]): void {
    for (const line of lines) this.queue.push({ line });
    this.deliver();
  }

  /** Queues keystrokes for a program in raw mode (no echo, no line editing). */
  pushKeys(keys: string): void {
    if (!keys) return;
    this.queue.push({ keys });
    this.deliver();
  }

  /** No more input will come (end of a piped stdin): shells waiting for input see end-of-file. */
  close(): void {
    this.closed = true;
    this.deliver();
  }

  /**
   * The next line, or null at end of input. Keystrokes still queued from a full-screen program
   * that has ended are dropped: they were typed for it, not for the shell.
   */
  readLine(): Promise<TypedLine | null> {
    return new Promise((resolve) => this.wait({ raw: false, resolve }));
  }

  /** The next chunk of keystrokes, or null at end of input; a line typed ahead arrives with its Enter. */
  readKeys(): Promise<string | null> {
    return new Promise((resolve) => this.wait({ raw: true, resolve }));
  }

  private wait(reader: Reader): void {
    this.reader = reader;
    this.deliver();
    if (this.reader === reader && this.queue.length === 0) {
      const waiting = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiting) w();
    }
  }

  /**
   * Raw mode for the length of `body`: the host sends every keystroke as it is typed. Cooked mode
   * comes back however the body ends, normally, interrupted or failing.
   */
  async raw<T>(body: () => Promise<T>): Promise<T> {
    if (this.rawDepth++ === 0) for (const listener of this.modeListeners) listener(true, '');
    try {
      return await body();
    } finally {
      if (--this.rawDepth === 0) {
        const unread = this.takeLeadingKeys();
        for (const listener of this.modeListeners) listener(false, unread);
      }
    }
  }

  /** Whether a program has the terminal in raw mode now. */
  get isRaw(): boolean {
    return this.rawDepth > 0;
  }

  /**
   * Tells `listener` whenever raw mode starts (true) or ends (false), with the keystrokes queued for
   * the program that it left unread: a host gives them to its line editor instead.
   */
  onMode(listener: (raw: boolean, unread: string) => void): () => void {
    this.modeListeners.push(listener);
    return () => {
      const i = this.modeListeners.indexOf(listener);
      if (i !== -1) this.modeListeners.splice(i, 1);
    };
  }

  /** Removes the keystrokes at the queue's front (those before the next typed line). */
  private takeLeadingKeys(): string {
    let keys = '';
    while (this.queue[0] && 'keys' in this.queue[0]) keys += (this.queue.shift() as { keys: string }).keys;
    return keys;
  }

  private deliver(): void {
    const reader = this.reader;
    if (!reader) return;
    if (!reader.raw) this.takeLeadingKeys();
    const next = this.queue.shift();
    if (next) {
      this.reader = undefined;
      if (reader.raw) reader.resolve('keys' in next ? next.keys : `${next.line.text}\r`);
      else if ('line' in next) reader.resolve(next.line);
    } else if (this.closed) {
      this.reader = undefined;
      reader.resolve(null);
      const waiting = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiting) w();
    }
  }

  /** Resolves once a shell or a raw-mode program is waiting for input and nothing is queued. */
  whenIdle(): Promise<void> {
    if ((this.reader || this.closed) && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get waitingForInput(): boolean {
    return this.reader !== undefined && this.queue.length === 0;
  }

  write(stream: 'stdout' | 'stderr', text: string): void {
    if (!text) return;
    for (const listener of this.listeners) listener({ stream, text });
  }

  onOutput(listener: (chunk: TerminalChunk) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i !== -1) this.listeners.splice(i, 1);
    };
  }
}
