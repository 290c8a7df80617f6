/** Splits text into lines that keep their newline, as line-oriented tools read them. */
export function splitLines(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g);
  return lines ?? [];
}

/** Replaces `-5` with `-n 5` (the historical `head -5` / `tail -5` form) before getopt sees it. */
export function expandCountShorthand(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const m = /^-(\d+)([cl]?)$/.exec(arg);
    if (m) out.push(m[2] === 'c' ? '-c' : '-n', m[1] as string);
    else out.push(arg);
  }
  return out;
}

/** Parses a count with GNU's multiplier suffixes (b, K, KB, M, ...). Undefined when invalid. */
export function parseCount(text: string): number | undefined {
  const m = /^([+-]?\d+)(b|kB|K|KiB|MB|M|MiB|GB|G|GiB)?$/.exec(text);
  if (!m) return undefined;
  const multipliers: Record<string, number> = {
    b: 512,
    kB: 1000,
    K: 1024,
    KiB: 1024,
    MB: 1e6,
    M: 1024 ** 2,
    MiB: 1024 ** 2,
    GB: 1e9,
    G: 1024 ** 3,
    GiB: 1024 ** 3,
  };
  return Number(m[1]) * (m[2] ? (multipliers[m[2]] ?? 1) : 1);
}

/** UTF-8 encode/decode for byte-counting tools. */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function bytesOf(text: string): Uint8Array {
  return encoder.encode(text);
}

export function textOf(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
