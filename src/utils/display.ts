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

/**
 * What an `<input type="datetime-local">` shows for an instant: its date and time to the minute in
 * the browser's own time zone, as the input reads back with `new Date(value)`.
 */
export function datetimeLocal(instant: string | Date): string {
  const d = new Date(instant);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A day as people write it in `lang` (UTC): "7 December 2026", "2026年12月7日". */
export function longDate(instant: string | Date, lang: 'en' | 'zh-cn'): string {
  return new Intl.DateTimeFormat(lang === 'zh-cn' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(instant));
}
