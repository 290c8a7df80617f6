import { parseGoDuration } from '../dockerfile/goparse.ts';
import { flag, type ParsedFlags } from './flags.ts';

/**
 * A `--since`/`--until` value as the client reads it (timetypes.GetTimestamp): a Go duration before
 * now, an RFC 3339 time or a shorter form of it, or Unix seconds; the error text otherwise.
 */
export function logTime(value: string, now: number): number | string {
  const duration = parseGoDuration(value);
  if (duration.ok) return now - duration.value / 1e6;
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(\.\d+)?)?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(
      value,
    );
  if (m) {
    const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', zone = 'Z'] = m;
    const at = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}${frac}${zone}`);
    if (Number.isFinite(at)) return at;
  }
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  return `failed to parse value as time or duration: "${value}"`;
}

/** The times a command's `--since` and `--until` name, or the first of them that is no time. */
export function timeWindow(
  parsed: ParsedFlags,
  now: number,
): { since?: number; until?: number } | { bad: 'since' | 'until'; error: string } {
  const window: { since?: number; until?: number } = {};
  for (const key of ['since', 'until'] as const) {
    const value = flag(parsed, key);
    if (value === undefined) continue;
    const at = logTime(value, now);
    if (typeof at === 'string') return { bad: key, error: at };
    window[key] = at;
  }
  return window;
}
