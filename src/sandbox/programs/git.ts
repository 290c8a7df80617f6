import { FsError } from '../fs/filesystem.ts';
import { dirname, normalize, resolvePath } from '../fs/path.ts';
import type { Program, ProgramContext } from '../shell/program.ts';
import { findRepo, REPOS, type RepoSnapshot } from './repos/index.ts';

/**
 * A small git: there is no network, so `git clone` knows a catalogue of public repositories
 * (`repos/`) and writes their files; `status` and `log` work inside such a clone. Everything else
 * says plainly that this sandbox's git does not do it.
 */

/** Subcommands real git has, for telling "not a git command" from "not in this sandbox". */
const REAL_COMMANDS = new Set(
  'add am archive bisect blame branch bundle checkout cherry-pick citool clean clone commit config describe diff fetch format-patch gc grep gui init log merge mv notes pull push range-diff rebase reflog remote reset restore revert rm shortlog show sparse-checkout stash status submodule switch tag worktree'.split(
    ' ',
  ),
);

const USAGE = `usage: git [-v | --version] [-h | --help] [-C <path>] [-c <name>=<value>]
           [--exec-path[=<path>]] [--html-path] [--man-path] [--info-path]
           [-p | --paginate | -P | --no-pager] [--no-replace-objects] [--no-lazy-fetch]
           [--no-optional-locks] [--no-advice] [--bare] [--git-dir=<path>]
           [--work-tree=<path>] [--namespace=<name>] [--config-env=<name>=<envvar>]
           <command> [<args>]

This sandbox's git clones the repositories it holds a copy of (there is no network) and runs
status and log in them:

   clone      Clone a repository into a new directory
   status     Show the working tree status
   log        Show commit logs
`;

/** The git each machine has: Ubuntu 24.04 ships 2.43.0, Debian 13 2.47.2, Alpine 3.22 2.49.1. */
function gitVersion(ctx: ProgramContext): string {
  let release = '';
  try {
    release = ctx.fs.readText('/etc/os-release');
  } catch {
    release = '';
  }
  if (/^ID=alpine$/m.test(release)) return '2.49.1';
  if (/^ID=debian$/m.test(release)) return '2.47.2';
  return '2.43.0';
}

export const git: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let cwd = ctx.cwd;
  while (args[0] === '-C' && args[1] !== undefined) {
    cwd = resolvePath(cwd, args[1], ctx.user.home);
    args.splice(0, 2);
  }
  const [command, ...rest] = args;
  if (command === '--version' || command === 'version' || command === '-v') {
    ctx.stdout.write(`git version ${gitVersion(ctx)}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    ctx.stdout.write(USAGE);
    return command === undefined ? 1 : 0;
  }
  const here = { ...ctx, cwd };
  if (command === 'clone') return clone(here, rest);
  if (command === 'status') return status(here, rest.includes('-s') || rest.includes('--short'));
  if (command === 'log') return log(here, rest);
  if (REAL_COMMANDS.has(command)) {
    ctx.stderr.write(
      `git: this sandbox's git only clones the repositories it holds and runs status and log in them; '${command}' is not available here\n`,
    );
    return 1;
  }
  ctx.stderr.write(`git: '${command}' is not a git command. See 'git --help'.\n`);
  return 1;
};

/** `git clone [-q] [-b BRANCH] [--depth N] URL [DIR]`. */
async function clone(ctx: ProgramContext, args: string[]): Promise<number> {
  const operands: string[] = [];
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-b' || a === '--branch' || a === '--depth' || a === '-o' || a === '--origin') i++;
    else if (a.startsWith('-') && a !== '-') continue;
    else operands.push(a);
  }
  const [url, dirArg] = operands;
  if (url === undefined) {
    ctx.stderr.write('fatal: You must specify a repository to clone.\n\n');
    ctx.stderr.write('usage: git clone [<options>] [--] <repo> [<dir>]\n');
    return 129;
  }
  const name =
    dirArg ??
    url
      .replace(/\/+$/, '')
      .replace(/\.git$/, '')
      .split(/[/:]/)
      .pop() ??
    'repo';
  const dest = resolvePath(ctx.cwd, name, ctx.user.home);
  if (ctx.fs.exists(dest) && (!ctx.fs.isDir(dest) || ctx.fs.readdir(dest).length > 0)) {
    ctx.stderr.write(`fatal: destination path '${name}' already exists and is not an empty directory.\n`);
    return 128;
  }
  const repo = findRepo(url);
  if (!repo) {
    if (!/^(https?:\/\/|git@|ssh:\/\/|git:\/\/)/.test(url) && !ctx.fs.exists(resolvePath(ctx.cwd, url))) {
      ctx.stderr.write(`fatal: repository '${url}' does not exist\n`);
      return 128;
    }
    ctx.stderr.write(
      `git: this sandbox has no network; it holds copies of ${REPOS.map((r) => r.url).join(', ')} and can clone only ${REPOS.length === 1 ? 'that' : 'those'}\n`,
    );
    return 128;
  }
  if (!quiet) ctx.stderr.write(`Cloning into '${name}'...\n`);
  // Progress goes to a terminal only, as git decides by isatty(2).
  const t = repo.transfer;
  if (!quiet && ctx.stderr.isTTY) {
    ctx.stderr.write(
      [
        `remote: Enumerating objects: ${t.objects}, done.`,
        `remote: Counting objects: 100% (${t.objects}/${t.objects}), done.`,
        `remote: Compressing objects: 100% (${t.compressed}/${t.compressed}), done.`,
        `remote: Total ${t.objects} (delta ${t.deltas}), reused ${t.objects} (delta ${t.deltas}), pack-reused 0 (from 0)`,
        `Receiving objects: 100% (${t.objects}/${t.objects}), ${t.bytes} | 4.12 MiB/s, done.`,
        `Resolving deltas: 100% (${t.deltas}/${t.deltas}), done.`,
        '',
      ].join('\n'),
    );
  }
  await ctx.sleep(450);
  try {
    writeClone(ctx, repo, dest);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    ctx.stderr.write(`fatal: could not create work tree dir '${name}': ${error.message}\n`);
    return 128;
  }
  return 0;
}

const GIT_CONFIG = (url: string, branch: string) => `[core]
\trepositoryformatversion = 0
\tfilemode = true
\tbare = false
\tlogallrefupdates = true
[remote "origin"]
\turl = ${url}
\tfetch = +refs/heads/*:refs/remotes/origin/*
[branch "${branch}"]
\tremote = origin
\tmerge = refs/heads/${branch}
`;

function writeClone(ctx: ProgramContext, repo: RepoSnapshot, dest: string): void {
  const actor = ctx.user;
  const head = repo.commits[0]?.hash ?? '';
  const write = (path: string, text: string) => {
    ctx.fs.mkdir(dirname(path), { parents: true, actor });
    ctx.fs.writeFile(path, text, { actor });
  };
  ctx.fs.mkdir(dest, { parents: true, actor });
  for (const [path, text] of Object.entries(repo.files)) write(`${dest}/${path}`, text);
  for (const [path, size] of Object.entries(repo.blobs)) {
    ctx.fs.mkdir(dirname(`${dest}/${path}`), { parents: true, actor });
    ctx.fs.writeBlob(`${dest}/${path}`, size, { actor });
  }
  const g = `${dest}/.git`;
  write(`${g}/HEAD`, `ref: refs/heads/${repo.branch}\n`);
  write(`${g}/config`, GIT_CONFIG(repo.url, repo.branch));
  write(`${g}/description`, "Unnamed repository; edit this file 'description' to name the repository.\n");
  write(`${g}/refs/heads/${repo.branch}`, `${head}\n`);
  write(`${g}/refs/remotes/origin/HEAD`, `ref: refs/remotes/origin/${repo.branch}\n`);
  write(
    `${g}/packed-refs`,
    `# pack-refs with: peeled fully-peeled sorted \n${head} refs/remotes/origin/${repo.branch}\n`,
  );
  write(`${g}/info/exclude`, '# git ls-files --others --exclude-from=.git/info/exclude\n');
  for (const d of ['branches', 'hooks', 'objects/info', 'objects/pack', 'refs/tags'])
    ctx.fs.mkdir(`${g}/${d}`, { parents: true, actor });
  const packBytes = Math.round(Number.parseFloat(repo.transfer.bytes) * 1024 * 1024);
  ctx.fs.writeBlob(`${g}/objects/pack/pack-${head}.pack`, packBytes, { actor });
  ctx.fs.writeBlob(`${g}/objects/pack/pack-${head}.idx`, 3_256, { actor });
  ctx.fs.writeBlob(`${g}/index`, 4_889, { actor });
}

/** The clone the working directory is in: its top directory and the repository it came from. */
function findClone(ctx: ProgramContext): { top: string; repo: RepoSnapshot } | { error: string } {
  let dir = normalize(ctx.cwd);
  for (;;) {
    const config = `${dir === '/' ? '' : dir}/.git/config`;
    if (ctx.fs.stat(config)?.type === 'file') {
      const url = /url = (.*)/.exec(ctx.fs.readText(config))?.[1] ?? '';
      const repo = findRepo(url);
      if (!repo) return { error: "git: this sandbox's git knows only the repositories it can clone\n" };
      return { top: dir, repo };
    }
    if (dir === '/') break;
    dir = dirname(dir);
  }
  return { error: 'fatal: not a git repository (or any of the parent directories): .git\n' };
}

/** A path relative to the working directory, as git status prints it. */
function relative(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}

function status(ctx: ProgramContext, short: boolean): number {
  const found = findClone(ctx);
  if ('error' in found) {
    ctx.stderr.write(found.error);
    return 128;
  }
  const { top, repo } = found;
  const modified: string[] = [];
  const deleted: string[] = [];
  const tracked = new Set([...Object.keys(repo.files), ...Object.keys(repo.blobs)]);
  for (const path of [...tracked].sort()) {
    const node = ctx.fs.stat(`${top}/${path}`);
    if (node?.type !== 'file') deleted.push(path);
    else if (
      path in repo.files
        ? node.text !== repo.files[path]
        : node.text !== undefined || node.size !== repo.blobs[path]
    )
      modified.push(path);
  }
  // Untracked paths, a directory holding no tracked file shown once with a slash.
  const trackedDirs = new Set<string>();
  for (const path of tracked) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) trackedDirs.add(parts.slice(0, i).join('/'));
  }
  const untracked: string[] = [];
  const visit = (rel: string) => {
    const full = rel ? `${top}/${rel}` : top;
    for (const name of ctx.fs.readdir(full).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (path === '.git') continue;
      if (ctx.fs.isDir(`${top}/${path}`)) {
        if (trackedDirs.has(path)) visit(path);
        else if (ctx.fs.walk(`${top}/${path}`).some((p) => !ctx.fs.isDir(p))) untracked.push(`${path}/`);
      } else if (!tracked.has(path)) untracked.push(path);
    }
  };
  visit('');
  const show = (path: string) => {
    const shown = relative(ctx.cwd, `${top}/${path}`);
    return path.endsWith('/') ? `${shown}/` : shown;
  };
  if (short) {
    const lines = [
      ...[...modified.map((p) => ` M ${show(p)}`), ...deleted.map((p) => ` D ${show(p)}`)].sort((a, b) =>
        a.slice(3) < b.slice(3) ? -1 : 1,
      ),
      ...untracked.map((p) => `?? ${show(p)}`),
    ];
    if (lines.length > 0) ctx.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  }
  const out = [`On branch ${repo.branch}`, `Your branch is up to date with 'origin/${repo.branch}'.`, ''];
  if (modified.length + deleted.length > 0) {
    out.push(
      'Changes not staged for commit:',
      `  (use "${deleted.length > 0 ? 'git add/rm' : 'git add'} <file>..." to update what will be committed)`,
      '  (use "git restore <file>..." to discard changes in working directory)',
      ...[...modified.map((p) => ({ p, k: 'modified' })), ...deleted.map((p) => ({ p, k: 'deleted' }))]
        .sort((x, y) => (x.p < y.p ? -1 : 1))
        .map(({ p, k }) => `\t${`${k}:`.padEnd(12)}${show(p)}`),
      '',
    );
  }
  if (untracked.length > 0) {
    out.push(
      'Untracked files:',
      '  (use "git add <file>..." to include in what will be committed)',
      ...untracked.map((p) => `\t${show(p)}`),
      '',
    );
  }
  if (modified.length + deleted.length > 0)
    out.push('no changes added to commit (use "git add" and/or "git commit -a")');
  else if (untracked.length > 0)
    out.push('nothing added to commit but untracked files present (use "git add" to track)');
  else out.push('nothing to commit, working tree clean');
  ctx.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

function log(ctx: ProgramContext, args: string[]): number {
  const found = findClone(ctx);
  if ('error' in found) {
    ctx.stderr.write(found.error);
    return 128;
  }
  const { repo } = found;
  let oneline = false;
  let max = Number.POSITIVE_INFINITY;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--oneline') oneline = true;
    else if (/^-\d+$/.test(a)) max = Number(a.slice(1));
    else if (a === '-n' || a === '--max-count') max = Number(args[++i]);
    else if (a.startsWith('--max-count=')) max = Number(a.slice(12));
    else if (/^-n\d+$/.test(a)) max = Number(a.slice(2));
  }
  const tty = ctx.stdout.isTTY;
  const yellow = (s: string) => (tty ? `\x1b[33m${s}\x1b[m` : s);
  const decorations = (hash: string, i: number): string => {
    if (!tty) return '';
    const names: string[] = [];
    if (i === 0)
      names.push(
        `\x1b[1;36mHEAD -> \x1b[m\x1b[1;32m${repo.branch}\x1b[m`,
        `\x1b[1;31morigin/${repo.branch}\x1b[m`,
        '\x1b[1;31morigin/HEAD\x1b[m',
      );
    // The branches merged into the default branch point at their merged commit.
    for (const c of repo.commits)
      if (c.parents[1] === hash) {
        const branch = /from [^/]+\/(\S+)/.exec(c.message)?.[1];
        if (branch && repo.otherBranches.includes(branch)) names.push(`\x1b[1;31morigin/${branch}\x1b[m`);
      }
    return names.length > 0 ? `${yellow(' (')}${names.join(yellow(', '))}${yellow(')')}` : '';
  };
  const out: string[] = [];
  repo.commits.slice(0, max).forEach((c, i) => {
    const [subject = ''] = c.message.split('\n');
    if (oneline) {
      out.push(`${yellow(c.hash.slice(0, 7))}${decorations(c.hash, i)} ${subject}`);
      return;
    }
    if (i > 0) out.push('');
    out.push(`${yellow(`commit ${c.hash}`)}${decorations(c.hash, i)}`);
    if (c.parents.length > 1) out.push(`Merge: ${c.parents.map((p) => p.slice(0, 7)).join(' ')}`);
    out.push(`Author: ${c.author}`, `Date:   ${c.date}`, '', ...c.message.split('\n').map((l) => `    ${l}`));
  });
  if (out.length > 0) ctx.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
