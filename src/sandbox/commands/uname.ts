import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { localeQuote } from './quote.ts';

/** `uname [-asnrvmpio]`. Ubuntu's GNU uname reports the processor and platform; BusyBox's -a skips them. */
export function uname(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      {
        flags: 'asnrvmpio',
        long: {
          all: 'a',
          'kernel-name': 's',
          nodename: 'n',
          'kernel-release': 'r',
          'kernel-version': 'v',
          machine: 'm',
          processor: 'p',
          'hardware-platform': 'i',
          'operating-system': 'o',
        },
      },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'uname', flavor, parsed.message);
    if (parsed.operands.length > 0) {
      return usageError(
        ctx,
        'uname',
        flavor,
        flavor === 'gnu' ? `extra operand ${localeQuote(ctx.env, parsed.operands[0] ?? '')}` : '',
      );
    }
    const { kernel, hostname } = ctx.system;
    const processor = flavor === 'gnu' ? kernel.machine : 'unknown';
    const fields: [string, string][] = [
      ['s', kernel.name],
      ['n', hostname],
      ['r', kernel.release],
      ['v', kernel.version],
      ['m', kernel.machine],
      ['p', processor],
      ['i', processor],
      ['o', flavor === 'gnu' ? 'GNU/Linux' : 'Linux'],
    ];
    const all = parsed.has('a');
    let wanted = fields.filter(
      ([flag]) => parsed.has(flag) || (all && (flavor === 'gnu' || (flag !== 'p' && flag !== 'i'))),
    );
    if (wanted.length === 0) wanted = fields.slice(0, 1);
    ctx.stdout.write(`${wanted.map(([, value]) => value).join(' ')}\n`);
    return 0;
  };
}
