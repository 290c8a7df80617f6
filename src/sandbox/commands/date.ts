import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { DAYS, MONTHS, pad0 } from './format.ts';
import { localeQuote } from './quote.ts';

const FULL_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const FULL_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** strftime for UTC with the specifiers people use (GNU's `-`, `_` and `0` padding flags too). */
export function strftime(ms: number, format: string): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const fields = new Map<string, () => string>([
    ['a', () => DAYS[d.getUTCDay()] as string],
    ['A', () => FULL_DAYS[d.getUTCDay()] as string],
    ['b', () => MONTHS[d.getUTCMonth()] as string],
    ['h', () => MONTHS[d.getUTCMonth()] as string],
    ['B', () => FULL_MONTHS[d.getUTCMonth()] as string],
    ['c', () => strftime(ms, '%a %b %e %H:%M:%S %Y')],
    ['C', () => pad0(Math.floor(d.getUTCFullYear() / 100))],
    ['d', () => pad0(d.getUTCDate())],
    ['D', () => strftime(ms, '%m/%d/%y')],
    ['e', () => String(d.getUTCDate()).padStart(2)],
    ['F', () => strftime(ms, '%Y-%m-%d')],
    ['H', () => pad0(h)],
    ['I', () => pad0(h % 12 === 0 ? 12 : h % 12)],
    ['j', () => pad0(dayOfYear(d), 3)],
    ['k', () => String(h).padStart(2)],
    ['l', () => String(h % 12 === 0 ? 12 : h % 12).padStart(2)],
    ['m', () => pad0(d.getUTCMonth() + 1)],
    ['M', () => pad0(d.getUTCMinutes())],
    ['n', () => '\n'],
    ['N', () => pad0((ms % 1000) * 1_000_000, 9)],
    ['p', () => (h < 12 ? 'AM' : 'PM')],
    ['P', () => (h < 12 ? 'am' : 'pm')],
    ['r', () => strftime(ms, '%I:%M:%S %p')],
    ['R', () => strftime(ms, '%H:%M')],
    ['s', () => String(Math.floor(ms / 1000))],
    ['S', () => pad0(d.getUTCSeconds())],
    ['t', () => '\t'],
    ['T', () => strftime(ms, '%H:%M:%S')],
    ['u', () => String(d.getUTCDay() === 0 ? 7 : d.getUTCDay())],
    ['w', () => String(d.getUTCDay())],
    ['x', () => strftime(ms, '%m/%d/%y')],
    ['X', () => strftime(ms, '%H:%M:%S')],
    ['y', () => pad0(d.getUTCFullYear() % 100)],
    ['Y', () => String(d.getUTCFullYear())],
    ['z', () => '+0000'],
    ['Z', () => 'UTC'],
    ['%', () => '%'],
  ]);
  return format.replace(/%([-_0^]?)(:{0,3}[a-zA-Z%])/g, (all, flag: string, spec: string) => {
    if (spec === ':z') return '+00:00';
    if (spec === '::z') return '+00:00:00';
    const field = fields.get(spec);
    if (!field) return all;
    let value = field();
    if (flag === '-') value = value.replace(/^[0 ]+(?=.)/, '');
    else if (flag === '_') value = value.replace(/^0+(?=.)/, (z) => ' '.repeat(z.length));
    else if (flag === '^') value = value.toUpperCase();
    return value;
  });
}

/** Parses `date -d` strings: `@EPOCH`, `now`, `yesterday`, `N days ago`, ISO dates and times. */
export function parseDate(text: string, now: number): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'now' || t === 'today') return now;
  if (t === 'yesterday') return now - 86_400_000;
  if (t === 'tomorrow') return now + 86_400_000;
  const epoch = /^@(-?\d+(?:\.\d+)?)$/.exec(t);
  if (epoch) return Math.round(Number(epoch[1]) * 1000);
  const relative = /^([+-]?\d+) (second|minute|hour|day|week|month|year)s?( ago)?$/.exec(t);
  if (relative) {
    const unit: Record<string, number> = {
      second: 1e3,
      minute: 6e4,
      hour: 36e5,
      day: 864e5,
      week: 6048e5,
      month: 2592e6,
      year: 31536e6,
    };
    const n = Number(relative[1]) * (unit[relative[2] as string] ?? 0);
    return relative[3] ? now - n : now + n;
  }
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[ t](\d{1,2}):(\d{2})(?::(\d{2}))?)?(?: ?(?:z|utc|\+00:?00))?$/.exec(t);
  if (iso) {
    const [, y, mo, da, hh = '0', mi = '0', ss = '0'] = iso;
    return Date.UTC(Number(y), Number(mo) - 1, Number(da), Number(hh), Number(mi), Number(ss));
  }
  const parsed = Date.parse(`${text} UTC`);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** `date [-u] [-R] [-I[TIMESPEC]] [-d STRING] [+FORMAT]`; the sandbox's clock is UTC. */
export function date(flavor: Flavor): Program {
  return async (ctx) => {
    const args = ctx.argv
      .slice(1)
      .map((a) => (a.startsWith('-I') && a.length > 2 ? `--iso-8601=${a.slice(2)}` : a));
    const parsed = parseArgs(
      args,
      {
        flags: 'uRI',
        values: 'ds',
        long: {
          utc: 'u',
          universal: 'u',
          'rfc-email': 'R',
          'date=': 'd',
          'set=': 's',
          'iso-8601?': 'I',
          'rfc-3339=': 'rfc',
        },
      },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'date', flavor, parsed.message);
    if (parsed.has('s')) {
      ctx.stderr.write(
        flavor === 'gnu'
          ? 'date: cannot set date: Operation not permitted\n'
          : "date: can't set date: Operation not permitted\n",
      );
      return 1;
    }
    let when = ctx.now();
    const dText = parsed.get('d');
    if (dText !== undefined) {
      const at = parseDate(dText, when);
      if (at === undefined) {
        ctx.stderr.write(
          flavor === 'gnu'
            ? `date: invalid date ${localeQuote(ctx.env, dText)}\n`
            : `date: invalid date '${dText}'\n`,
        );
        return 1;
      }
      when = at;
    }
    const formats = parsed.operands.filter((o) => o.startsWith('+'));
    const extra = parsed.operands.find((o) => !o.startsWith('+'));
    if (extra !== undefined)
      return usageError(
        ctx,
        'date',
        flavor,
        flavor === 'gnu' ? `invalid date ${localeQuote(ctx.env, extra)}` : '',
      );
    let format = '%a %b %e %H:%M:%S %Z %Y';
    const iso = parsed.get('I');
    if (iso !== undefined) {
      const precision: Record<string, string> = {
        '': '%Y-%m-%d',
        date: '%Y-%m-%d',
        hours: '%Y-%m-%dT%H%:z',
        minutes: '%Y-%m-%dT%H:%M%:z',
        seconds: '%Y-%m-%dT%H:%M:%S%:z',
        ns: '%Y-%m-%dT%H:%M:%S,%N%:z',
      };
      format = precision[iso] ?? '%Y-%m-%d';
    }
    const rfc = parsed.get('rfc');
    if (rfc !== undefined)
      format =
        rfc === 'date' ? '%Y-%m-%d' : rfc === 'ns' ? '%Y-%m-%d %H:%M:%S.%N%:z' : '%Y-%m-%d %H:%M:%S%:z';
    if (parsed.has('R')) format = '%a, %d %b %Y %H:%M:%S %z';
    if (formats[0] !== undefined) format = formats[0].slice(1);
    ctx.stdout.write(`${strftime(when, format)}\n`);
    return 0;
  };
}
