/** A malformed (or unsupported) pattern; the message names the pattern and the reason. */
export class PatternSyntaxError extends Error {
  readonly source: string;
  readonly reason: string;

  constructor(source: string, reason: string) {
    super(`Invalid regular expression: /${source}/: ${reason}`);
    this.source = source;
    this.reason = reason;
    this.name = 'PatternSyntaxError';
  }
}

/** A pattern whose compiled program would exceed the engine's size limit. */
export class PatternTooLargeError extends PatternSyntaxError {
  constructor(source: string) {
    super(source, 'Regular expression too large');
    this.name = 'PatternTooLargeError';
  }
}

/** A backreference search that ran out of its step budget (the pattern backtracks exponentially). */
export class PatternBudgetError extends Error {
  readonly steps: number;

  constructor(steps: number) {
    super(`Regular expression search gave up after ${steps} steps`);
    this.steps = steps;
    this.name = 'PatternBudgetError';
  }
}
