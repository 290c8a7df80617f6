/** Small formatting helpers shared by several programs. */

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Zero-pads a number to `width` digits. */
export function pad0(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

const UNITS = ['K', 'M', 'G', 'T', 'P', 'E'];

/**
 * GNU `human_readable` with `-h` in ls, df and du: powers of 1024, rounded up (ceiling), one decimal
 * below 10 (`4.0K`, `9.8G`), whole numbers above (`512M`), plain bytes below 1024.
 */
export function gnuHuman(bytes: number): string {
  if (bytes < 1024) return String(Math.ceil(bytes));
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (value < 10) {
    const tenths = Math.ceil(Math.round(value * 10 * 1e6) / 1e6);
    if (tenths < 100) return `${(tenths / 10).toFixed(1)}${UNITS[unit]}`;
    value = 10;
  }
  const whole = Math.ceil(Math.round(value * 1e6) / 1e6);
  if (whole >= 1024 && unit < UNITS.length - 1) return `1.0${UNITS[unit + 1]}`;
  return `${whole}${UNITS[unit]}`;
}

/**
 * BusyBox `make_human_readable_str(size, 1, 0)`: always one decimal once scaled (`4.0K`, `512.0M`),
 * rounded to nearest; plain bytes below 1024; `0` for zero.
 */
export function busyboxHuman(bytes: number): string {
  if (bytes === 0) return '0';
  let val = Math.floor(bytes);
  let unit = -1;
  let frac = 0;
  while (val >= 1024) {
    frac = Math.floor(((val % 1024) * 10 + 512) / 1024);
    val = Math.floor(val / 1024);
    unit++;
  }
  if (unit < 0) return String(val);
  if (frac >= 10) {
    val++;
    frac = 0;
  }
  return `${val}.${frac}${UNITS[unit]}`;
}

/**
 * gnulib `human_readable` with autoscale and round-to-nearest, as dd prints its rates:
 * `105 MB`, `2.0 GB`, `100 MiB`. `base` 1000 gives SI prefixes (kB, MB), 1024 gives IEC (KiB, MiB).
 */
export function roundHuman(value: number, base: 1000 | 1024): string {
  const prefixes = base === 1000 ? ['k', 'M', 'G', 'T', 'P', 'E'] : ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  if (value < base) return `${Math.round(value)} B`;
  let v = value;
  let i = -1;
  while (v >= base && i < prefixes.length - 1) {
    v /= base;
    i++;
  }
  if (v < 10) {
    const tenths = Math.round(v * 10);
    if (tenths < 100) return `${(tenths / 10).toFixed(1)} ${prefixes[i]}B`;
  }
  const whole = Math.round(v);
  if (whole >= base && i < prefixes.length - 1) return `1.0 ${prefixes[i + 1]}B`;
  return `${whole} ${prefixes[i]}B`;
}

/** C's `%g` with 6 significant digits, for the plausible values tools print (dd's seconds). */
export function formatG(value: number, precision = 6): string {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= precision) {
    const [mantissa = '0', exp = '0'] = value.toExponential(precision - 1).split('e');
    const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    const n = Number(exp);
    return `${trimmed}e${n < 0 ? '-' : '+'}${pad0(Math.abs(n))}`;
  }
  const fixed = value.toFixed(Math.max(0, precision - 1 - exponent));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** The `ls -l` date: `Nov 23 16:05` within six months of now, else `Nov 23  2025` (UTC). */
export function lsDate(mtime: number, now: number): string {
  const d = new Date(mtime);
  const head = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`;
  const sixMonths = (365.2425 / 2) * 24 * 3600 * 1000;
  const recent = now - mtime < sixMonths && mtime - now <= 0;
  return recent
    ? `${head} ${pad0(d.getUTCHours())}:${pad0(d.getUTCMinutes())}`
    : `${head}  ${d.getUTCFullYear()}`;
}

/** `YYYY-MM-DD HH:MM:SS.000000000 +0000`, as stat prints times. */
export function fullTime(ms: number): string {
  const d = new Date(ms);
  const nanos = pad0((ms % 1000) * 1_000_000, 9);
  return `${d.getUTCFullYear()}-${pad0(d.getUTCMonth() + 1)}-${pad0(d.getUTCDate())} ${pad0(d.getUTCHours())}:${pad0(d.getUTCMinutes())}:${pad0(d.getUTCSeconds())}.${nanos} +0000`;
}

/** Quotes a word for a shell script (single quotes, the safe way). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
