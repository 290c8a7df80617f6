import type { Program } from '../shell/program.ts';

/** `true`: does nothing, successfully. */
export function trueProgram(): Program {
  return async () => 0;
}

/** `false`: does nothing, unsuccessfully. */
export function falseProgram(): Program {
  return async () => 1;
}

/** `nproc`: processing units available. */
export function nproc(): Program {
  return async (ctx) => {
    ctx.stdout.write(`${ctx.system.cpus}\n`);
    return 0;
  };
}

/** `tty [-s]`: the terminal on standard input, or `not a tty` (status 1); `-s` only sets the status. */
export function tty(): Program {
  return async (ctx) => {
    const silent = ctx.argv.slice(1).includes('-s');
    if (!ctx.stdin.isTTY) {
      if (!silent) ctx.stdout.write('not a tty\n');
      return 1;
    }
    if (!silent) ctx.stdout.write('/dev/pts/0\n');
    return 0;
  };
}

/** `arch`: the machine's hardware name, as `uname -m` prints it. */
export function arch(): Program {
  return async (ctx) => {
    ctx.stdout.write(`${ctx.system.kernel.machine}\n`);
    return 0;
  };
}
