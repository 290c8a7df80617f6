/**
 * Ports of docker/go-units (size.go, duration.go) plus the bit of Go's `fmt` `%g` they rely on.
 * Docker prints every size and "N minutes ago" through these, so the output must match byte for byte.
 */

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

/** Decimal digits of a finite, non-negative number: `digits` has no trailing zeros, value = 0.digits × 10^dp. */
type Decimal = { digits: string; dp: number };

/** Exact-enough decimal expansion (101 significant digits, which covers every double used here). */
function toDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', dp: 0 };
  const [mantissa = '', exponent = '0'] = x.toExponential(100).split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { digits, dp: Number(exponent) + 1 };
}

/** Rounds to `n` significant digits the way Go's strconv does: half-way cases go to even. */
function roundDecimal(d: Decimal, n: number): Decimal {
  if (d.digits.length <= n) return d;
  const next = d.digits.charCodeAt(n) - 48;
  const rest = d.digits.slice(n + 1);
  const kept = d.digits.slice(0, n);
  const lastKept = n > 0 ? kept.charCodeAt(n - 1) - 48 : 0;
  const up = next > 5 || (next === 5 && (/[1-9]/.test(rest) || lastKept % 2 === 1));
  if (!up) return { digits: kept.replace(/0+$/, ''), dp: d.dp };
  // Propagate the carry; "999" rounds to "1" with the decimal point moved one place.
  const chars = kept.split('');
  let i = chars.length - 1;
  while (i >= 0 && chars[i] === '9') i--;
  if (i < 0) return { digits: '1', dp: d.dp + 1 };
  chars[i] = String(Number(kept[i]) + 1);
  return { digits: chars.slice(0, i + 1).join(''), dp: d.dp };
}

/** strconv's %e body: one digit, optional fraction of `prec` digits, exponent with at least two digits. */
function fmtE(d: Decimal, prec: number): string {
  let out = d.digits[0] ?? '0';
  if (prec > 0) out += `.${d.digits.slice(1, prec + 1).padEnd(prec, '0')}`;
  const exp = d.digits === '' ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return `${out}e${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
}

/** strconv's %f body with `prec` fraction digits. */
function fmtF(d: Decimal, prec: number): string {
  let out = d.dp > 0 ? d.digits.slice(0, d.dp).padEnd(d.dp, '0') : '0';
  if (prec > 0) {
    let frac = '';
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      frac += j >= 0 && j < d.digits.length ? d.digits[j] : '0';
    }
    out += `.${frac}`;
  }
  return out;
}

/** Shortest digits that round-trip, which JS and Go compute identically. */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', dp: 0 };
  const [m = '', e = '0'] = x.toExponential().split('e');
  return { digits: m.replace('.', '').replace(/0+$/, ''), dp: Number(e) + 1 };
}

/**
 * Go's strconv.FormatFloat(x, verb, precision, 64) for verbs g, e and f, as used by `fmt` (`%.*g`, `%e`,
 * `%.2f`); a negative precision means the shortest form (`%v` is 'g' with -1).
 * For 'g' it follows strconv exactly: %e when exp < -4 || exp >= eprec, trailing zeros dropped.
 */
export function formatGoFloat(x: number, precision = -1, verb: 'g' | 'e' | 'f' = 'g'): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const abs = Math.abs(x);
  const shortest = precision < 0;
  if (verb === 'e') {
    const d = shortest ? shortestDecimal(abs) : roundDecimal(toDecimal(abs), precision + 1);
    return sign + fmtE(d, shortest ? Math.max(d.digits.length - 1, 0) : precision);
  }
  if (verb === 'f') {
    if (shortest) {
      const d = shortestDecimal(abs);
      return sign + fmtF(d, Math.max(d.digits.length - d.dp, 0));
    }
    const exact = toDecimal(abs);
    const n = exact.dp + precision;
    const d = n < 0 ? { digits: '', dp: 0 } : roundDecimal(exact, n);
    return sign + fmtF(d, precision);
  }
  let prec = precision === 0 ? 1 : precision;
  const d = shortest ? shortestDecimal(abs) : roundDecimal(toDecimal(abs), prec);
  if (shortest) prec = d.digits.length;
  let eprec = prec;
  if (eprec > d.digits.length && d.digits.length >= d.dp) eprec = d.digits.length;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) return sign + fmtE(d, Math.min(prec, d.digits.length) - 1);
  return sign + fmtF(d, Math.max((prec > d.dp ? d.digits.length : prec) - d.dp, 0));
}

/** go-units getSizeAndUnit: divide while the value is at least one `base`. */
function sizeAndUnit(size: number, base: number, units: string[]): [number, string] {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return [size, units[i] ?? 'B'];
}

/** go-units HumanSizeWithPrecision: decimal units, `%.*g`, no space (999999 gives `1e+03kB`, as in Go). */
export function humanSizeWithPrecision(bytes: number, precision: number): string {
  const [size, unit] = sizeAndUnit(bytes, 1000, DECIMAL_UNITS);
  return formatGoFloat(size, precision) + unit;
}

/** go-units HumanSize: precision 4, e.g. `16.43MB`. */
export function humanSize(bytes: number): string {
  return humanSizeWithPrecision(bytes, 4);
}

/** go-units BytesSize: binary units with `%.4g`, e.g. `4.668MiB`. */
export function bytesSize(bytes: number): string {
  const [size, unit] = sizeAndUnit(bytes, 1024, BINARY_UNITS);
  return formatGoFloat(size, 4) + unit;
}

/**
 * go-units HumanDuration for a duration in milliseconds. Seconds and minutes are truncated, hours rounded,
 * and days/weeks/months are whole divisions of the rounded hours (so 13d20h is still "13 days").
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / 3_600_000) / 24 / 365)} years`;
}

const DECIMAL_MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15 };
const BINARY_MULTIPLIERS: Record<string, number> = {
  k: 2 ** 10,
  m: 2 ** 20,
  g: 2 ** 30,
  t: 2 ** 40,
  p: 2 ** 50,
};

/** The decimal subset of Go's strconv.ParseFloat syntax that a size string can reach. */
const GO_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** go-units parseSize (v0.5): split at the last digit, '.' or space, then validate the suffix. */
function parseSize(s: string, multipliers: Record<string, number>): number | undefined {
  let sep = -1;
  for (let i = s.length - 1; i >= 0; i--) {
    if ('0123456789. '.includes(s[i] ?? '')) {
      sep = i;
      break;
    }
  }
  if (sep === -1) return undefined;
  // A space separator is dropped; otherwise the separator char belongs to the number.
  const num = s[sep] === ' ' ? s.slice(0, sep) : s.slice(0, sep + 1);
  let suffix = s.slice(sep + 1);
  if (!GO_FLOAT.test(num)) return undefined;
  let size = Number(num);
  if (size < 0) return undefined;
  if (suffix !== '') {
    if (suffix.length > 3) return undefined;
    suffix = suffix.toLowerCase();
    if (suffix[0] === 'b') {
      if (suffix.length > 1) return undefined;
    } else {
      const mul = multipliers[suffix[0] ?? ''];
      if (mul === undefined) return undefined;
      size *= mul;
      if (suffix.length === 2 && suffix[1] !== 'b') return undefined;
      if (suffix.length === 3 && suffix.slice(1) !== 'ib') return undefined;
    }
  }
  // Go converts with int64(size): truncation toward zero.
  return Math.trunc(size);
}

/** go-units FromHumanSize: SI units (`1.5GB` = 1500000000). Returns undefined when Go would return an error. */
export function fromHumanSize(s: string): number | undefined {
  return parseSize(s, DECIMAL_MULTIPLIERS);
}

/** go-units RAMInBytes: binary units, as used by `-m 512m` (= 512 MiB). Returns undefined on invalid input. */
export function ramInBytes(s: string): number | undefined {
  return parseSize(s, BINARY_MULTIPLIERS);
}
