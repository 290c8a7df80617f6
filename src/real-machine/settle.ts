/** What a machine restored from a saved state takes from the page that resumes it. */
export interface Moment {
  /** The host's time, in milliseconds since the epoch. */
  now: number;
  /** Fresh random bytes from the host. */
  seed: Uint8Array;
  /** The terminal showing the console, in characters. */
  rows: number;
  cols: number;
}

/** The console sizes the guest accepts: what a terminal on any screen can have. */
const clampSize = (n: number) => Math.min(999, Math.max(1, Math.floor(Number.isFinite(n) ? n : 1)));

/** The agent command that sizes the console as the page's terminal is sized. */
export function consoleSizeCommand({ rows, cols }: Pick<Moment, 'rows' | 'cols'>): string {
  return `stty -F /dev/ttyS0 rows ${clampSize(rows)} cols ${clampSize(cols)}`;
}

/**
 * The agent command that makes a restored machine this moment's: its clock set to the host's (a
 * saved guest wakes at the time it was saved), the host's bytes mixed into its random pool (every
 * copy of the state would otherwise draw the same numbers) and its console the size of the terminal
 * (the shell's line editing wraps at that width). Only digits and hex reach the shell.
 */
export function settleCommand({ now, seed, rows, cols }: Moment): string {
  const seconds = Math.floor(now / 1000);
  const hex = Array.from(seed, (b) => b.toString(16).padStart(2, '0')).join('');
  return [
    `date -u -s @${seconds} >/dev/null`,
    ...(hex ? [`echo ${hex} >/dev/urandom`] : []),
    consoleSizeCommand({ rows, cols }),
  ].join('; ');
}
