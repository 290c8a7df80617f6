import { parseGoDuration, parseGoInt } from '../dockerfile/goparse.ts';
import { ramInBytes } from '../format/units.ts';

/** Flag definitions for one docker command, as the CLI (cobra/pflag) declares them. */
export interface FlagSpec {
  /** Long name without dashes, e.g. `name`. */
  name: string;
  short?: string;
  /** Takes a value (`--name web`); otherwise a boolean switch. */
  value?: boolean;
  /** May be repeated (`-e A -e B`). */
  repeat?: boolean;
  /** pflag's value type name in help (`string`, `list`, `bytes`, `decimal`, `int`). */
  type?: string;
  /** One-line description for `--help`; flags without one are hidden, as `--help` itself is. */
  usage?: string;
}

/** The Options block of a command's help, laid out as pflag does: usage text in one column. */
export function flagUsages(specs: FlagSpec[]): string {
  // pflag lists flags sorted by long name.
  const shown = specs.filter((s) => s.usage).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const left = shown.map((s) => {
    const type = s.value ? ` ${s.type ?? 'string'}` : '';
    return s.short ? `  -${s.short}, --${s.name}${type}` : `      --${s.name}${type}`;
  });
  const width = Math.max(0, ...left.map((l) => l.length));
  return shown
    .map((s, i) => `${left[i]} ${' '.repeat(width - (left[i] as string).length)} ${s.usage}\n`)
    .join('');
}

export interface ParsedFlags {
  values: Record<string, string[]>;
  positionals: string[];
}

/** A flag error worded as the docker CLI words it. */
export class FlagError extends Error {}

/**
 * Parses argv like pflag with interspersed flags off for commands that take a command after the
 * image (`run`, `exec`): parsing stops at the first positional when `stopAtPositional` is set.
 */
export function parseFlags(args: string[], specs: FlagSpec[], stopAtPositional: boolean): ParsedFlags {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const values: Record<string, string[]> = {};
  const positionals: string[] = [];
  const add = (spec: FlagSpec, value: string) => {
    const names = `${spec.short ? `-${spec.short}, ` : ''}--${spec.name}`;
    const invalid = (why: string) => new FlagError(`invalid argument "${value}" for "${names}" flag: ${why}`);
    if (spec.type === 'filter' && value.indexOf('=') < 1)
      throw invalid('bad format of filter (expected name=value)');
    // pflag parses typed values as it reads them, before the command runs.
    const typed =
      spec.type === 'duration' ? parseGoDuration(value) : spec.type === 'int' ? parseGoInt(value) : undefined;
    if (typed && !typed.ok) throw invalid(typed.error);
    if (spec.type === 'bytes' && ramInBytes(value) === undefined) throw invalid(`invalid size: '${value}'`);
    if (!values[spec.name]) values[spec.name] = [];
    (values[spec.name] as string[]).push(value);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const spec = byLong.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (spec.value) {
        if (eq !== -1) add(spec, arg.slice(eq + 1));
        else if (i + 1 < args.length) add(spec, args[++i] as string);
        else throw new FlagError(`flag needs an argument: --${name}`);
      } else {
        const v = eq === -1 ? 'true' : arg.slice(eq + 1);
        if (v !== 'true' && v !== 'false') {
          throw new FlagError(
            `invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`,
          );
        }
        add(spec, v);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j] as string;
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${arg}`);
        if (spec.value) {
          const rest = arg.slice(j + 1).replace(/^=/, '');
          if (rest) add(spec, rest);
          else if (i + 1 < args.length) add(spec, args[++i] as string);
          else throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
          break;
        }
        add(spec, 'true');
      }
      continue;
    }
    positionals.push(arg);
    if (stopAtPositional) {
      positionals.push(...args.slice(i + 1));
      break;
    }
  }
  return { values, positionals };
}

/** The last value of a flag, or undefined. */
export function flag(parsed: ParsedFlags, name: string): string | undefined {
  const list = parsed.values[name];
  return list ? list[list.length - 1] : undefined;
}

export function flagOn(parsed: ParsedFlags, name: string): boolean {
  return flag(parsed, name) === 'true';
}

export function flagAll(parsed: ParsedFlags, name: string): string[] {
  return parsed.values[name] ?? [];
}
