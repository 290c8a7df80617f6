import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { localeQuote } from './quote.ts';

const CLASS_CHARS: Record<string, () => string[]> = {
  alpha: () => [...range('A', 'Z'), ...range('a', 'z')],
  digit: () => range('0', '9'),
  alnum: () => [...range('0', '9'), ...range('A', 'Z'), ...range('a', 'z')],
  upper: () => range('A', 'Z'),
  lower: () => range('a', 'z'),
  space: () => [' ', '\t', '\n', '\r', '\f', '\v'],
  blank: () => [' ', '\t'],
  punct: () => [...range('!', '/'), ...range(':', '@'), ...range('[', '`'), ...range('{', '~')],
  xdigit: () => [...range('0', '9'), ...range('A', 'F'), ...range('a', 'f')],
  cntrl: () => [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\x7f'],
};

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out.push(String.fromCharCode(c));
  return out;
}

/** Reads one (possibly escaped) character of a set at `i`. */
function charAt(set: string, i: number): { c: string; next: number } {
  if (set[i] !== '\\' || i + 1 >= set.length) return { c: set[i] as string, next: i + 1 };
  const octal = /^[0-7]{1,3}/.exec(set.slice(i + 1));
  if (octal) return { c: String.fromCharCode(Number.parseInt(octal[0], 8)), next: i + 1 + octal[0].length };
  const map: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    f: '\f',
    v: '\v',
    a: '\x07',
    b: '\b',
    '\\': '\\',
  };
  const e = set[i + 1] as string;
  return { c: map[e] ?? e, next: i + 2 };
}

/** Expands a tr set: escapes, ranges (`a-z`) and classes (`[:upper:]`). */
export function expandSet(set: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < set.length) {
    const cls = /^\[:([a-z]+):\]/.exec(set.slice(i));
    if (cls && CLASS_CHARS[cls[1] as string]) {
      out.push(...(CLASS_CHARS[cls[1] as string] as () => string[])());
      i += cls[0].length;
      continue;
    }
    const first = charAt(set, i);
    if (set[first.next] === '-' && first.next + 1 < set.length) {
      const last = charAt(set, first.next + 1);
      out.push(...range(first.c, last.c));
      i = last.next;
      continue;
    }
    out.push(first.c);
    i = first.next;
  }
  return out;
}

/** `tr [-d] [-s] [-c] SET1 [SET2]` */
export function tr(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      { flags: 'dscCt', long: { delete: 'd', 'squeeze-repeats': 's', complement: 'c' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'tr', flavor, parsed.message);
    const [set1, set2] = parsed.operands;
    const del = parsed.has('d');
    const squeeze = parsed.has('s');
    if (set1 === undefined) return usageError(ctx, 'tr', flavor, flavor === 'gnu' ? 'missing operand' : '');
    if (set2 === undefined && !del && !squeeze) {
      if (flavor === 'gnu') {
        ctx.stderr.write(
          `tr: missing operand after ${localeQuote(ctx.env, set1)}\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`,
        );
        return 1;
      }
      return usageError(ctx, 'tr', flavor, '');
    }
    const complement = parsed.has('c') || parsed.has('C');
    const chars1 = new Set(expandSet(set1));
    const inSet1 = (c: string) => chars1.has(c) !== complement;
    const list1 = expandSet(set1);
    const list2 = set2 === undefined ? [] : expandSet(set2);
    const squeezeSet = new Set(del || set2 === undefined ? (squeeze && !del ? list1 : list2) : list2);
    const squeezeTest = (c: string) => (set2 === undefined && !del ? inSet1(c) : squeezeSet.has(c));
    let out = '';
    for (const ch of ctx.stdin.read()) {
      let c: string | undefined = ch;
      if (del && inSet1(ch)) c = undefined;
      else if (!del && set2 !== undefined && inSet1(ch)) {
        if (complement) c = list2[list2.length - 1];
        else {
          const index = list1.lastIndexOf(ch);
          c = list2[Math.min(index, list2.length - 1)] ?? ch;
        }
      }
      if (c === undefined) continue;
      if (squeeze && out.endsWith(c) && squeezeTest(c)) continue;
      out += c;
    }
    ctx.stdout.write(out);
    return 0;
  };
}
