import type { Filesystem } from '../fs/filesystem.ts';
import { compileGlob, globSegments } from '../shell/glob.ts';
import type { Program } from '../shell/program.ts';
import { BASH_HELP_TOPICS, BASH_VERSION_LINE, type BashHelpTopic } from './bash-help-topics.ts';

const HEADER = `These shell commands are defined internally.  Type \`help' to see this list.
Type \`help name' to find out more about the function \`name'.
Use \`info bash' to find out more about the shell in general.
Use \`man -k' or \`info' to find out more about commands not in this list.

A star (*) next to a name means that the command is disabled.

`;

const USAGE = 'help: usage: help [-dms] [pattern ...]\n';
const COPYRIGHT = 'Copyright (C) 2022 Free Software Foundation, Inc.';
const LICENSE = 'License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>';

/**
 * bash's `help` list: every topic's synopsis in two columns of half the terminal's width, cut with
 * `>` as bash's `wdispcolumn` cuts them in a UTF-8 locale (the first column one character later than
 * the second).
 */
export function helpColumns(topics: readonly Pick<BashHelpTopic, 'synopsis'>[], columns: number): string {
  let width = Math.floor((columns > 0 ? columns : 80) / 2);
  if (width > 128) width = 128;
  if (width <= 3) width = 40;
  const count = topics.length;
  const height = Math.floor((count + 1) / 2);
  const cell = (synopsis: string, cut: number) => {
    const shown = Math.min(synopsis.length >= width ? width - 2 : synopsis.length, width - 2);
    const text = shown + 1 >= width - 2 ? `${synopsis.slice(0, shown - cut)}>` : synopsis;
    return { text: ` ${text}`, columns: shown + 1 };
  };
  let out = '';
  for (let i = 0; i < height; i++) {
    const first = cell((topics[i] as BashHelpTopic).synopsis, 1);
    out += first.text;
    if (i * 2 >= count || i + height >= count) {
      out += '\n';
      continue;
    }
    out += ' '.repeat(Math.max(0, width - first.columns));
    out += `${cell((topics[i + height] as BashHelpTopic).synopsis, 2).text}\n`;
  }
  return out;
}

/** The groups the lab's section of `help` sorts programs into; anything else is "other". */
const GROUPS: [string, string[]][] = [
  [
    'files',
    [
      'basename',
      'cat',
      'chmod',
      'chown',
      'cp',
      'dd',
      'df',
      'dirname',
      'du',
      'find',
      'ln',
      'ls',
      'mkdir',
      'mv',
      'readlink',
      'realpath',
      'rm',
      'rmdir',
      'stat',
      'touch',
    ],
  ],
  [
    'text',
    [
      'awk',
      'cut',
      'egrep',
      'fgrep',
      'grep',
      'head',
      'mawk',
      'sed',
      'seq',
      'sort',
      'tail',
      'tee',
      'tr',
      'uniq',
      'wc',
      'xargs',
    ],
  ],
  ['editors', ['editor', 'nano', 'vi', 'vim', 'vim.basic']],
  ['processes', ['free', 'kill', 'nproc', 'ps', 'sleep', 'top', 'uptime']],
  ['network', ['curl', 'dnsmasq', 'hostname', 'ip', 'wget']],
  ['docker', ['containerd', 'docker', 'dockerd', 'runc']],
  [
    'VMs',
    [
      'VBoxManage',
      'libvirtd',
      'lsmod',
      'qemu-img',
      'qemu-system-x86_64',
      'ssh',
      'systemd-analyze',
      'vboxmanage',
      'virsh',
      'virt-host-validate',
      'virt-install',
      'virtlogd',
    ],
  ],
  [
    'shell',
    [
      '[',
      'bash',
      'clear',
      'dash',
      'date',
      'echo',
      'env',
      'false',
      'id',
      'printenv',
      'printf',
      'sh',
      'test',
      'true',
      'uname',
      'which',
      'whoami',
    ],
  ],
];
const GROUP_OF = new Map(GROUPS.flatMap(([group, names]) => names.map((name) => [name, group] as const)));

/** The executable files on `path` in `fs`, by name, each once (the first directory wins, as in a search). */
export function programsOnPath(fs: Filesystem, path: string): string[] {
  const found = new Set<string>();
  for (const dir of path.split(':').filter(Boolean)) {
    let names: string[];
    try {
      names = fs.readdir(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const node = fs.stat(`${dir}/${name}`);
      if (node?.type === 'file' && (node.mode & 0o111) !== 0) found.add(name);
    }
  }
  return [...found].sort();
}

/**
 * The lab's own section after bash's list: the programs this machine really has, by group, words
 * wrapped to the terminal under a hanging indent.
 */
export function labSection(programs: readonly string[], columns: number): string {
  const byGroup = new Map<string, string[]>();
  for (const name of programs) {
    const group = GROUP_OF.get(name) ?? 'other';
    byGroup.set(group, [...(byGroup.get(group) ?? []), name]);
  }
  const order = [...GROUPS.map(([group]) => group), 'other'].filter((group) => byGroup.has(group));
  const label = Math.max(...order.map((g) => g.length)) + 3;
  const width = Math.max(40, columns);
  const lines = [
    '',
    'Quayside lab: the programs on this machine, by group.',
    "Type `NAME --help' for a program's options.",
  ];
  for (const group of order) {
    let line = ` ${`${group}:`.padEnd(label - 1)}`;
    let empty = true;
    for (const name of byGroup.get(group) ?? []) {
      if (!empty && line.length + 1 + name.length > width) {
        lines.push(line);
        line = ' '.repeat(label);
        empty = true;
      }
      line += empty ? name : ` ${name}`;
      empty = false;
    }
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

/** Whether bash's `glob_pattern_p` takes the word for a pattern (`[` alone is not one). */
function isPattern(word: string): boolean {
  return /[*?]/.test(word) || /\[.*\]/.test(word);
}

function longDoc(topic: BashHelpTopic): string {
  return topic.doc.map((line) => `    ${line}\n`).join('');
}

function manPage(topic: BashHelpTopic): string {
  return [
    'NAME',
    `    ${topic.name} - ${topic.doc[0] ?? ''}`,
    '',
    'SYNOPSIS',
    `    ${topic.synopsis}`,
    '',
    'DESCRIPTION',
    longDoc(topic),
    'SEE ALSO',
    '    bash(1)',
    '',
    'IMPLEMENTATION',
    `    ${BASH_VERSION_LINE}`,
    `    ${COPYRIGHT}`,
    `    ${LICENSE}`,
    '',
  ].join('\n');
}

/**
 * bash's `help` builtin over the topics the sandbox's bash has: the list (followed by the lab's own
 * section: the programs on PATH, by group), or each topic matching a pattern (exact or glob first,
 * then by prefix), with `-d` (description), `-s` (synopsis) or `-m` (pseudo-manpage).
 */
export const help: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const flags = new Set<string>();
  while (args[0]?.startsWith('-') && args[0].length > 1) {
    const option = args.shift() as string;
    if (option === '--') break;
    if (option === '--help') {
      const self = BASH_HELP_TOPICS.find((t) => t.name === 'help') as BashHelpTopic;
      ctx.stdout.write(`help: ${self.synopsis}\n${longDoc(self)}`);
      return 2;
    }
    for (const c of option.slice(1)) {
      if (!'dms'.includes(c)) {
        ctx.stderr.write(`bash: help: ${option.startsWith('--') ? '--' : `-${c}`}: invalid option\n${USAGE}`);
        return 2;
      }
      flags.add(c);
    }
  }
  const columns = Number(ctx.env.COLUMNS) || ctx.stdout.columns;
  if (args.length === 0) {
    ctx.stdout.write(`${BASH_VERSION_LINE}\n${HEADER}${helpColumns(BASH_HELP_TOPICS, columns)}`);
    ctx.stdout.write(labSection(programsOnPath(ctx.fs, ctx.env.PATH ?? ''), columns));
    return 0;
  }
  let out = '';
  if (isPattern(args[0] as string))
    out += `Shell commands matching keyword${args.length > 1 ? 's' : ''} \`${args.join(', ')}'\n\n`;
  let found = 0;
  for (const pattern of args) {
    const glob = isPattern(pattern) ? compileGlob(globSegments(pattern)) : undefined;
    const passes = [
      (name: string) => name === pattern || glob?.test(name) === true,
      (name: string) => name.startsWith(pattern),
    ];
    for (const matches of passes) {
      const topics = BASH_HELP_TOPICS.filter((t) => matches(t.name));
      for (const topic of topics) {
        if (flags.has('d')) out += `${topic.name} - ${topic.doc[0] ?? ''}\n`;
        else if (flags.has('m')) out += manPage(topic);
        else out += `${topic.name}: ${topic.synopsis}\n${flags.has('s') ? '' : longDoc(topic)}`;
      }
      found += topics.length;
      if (topics.length > 0) break;
    }
  }
  ctx.stdout.write(out);
  if (found > 0) return 0;
  const last = args[args.length - 1] as string;
  ctx.stderr.write(
    `bash: help: no help topics match \`${last}'.  Try \`help help' or \`man -k ${last}' or \`info ${last}'.\n`,
  );
  return 1;
};
