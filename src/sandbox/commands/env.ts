import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { shellQuote } from './format.ts';
import { localeQuote } from './quote.ts';
import { lookPath } from './which.ts';

/**
 * `env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...]`: prints the environment in its own order,
 * or runs COMMAND (through a child shell) with the changed environment.
 */
export function env(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1).map((a) => (a === '-' ? '-i' : a)),
      {
        flags: 'i0',
        values: 'u',
        long: { 'ignore-environment': 'i', 'unset=': 'u', null: '0' },
        stopAtOperand: true,
      },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'env', flavor, parsed.message, 125);
    const vars: Record<string, string> = parsed.has('i') ? {} : { ...ctx.env };
    for (const [k, v] of parsed.options) if (k === 'u') delete vars[v];
    const rest = [...parsed.operands];
    while (rest.length > 0 && /^[^=]+=/.test(rest[0] as string)) {
      const assignment = rest.shift() as string;
      const eq = assignment.indexOf('=');
      vars[assignment.slice(0, eq)] = assignment.slice(eq + 1);
    }
    if (rest.length === 0) {
      const end = parsed.has('0') ? '\0' : '\n';
      for (const [name, value] of Object.entries(vars)) ctx.stdout.write(`${name}=${value}${end}`);
      return 0;
    }
    const command = rest[0] as string;
    if (lookPath(ctx, command, vars.PATH ?? '').length === 0) {
      ctx.stderr.write(
        flavor === 'gnu'
          ? `env: ${localeQuote(ctx.env, command)}: No such file or directory\n`
          : `env: can't execute '${command}': No such file or directory\n`,
      );
      return 127;
    }
    // The child shell starts from our environment; unset what env removed, export what it set.
    const prologue = [
      ...Object.keys(ctx.env)
        .filter((name) => !(name in vars))
        .map((name) => `unset ${name}`),
      ...Object.entries(vars).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
    ];
    return ctx.shell([...prologue, rest.map(shellQuote).join(' ')].join('\n'));
  };
}

/** `printenv [NAME]...`: exit 1 when any NAME is unset. */
export function printenv(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(ctx.argv.slice(1), { flags: '0', long: { null: '0' } }, flavor);
    if (!parsed.ok) return usageError(ctx, 'printenv', flavor, parsed.message, 2);
    const end = parsed.has('0') ? '\0' : '\n';
    if (parsed.operands.length === 0) {
      for (const [name, value] of Object.entries(ctx.env)) ctx.stdout.write(`${name}=${value}${end}`);
      return 0;
    }
    let status = 0;
    for (const name of parsed.operands) {
      const value = ctx.env[name];
      if (value === undefined) status = 1;
      else ctx.stdout.write(`${value}${end}`);
    }
    return status;
  };
}
