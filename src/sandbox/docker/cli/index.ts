import type { Program } from '../../shell/program.ts';
import type { DockerEngine } from '../engine.ts';
import {
  containerPrune,
  exec,
  kill,
  logs,
  port,
  ps,
  rename,
  restart,
  rm,
  start,
  stop,
  wait,
} from './containers.ts';
import { type DockerCli, type DockerCommand, flagError, lazyCommand } from './context.ts';
import { FlagError, flagOn, flagUsages, parseFlags } from './flags.ts';
import * as imageCommands from './images.ts';
import { create, run } from './run.ts';
import { exportCommandSpec, importCommandSpec, loadSpec, saveSpec } from './specs/archive.ts';
import {
  buildCommandSpec,
  LEGACY_BUILDER_NOTICE,
  legacyBuildCommandSpec,
  wantsLegacyBuilder,
} from './specs/build.ts';
import { BUILDX_HELP, buildxLsSpec, buildxVersionSpec, imagetoolsInspectSpec } from './specs/buildx.ts';
import { commitSpec, cpSpec, diffSpec } from './specs/changes.ts';
import { eventsSpec } from './specs/events.ts';
import { loginSpec, logoutSpec, searchSpec } from './specs/hub.ts';
import { historySpec, imagePruneSpec, imagesSpec, pullSpec, rmiSpec, tagSpec } from './specs/images.ts';
import { inspectSpec } from './specs/inspect.ts';
import {
  networkConnectSpec,
  networkCreateSpec,
  networkDisconnectSpec,
  networkInspectSpec,
  networkLsSpec,
  networkPruneSpec,
  networkRmSpec,
} from './specs/network.ts';
import { buildxPruneSpec, legacyBuilderPruneSpec, systemPruneSpec } from './specs/prune.ts';
import { pushSpec } from './specs/push.ts';
import { pauseSpec, statsSpec, topSpec, unpauseSpec } from './specs/stats.ts';
import { DOCKER_VERSION, infoSpec, systemDfSpec, versionSpec } from './specs/system.ts';
import {
  volumeCreateSpec,
  volumeInspectSpec,
  volumeLsSpec,
  volumePruneSpec,
  volumeRmSpec,
} from './specs/volume.ts';

// The commands a first session rarely types load on first use; `run`, `exec`, `ps`, the other
// container commands and the image commands are always there. The specs (names, usage, flags) of
// all stay here for help, completion and argument checks.
const archive = () => import('./archive.ts');
const save = lazyCommand(saveSpec, async () => (await archive()).save);
const load = lazyCommand(loadSpec, async () => (await archive()).load);
const exportCommand = lazyCommand(exportCommandSpec, async () => (await archive()).exportCommand);
const importCommand = lazyCommand(importCommandSpec, async () => (await archive()).importCommand);
const builds = () => import('./build.ts');
const buildCommand = lazyCommand(buildCommandSpec, async () => (await builds()).buildCommand);
const legacyBuildCommand = lazyCommand(
  legacyBuildCommandSpec,
  async () => (await builds()).legacyBuildCommand,
);
const changes = () => import('./changes.ts');
const diff = lazyCommand(diffSpec, async () => (await changes()).diff);
const commit = lazyCommand(commitSpec, async () => (await changes()).commit);
const cp = lazyCommand(cpSpec, async () => (await changes()).cp);
const events = lazyCommand(eventsSpec, async () => (await import('./events.ts')).events);
const hub = () => import('./hub.ts');
const search = lazyCommand(searchSpec, async () => (await hub()).search);
const login = lazyCommand(loginSpec, async () => (await hub()).login);
const logout = lazyCommand(logoutSpec, async () => (await hub()).logout);
// `pull` and `images` are among a lab's first commands: the image commands are always there.
const pull: DockerCommand = { ...pullSpec, run: imageCommands.pull };
const images: DockerCommand = { ...imagesSpec, run: imageCommands.images };
const tag: DockerCommand = { ...tagSpec, run: imageCommands.tag };
const rmi: DockerCommand = { ...rmiSpec, run: imageCommands.rmi };
const history: DockerCommand = { ...historySpec, run: imageCommands.history };
const imagePrune: DockerCommand = { ...imagePruneSpec, run: imageCommands.imagePrune };
const inspect = lazyCommand(inspectSpec, async () => (await import('./inspect.ts')).inspect);
const network = () => import('./network.ts');
const networkCreate = lazyCommand(networkCreateSpec, async () => (await network()).networkCreate);
const networkLs = lazyCommand(networkLsSpec, async () => (await network()).networkLs);
const networkRm = lazyCommand(networkRmSpec, async () => (await network()).networkRm);
const networkConnect = lazyCommand(networkConnectSpec, async () => (await network()).networkConnect);
const networkDisconnect = lazyCommand(networkDisconnectSpec, async () => (await network()).networkDisconnect);
const networkPrune = lazyCommand(networkPruneSpec, async () => (await network()).networkPrune);
const networkInspect = lazyCommand(networkInspectSpec, async () => (await network()).networkInspect);
const prune = () => import('./prune.ts');
const systemPrune = lazyCommand(systemPruneSpec, async () => (await prune()).systemPrune);
const buildxPrune = lazyCommand(buildxPruneSpec, async () => (await prune()).buildxPrune);
const legacyBuilderPrune = lazyCommand(
  legacyBuilderPruneSpec,
  async () => (await prune()).legacyBuilderPrune,
);
const push = lazyCommand(pushSpec, async () => (await import('./push.ts')).push);
const buildx = () => import('./buildx.ts');
const buildxVersion = lazyCommand(buildxVersionSpec, async () => (await buildx()).buildxVersion);
const buildxLs = lazyCommand(buildxLsSpec, async () => (await buildx()).buildxLs);
const imagetoolsInspect = lazyCommand(imagetoolsInspectSpec, async () => (await buildx()).imagetoolsInspect);
const stats = () => import('./stats.ts');
const top = lazyCommand(topSpec, async () => (await stats()).top);
const statsCommand = lazyCommand(statsSpec, async () => (await stats()).stats);
const pause = lazyCommand(pauseSpec, async () => (await stats()).pause);
const unpause = lazyCommand(unpauseSpec, async () => (await stats()).unpause);
const system = () => import('./system.ts');
const version = lazyCommand(versionSpec, async () => (await system()).version);
const info = lazyCommand(infoSpec, async () => (await system()).info);
const systemDf = lazyCommand(systemDfSpec, async () => (await system()).systemDf);
const volume = () => import('./volume.ts');
const volumeCreate = lazyCommand(volumeCreateSpec, async () => (await volume()).volumeCreate);
const volumeLs = lazyCommand(volumeLsSpec, async () => (await volume()).volumeLs);
const volumeRm = lazyCommand(volumeRmSpec, async () => (await volume()).volumeRm);
const volumeInspect = lazyCommand(volumeInspectSpec, async () => (await volume()).volumeInspect);
const volumePrune = lazyCommand(volumePruneSpec, async () => (await volume()).volumePrune);

/** `docker compose`, a CLI plugin loaded on first use: most labs never need it. */
const compose: DockerCommand = {
  name: 'compose',
  usage: 'docker compose [OPTIONS] COMMAND',
  summary: 'Docker Compose',
  flags: [],
  rawArgs: true,
  run: async (cli, parsed) => (await import('../compose/cli.ts')).compose.run(cli, parsed),
};

const COMMANDS: DockerCommand[] = [
  run,
  create,
  exec,
  ps,
  start,
  stop,
  restart,
  kill,
  rm,
  rename,
  wait,
  port,
  containerPrune,
  logs,
  inspect,
  pull,
  images,
  tag,
  rmi,
  imagePrune,
  version,
  info,
  volumeCreate,
  volumeLs,
  volumeRm,
  volumeInspect,
  volumePrune,
  networkCreate,
  networkLs,
  networkRm,
  networkConnect,
  networkDisconnect,
  networkPrune,
  networkInspect,
  top,
  statsCommand,
  pause,
  unpause,
  diff,
  commit,
  cp,
  search,
  login,
  logout,
  systemDf,
  events,
  systemPrune,
  buildxPrune,
  buildxVersion,
  buildxLs,
  imagetoolsInspect,
  save,
  load,
  exportCommand,
  importCommand,
  buildCommand,
  history,
  push,
  compose,
];

/** Virtual time one CLI-to-daemon request takes. */
const API_LATENCY_MS = 25;

const MANAGEMENT: Record<string, string> = {
  builder: 'Manage builds',
  container: 'Manage containers',
  image: 'Manage images',
  network: 'Manage networks',
  system: 'Manage Docker',
  volume: 'Manage volumes',
};

/** buildx's commands, and the client's own that DOCKER_BUILDKIT=0 runs in their place. */
const LEGACY_COMMANDS = new Map<DockerCommand, DockerCommand>([
  [buildCommand, legacyBuildCommand],
  [buildxPrune, legacyBuilderPrune],
]);

/** Finds the command a docker argv names (`run`, `container ls`, `volume create`). */
function lookup(args: string[]): { command: DockerCommand; rest: string[] } | undefined {
  const three = args.slice(0, 3).join(' ');
  for (const command of COMMANDS) if (command.name === three) return { command, rest: args.slice(3) };
  const two = `${args[0]} ${args[1]}`;
  for (const command of COMMANDS) {
    if (command.name === two || command.aliases?.includes(two)) return { command, rest: args.slice(2) };
  }
  for (const command of COMMANDS) {
    if (command.name === args[0] || command.aliases?.includes(args[0] as string))
      return { command, rest: args.slice(1) };
  }
  return undefined;
}

/** A docker command line as the CLI reads it: the command's canonical name, its flags by long name, operands. */
export interface DockerArgv {
  command: string;
  flags: Record<string, string[]>;
  positionals: string[];
}

/**
 * Parses the arguments after `docker` as the CLI would, without running anything, so two spellings
 * of one command (aliases, short or long flags, any flag order) compare equal. Returns the CLI's error.
 */
export function parseDockerArgv(
  args: string[],
): { ok: true; argv: DockerArgv } | { ok: false; error: string } {
  const found = lookup(args);
  if (!found) return { ok: false, error: `docker: '${args[0] ?? ''}' is not a docker command.` };
  try {
    const parsed = parseFlags(found.rest, found.command.flags, found.command.stopAtPositional ?? false);
    return {
      ok: true,
      argv: { command: found.command.name, flags: parsed.values, positionals: parsed.positionals },
    };
  } catch (error) {
    if (error instanceof FlagError) return { ok: false, error: error.message };
    throw error;
  }
}

function commandHelp(command: DockerCommand): string {
  const lines = [`Usage:  ${command.usage}`, '', command.summary, ''];
  if (command.aliases?.length)
    lines.push('Aliases:', `  docker ${[...command.aliases, command.name].join(', docker ')}`, '');
  const options = flagUsages(command.flags);
  return `${lines.join('\n')}\n${options ? `Options:\n${options}` : ''}`;
}

/** `docker volume` alone: the management command's subcommands. */
function managementHelp(group: string): string {
  const subcommands = new Map<string, string>();
  for (const c of COMMANDS) {
    for (const name of [c.name, ...(c.aliases ?? [])]) {
      const [head, sub] = name.split(' ');
      if (head === group && sub && ![...subcommands.values()].includes(c.summary))
        subcommands.set(sub, c.summary);
    }
  }
  const rows = [...subcommands.entries()].sort(([a], [b]) => a.localeCompare(b));
  // cobra pads command names to at least 11 columns.
  const width = Math.max(11, ...rows.map(([n]) => n.length));
  return [
    `Usage:  docker ${group} COMMAND`,
    '',
    MANAGEMENT[group],
    '',
    'Commands:',
    ...rows.map(([n, summary]) => `  ${n.padEnd(width)} ${summary}`),
    '',
    `Run 'docker ${group} COMMAND --help' for more information on a command.`,
    '',
  ].join('\n');
}

function mainHelp(): string {
  const common = [
    'run',
    'exec',
    'ps',
    'build',
    'pull',
    'push',
    'images',
    'login',
    'logout',
    'search',
    'version',
    'info',
  ];
  const summary = (name: string) => COMMANDS.find((c) => c.name === name)?.summary ?? '';
  return [
    'Usage:  docker [OPTIONS] COMMAND',
    '',
    'A self-sufficient runtime for containers',
    '',
    'Common Commands:',
    ...common.filter((n) => COMMANDS.some((c) => c.name === n)).map((n) => `  ${n.padEnd(11)} ${summary(n)}`),
    '',
    'Management Commands:',
    ...Object.entries(MANAGEMENT).map(([n, s]) => `  ${n.padEnd(11)} ${s}`),
    '',
    'Commands:',
    ...COMMANDS.filter((c) => !common.includes(c.name) && !c.name.includes(' ')).map(
      (c) => `  ${c.name.padEnd(11)} ${c.summary}`,
    ),
    '',
    "Run 'docker COMMAND --help' for more information on a command.",
    '',
  ].join('\n');
}

/** The `docker` client program, talking to the given daemon. */
export function dockerProgram(engine: DockerEngine): Program {
  return async (ctx) => {
    const cli: DockerCli = {
      ctx,
      engine,
      out: (text) => ctx.stdout.write(text),
      err: (text) => ctx.stderr.write(text),
    };
    const args = ctx.argv.slice(1);
    if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
      cli.out(mainHelp());
      return 0;
    }
    if (args[0] === '--version' || args[0] === '-v') {
      cli.out(`Docker version ${DOCKER_VERSION}, build ecc6942\n`);
      return 0;
    }
    const found = lookup(args);
    // The buildx plugin's root: its help, and for a command it lacks the help then its error.
    const sub = args[1];
    if (!found && args[0] === 'buildx' && !(sub?.startsWith('-') && sub !== '--help' && sub !== '-h')) {
      cli.out(BUILDX_HELP);
      if (sub === undefined || sub === '--help' || sub === '-h') return 0;
      cli.err(`ERROR: unknown command: "${sub}"\n`);
      return 1;
    }
    if (!found && args[0] && MANAGEMENT[args[0]] && (args.length === 1 || args[1] === '--help')) {
      cli.out(managementHelp(args[0]));
      return 0;
    }
    if (!found) {
      // A global flag the client does not know fails before any command is looked up.
      const first = args[0] ?? '';
      if (first.startsWith('-')) {
        const message = first.startsWith('--')
          ? `unknown flag: ${first.split('=')[0]}`
          : `unknown shorthand flag: '${first[1]}' in ${first}`;
        cli.err(
          `${message}\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n`,
        );
        return 125;
      }
      if (args[0] && MANAGEMENT[args[0]]) {
        cli.err(
          `docker: unknown command: docker ${args.slice(0, 2).join(' ')}\n\nUsage:  docker ${args[0]} COMMAND\n\nRun 'docker ${args[0]} --help' for more information\n`,
        );
        return 1;
      }
      cli.err(`docker: unknown command: docker ${args[0]}\n\nRun 'docker --help' for more information\n`);
      return 1;
    }
    let { command, rest } = found;
    // The client forwards `build` and `builder` to buildx; with DOCKER_BUILDKIT=0 it runs its own
    // commands instead (the legacy builder), and says so first.
    const own = LEGACY_COMMANDS.get(command);
    if (own && args[0] !== 'buildx' && wantsLegacyBuilder(ctx.env)) {
      cli.err(LEGACY_BUILDER_NOTICE);
      command = own;
    }
    if (command.rawArgs) return command.run(cli, { values: {}, positionals: rest });
    // buildx's commands report as the plugin: under their own path (`docker build` runs `docker
    // buildx build`), and an argument count error as any error it returns, after `ERROR: `
    // (cmd/buildx/main.go in https://github.com/docker/buildx/blob/v0.29.1/).
    const plugin = command.usage.startsWith('docker buildx ');
    const display = plugin ? commandPath(command.usage) : `docker ${command.name}`;
    const argumentError = plugin ? 'ERROR: docker:' : 'docker:';
    let parsed: ReturnType<typeof parseFlags>;
    try {
      parsed = parseFlags(rest, command.flags, command.stopAtPositional ?? false);
    } catch (error) {
      if (!(error instanceof FlagError)) throw error;
      return flagError(cli, display, command.usage, error.message);
    }
    if (flagOn(parsed, 'help')) {
      cli.out(commandHelp(command));
      return 0;
    }
    const count = parsed.positionals.length;
    if (command.minArgs !== undefined && count < command.minArgs) {
      const what = command.minArgs === 1 ? '1 argument' : `${command.minArgs} arguments`;
      const exactly = command.maxArgs === command.minArgs;
      // cli/required.go in the 28 client: ExactArgs says "requires N … Run", RequiresMinArgs "at least … See".
      cli.err(
        `${argumentError} '${display}' requires ${exactly ? '' : 'at least '}${what}\n\nUsage:  ${command.usage}\n\n${exactly ? 'Run' : 'See'} '${display} --help' for more information\n`,
      );
      return 1;
    }
    if (command.maxArgs !== undefined && count > command.maxArgs) {
      const what =
        command.maxArgs === 0
          ? 'no arguments'
          : command.maxArgs === 1
            ? '1 argument'
            : `${command.maxArgs} arguments`;
      const exactly = command.minArgs === command.maxArgs && command.maxArgs !== 0;
      cli.err(
        `${argumentError} '${display}' ${exactly ? 'requires' : command.maxArgs === 0 ? 'accepts' : 'accepts at most'} ${what}\n\nUsage:  ${command.usage}\n\nRun '${display} --help' for more information\n`,
      );
      return 1;
    }
    // One API round trip to the daemon.
    await ctx.sleep(API_LATENCY_MS);
    return command.run(cli, parsed);
  };
}

/** The words of a usage line that name the command (`docker buildx build`), before its operands. */
function commandPath(usage: string): string {
  const words = usage.split(' ');
  const operand = words.findIndex((w) => /^[[A-Z|-]/.test(w));
  return words.slice(0, operand === -1 ? undefined : operand).join(' ');
}

/** Top-level docker subcommands and management commands, for Tab completion. */
export function dockerCommandNames(): string[] {
  return [
    ...new Set([...COMMANDS.map((c) => c.name.split(' ')[0] as string), ...Object.keys(MANAGEMENT)]),
  ].sort();
}

/**
 * A management command's subcommands (`volume` → `create`, `inspect`, `ls`, …) as cobra offers them:
 * each command once, by the first name it has in that group, never by its aliases.
 */
export function dockerSubcommandNames(group: string): string[] {
  if (!MANAGEMENT[group]) return [];
  const names = COMMANDS.flatMap((c) => {
    const first = [c.name, ...(c.aliases ?? [])]
      .map((name) => name.split(' '))
      .find(([head]) => head === group);
    return first?.[1] ? [first[1]] : [];
  });
  return [...new Set(names)].sort();
}
