import { ComposeError } from './errors.ts';
import { interpolateString, type Lookup } from './interpolate.ts';

/**
 * A `.env` file as compose-go's dotenv package reads it: `KEY=VALUE` lines, optional `export `,
 * `#` comments, single quotes (literal), double quotes (escapes, interpolation), unquoted values
 * (trailing comment stripped, interpolation), and a bare `KEY` that takes the value from `lookup`.
 */
export function parseDotEnv(text: string, lookup: Lookup, file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const resolve: Lookup = (name) => out[name] ?? lookup(name);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let n = 0; n < lines.length; n++) {
    let line = (lines[n] as string).trimStart();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice(7).trimStart();
    const m = /^([A-Za-z0-9_.\-[\]]+)\s*(=|:)?\s*/.exec(line);
    if (!m?.[1]) {
      throw new ComposeError(
        `failed to read ${file}: line ${n + 1}: unexpected character ${JSON.stringify(line[0])} in variable name ${JSON.stringify(line.split(/[=\s]/)[0])}`,
      );
    }
    const key = m[1];
    if (!m[2]) {
      const value = lookup(key);
      if (value !== undefined) out[key] = value;
      continue;
    }
    let rest = line.slice(m[0].length);
    let value: string;
    const q = rest[0];
    if (q === "'" || q === '"') {
      // A quoted value may span lines.
      let body = rest.slice(1);
      let end = findQuote(body, q);
      while (end === -1 && n + 1 < lines.length) {
        body += `\n${lines[++n]}`;
        end = findQuote(body, q);
      }
      if (end === -1) throw new ComposeError(`failed to read ${file}: unterminated quoted value ${key}`);
      value = body.slice(0, end);
      if (q === '"') {
        value = value.replace(/\\([\\"nrt$])/g, (_, c: string) =>
          c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c === '$' ? '\\$' : c,
        );
        value = interpolateString(value.replace(/\\\$/g, '$$$$'), key, resolve, () => {});
      }
    } else {
      const hash = rest.search(/\s#/);
      if (hash !== -1) rest = rest.slice(0, hash);
      value = interpolateString(rest.trim(), key, resolve, () => {});
    }
    out[key] = value;
  }
  return out;
}

function findQuote(s: string, q: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && q === '"') {
      i++;
      continue;
    }
    if (s[i] === q) return i;
  }
  return -1;
}
