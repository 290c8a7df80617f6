/** One run of an exercise text: plain words, or a `code` span. */
export interface TextRun {
  code: boolean;
  text: string;
}

/**
 * Splits an exercise text on Markdown-style backticks, so `docker run -d` shows as code.
 * An unmatched backtick stays as a literal character.
 */
export function splitInlineCode(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let rest = text;
  let plain = '';
  for (;;) {
    const open = rest.indexOf('`');
    const close = open < 0 ? -1 : rest.indexOf('`', open + 1);
    if (close < 0) break;
    plain += rest.slice(0, open);
    if (plain) runs.push({ code: false, text: plain });
    plain = '';
    runs.push({ code: true, text: rest.slice(open + 1, close) });
    rest = rest.slice(close + 1);
  }
  plain += rest;
  if (plain) runs.push({ code: false, text: plain });
  return runs;
}
