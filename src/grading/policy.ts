/** How an assignment turns several attempts into one grade. */
export type GradingMethod = 'highest' | 'last' | 'first' | 'average';

export interface LatePolicy {
  /** Percentage points taken off per day (or part of a day) late. */
  percentPerDay: number;
  /** The lowest the late multiplier goes, in percent. */
  floorPercent: number;
}

const DAY_MS = 86_400_000;

/** Whole days late, counting a started day: 0 when on time or when there is no due date. */
export function daysLate(submittedAt: number, due: number | undefined): number {
  if (due === undefined || submittedAt <= due) return 0;
  return Math.ceil((submittedAt - due) / DAY_MS);
}

/** A verified score (0 to 1) after the late penalty. */
export function applyLatePenalty(score: number, days: number, policy: LatePolicy): number {
  if (days <= 0) return score;
  const multiplier = Math.max(policy.floorPercent, 100 - policy.percentPerDay * days) / 100;
  return score * Math.max(0, Math.min(1, multiplier));
}

/**
 * Which attempt a grade counts, as its index in the order the attempts were made: the highest (the
 * first to reach it), the last or the first. An average counts every attempt and none alone, so it
 * has none; nor do no attempts.
 */
export function countedAttempt(scores: readonly number[], method: GradingMethod): number | undefined {
  if (scores.length === 0) return undefined;
  switch (method) {
    case 'highest':
      return scores.indexOf(Math.max(...scores));
    case 'last':
      return scores.length - 1;
    case 'first':
      return 0;
    case 'average':
      return undefined;
  }
}

/** One grade from attempts in the order they were made; undefined when there are none. */
export function combineAttempts(scores: readonly number[], method: GradingMethod): number | undefined {
  if (method === 'average')
    return scores.length === 0 ? undefined : scores.reduce((a, b) => a + b, 0) / scores.length;
  const counted = countedAttempt(scores, method);
  return counted === undefined ? undefined : scores[counted];
}
