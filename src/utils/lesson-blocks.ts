/**
 * A lesson's fenced blocks and hidden `{/* sandbox:` set-up, read the way the executable-lessons test
 * runs them and the conformance coverage check counts them (docs/LESSONS.md describes the markers).
 */

export type Meta = Record<string, string | true>;

export interface Block {
  page: string;
  /** 1-based, among the page's fenced blocks. */
  index: number;
  /** Line of the opening fence in the page. */
  line: number;
  lang: string;
  meta: Meta;
  lines: string[];
}

/** Fence languages whose blocks are shell commands or transcripts. */
export const COMMAND_LANGS = new Set(['sh', 'bash', 'shell', 'console']);

/** Fence metas as Expressive Code reads them: `key="value"`, `key='value'`, `key=value`, `key`. */
export function parseMeta(text: string): Meta {
  const meta: Meta = {};
  for (const m of text.matchAll(/([\w-]+)(?:=(?:"([^"]*)"|'([^']*)'|(\S+)))?/g)) {
    const key = m[1] as string;
    meta[key] = m[2] ?? m[3] ?? m[4] ?? true;
  }
  return meta;
}

/** Every fenced block of a page, and each hidden `{/* sandbox:` comment as a block of lang `sandbox`. */
export function blocksOf(page: string, text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let open: { fence: string; block: Block } | undefined;
  let hidden: Block | undefined;
  lines.forEach((raw, i) => {
    if (hidden) {
      if (raw.trim() === '*/}') {
        blocks.push(hidden);
        hidden = undefined;
      } else hidden.lines.push(raw);
      return;
    }
    if (!open && raw.trim() === '{/* sandbox:') {
      hidden = { page, index: blocks.length + 1, line: i + 1, lang: 'sandbox', meta: {}, lines: [] };
      return;
    }
    if (open) {
      if (raw.trim() === open.fence) {
        blocks.push(open.block);
        open = undefined;
      } else open.block.lines.push(raw);
      return;
    }
    const m = /^\s*(`{3,}|~{3,})([\w-]*)\s*(.*)$/.exec(raw);
    if (!m) return;
    open = {
      fence: m[1] as string,
      block: {
        page,
        index: blocks.length + 1,
        line: i + 1,
        lang: (m[2] as string).toLowerCase(),
        meta: parseMeta(m[3] as string),
        lines: [],
      },
    };
  });
  if (open) throw new Error(`${page}:${open.block.line}: a code block that never closes`);
  if (hidden) throw new Error(`${page}:${hidden.line}: a {/* sandbox: comment that never closes`);
  return blocks;
}

/** A block of `$ ` lines, each followed by what it prints. */
export const isTranscript = (b: Block): boolean =>
  (COMMAND_LANGS.has(b.lang) || b.lang === '') && b.lines.some((l) => l.startsWith('$ '));

/** A block whose every line (but blanks and comments) is a command. */
export const isCommands = (b: Block): boolean =>
  (COMMAND_LANGS.has(b.lang) || b.lang === 'sandbox') && !isTranscript(b);

export const isDockerfile = (b: Block): boolean => b.lang === 'dockerfile';

/**
 * The command lines a block runs: every line of a command block but blanks and comments, the `$ `
 * lines of a transcript; none for other blocks.
 */
export function commandLinesOf(b: Block): string[] {
  if (isTranscript(b)) return b.lines.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2));
  if (isCommands(b)) return b.lines.filter((l) => l.trim() && !l.trim().startsWith('#'));
  return [];
}
