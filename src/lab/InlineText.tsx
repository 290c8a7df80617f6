import { splitInlineCode } from './inline-code';

/** A course text with its backticked spans shown as code. */
export default function InlineText({ text }: { text: string }) {
  return splitInlineCode(text).map((run, i) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: runs are fixed for a given text
    run.code ? <code key={i}>{run.text}</code> : <span key={i}>{run.text}</span>,
  );
}
