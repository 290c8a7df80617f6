/** A grade from 0 to 1 as the number of percent the gradebook shows: at most one decimal. */
export function percentOf(grade: number): number {
  return Math.round(grade * 1000) / 10;
}

/** A grade from 0 to 1 as a percentage with at most one decimal, or a dash when there is none. */
export function percent(grade: number | null | undefined): string {
  return grade === null || grade === undefined ? '–' : `${percentOf(grade)}%`;
}

/** A date and time in UTC, as the server knows it, or `none` when there is no date. */
export function when(instant: string | Date | null | undefined, none: string): string {
  if (!instant) return none;
  return `${new Date(instant).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
