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
