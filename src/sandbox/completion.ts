import { dockerCompletions } from './docker/cli/completion.ts';
import type { DockerEngine } from './docker/engine.ts';
import { resolvePath } from './fs/path.ts';
import type { Shell } from './shell/interpreter.ts';

/** What Tab can complete the word under the cursor to. */
export interface Completion {
  /** Where the word being completed starts in the line. */
  start: number;
  candidates: string[];
}

const SHELL_WORDS = [
  'cd',
  'export',
  'unset',
  'exit',
  'pwd',
  'history',
  'type',
  'source',
  'if',
  'for',
  'while',
  'time',
];

/**
 * Completes the word before `cursor` in `line`: commands, docker subcommands, the names of the
 * containers, images, volumes and networks a docker command takes there, and paths.
 */
export function complete(
  line: string,
  cursor: number,
  shell: Shell,
  docker: DockerEngine | undefined,
  dockerCommands: string[],
): Completion {
  const before = line.slice(0, cursor);
  const start = before.search(/\S*$/);
  const word = before.slice(start);
  const segment =
    before
      .slice(0, start)
      .split(/\|\||&&|[|;]/)
      .pop() ?? '';
  const words = segment.trim().split(/\s+/).filter(Boolean);
  const prefixed = (list: Iterable<string>) => [...new Set(list)].filter((c) => c.startsWith(word)).sort();

  if (words.length === 0 && !word.includes('/')) {
    return {
      start,
      candidates: prefixed([...SHELL_WORDS, ...Object.keys(shell.builtins), ...executables(shell)]),
    };
  }
  if (words[0] === 'docker' && docker && !word.startsWith('-')) {
    if (words.length === 1) return { start, candidates: prefixed(dockerCommands) };
    const names = dockerCompletions(docker, words.slice(1));
    if (names) return { start, candidates: prefixed(names) };
  }
  return { start, candidates: paths(shell, word) };
}

/** Executables on PATH in the shell's machine. */
function executables(shell: Shell): string[] {
  const out: string[] = [];
  for (const dir of (shell.getVar('PATH') ?? '').split(':').filter(Boolean)) {
    try {
      for (const name of shell.fs.readdir(dir)) {
        const node = shell.fs.stat(`${dir}/${name}`);
        if (node?.type === 'file' && (node.mode & 0o111) !== 0) out.push(name);
      }
    } catch {
      // A PATH entry that does not exist completes nothing, as in bash.
    }
  }
  return out;
}

/** Files and directories matching a partial path; directories end in `/`. */
function paths(shell: Shell, word: string): string[] {
  const slash = word.lastIndexOf('/');
  const dirPart = slash === -1 ? '' : word.slice(0, slash + 1);
  const base = word.slice(slash + 1);
  const dir = resolvePath(shell.cwd, dirPart || '.', shell.user.home);
  let names: string[];
  try {
    names = shell.fs.readdir(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(base) && (base.startsWith('.') || !n.startsWith('.')))
    .map((n) => `${dirPart}${n}${shell.fs.isDir(`${dir === '/' ? '' : dir}/${n}`) ? '/' : ''}`)
    .sort();
}
