import type { Program, ProgramContext } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { localeQuote } from './quote.ts';
import { userNamed } from './users.ts';

/** `hostname [-s]` prints the machine's name (setting it is not allowed in the sandbox). */
export function hostname(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      { flags: 'sfdiIAa', long: { short: 's', fqdn: 'f' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'hostname', flavor, parsed.message);
    if (parsed.operands.length > 0) {
      ctx.stderr.write(
        flavor === 'gnu'
          ? 'hostname: you must be root to change the host name\n'
          : 'hostname: sethostname: Operation not permitted\n',
      );
      return 1;
    }
    const name = ctx.system.hostname;
    ctx.stdout.write(`${parsed.has('s') ? (name.split('.')[0] ?? name) : name}\n`);
    return 0;
  };
}

/** `whoami` */
export function whoami(flavor: Flavor): Program {
  return async (ctx) => {
    if (ctx.argv.length > 1)
      return usageError(
        ctx,
        'whoami',
        flavor,
        flavor === 'gnu' ? `extra operand ${localeQuote(ctx.env, ctx.argv[1] ?? '')}` : '',
      );
    ctx.stdout.write(`${ctx.user.name}\n`);
    return 0;
  };
}

interface Identity {
  uid: number;
  gid: number;
  name: string;
  groupList: { gid: number; name: string }[];
}

/** The identity `id` reports: the current user, or a user looked up in /etc/passwd and /etc/group. */
function identityOf(ctx: ProgramContext, who: string | undefined): Identity | undefined {
  if (who === undefined) {
    const primary = ctx.user.groups.find((g) => g.gid === ctx.user.gid) ?? {
      gid: ctx.user.gid,
      name: String(ctx.user.gid),
    };
    const rest = ctx.user.groups.filter((g) => g.gid !== ctx.user.gid);
    return { uid: ctx.user.uid, gid: ctx.user.gid, name: ctx.user.name, groupList: [primary, ...rest] };
  }
  const user = userNamed(ctx, who);
  return user && { uid: user.uid, gid: user.gid, name: user.name, groupList: user.groups };
}

/** `id [-u|-g|-G] [-n] [USER]` */
export function id(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      { flags: 'ugGnr', long: { user: 'u', group: 'g', groups: 'G', name: 'n', real: 'r' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'id', flavor, parsed.message);
    const who = parsed.operands[0];
    const me = identityOf(ctx, who);
    if (!me) {
      ctx.stderr.write(
        flavor === 'gnu'
          ? `id: ${localeQuote(ctx.env, who ?? '')}: no such user\n`
          : `id: unknown user ${who}\n`,
      );
      return 1;
    }
    const primaryName = me.groupList[0]?.name ?? String(me.gid);
    const byName = parsed.has('n');
    if (parsed.has('u')) ctx.stdout.write(`${byName ? me.name : me.uid}\n`);
    else if (parsed.has('g')) ctx.stdout.write(`${byName ? primaryName : me.gid}\n`);
    else if (parsed.has('G'))
      ctx.stdout.write(`${me.groupList.map((g) => (byName ? g.name : g.gid)).join(' ')}\n`);
    else {
      // An ID with no passwd or group entry prints as a bare number.
      const named = (n: number, name: string) => (name === String(n) ? String(n) : `${n}(${name})`);
      const list = me.groupList.map((g) => named(g.gid, g.name)).join(',');
      ctx.stdout.write(`uid=${named(me.uid, me.name)} gid=${named(me.gid, primaryName)} groups=${list}\n`);
    }
    return 0;
  };
}
