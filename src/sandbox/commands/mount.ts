import type { Program } from '../shell/program.ts';
import { BUSYBOX_BANNER } from './args.ts';
import { readText } from './read.ts';

/**
 * BusyBox `mount` with no operand: the mount table from /proc/mounts as `SOURCE on TARGET type TYPE
 * (OPTIONS)`. Mounting needs privileges a container does not have, so operands only get the usage.
 */
export function mount(): Program {
  return async (ctx) => {
    if (ctx.argv.length > 1) {
      ctx.stderr.write(`${BUSYBOX_BANNER}\n`);
      return 1;
    }
    let table: string;
    try {
      table = readText(ctx, '/proc/mounts');
    } catch {
      ctx.stderr.write("mount: can't read '/proc/mounts': No such file or directory\n");
      return 1;
    }
    for (const line of table.split('\n')) {
      const [source, target, type, options] = line.split(' ');
      if (options !== undefined) ctx.stdout.write(`${source} on ${target} type ${type} (${options})\n`);
    }
    return 0;
  };
}
