import type { Identity, Program, ProgramContext, User } from '../shell/program.ts';
import { userNamed } from './users.ts';

/** Ubuntu 24.04's `Defaults secure_path` (/etc/sudoers): the PATH a command runs with. */
export const SECURE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin';

/** What `sudo` prints for no arguments or a bad option (sudo 1.9). */
const USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user]
            [command [arg ...]]
usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory] [-g
            group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user]
            [VAR=value] [-i | -s] [command [arg ...]]
usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory] [-g group]
            [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...
`;

/** Variables `env_reset` lets through from the caller's environment. */
const KEPT = ['TERM', 'LANG', 'LANGUAGE', 'LC_ALL', 'COLORTERM', 'DISPLAY', 'TZ'];

/** A word as the shell reads it back unchanged. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

/** The executable a command name means on `path`, as execvp finds it; undefined when none. */
export function findExecutable(ctx: ProgramContext, name: string, path: string): string | undefined {
  const candidates = name.includes('/')
    ? [name.startsWith('/') ? name : `${ctx.cwd}/${name}`]
    : path.split(':').map((dir) => `${dir}/${name}`);
  return candidates.find((file) => {
    const node = ctx.fs.stat(file);
    return node?.type === 'file' && (node.mode & 0o111) !== 0;
  });
}

/** The environment sudo gives the target user: `env_reset`, then who ran it (`SUDO_*`). */
export function targetEnvironment(
  ctx: ProgramContext,
  target: User & { shell: string },
  command: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of KEPT) if (ctx.env[name] !== undefined) env[name] = ctx.env[name] as string;
  return {
    ...env,
    HOME: target.home,
    LOGNAME: target.name,
    USER: target.name,
    SHELL: target.shell || '/bin/sh',
    MAIL: `/var/mail/${target.name}`,
    PATH: SECURE_PATH,
    SUDO_COMMAND: command,
    SUDO_USER: ctx.user.name,
    SUDO_UID: String(ctx.user.uid),
    SUDO_GID: String(ctx.user.gid),
  };
}

/**
 * Whether the caller may become anyone without a password: root, or a member of `sudo`, for whom
 * the host's /etc/sudoers.d/90-cloud-init-users says NOPASSWD as on an Ubuntu cloud image.
 */
function mayRunAsAnyone(user: User): boolean {
  return user.uid === 0 || user.groups.some((g) => g.name === 'sudo');
}

/** A comma-separated list indented by four, broken before an item that would pass column 80. */
function wrapList(items: string[]): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line && line.length + 2 + item.length > 80) {
      lines.push(`${line},`);
      line = '';
    }
    line = line ? `${line}, ${item}` : `    ${item}`;
  }
  return `${[...lines, line].join('\n')}\n`;
}

/** `sudo -l`: the Defaults of Ubuntu 24.04's /etc/sudoers and the rules that apply to the user. */
function listRules(ctx: ProgramContext): string {
  const host = ctx.system.hostname;
  const name = ctx.user.name;
  const rules =
    ctx.user.uid === 0 ? '    (ALL : ALL) ALL\n' : '    (ALL : ALL) ALL\n    (ALL) NOPASSWD: ALL\n';
  const defaults = [
    'env_reset',
    'mail_badpass',
    `secure_path=${SECURE_PATH.replace(/:/g, '\\:')}`,
    'use_pty',
  ];
  return `Matching Defaults entries for ${name} on ${host}:\n${wrapList(defaults)}\nUser ${name} may run the following commands on ${host}:\n${rules}`;
}

/**
 * `sudo [-u user] [-i | -s] [command …]`, `sudo -l`: runs a command as another user (root by
 * default) in a new process with sudo's environment; `-i` and `-s` run it through that user's shell
 * (a login shell in their home for `-i`), or open that shell when no command is given.
 */
export function sudo(): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    let who = 'root';
    let mode: 'command' | 'login' | 'shell' | 'list' = 'command';
    let i = 0;
    for (; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === '--') {
        i++;
        break;
      }
      if (!arg.startsWith('-') || arg === '-') break;
      if (arg === '-u' || arg === '--user') {
        const value = args[++i];
        if (value === undefined) {
          ctx.stderr.write(`sudo: option requires an argument -- 'u'\n${USAGE}`);
          return 1;
        }
        who = value;
      } else if (arg.startsWith('--user=')) who = arg.slice('--user='.length);
      else if (arg === '-i' || arg === '--login') mode = 'login';
      else if (arg === '-s' || arg === '--shell') mode = 'shell';
      else if (arg === '-l' || arg === '--list') mode = 'list';
      else if (!['-n', '--non-interactive', '-E', '--preserve-env', '-H', '--set-home'].includes(arg)) {
        ctx.stderr.write(
          arg.startsWith('--')
            ? `sudo: unrecognized option '${arg}'\n${USAGE}`
            : `sudo: invalid option -- '${arg[1]}'\n${USAGE}`,
        );
        return 1;
      }
    }
    const command = args.slice(i);
    if (mode === 'command' && command.length === 0) {
      ctx.stderr.write(USAGE);
      return 1;
    }
    if (!mayRunAsAnyone(ctx.user)) {
      // Without NOPASSWD sudo asks for the password, and there is no terminal to ask on.
      ctx.stderr.write(
        'sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper\nsudo: a password is required\n',
      );
      return 1;
    }
    const target = userNamed(ctx, who.startsWith('#') ? who.slice(1) : who);
    if (!target) {
      ctx.stderr.write(`sudo: unknown user ${who}\nsudo: error initializing audit plugin sudoers_audit\n`);
      return 1;
    }
    if (mode === 'list') {
      ctx.stdout.write(listRules(ctx));
      return 0;
    }
    const shellPath = target.shell || '/bin/sh';
    if (mode !== 'command') {
      const as: Identity = {
        user: target,
        cwd: mode === 'login' ? target.home : ctx.cwd,
        env: targetEnvironment(
          ctx,
          target,
          command.length > 0 ? `${shellPath} -c ${command.join(' ')}` : shellPath,
        ),
      };
      return shellAs(ctx, as, shellPath, command.length > 0 ? command.map(shellWord).join(' ') : undefined);
    }
    const [name, ...rest] = command as [string, ...string[]];
    const path = findExecutable(ctx, name, SECURE_PATH);
    if (!path) {
      ctx.stderr.write(`sudo: ${name}: command not found\n`);
      return 1;
    }
    const as: Identity = {
      user: target,
      cwd: ctx.cwd,
      env: targetEnvironment(ctx, target, [path, ...rest].join(' ')),
    };
    // The name as typed: the new shell's PATH is secure_path, so it finds the same file.
    return ctx.shell(command.map(shellWord).join(' '), undefined, undefined, { identity: as });
  };
}

/**
 * Runs `command` in a shell as another user (sudo -s/-i, su -c), or opens that user's interactive
 * shell on the terminal when there is none.
 */
export function shellAs(
  ctx: ProgramContext,
  as: Identity,
  shellPath: string,
  command: string | undefined,
): Promise<number> {
  if (command !== undefined) return ctx.shell(command, undefined, undefined, { identity: as });
  return ctx.session({
    system: ctx.system,
    fs: ctx.fs,
    user: as.user,
    cwd: as.cwd,
    env: as.env,
    shell: shellPath.endsWith('bash') ? 'bash' : 'dash',
  });
}
