import { ComposeError } from './errors.ts';
import type { YamlValue } from './yaml.ts';

/**
 * Variable substitution as compose-go's template package does it: `$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`,
 * `$$` for a literal dollar; defaults and messages are themselves interpolated.
 */
export type Lookup = (name: string) => string | undefined;

class InvalidTemplate extends Error {}
class MissingRequired extends Error {
  readonly variable: string;
  constructor(variable: string, reason: string) {
    super(
      reason
        ? `required variable ${variable} is missing a value: ${reason}`
        : `required variable ${variable} is missing a value`,
    );
    this.variable = variable;
  }
}

const NAME_START = /[_a-zA-Z]/;
const NAME_CHAR = /[_a-zA-Z0-9]/;

/** The index of the `}` that closes the `${` at `start` (compose-go's getFirstBraceClosingIndex). */
function closingBrace(s: string, start: number): number {
  let open = 0;
  for (let i = start; i < s.length; i++) {
    if (s[i] === '}') {
      open--;
      if (open === 0) return i;
    }
    if (s[i] === '{') {
      open++;
      i++;
    }
  }
  return -1;
}

/** Substitutes one string; `warn` hears of unset variables. Throws InvalidTemplate or MissingRequired. */
function substitute(template: string, lookup: Lookup, warn: (name: string) => void): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i] as string;
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const n = template[i + 1];
    if (n === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (n !== undefined && NAME_START.test(n)) {
      let j = i + 1;
      while (j < template.length && NAME_CHAR.test(template[j] as string)) j++;
      const name = template.slice(i + 1, j);
      const value = lookup(name);
      if (value === undefined) warn(name);
      out += value ?? '';
      i = j;
      continue;
    }
    if (n !== '{') {
      out += c;
      i++;
      continue;
    }
    // The regexp needs a closing brace on the same line for a braced form at all.
    const lineEnd = template.indexOf('\n', i);
    const close = closingBrace(template, i);
    if (close === -1 || (lineEnd !== -1 && close > lineEnd)) throw new InvalidTemplate();
    let j = i + 2;
    if (!NAME_START.test(template[j] ?? '')) throw new InvalidTemplate();
    while (j < close && NAME_CHAR.test(template[j] as string)) j++;
    const name = template.slice(i + 2, j);
    const rest = template.slice(j, close);
    if (rest === '') {
      const value = lookup(name);
      if (value === undefined) warn(name);
      out += value ?? '';
      i = close + 1;
      continue;
    }
    const op = /^(:\?|\?|:-|-|:\+|\+)/.exec(rest)?.[1];
    if (!op) throw new InvalidTemplate();
    const arg = () => substitute(rest.slice(op.length), lookup, warn);
    const value = lookup(name);
    switch (op) {
      case ':-':
        out += value === undefined || value === '' ? arg() : value;
        break;
      case '-':
        out += value === undefined ? arg() : value;
        break;
      case ':+':
        out += value !== undefined && value !== '' ? arg() : (value ?? '');
        break;
      case '+':
        out += value !== undefined ? arg() : '';
        break;
      case ':?':
      case '?': {
        const reason = arg();
        if (value === undefined || (op === ':?' && value === '')) throw new MissingRequired(name, reason);
        out += value;
        break;
      }
    }
    i = close + 1;
  }
  return out;
}

/** Interpolates one string at a dotted path; errors worded as compose-go's interpolation package. */
export function interpolateString(
  value: string,
  path: string,
  lookup: Lookup,
  warn: (name: string) => void,
): string {
  try {
    return substitute(value, lookup, warn);
  } catch (error) {
    if (error instanceof InvalidTemplate)
      throw new ComposeError(
        `invalid interpolation format for ${path}.\nYou may need to escape any $ with another $.\n${value}`,
      );
    if (error instanceof MissingRequired)
      throw new ComposeError(`error while interpolating ${path}: ${error.message}`);
    throw error;
  }
}

/** Paths whose interpolated strings are cast back to numbers or booleans (compose-go's cast table). */
const CASTS: [RegExp, 'int' | 'float' | 'bool'][] = [
  [/^services\.[^.]+\.healthcheck\.retries$/, 'int'],
  [/^services\.[^.]+\.healthcheck\.disable$/, 'bool'],
  [/^services\.[^.]+\.ports\.\[\]\.target$/, 'int'],
  [/^services\.[^.]+\.(privileged|read_only|stdin_open|tty|init|oom_kill_disable)$/, 'bool'],
  [/^services\.[^.]+\.(scale)$/, 'int'],
  [/^services\.[^.]+\.(cpus|cpu_percent)$/, 'float'],
  [/^services\.[^.]+\.volumes\.\[\]\.read_only$/, 'bool'],
  [/^services\.[^.]+\.volumes\.\[\]\.volume\.nocopy$/, 'bool'],
  [/^(networks|volumes|secrets|configs)\.[^.]+\.external$/, 'bool'],
  [/^networks\.[^.]+\.(internal|attachable|enable_ipv4|enable_ipv6)$/, 'bool'],
];

function cast(value: string, path: string): YamlValue {
  const kind = CASTS.find(([re]) => re.test(path))?.[1];
  if (!kind) return value;
  if (kind === 'bool') {
    const v = value.toLowerCase();
    if (['y', 'yes', 'true', 'on'].includes(v)) return true;
    if (['n', 'no', 'false', 'off'].includes(v)) return false;
    throw new ComposeError(
      `error while interpolating ${path}: failed to cast to expected type: invalid boolean: ${value}`,
    );
  }
  const n = Number(value);
  if (value.trim() === '' || Number.isNaN(n) || (kind === 'int' && !Number.isInteger(n))) {
    throw new ComposeError(
      `error while interpolating ${path}: failed to cast to expected type: strconv.Parse${kind === 'int' ? 'Int' : 'Float'}: parsing ${JSON.stringify(value)}: invalid syntax`,
    );
  }
  return n;
}

/** Interpolates every string of a decoded Compose file (keys are not interpolated). */
export function interpolateTree(
  value: YamlValue,
  path: string,
  lookup: Lookup,
  warn: (name: string) => void,
): YamlValue {
  if (typeof value === 'string') return cast(interpolateString(value, path, lookup, warn), path);
  if (Array.isArray(value)) return value.map((v) => interpolateTree(v, `${path}.[]`, lookup, warn));
  if (value !== null && typeof value === 'object') {
    const out = Object.create(null) as Record<string, YamlValue>;
    for (const [k, v] of Object.entries(value))
      out[k] = interpolateTree(v, path ? `${path}.${k}` : k, lookup, warn);
    return out;
  }
  return value;
}
