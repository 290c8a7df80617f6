/**
 * bash's history expansion of a typed line, as an interactive bash does before it parses the line:
 * `!!`, `!n`, `!-n`, `!string`, `!?string?`, and the word designators `:n`, `:$`, `:^`, `:*`,
 * `:n-m` (with `!$`, `!^` and `!*` for the last command's words). Nothing expands inside single
 * quotes, after a backslash, or where `!` is followed by a blank, `=`, `(` or the end of the line
 * (or, inside double quotes, by the closing quote).
 */
export type HistoryExpansion = { line: string; changed: boolean } | { error: string };

export function expandHistory(line: string, history: readonly string[]): HistoryExpansion {
  let out = '';
  let changed = false;
  let doubleQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "'" && !doubleQuoted) {
      const end = line.indexOf("'", i + 1);
      const stop = end === -1 ? line.length : end + 1;
      out += line.slice(i, stop);
      i = stop - 1;
      continue;
    }
    if (c === '\\') {
      out += line.slice(i, i + 2);
      i++;
      continue;
    }
    if (c === '"') doubleQuoted = !doubleQuoted;
    const next = line[i + 1] ?? '';
    if (c !== '!' || next === '' || ' \t\n=('.includes(next) || (doubleQuoted && next === '"')) {
      out += c;
      continue;
    }
    const event = readEvent(line, i, history);
    if ('error' in event) return event;
    out += event.text;
    changed = true;
    i = event.end - 1;
  }
  return { line: out, changed };
}

/** The event that `!` at `start` names, with its word designator: its text and where it ends. */
function readEvent(
  line: string,
  start: number,
  history: readonly string[],
): { text: string; end: number } | { error: string } {
  let i = start + 1;
  let entry: string | undefined;
  let designator: string | undefined;
  const c = line[i] as string;
  if (c === '!') {
    entry = history[history.length - 1];
    i++;
  } else if ('$^*'.includes(c)) {
    // `!$` is `!!:$`.
    entry = history[history.length - 1];
    designator = c;
    i++;
  } else if (/[-0-9]/.test(c)) {
    const m = /^-?\d+/.exec(line.slice(i))?.[0] ?? '';
    const n = Number(m);
    entry = n < 0 ? history[history.length + n] : history[n - 1];
    i += m.length;
  } else if (c === '?') {
    const close = line.indexOf('?', i + 1);
    const end = close === -1 ? line.length : close;
    const text = line.slice(i + 1, end);
    entry = [...history].reverse().find((h) => h.includes(text));
    i = close === -1 ? end : close + 1;
  } else {
    const text = /^[^\s:;&|<>()"'`]+/.exec(line.slice(i))?.[0] ?? '';
    entry = [...history].reverse().find((h) => h.startsWith(text));
    i += text.length;
  }
  const spec = line.slice(start, i);
  if (entry === undefined) return { error: `${spec}: event not found` };
  if (designator === undefined) {
    const m = /^:(\d+(?:-\d+|-|\*)?|[$^*]|-\d+)/.exec(line.slice(i));
    if (m?.[1]) {
      designator = m[1];
      i += m[0].length;
    }
  }
  if (designator === undefined) return { text: entry, end: i };
  const words = shellWords(entry);
  const selected = selectWords(words, designator);
  if (selected === undefined) return { error: `${line.slice(start, i)}: bad word specifier` };
  return { text: selected, end: i };
}

/** The words of a history entry, quotes kept, as bash splits them for designators. */
function shellWords(text: string): string[] {
  return text.match(/(?:[^\s'"\\]+|'[^']*'?|"(?:\\.|[^"\\])*"?|\\.?)+/g) ?? [];
}

function selectWords(words: string[], designator: string): string | undefined {
  const last = words.length - 1;
  const range = (from: number, to: number) =>
    from > to || to > last || from < 0 ? undefined : words.slice(from, to + 1).join(' ');
  if (designator === '$') return range(last, last);
  if (designator === '^') return range(1, 1);
  if (designator === '*') return last < 1 ? '' : range(1, last);
  const m = /^(\d*)(?:(-)(\d*)|(\*))?$/.exec(designator);
  if (!m) return undefined;
  const from = m[1] === '' ? 0 : Number(m[1]);
  if (m[4]) return from > last ? '' : range(from, last);
  if (!m[2]) return range(from, from);
  // `n-` leaves out the last word; `n-m` is a range.
  return range(from, m[3] === '' ? last - 1 : Number(m[3]));
}
