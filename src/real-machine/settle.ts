/** What a machine restored from a saved state takes from the page that resumes it. */
export interface Moment {
  /** The host's time, in milliseconds since the epoch. */
  now: number;
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
 * saved guest wakes at the time it was saved) and its console the size of the terminal (the shell's
 * line editing wraps at that width). Only digits reach the shell.
 */
export function settleCommand({ now, rows, cols }: Moment): string {
  return `date -u -s @${Math.floor(now / 1000)} >/dev/null; ${consoleSizeCommand({ rows, cols })}`;
}

/**
 * The agent command that gives a restored machine random numbers of its own. Every copy of a saved
 * state holds the same kernel random generator, so copies draw the same bytes until it next reseeds.
 * The kernel reseeds when the system resumes from a suspend; its suspend test (`pm_test`) freezes
 * every task, thaws them at once and reports the resume, about half a second, and the reseed draws
 * on the emulated CPU's RDRAND, which v86 answers from the host's generator.
 */
export const RESEED_COMMAND = [
  'echo 0 > /sys/module/suspend/parameters/pm_test_delay',
  'echo freezer > /sys/power/pm_test',
  'echo freeze > /sys/power/state',
  'echo none > /sys/power/pm_test',
].join('; ');
