import type { ProgramContext } from '../shell/program.ts';
import type { Flavor } from './flavor.ts';

/** What options a command accepts, in getopt terms. */
export interface OptionSpec {
  /** Short options without a value, e.g. `'lahd1R'`. */
  flags?: string;
  /** Short options that take a value, e.g. `'n'` for `-n 5` / `-n5`. */
  values?: string;
  /**
   * Long option name → the key it sets (a short letter or the long name). A name ending in `=` takes a
   * value (`--x=v` or the next argument), as does a key listed in `values`; one ending in `?` takes an
   * optional `=value` only (like `--color[=WHEN]`).
   */
  long?: Record<string, string>;
  /** Stop parsing at the first operand (POSIX order), as BusyBox does and as `env`/`sh` need. */
  stopAtOperand?: boolean;
}

/** The outcome of parsing: options in order given, and operands. */
export interface ParsedArgs {
  options: [string, string][];
  operands: string[];
  has(key: string): boolean;
  /** The last value given for `key`. */
  get(key: string): string | undefined;
}

export type ParseResult = ({ ok: true } & ParsedArgs) | { ok: false; message: string };

function parsed(options: [string, string][], operands: string[]): { ok: true } & ParsedArgs {
  return {
    ok: true,
    options,
    operands,
    has: (key) => options.some(([k]) => k === key),
    get: (key) => options.findLast(([k]) => k === key)?.[1],
  };
}

/**
 * Parses argv (without argv[0]) like getopt_long: bundled short flags (`-lah`), attached or separate
 * values, `--` ends options, and a lone `-` is an operand. GNU tools permute, so options may follow
 * operands unless `stopAtOperand`. Messages are GNU getopt's or musl's (BusyBox on Alpine).
 */
export function parseArgs(args: readonly string[], spec: OptionSpec, flavor: Flavor = 'gnu'): ParseResult {
  const flags = spec.flags ?? '';
  const values = spec.values ?? '';
  const options: [string, string][] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && spec.long) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      const optional = spec.long[`${name}?`];
      if (optional !== undefined) {
        options.push([optional, eq === -1 ? '' : arg.slice(eq + 1)]);
        continue;
      }
      const key = spec.long[name] ?? spec.long[`${name}=`];
      if (key === undefined) {
        return {
          ok: false,
          message: flavor === 'gnu' ? `unrecognized option '${arg}'` : `unrecognized option: ${arg}`,
        };
      }
      const wantsValue = values.includes(key) || `${name}=` in spec.long;
      if (!wantsValue) {
        if (eq !== -1) return { ok: false, message: `option '--${name}' doesn't allow an argument` };
        options.push([key, '']);
      } else if (eq !== -1) options.push([key, arg.slice(eq + 1)]);
      else if (i + 1 < args.length) options.push([key, args[++i] as string]);
      else return { ok: false, message: `option '--${name}' requires an argument` };
      continue;
    }
    if (!arg.startsWith('-') || arg === '-' || arg.startsWith('--')) {
      if (spec.stopAtOperand) {
        operands.push(...args.slice(i));
        break;
      }
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j] as string;
      if (values.includes(c)) {
        const rest = arg.slice(j + 1);
        if (rest) options.push([c, rest]);
        else if (i + 1 < args.length) options.push([c, args[++i] as string]);
        else {
          return {
            ok: false,
            message:
              flavor === 'gnu'
                ? `option requires an argument -- '${c}'`
                : `option requires an argument: ${c}`,
          };
        }
        break;
      }
      if (!flags.includes(c)) {
        return {
          ok: false,
          message: flavor === 'gnu' ? `invalid option -- '${c}'` : `unrecognized option: ${c}`,
        };
      }
      options.push([c, '']);
    }
  }
  return parsed(options, operands);
}

/** BusyBox's first usage line, as `bb_show_usage` prints it on Alpine. */
export const BUSYBOX_BANNER = 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.';

/**
 * Reports a bad invocation: GNU's two lines (`tool: msg` + `Try 'tool --help' ...`), or BusyBox's
 * message followed by its banner. Returns the exit status to use.
 */
export function usageError(
  ctx: ProgramContext,
  tool: string,
  flavor: Flavor,
  message: string,
  status = 1,
): number {
  if (flavor === 'gnu') {
    ctx.stderr.write(`${tool}: ${message}\nTry '${tool} --help' for more information.\n`);
    return status;
  }
  if (message) ctx.stderr.write(`${tool}: ${message}\n`);
  ctx.stderr.write(`${BUSYBOX_BANNER}\n`);
  return 1;
}
