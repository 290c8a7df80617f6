/**
 * The sandbox's budget of work. Shell steps (commands run and loop turns), nesting depth and the
 * size of strings are counted deterministically, so the browser and the grader stop a runaway line
 * at exactly the same point instead of spinning until something outside kills them.
 */

export interface WorkLimits {
  /** Steps one typed line may take: commands run, loop turns. */
  lineSteps: number;
  /** Steps the whole session may take; a replay on the server sets it, the browser does not. */
  totalSteps: number;
  /** Functions, scripts and `sh -c` calls inside each other. */
  depth: number;
  /** The longest string a variable, an expansion or a pipe may hold, in UTF-16 units. */
  stringLength: number;
  /** What one line may print to the terminal and to containers' logs, in UTF-16 units. */
  lineOutput: number;
}

export const DEFAULT_LIMITS: WorkLimits = {
  lineSteps: 100_000,
  totalSteps: Number.POSITIVE_INFINITY,
  depth: 200,
  stringLength: 8 * 1024 * 1024,
  lineOutput: 16 * 1024 * 1024,
};

/** How much text one step of work stands for: producing text is work too. */
const BYTES_PER_STEP = 64;

export type BudgetKind = 'line' | 'total' | 'depth' | 'memory' | 'output';

/**
 * Thrown when a budget runs out. Sticky: once a line is over its budget every further step throws
 * again, so code that catches errors on the way out cannot keep the line running.
 */
export class BudgetExceeded extends Error {
  readonly kind: BudgetKind;
  readonly limit: number;
  constructor(kind: BudgetKind, limit: number) {
    super(budgetMessage(kind, limit));
    this.kind = kind;
    this.limit = limit;
  }
}

/** What the learner reads when a budget runs out, worded as the shell would report the limit. */
export function budgetMessage(kind: BudgetKind, limit: number): string {
  switch (kind) {
    case 'line':
      return `CPU time limit exceeded (the lab stops a command line after ${limit} steps)`;
    case 'total':
      return `CPU time limit exceeded (the lab allows ${limit} steps in one session)`;
    case 'depth':
      return `maximum function nesting level exceeded (${limit})`;
    case 'memory':
      return `xmalloc: cannot allocate more than ${limit} bytes for one string`;
    case 'output':
      return `File size limit exceeded (the lab stops a command line after ${limit} bytes of output)`;
  }
}

/** The exit status a shell reports for a stopped line: 128 + SIGXCPU or SIGXFSZ, else 2 as bash does. */
export function budgetStatus(kind: BudgetKind): number {
  if (kind === 'line' || kind === 'total') return 152;
  return kind === 'output' ? 153 : 2;
}

/** Counts work against `WorkLimits`. One meter serves a whole sandbox, every nested shell included. */
export class WorkMeter {
  readonly limits: WorkLimits;
  /** Steps taken in the whole session (kept in the sandbox's state by its owner). */
  total: number;
  private readonly parent: WorkMeter | undefined;
  private line = 0;
  private printed = 0;
  private depth = 0;
  private exceeded: BudgetExceeded | undefined;

  constructor(limits: Partial<WorkLimits> = {}, total = 0, parent?: WorkMeter) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.total = total;
    this.parent = parent;
  }

  /**
   * A meter for a background process: its own budget per turn (`startLine` when it wakes), while
   * its steps still count towards this meter's session total.
   */
  child(): WorkMeter {
    return new WorkMeter(this.limits, 0, this);
  }

  /** A new typed line: its own step and output budget. */
  startLine(): void {
    this.line = 0;
    this.printed = 0;
    this.exceeded = undefined;
  }

  /** One unit of work (or `n`); throws `BudgetExceeded` when a budget is spent. */
  step(n = 1): void {
    if (this.exceeded) throw this.exceeded;
    this.line += n;
    if (this.line > this.limits.lineSteps) this.stop('line', this.limits.lineSteps);
    const root = this.parent ?? this;
    root.total += n;
    if (root.total > this.limits.totalSteps) this.stop('total', this.limits.totalSteps);
  }

  /** Text a program produced (into a pipe, a file or the terminal) costs a step per 64 characters. */
  produce(length: number): void {
    if (length >= BYTES_PER_STEP) this.step(Math.floor(length / BYTES_PER_STEP));
  }

  /** Runs `body` one level deeper (a function, a script, `sh -c`). */
  async nested<T>(body: () => Promise<T>): Promise<T> {
    if (this.depth >= this.limits.depth) this.stop('depth', this.limits.depth);
    this.depth++;
    try {
      return await body();
    } finally {
      this.depth--;
    }
  }

  /** Returns `text`, or throws when it is longer than any string may be. */
  string(text: string): string {
    this.size(text.length);
    return text;
  }

  /** Throws when a string (a pipe's contents, a log) would grow to `length`. */
  size(length: number): void {
    if (length > this.limits.stringLength) this.stop('memory', this.limits.stringLength);
  }

  /** Counts output written by the current line. */
  output(length: number): void {
    if (this.exceeded) throw this.exceeded;
    this.produce(length);
    this.printed += length;
    if (this.printed > this.limits.lineOutput) this.stop('output', this.limits.lineOutput);
  }

  /**
   * Lets the line go on after a budget of this kind ran out: a memory limit's OOM kill ends the
   * program that outgrew it, not the learner's line. Steps and output stay sticky.
   */
  forgive(kind: BudgetKind): void {
    if (this.exceeded?.kind === kind) this.exceeded = undefined;
  }

  private stop(kind: BudgetKind, limit: number): never {
    this.exceeded = new BudgetExceeded(kind, limit);
    throw this.exceeded;
  }
}
