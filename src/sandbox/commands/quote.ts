import { C_ESCAPES } from '../core/c-escapes.ts';

/**
 * GNU's `quote()` (gnulib quotearg, `locale_quoting_style`), which coreutils, findutils and wget use
 * for operands that are not file names (modes, numbers, extra operands) and for a few file names
 * (mkdir's, find's): ‘x’ in a UTF-8 locale, 'x' otherwise. It never adds shell quoting (`‘it's’`), but
 * escapes backslashes and control characters the C way (`‘a\\b’`, `‘x\ty’`). File names that go
 * through `quoteaf` instead (ls, rm, cp) keep 'straight' quotes in every locale.
 */
export function localeQuote(env: Readonly<Record<string, string | undefined>>, text: string): string {
  const utf8 = /utf-?8/i.test(env.LC_ALL || env.LC_MESSAGES || env.LANG || '');
  let escaped = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    const control = code < 0x20 || code === 0x7f;
    escaped += C_ESCAPES[c] ?? (control ? `\\${code.toString(8).padStart(3, '0')}` : c);
  }
  return utf8 ? `‘${escaped}’` : `'${escaped}'`;
}
