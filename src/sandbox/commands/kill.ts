import { SIGNALS, signalNumber } from '../process/signals.ts';
import type { Program, ProgramContext } from '../shell/program.ts';
import { BUSYBOX_BANNER } from './args.ts';
import type { Flavor } from './flavor.ts';

const PROCPS_USAGE = `
Usage:
 kill [options] <pid> [...]

Options:
 <pid> [...]            send signal to every <pid> listed
 -<signal>, -s, --signal <signal>
                        specify the <signal> to be sent
 -q, --queue <value>    integer value to be sent with the signal
 -l, --list=[<signal>]  list all signal names, or convert one to a name
 -L, --table            list all signal names in a nice table

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see kill(1).
`;

/** procps `kill -l`: names separated by spaces, wrapped like its unix_print_signals. */
function listSignals(flavor: Flavor): string {
  if (flavor === 'busybox')
    return SIGNALS.map((name, i) => `${String(i + 1).padStart(2)}) ${name}\n`).join('');
  let out = '';
  let pos = 0;
  SIGNALS.forEach((name, i) => {
    if (i > 0) {
      if (pos > 73) {
        out += '\n';
        pos = 0;
      } else {
        out += ' ';
        pos++;
      }
    }
    out += name;
    pos += name.length;
  });
  return `${out}\n`;
}

function listOne(ctx: ProgramContext, spec: string, flavor: Flavor): number {
  const n = signalNumber(spec);
  if (n === undefined || n === 0 || n > SIGNALS.length) {
    ctx.stderr.write(
      flavor === 'gnu' ? `kill: unknown signal name ${spec}\n` : `kill: bad signal name '${spec}'\n`,
    );
    return 1;
  }
  ctx.stdout.write(/^\d+$/.test(spec) ? `${SIGNALS[n - 1]}\n` : `${n}\n`);
  return 0;
}

/**
 * `kill [-s SIGNAL | -SIGNAL] PID...` and `kill -l [SIGNAL]`. Wording is procps-ng's /usr/bin/kill
 * (`kill: (123) - No such process`); bash's builtin prefixes `bash: ` to the same message.
 */
export function kill(flavor: Flavor): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    let signal = 15;
    let i = 0;
    const first = args[0];
    if (first === '-l' || first === '--list' || first === '-L' || first === '--table') {
      if (args[1] !== undefined) return listOne(ctx, args[1], flavor);
      ctx.stdout.write(listSignals(flavor));
      return 0;
    }
    if (first === '-s' || first === '--signal' || first === '-n') {
      const n = signalNumber(args[1] ?? '');
      if (n === undefined) {
        ctx.stderr.write(
          flavor === 'gnu'
            ? `kill: unknown signal name ${args[1] ?? ''}\n`
            : `kill: bad signal name '${args[1] ?? ''}'\n`,
        );
        return 1;
      }
      signal = n;
      i = 2;
    } else if (first?.startsWith('-') && first !== '--' && first.length > 1) {
      // -9, -KILL and -SIGKILL all name the signal.
      const n = signalNumber(first.slice(1));
      if (n === undefined) {
        ctx.stderr.write(
          flavor === 'gnu'
            ? `kill: unknown signal name ${first.slice(1)}\n`
            : `kill: bad signal name '${first.slice(1)}'\n`,
        );
        return 1;
      }
      signal = n;
      i = 1;
    }
    if (args[i] === '--') i++;
    const pids = args.slice(i);
    if (pids.length === 0) {
      if (flavor === 'gnu') ctx.stderr.write(PROCPS_USAGE);
      else ctx.stderr.write(`${BUSYBOX_BANNER}\n`);
      return 1;
    }
    let status = 0;
    for (const text of pids) {
      if (!/^-?\d+$/.test(text)) {
        ctx.stderr.write(
          flavor === 'gnu'
            ? `kill: failed to parse argument: '${text}'\n`
            : `kill: invalid number '${text}'\n`,
        );
        status = 1;
        continue;
      }
      const pid = Number(text);
      const result = ctx.system.kill(pid, signal, ctx.user);
      if (result === 'ok') continue;
      const reason = result === 'ESRCH' ? 'No such process' : 'Operation not permitted';
      ctx.stderr.write(
        flavor === 'gnu' ? `kill: (${pid}) - ${reason}\n` : `kill: can't kill pid ${pid}: ${reason}\n`,
      );
      status = 1;
    }
    return status;
  };
}
