import type { ProgramContext } from '../../shell/program.ts';
import type { DockerEngine } from '../engine.ts';
import { type FlagSpec, flagOn, type ParsedFlags } from './flags.ts';

/** What every docker subcommand gets: the program context and the daemon it talks to. */
export interface DockerCli {
  ctx: ProgramContext;
  engine: DockerEngine;
  out(text: string): void;
  err(text: string): void;
}

export interface DockerCommand {
  /** `run`, or `volume ls` for a management subcommand. */
  name: string;
  usage: string;
  summary: string;
  flags: FlagSpec[];
  /** Flags end at the first positional (the rest belong to the container's command). */
  stopAtPositional?: boolean;
  minArgs?: number;
  maxArgs?: number;
  aliases?: string[];
  /** Takes its arguments unparsed (a CLI plugin with its own flags, such as `compose`). */
  rawArgs?: boolean;
  run(cli: DockerCli, parsed: ParsedFlags): Promise<number>;
}

/** What the command table holds of a command without its code: enough for help, completion and parsing. */
export type DockerCommandSpec = Omit<DockerCommand, 'run'>;

/**
 * A command whose code loads the first time it runs (a chunk of its own in the lab's worker); its
 * spec stays in the command table, so `--help`, Tab completion and argument checks need no code.
 */
export function lazyCommand(
  spec: DockerCommandSpec,
  load: () => Promise<DockerCommand['run']>,
): DockerCommand {
  let loaded: Promise<DockerCommand['run']> | undefined;
  return {
    ...spec,
    run: async (cli, parsed) => {
      loaded ??= load();
      return (await loaded)(cli, parsed);
    },
  };
}

/** `Error response from daemon: …`, status 1, as most commands report daemon errors. */
export function daemonError(cli: DockerCli, message: string): number {
  cli.err(`Error response from daemon: ${message}\n`);
  return 1;
}

/**
 * `-it` needs the client's own input to be a terminal (streams.In.CheckTty): `run` and `exec` refuse
 * piped or redirected input before they ask the daemon to create anything, unless detached.
 * Prints the client's error and returns its status, or undefined when the input will do.
 */
export function refuseTtyWithoutTerminal(cli: DockerCli, parsed: ParsedFlags): number | undefined {
  if (!flagOn(parsed, 'interactive') || !flagOn(parsed, 'tty') || flagOn(parsed, 'detach')) return undefined;
  if (cli.ctx.stdin.isTTY) return undefined;
  cli.err('the input device is not a TTY\n');
  return 1;
}

/** The error style of `docker run`/`create` (CLI 28+): message, blank line, help pointer. */
export function runError(cli: DockerCli, command: string, message: string, code = 125): number {
  cli.err(`docker: ${message}\n\nRun 'docker ${command} --help' for more information\n`);
  return code;
}

/** A flag or value the client's parser refuses, in pflag's words and with the command's usage. */
export function flagError(cli: DockerCli, display: string, usage: string, message: string): number {
  cli.err(`${message}\n\nUsage:  ${usage}\n\nRun '${display} --help' for more information\n`);
  return 125;
}

/** Prints items with a `--format` template, as docker's formatter does; returns the exit status. */
export async function printFormatted(
  cli: DockerCli,
  format: string,
  items: readonly unknown[],
  headers: Record<string, string>,
): Promise<number> {
  // The template engine loads on first use: most sessions never format with one.
  const { formatRows } = await import('../format/template.ts');
  const result = formatRows(format, items, headers);
  if (!result.ok) {
    cli.err(`${result.error}\n`);
    return 1;
  }
  cli.out(result.text);
  return 0;
}

export const HELP_FLAG: FlagSpec = { name: 'help' };

/**
 * The client's prune prompt: `WARNING! This will remove …` and `[y/N]`; true when the line read
 * says yes. `-f` skips it (the caller does not ask).
 */
export function confirmPrune(cli: DockerCli, what: string): boolean {
  return confirm(cli, `WARNING! This will remove ${what}.`);
}

/** Prints a warning and `Are you sure you want to continue? [y/N] `; true when the line read says yes. */
export function confirm(cli: DockerCli, warning: string): boolean {
  cli.out(`${warning}\nAre you sure you want to continue? [y/N] `);
  const answer = cli.ctx.stdin.read().split('\n')[0]?.trim().toLowerCase() ?? '';
  return answer === 'y' || answer === 'yes';
}
