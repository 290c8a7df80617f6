/**
 * The sandbox's side of a terminal: a queue of typed lines that shells read from, and the
 * output they write. It knows nothing of xterm; hosts draw it however they like.
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

export class Terminal {
  readonly isTTY: boolean;
  columns: number;
  private readonly queue: TypedLine[] = [];
  private waiter: ((line: TypedLine | null) => void) | undefined;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private readonly listeners: ((chunk: TerminalChunk) => void)[] = [];

  constructor(options: { isTTY: boolean; columns: number }) {
    this.isTTY = options.isTTY;
    this.columns = options.columns;
  }

  /** Queues typed lines (without their newlines). */
  push(...lines: TypedLine[]): void {
    this.queue.push(...lines);
    this.deliver();
  }

  /** No more input will come (end of a piped stdin): shells waiting for input see end-of-file. */
  close(): void {
    this.closed = true;
    this.deliver();
  }

  /** The next line, or null at end of input. */
  readLine(): Promise<TypedLine | null> {
    return new Promise((resolve) => {
      this.waiter = resolve;
      this.deliver();
      if (this.waiter === resolve && this.queue.length === 0) {
        const waiting = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiting) w();
      }
    });
  }

  private deliver(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    if (this.queue.length > 0) {
      this.waiter = undefined;
      waiter(this.queue.shift() as TypedLine);
    } else if (this.closed) {
      this.waiter = undefined;
      waiter(null);
      const waiting = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiting) w();
    }
  }

  /** Resolves once a shell is waiting for input and nothing is queued. */
  whenIdle(): Promise<void> {
    if ((this.waiter || this.closed) && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get waitingForInput(): boolean {
    return this.waiter !== undefined && this.queue.length === 0;
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
