import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Sandbox } from '../../src/sandbox/sandbox';
import {
  type Block,
  blocksOf,
  isCommands,
  isDockerfile,
  isTranscript,
  parseMeta,
} from '../../src/utils/lesson-blocks';

/**
 * Executable lessons: every command block, transcript and Dockerfile in every lesson, in both
 * languages, runs in the sandbox, and every transcript shows what the engine prints for it or says
 * where its output came from. The markers are fence metas (docs/LESSONS.md), which Expressive Code
 * ignores: it reads only its own keys (title, frame, mark, ins, del, …).
 */

const root = 'lessons';
const pages = [
  ...readdirSync(root)
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => join(root, f)),
  ...readdirSync(join(root, 'zh-cn'))
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => join(root, 'zh-cn', f)),
].sort();

const MARKERS = new Set(['norun', 'status', 'recorded', 'abridged', 'path', 'lab']);
/** Keys that Expressive Code and its plugins read: a marker must never be one of them. */
const EXPRESSIVE_CODE_KEYS = ['title', 'frame', 'lang', 'mark', 'ins', 'del', 'add', 'rem', 'wrap'];

interface LabSpec {
  id: string;
  setup: string[];
  seed: string;
  machine: 'server' | 'desktop';
}

/** The `<Lab>`s of a page, as `Lab.astro` makes them (an exercise's scenario replaces the props). */
function labsOf(text: string): LabSpec[] {
  return [...text.matchAll(/<Lab\b([\s\S]*?)\/>/g)].map((m) => {
    const props = m[1] as string;
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(props)?.[1];
    const id = attr('id') ?? '';
    const exercise = attr('exercise');
    if (exercise) {
      const data = parseYaml(readFileSync(`exercises/${exercise}.yaml`, 'utf8'));
      const scenario = data.scenario ?? {};
      return {
        id,
        setup: scenario.setup ?? [],
        seed: scenario.seed ?? exercise,
        machine: scenario.machine ?? 'server',
      };
    }
    const setupSource = /\bsetup=\{\[([\s\S]*?)\]\}/.exec(props)?.[1] ?? '';
    const setup = [...setupSource.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((s) =>
      (s[1] as string).replace(/\\(.)/g, '$1'),
    );
    return {
      id,
      setup,
      seed: attr('seed') ?? 'lab',
      machine: attr('machine') === 'desktop' ? 'desktop' : 'server',
    };
  });
}

/** What a terminal shows, line by line: ANSI codes and carriage-return redraws resolved, no trailing blanks. */
function screenLines(text: string): string[] {
  const lines = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    // CR LF ends a line (OpenSSH's messages): only a CR with more text after it redraws the line.
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => (l.split('\r').pop() ?? '').replace(/\s+$/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Output that says a command was typed wrong, even when its status (say, a pipeline's) hides it. */
const MISTAKE =
  /command not found|: not found$|unknown (shorthand )?flag|^Usage:|is not a docker command|failed to solve/m;

/** `status="2:7 11:1"`: the command on block line 2 exits 7, the one on line 11 exits 1. */
function expectedStatuses(block: Block, problems: string[]): Map<number, number> {
  const spec = block.meta.status;
  const map = new Map<number, number>();
  if (spec === undefined) return map;
  for (const part of String(spec).split(/\s+/).filter(Boolean)) {
    const m = /^(\d+):(\d+)$/.exec(part);
    if (!m) problems.push(`${where(block)}: status="${spec}" is not "line:status …"`);
    else map.set(Number(m[1]), Number(m[2]));
  }
  return map;
}

const where = (b: Block, line?: number) =>
  `${b.page}:${line === undefined ? b.line : b.line + line} (block ${b.index}, \`\`\`${b.lang || '(none)'}${
    Object.keys(b.meta).length ? ` ${Object.keys(b.meta).join(' ')}` : ''
  })`;

/** Matches transcript lines against output; `…` lines stand for lines left out (abridged blocks). */
function matchesAbridged(shown: string[], actual: string[]): boolean {
  const segments: string[][] = [[]];
  for (const line of shown) {
    if (line === '…') segments.push([]);
    else (segments[segments.length - 1] as string[]).push(line);
  }
  const anchoredStart = shown[0] !== '…';
  const anchoredEnd = shown[shown.length - 1] !== '…';
  let from = 0;
  for (const [i, seg] of segments.entries()) {
    if (seg.length === 0) continue;
    const last = i === segments.length - 1;
    let found = -1;
    for (let at = from; at + seg.length <= actual.length; at++) {
      if (i === 0 && anchoredStart && at !== 0) break;
      if (seg.every((l, k) => actual[at + k] === l)) {
        if (last && anchoredEnd && at + seg.length !== actual.length) continue;
        found = at;
        break;
      }
    }
    if (found < 0) return false;
    from = found + seg.length;
  }
  return true;
}

interface Counts {
  run: number;
  norun: number;
  recorded: number;
  abridged: number;
  engine: number;
}

async function runPage(page: string): Promise<{ problems: string[]; counts: Counts }> {
  const text = readFileSync(page, 'utf8');
  const blocks = blocksOf(page, text);
  const labs = labsOf(text);
  const problems: string[] = [];
  const counts: Counts = { run: 0, norun: 0, recorded: 0, abridged: 0, engine: 0 };
  const sandboxes = new Map<string, Sandbox>();
  /** With LESSONS_UPDATE=1, transcripts the engine checks are rewritten with what it prints. */
  const updates: { block: Block; lines: string[] }[] = [];

  async function sandboxFor(block: Block): Promise<Sandbox | undefined> {
    const named = block.meta.lab;
    const key = typeof named === 'string' ? `lab:${named}` : 'page';
    const existing = sandboxes.get(key);
    if (existing) return existing;
    const spec = typeof named === 'string' ? labs.find((l) => l.id === named) : labs[0];
    if (typeof named === 'string' && !spec) {
      problems.push(`${where(block)}: lab="${named}" names no <Lab> on this page`);
      return undefined;
    }
    const sandbox = Sandbox.create({
      seed: spec?.seed ?? 'lab',
      machine: spec?.machine ?? 'server',
      tty: true,
      columns: 80,
    });
    if (spec?.setup.length) await sandbox.run(spec.setup.join('\n'));
    sandboxes.set(key, sandbox);
    return sandbox;
  }

  for (const block of blocks) {
    for (const key of Object.keys(block.meta))
      if (!MARKERS.has(key) && !EXPRESSIVE_CODE_KEYS.includes(key))
        problems.push(`${where(block)}: unknown fence meta "${key}" (markers: ${[...MARKERS].join(', ')})`);
    const transcript = isTranscript(block);
    if (!transcript && !isCommands(block) && !isDockerfile(block)) continue;
    const { norun, recorded, abridged } = block.meta;
    if (norun !== undefined && (typeof norun !== 'string' || norun.trim().length < 10))
      problems.push(`${where(block)}: norun needs its reason, norun="…" (ten characters or more)`);
    if (recorded !== undefined && (typeof recorded !== 'string' || !/\d/.test(recorded)))
      problems.push(`${where(block)}: recorded needs the tool and its version, recorded="Docker 28.2"`);
    if (transcript && block.lines.some((l) => l === '…') && abridged === undefined && recorded === undefined)
      problems.push(`${where(block)}: a transcript with "…" lines is abridged: mark it abridged`);

    if (isDockerfile(block)) {
      if (norun !== undefined) {
        counts.norun++;
        continue;
      }
      const path = block.meta.path;
      if (typeof path !== 'string') {
        problems.push(
          `${where(block)}: a Dockerfile needs path="dir/Dockerfile" (where the commands expect it) or norun="…"`,
        );
        continue;
      }
      const sandbox = await sandboxFor(block);
      if (!sandbox) continue;
      const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
      if (dir) await sandbox.run(`mkdir -p '${dir}'`);
      const written = sandbox.writeFile(path, `${block.lines.join('\n')}\n`);
      if ('error' in written) problems.push(`${where(block)}: cannot write ${path}: ${written.error}`);
      counts.run++;
      continue;
    }

    if (norun !== undefined) {
      counts.norun++;
      if (transcript && recorded === undefined && block.lines.some((l) => l && !l.startsWith('$ ')))
        problems.push(
          `${where(block)}: a transcript that does not run shows output: mark where it came from, recorded="Tool version"`,
        );
      continue;
    }
    const sandbox = await sandboxFor(block);
    if (!sandbox) continue;
    const statuses = expectedStatuses(block, problems);
    const seen = new Set<number>();
    counts.run++;
    if (transcript) {
      if (recorded !== undefined) counts.recorded++;
      else if (abridged !== undefined) counts.abridged++;
      else counts.engine++;
    }

    // The commands: every line of a command block; the `$ ` lines of a transcript, each with what it shows.
    const steps: { at: number; command: string; shown: string[] }[] = [];
    block.lines.forEach((line, i) => {
      if (transcript) {
        if (line.startsWith('$ ')) steps.push({ at: i + 1, command: line.slice(2), shown: [] });
        else if (steps.length) steps[steps.length - 1]?.shown.push(line.replace(/\s+$/, ''));
        else if (line.trim()) problems.push(`${where(block, i + 1)}: output before any "$ " command`);
      } else if (line.trim() && !line.trim().startsWith('#'))
        steps.push({ at: i + 1, command: line, shown: [] });
    });

    const engineLines: string[] = [];
    for (const step of steps) {
      const output = await sandbox.run(step.command);
      const status = sandbox.lastStatus();
      const expected = statuses.get(step.at);
      const actual = screenLines(output);
      const report = (what: string) =>
        `${where(block, step.at)}: ${what}\n  $ ${step.command}\n${actual.map((l) => `  | ${l}`).join('\n')}`;
      if (expected !== undefined) {
        seen.add(step.at);
        if (status !== expected) problems.push(report(`exited ${status}, the block says status ${expected}`));
      } else if (status !== 0) problems.push(report(`exited ${status}`));
      else if (MISTAKE.test(actual.join('\n'))) problems.push(report('printed an error'));

      if (!transcript || recorded !== undefined) continue;
      engineLines.push(`$ ${step.command}`, ...actual);
      const shown = [...step.shown];
      while (shown.length && shown[shown.length - 1] === '') shown.pop();
      const same =
        abridged !== undefined
          ? matchesAbridged(shown, actual)
          : shown.length === actual.length && shown.every((l, k) => l === actual[k]);
      if (!same)
        problems.push(
          `${where(block, step.at)}: the transcript shows other output than the engine prints (make it the engine's, or mark it recorded="Tool version" or abridged)\n  $ ${step.command}\n  shown:\n${shown.map((l) => `  | ${l}`).join('\n')}\n  engine:\n${actual.map((l) => `  | ${l}`).join('\n')}`,
        );
    }
    if (
      transcript &&
      recorded === undefined &&
      abridged === undefined &&
      engineLines.join('\n') !== block.lines.join('\n')
    )
      updates.push({ block, lines: engineLines });
    for (const line of statuses.keys())
      if (!seen.has(line))
        problems.push(`${where(block, line)}: status names line ${line}, which holds no command`);
  }
  if (process.env.LESSONS_UPDATE && updates.length) {
    const lines = text.split('\n');
    for (const { block, lines: replacement } of updates.reverse())
      lines.splice(block.line, block.lines.length, ...replacement);
    writeFileSync(page, lines.join('\n'));
  }
  return { problems, counts };
}

describe('executable lessons', () => {
  it('reads fence metas as Expressive Code does, and no marker is one of its keys', () => {
    expect(parseMeta('norun="needs a real kernel" abridged status="2:7 3:1" path=web/Dockerfile')).toEqual({
      norun: 'needs a real kernel',
      abridged: true,
      status: '2:7 3:1',
      path: 'web/Dockerfile',
    });
    for (const key of MARKERS) expect(EXPRESSIVE_CODE_KEYS).not.toContain(key);
  });

  it('matches abridged transcripts line by line, "…" standing for lines left out', () => {
    expect(matchesAbridged(['a', '…', 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(matchesAbridged(['…', 'c'], ['a', 'b', 'c'])).toBe(true);
    expect(matchesAbridged(['a', '…', 'x'], ['a', 'b', 'c'])).toBe(false);
    expect(matchesAbridged(['b', '…'], ['a', 'b'])).toBe(false);
  });

  it('has the same command blocks in both languages (Dockerfile comments may be translated)', () => {
    const strip = (b: Block) => ({
      lang: b.lang,
      meta: b.meta,
      lines: isDockerfile(b) ? b.lines.filter((l) => !l.startsWith('#')) : b.lines,
    });
    for (const page of pages.filter((p) => !p.includes('zh-cn'))) {
      const zh = page.replace(`${root}/`, `${root}/zh-cn/`);
      const runnable = (p: string) =>
        blocksOf(p, readFileSync(p, 'utf8'))
          .filter((b) => isTranscript(b) || isCommands(b) || isDockerfile(b))
          .map(strip);
      expect(runnable(zh), `${zh} against ${page}`).toEqual(runnable(page));
    }
  });

  it.each(pages)(
    '%s: every block runs, every transcript is the engine’s or says where it is from',
    async (page) => {
      const { problems, counts } = await runPage(page);
      if (process.env.LESSON_COUNTS) console.log(page, JSON.stringify(counts));
      if (problems.length) throw new Error(`${problems.length} problem(s):\n\n${problems.join('\n\n')}`);
    },
  );
});
