/** JS's case-insensitive character comparison for non-unicode patterns (Canonicalize with ignoreCase). */

/** Canonical forms computed so far (-1: not yet). */
let canonical: Int32Array | undefined;
/** All code units grouped by canonical form: built only when a non-ASCII character needs it. */
let inverse: { start: Uint32Array; list: Uint16Array } | undefined;

/** The form two characters must share to match case-insensitively. Codes above 0xFFFF are their own. */
export function canonicalize(code: number): number {
  if (code > 0xffff) return code;
  canonical ??= new Int32Array(0x10000).fill(-1);
  let form = canonical[code] as number;
  if (form < 0) {
    const upper = String.fromCharCode(code).toUpperCase();
    // A multi-unit uppercase, or a non-ASCII letter uppercasing to ASCII, keeps its own form.
    const u = upper.length === 1 ? upper.charCodeAt(0) : code;
    form = code >= 128 && u < 128 ? code : u;
    canonical[code] = form;
  }
  return form;
}

/** Every code unit whose canonical form equals that of `code` (including `code`). */
export function caseVariants(code: number): readonly number[] | Uint16Array {
  if (code > 0xffff) return [code];
  // Only ASCII canonicalizes to ASCII, so an ASCII letter's variants are its two cases.
  if (code < 128) {
    const lower = code | 0x20;
    return lower >= 0x61 && lower <= 0x7a ? [lower & ~0x20, lower] : [code];
  }
  const { start, list } = inverseTable();
  const form = canonicalize(code);
  return list.subarray(start[form] as number, start[form + 1] as number);
}

/** Counting sort of all code units by canonical form. */
function inverseTable(): { start: Uint32Array; list: Uint16Array } {
  if (!inverse) {
    const counts = new Uint32Array(0x10001);
    for (let c = 0; c < 0x10000; c++)
      counts[canonicalize(c) + 1] = (counts[canonicalize(c) + 1] as number) + 1;
    for (let c = 0; c < 0x10000; c++) counts[c + 1] = (counts[c + 1] as number) + (counts[c] as number);
    const start = counts.slice();
    const list = new Uint16Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      const form = canonicalize(c);
      list[counts[form] as number] = c;
      counts[form] = (counts[form] as number) + 1;
    }
    inverse = { start, list };
  }
  return inverse;
}
