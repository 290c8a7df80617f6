/**
 * One CSV field (RFC 4180), safe to open in a spreadsheet in any locale.
 *
 * Quoting: a field holding the separator is quoted, and the separator depends on the locale that
 * opens the file (`,` in English, `;` where `,` is the decimal mark, tab for pasted text), so a
 * field with any of them is quoted, as is one with a quote mark or a line break.
 *
 * Formulas: text a spreadsheet would run as a formula gets a leading `'`. That is text starting with
 * `=`, `+`, `-` or `@`, their full-width forms (`＝＋－＠`, which East Asian spreadsheets also read
 * as formulas), or a tab or line break, also after leading spaces, which spreadsheets skip.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^\s*[=+\-@＝＋－＠\t\r\n]/.test(value) ? `'${value}` : value;
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows of fields as CSV text, with CRLF line ends as RFC 4180 asks. */
export function csv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
