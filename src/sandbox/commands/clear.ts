import type { Program } from '../shell/program.ts';
import type { Flavor } from './flavor.ts';

/** `clear`: ncurses' sequence (home, erase screen, erase scrollback); BusyBox omits the scrollback. */
export function clear(flavor: Flavor): Program {
  return async (ctx) => {
    ctx.stdout.write(flavor === 'gnu' ? '\x1b[H\x1b[2J\x1b[3J' : '\x1b[H\x1b[J');
    return 0;
  };
}
