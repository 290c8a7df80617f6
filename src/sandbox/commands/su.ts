import type { Identity, Program } from '../shell/program.ts';
import { SECURE_PATH, shellAs } from './sudo.ts';
import { userNamed } from './users.ts';

/**
 * util-linux `su [-] [-l] [-c command] [user]`: root becomes another user (root by default) without
 * a password, keeping the directory unless `-`/`-l` asks for a login; anyone else would be asked for
 * the target's password, which the lab's accounts do not have.
 */
export function su(): Program {
  return async (ctx) => {
    let login = false;
    let command: string | undefined;
    const operands: string[] = [];
    const args = ctx.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === '-' || arg === '-l' || arg === '--login') login = true;
      else if (arg === '-c' || arg === '--command') command = args[++i];
      else if (arg.startsWith('--command=')) command = arg.slice('--command='.length);
      else if (arg.startsWith('-')) {
        ctx.stderr.write(
          `su: invalid option -- '${arg.replace(/^-+/, '')}'\nTry 'su --help' for more information.\n`,
        );
        return 1;
      } else operands.push(arg);
    }
    const who = operands[0] ?? 'root';
    const target = userNamed(ctx, who);
    if (!target) {
      ctx.stderr.write(
        `su: user ${who} does not exist or the user entry does not contain all the required fields\n`,
      );
      return 1;
    }
    if (ctx.user.uid !== 0) {
      ctx.stderr.write('Password: su: Authentication failure\n');
      return 1;
    }
    const shell = target.shell || '/bin/sh';
    const names = { HOME: target.home, SHELL: shell, USER: target.name, LOGNAME: target.name };
    const kept = login ? { TERM: ctx.env.TERM ?? 'dumb', PATH: SECURE_PATH } : ctx.env;
    const as: Identity = { user: target, cwd: login ? target.home : ctx.cwd, env: { ...kept, ...names } };
    return shellAs(ctx, as, shell, command);
  };
}
