import type { DockerCli, DockerCommand } from '../cli/context.ts';
import {
  FlagError,
  type FlagSpec,
  flag,
  flagAll,
  flagOn,
  flagUsages,
  type ParsedFlags,
  parseFlags,
} from '../cli/flags.ts';
import type { ComposeCall } from './commands.ts';
import * as commands from './commands.ts';
import { ComposeError } from './errors.ts';
import { type LoadOptions, loadProject } from './load.ts';
import { logWarning } from './logrus.ts';
import type { Project } from './model/project.ts';
import { configYaml } from './serialize.ts';

/** The Compose release bundled with Docker Engine 28.5.2 (docker-compose-plugin, October 2025). */
export const COMPOSE_VERSION = 'v2.40.3';

const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'all-resources', usage: 'Include all resources, even those not used by services' },
  {
    name: 'ansi',
    value: true,
    usage: 'Control when to print ANSI control characters ("never"|"always"|"auto") (default "auto")',
  },
  { name: 'compatibility', usage: 'Run compose in backward compatibility mode' },
  { name: 'dry-run', usage: 'Execute command in dry run mode' },
  {
    name: 'env-file',
    value: true,
    repeat: true,
    type: 'stringArray',
    usage: 'Specify an alternate environment file',
  },
  {
    name: 'file',
    short: 'f',
    value: true,
    repeat: true,
    type: 'stringArray',
    usage: 'Compose configuration files',
  },
  {
    name: 'parallel',
    value: true,
    type: 'int',
    usage: 'Control max parallelism, -1 for unlimited (default -1)',
  },
  { name: 'profile', value: true, repeat: true, type: 'stringArray', usage: 'Specify a profile to enable' },
  { name: 'progress', value: true, usage: 'Set type of progress output (auto, tty, plain, json, quiet)' },
  {
    name: 'project-directory',
    value: true,
    usage:
      'Specify an alternate working directory\n                                   (default: the path of the, first specified, Compose file)',
  },
  { name: 'project-name', short: 'p', value: true, usage: 'Project name' },
  { name: 'version', short: 'v' },
  { name: 'verbose' },
  { name: 'no-ansi' },
  { name: 'workdir', value: true },
  { name: 'help', short: 'h' },
];

interface Subcommand {
  name: string;
  use: string;
  short: string;
  flags: FlagSpec[];
  run?(cli: DockerCli, global: ParsedFlags, parsed: ParsedFlags): Promise<number> | number;
  /** Flags stop at the first operand (`exec`, `run`: the rest is the container's command). */
  stopAtPositional?: boolean;
}

const HELP: FlagSpec = { name: 'help', short: 'h' };
const TIMEOUT: FlagSpec = {
  name: 'timeout',
  short: 't',
  value: true,
  type: 'int',
  usage: 'Specify a shutdown timeout in seconds',
};

/** Subcommands that drive the container runtime (their bodies are in commands.ts). */
const RUNTIME: Subcommand[] = [
  {
    name: 'up',
    use: 'up [OPTIONS] [SERVICE...]',
    short: 'Create and start containers',
    flags: [
      {
        name: 'abort-on-container-exit',
        usage: 'Stops all containers if any container was stopped. Incompatible with -d',
      },
      {
        name: 'always-recreate-deps',
        usage: 'Recreate dependent containers. Incompatible with --no-recreate.',
      },
      {
        name: 'attach',
        value: true,
        repeat: true,
        type: 'stringArray',
        usage: 'Restrict attaching to the specified services. Incompatible with --attach-dependencies.',
      },
      { name: 'build', usage: 'Build images before starting containers' },
      { name: 'detach', short: 'd', usage: 'Detached mode: Run containers in the background' },
      {
        name: 'exit-code-from',
        value: true,
        usage: 'Return the exit code of the selected service container. Implies --abort-on-container-exit',
      },
      {
        name: 'force-recreate',
        usage: "Recreate containers even if their configuration and image haven't changed",
      },
      { name: 'no-build', usage: "Don't build an image, even if it's policy" },
      { name: 'no-color', usage: 'Produce monochrome output' },
      { name: 'no-deps', usage: "Don't start linked services" },
      { name: 'no-log-prefix', usage: "Don't print prefix in logs" },
      {
        name: 'no-recreate',
        usage: "If containers already exist, don't recreate them. Incompatible with --force-recreate.",
      },
      { name: 'no-start', usage: "Don't start the services after creating them" },
      {
        name: 'pull',
        value: true,
        usage: 'Pull image before running ("always"|"missing"|"never") (default "policy")',
      },
      { name: 'quiet-pull', usage: 'Pull without printing progress information' },
      { name: 'remove-orphans', usage: 'Remove containers for services not defined in the Compose file' },
      {
        name: 'renew-anon-volumes',
        short: 'V',
        usage: 'Recreate anonymous volumes instead of retrieving data from the previous containers',
      },
      {
        name: 'scale',
        value: true,
        repeat: true,
        type: 'scale',
        usage:
          'Scale SERVICE to NUM instances. Overrides the `scale` setting in the Compose file if present.',
      },
      { name: 'timestamps', usage: 'Show timestamps' },
      TIMEOUT,
      { name: 'wait', usage: 'Wait for services to be running|healthy. Implies detached mode.' },
      {
        name: 'wait-timeout',
        value: true,
        type: 'int',
        usage: 'Maximum duration in seconds to wait for the project to be running|healthy',
      },
      {
        name: 'watch',
        short: 'w',
        usage: 'Watch source code and rebuild/refresh containers when files are updated.',
      },
      { name: 'yes', short: 'y', usage: 'Assume "yes" as answer to all prompts and run non-interactively' },
      HELP,
    ],
  },
  {
    name: 'down',
    use: 'down [OPTIONS] [SERVICES]',
    short: 'Stop and remove containers, networks',
    flags: [
      { name: 'remove-orphans', usage: 'Remove containers for services not defined in the Compose file' },
      {
        name: 'rmi',
        value: true,
        usage:
          'Remove images used by services. "local" remove only images that don\'t have a custom tag ("local"|"all")',
      },
      TIMEOUT,
      {
        name: 'volumes',
        short: 'v',
        usage:
          'Remove named volumes declared in the "volumes" section of the Compose file and anonymous volumes attached to containers',
      },
      HELP,
    ],
  },
  {
    name: 'ps',
    use: 'ps [OPTIONS] [SERVICE...]',
    short: 'List containers',
    flags: [
      {
        name: 'all',
        short: 'a',
        usage: 'Show all stopped containers (including those created by the run command)',
      },
      { name: 'filter', value: true, usage: 'Filter services by a property (supported filters: status)' },
      { name: 'format', value: true, usage: 'Format output using a custom template' },
      { name: 'no-trunc', usage: "Don't truncate output" },
      { name: 'orphans', usage: 'Include orphaned services (not declared by project) (default true)' },
      { name: 'quiet', short: 'q', usage: 'Only display IDs' },
      { name: 'services', usage: 'Display services' },
      {
        name: 'status',
        value: true,
        repeat: true,
        type: 'stringArray',
        usage:
          'Filter services by status. Values: [paused | restarting | removing | running | dead | created | exited]',
      },
      HELP,
    ],
  },
  {
    name: 'logs',
    use: 'logs [OPTIONS] [SERVICE...]',
    short: 'View output from containers',
    flags: [
      { name: 'follow', short: 'f', usage: 'Follow log output' },
      {
        name: 'index',
        value: true,
        type: 'int',
        usage: 'index of the container if service has multiple replicas',
      },
      { name: 'no-color', usage: 'Produce monochrome output' },
      { name: 'no-log-prefix', usage: "Don't print prefix in logs" },
      {
        name: 'since',
        value: true,
        usage: 'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)',
      },
      {
        name: 'tail',
        short: 'n',
        value: true,
        usage: 'Number of lines to show from the end of the logs for each container (default "all")',
      },
      { name: 'timestamps', short: 't', usage: 'Show timestamps' },
      {
        name: 'until',
        value: true,
        usage:
          'Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)',
      },
      HELP,
    ],
  },
  {
    name: 'exec',
    use: 'exec [OPTIONS] SERVICE COMMAND [ARGS...]',
    short: 'Execute a command in a running container',
    stopAtPositional: true,
    flags: [
      { name: 'detach', short: 'd', usage: 'Detached mode: Run command in the background' },
      {
        name: 'env',
        short: 'e',
        value: true,
        repeat: true,
        type: 'stringArray',
        usage: 'Set environment variables',
      },
      {
        name: 'index',
        value: true,
        type: 'int',
        usage: 'Index of the container if service has multiple replicas',
      },
      {
        name: 'no-tty',
        short: 'T',
        usage: 'Disable pseudo-TTY allocation. By default `docker compose exec` allocates a TTY.',
      },
      { name: 'privileged', usage: 'Give extended privileges to the process' },
      { name: 'user', short: 'u', value: true, usage: 'Run the command as this user' },
      { name: 'workdir', short: 'w', value: true, usage: 'Path to workdir directory for this command' },
      { name: 'interactive', short: 'i' },
      { name: 'tty', short: 't' },
      HELP,
    ],
  },
  {
    name: 'run',
    use: 'run [OPTIONS] SERVICE [COMMAND] [ARGS...]',
    short: 'Run a one-off command on a service',
    stopAtPositional: true,
    flags: [
      { name: 'build', usage: 'Build image before starting container' },
      { name: 'detach', short: 'd', usage: 'Run container in background and print container ID' },
      { name: 'entrypoint', value: true, usage: 'Override the entrypoint of the image' },
      {
        name: 'env',
        short: 'e',
        value: true,
        repeat: true,
        type: 'stringArray',
        usage: 'Set environment variables',
      },
      { name: 'interactive', short: 'i', usage: 'Keep STDIN open even if not attached (default true)' },
      {
        name: 'label',
        short: 'l',
        value: true,
        repeat: true,
        type: 'stringArray',
        usage: 'Add or override a label',
      },
      { name: 'name', value: true, usage: 'Assign a name to the container' },
      {
        name: 'no-TTY',
        short: 'T',
        usage: 'Disable pseudo-TTY allocation (default: auto-detected) (default true)',
      },
      { name: 'no-deps', usage: "Don't start linked services" },
      {
        name: 'publish',
        short: 'p',
        value: true,
        repeat: true,
        type: 'stringArray',
        usage: "Publish a container's port(s) to the host",
      },
      { name: 'remove-orphans', usage: 'Remove containers for services not defined in the Compose file' },
      { name: 'rm', usage: 'Automatically remove the container when it exits' },
      {
        name: 'service-ports',
        short: 'P',
        usage: "Run command with all service's ports enabled and mapped to the host",
      },
      { name: 'user', short: 'u', value: true, usage: 'Run as specified username or uid' },
      {
        name: 'volume',
        short: 'v',
        value: true,
        repeat: true,
        type: 'stringArray',
        usage: 'Bind mount a volume',
      },
      {
        name: 'use-aliases',
        usage: "Use the service's network useAliases in the network(s) the container connects to",
      },
      { name: 'workdir', short: 'w', value: true, usage: 'Working directory inside the container' },
      { name: 'tty', short: 't' },
      HELP,
    ],
  },
  {
    name: 'build',
    use: 'build [OPTIONS] [SERVICE...]',
    short: 'Build or rebuild services',
    flags: [
      {
        name: 'build-arg',
        value: true,
        repeat: true,
        type: 'stringArray',
        usage: 'Set build-time variables for services',
      },
      { name: 'no-cache', usage: 'Do not use cache when building the image' },
      { name: 'pull', usage: 'Always attempt to pull a newer version of the image' },
      { name: 'push', usage: 'Push service images' },
      { name: 'quiet', short: 'q', usage: 'Suppress the build output' },
      HELP,
    ],
  },
  {
    name: 'pull',
    use: 'pull [OPTIONS] [SERVICE...]',
    short: 'Pull service images',
    flags: [
      { name: 'ignore-buildable', usage: 'Ignore images that can be built' },
      { name: 'ignore-pull-failures', usage: 'Pull what it can and ignores images with pull failures' },
      { name: 'include-deps', usage: 'Also pull services declared as dependencies' },
      { name: 'policy', value: true, usage: 'Apply pull policy ("missing"|"always")' },
      { name: 'quiet', short: 'q', usage: 'Pull without printing progress information' },
      HELP,
    ],
  },
  { name: 'stop', use: 'stop [OPTIONS] [SERVICE...]', short: 'Stop services', flags: [TIMEOUT, HELP] },
  { name: 'start', use: 'start [SERVICE...]', short: 'Start services', flags: [HELP] },
  {
    name: 'restart',
    use: 'restart [OPTIONS] [SERVICE...]',
    short: 'Restart service containers',
    flags: [{ name: 'no-deps', usage: "Don't restart dependent services" }, TIMEOUT, HELP],
  },
  {
    name: 'rm',
    use: 'rm [OPTIONS] [SERVICE...]',
    short: 'Removes stopped service containers',
    flags: [
      { name: 'force', short: 'f', usage: "Don't ask to confirm removal" },
      { name: 'stop', short: 's', usage: 'Stop the containers, if required, before removing' },
      { name: 'volumes', short: 'v', usage: 'Remove any anonymous volumes attached to containers' },
      HELP,
    ],
  },
  { name: 'top', use: 'top [SERVICES...]', short: 'Display the running processes', flags: [HELP] },
];

/** Every subcommand and its one-line summary, for `docker compose --help` (Compose v2.40's list). */
const SUMMARIES: [string, string][] = [
  ['attach', "Attach local standard input, output, and error streams to a service's running container"],
  ['bridge', 'Convert compose files into another model'],
  ['build', 'Build or rebuild services'],
  ['commit', "Create a new image from a service container's changes"],
  ['config', 'Parse, resolve and render compose file in canonical format'],
  ['cp', 'Copy files/folders between a service container and the local filesystem'],
  ['create', 'Creates containers for a service'],
  ['down', 'Stop and remove containers, networks'],
  ['events', 'Receive real time events from containers'],
  ['exec', 'Execute a command in a running container'],
  ['export', "Export a service container's filesystem as a tar archive"],
  ['images', 'List images used by the created containers'],
  ['kill', 'Force stop service containers'],
  ['logs', 'View output from containers'],
  ['ls', 'List running compose projects'],
  ['pause', 'Pause services'],
  ['port', 'Print the public port for a port binding'],
  ['ps', 'List containers'],
  ['publish', 'Publish compose application'],
  ['pull', 'Pull service images'],
  ['push', 'Push service images'],
  ['restart', 'Restart service containers'],
  ['rm', 'Removes stopped service containers'],
  ['run', 'Run a one-off command on a service'],
  ['scale', 'Scale services'],
  ['start', 'Start services'],
  ['stats', 'Display a live stream of container(s) resource usage statistics'],
  ['stop', 'Stop services'],
  ['top', 'Display the running processes'],
  ['unpause', 'Unpause services'],
  ['up', 'Create and start containers'],
  ['version', 'Show the Docker Compose version information'],
  ['volumes', 'List volumes'],
  ['wait', 'Block until containers of all (or specified) services stop.'],
  ['watch', 'Watch build context for service and rebuild/refresh containers when files are updated'],
];

function rootHelp(): string {
  return [
    'Usage:  docker compose [OPTIONS] COMMAND',
    '',
    'Define and run multi-container applications with Docker',
    '',
    'Options:',
    flagUsages(GLOBAL_FLAGS).trimEnd(),
    '',
    'Commands:',
    ...SUMMARIES.map(([n, s]) => `  ${n.padEnd(11)} ${s}`),
    '',
    "Run 'docker compose COMMAND --help' for more information on a command.",
    '',
  ].join('\n');
}

function subHelp(sub: Subcommand): string {
  const options = flagUsages(sub.flags);
  return `Usage:  docker compose ${sub.use}\n\n${sub.short}\n\n${options ? `Options:\n${options}` : ''}`;
}

const CONFIG: Subcommand = {
  name: 'config',
  use: 'config [OPTIONS] [SERVICE...]',
  short: 'Parse, resolve and render compose file in canonical format',
  flags: [
    { name: 'environment', usage: 'Print environment used for interpolation.' },
    { name: 'format', value: true, usage: 'Format the output. Values: [yaml | json]' },
    { name: 'hash', value: true, usage: 'Print the service config hash, one per line.' },
    { name: 'images', usage: 'Print the image names, one per line.' },
    { name: 'lock-image-digests', usage: 'Produces an override file with image digests' },
    { name: 'models', usage: 'Print the model names, one per line.' },
    { name: 'networks', usage: 'Print the network names, one per line.' },
    {
      name: 'no-consistency',
      usage: "Don't check model consistency - warning: may produce invalid Compose output",
    },
    { name: 'no-env-resolution', usage: "Don't resolve service env files" },
    { name: 'no-interpolate', usage: "Don't interpolate environment variables" },
    { name: 'no-normalize', usage: "Don't normalize compose model" },
    { name: 'no-path-resolution', usage: "Don't resolve file paths" },
    { name: 'output', short: 'o', value: true, usage: 'Save to file (default to stdout)' },
    { name: 'profiles', usage: 'Print the profile names, one per line.' },
    { name: 'quiet', short: 'q', usage: "Only validate the configuration, don't print anything" },
    { name: 'resolve-image-digests', usage: 'Pin image tags to digests' },
    { name: 'services', usage: 'Print the service names, one per line.' },
    { name: 'variables', usage: 'Print model variables and default values.' },
    { name: 'volumes', usage: 'Print the volume names, one per line.' },
    HELP,
  ],
  run: (cli, global, parsed) => {
    const project = load(cli, global, parsed.positionals);
    const sorted = (o: Record<string, unknown>) => Object.keys(o).sort();
    if (flagOn(parsed, 'services')) return lines(cli, sorted(project.services));
    if (flagOn(parsed, 'volumes')) return lines(cli, sorted(project.volumes));
    if (flagOn(parsed, 'networks')) return lines(cli, sorted(project.networks));
    if (flagOn(parsed, 'images'))
      return lines(
        cli,
        Object.values(project.services).map((s) => s.image ?? `${project.name}-${s.name}`),
      );
    if (flagOn(parsed, 'profiles')) {
      const all = new Set<string>();
      for (const s of [...Object.values(project.services), ...Object.values(project.disabledServices)])
        for (const p of s.profiles ?? []) all.add(p);
      return lines(cli, [...all].sort());
    }
    const format = flag(parsed, 'format') ?? 'yaml';
    if (format !== 'yaml') throw new ComposeError(`unsupported format ${JSON.stringify(format)}`);
    const text = configYaml(project);
    if (flagOn(parsed, 'quiet')) return 0;
    const output = flag(parsed, 'output');
    if (output) {
      cli.ctx.fs.writeFile(output.startsWith('/') ? output : `${cli.ctx.cwd}/${output}`, text);
      return 0;
    }
    cli.out(text);
    return 0;
  },
};

const VERSION: Subcommand = {
  name: 'version',
  use: 'version [OPTIONS]',
  short: 'Show the Docker Compose version information',
  flags: [
    {
      name: 'format',
      short: 'f',
      value: true,
      usage: 'Format the output. Values: [pretty | json]. (Default: pretty)',
    },
    { name: 'short', usage: "Shows only Compose's version number" },
    HELP,
  ],
  run: (cli, _global, parsed) => {
    if (flagOn(parsed, 'short')) cli.out(`${COMPOSE_VERSION.slice(1)}\n`);
    else if (flag(parsed, 'format') === 'json') cli.out(`{"version":"${COMPOSE_VERSION}"}\n`);
    else cli.out(`Docker Compose version ${COMPOSE_VERSION}\n`);
    return 0;
  },
};

type Runner = (call: ComposeCall) => Promise<number> | number;
const RUNNERS: Record<string, Runner> = {
  up: commands.up,
  down: commands.down,
  ps: commands.ps,
  logs: commands.logs,
  exec: commands.exec,
  run: commands.run,
  build: commands.buildCommand,
  pull: commands.pull,
  stop: commands.stop,
  start: commands.start,
  restart: commands.restart,
  rm: commands.rm,
  top: commands.top,
};
for (const sub of RUNTIME) {
  const runner = RUNNERS[sub.name];
  if (runner)
    sub.run = (cli, global, parsed) =>
      runner({ cli, global, parsed, load: (services = []) => load(cli, global, services) });
}

const SUBCOMMANDS: Subcommand[] = [CONFIG, VERSION, ...RUNTIME];

function lines(cli: DockerCli, items: string[]): number {
  cli.out(items.map((i) => `${i}\n`).join(''));
  return 0;
}

/** The LoadOptions that `docker compose`'s global flags and the shell give. */
export function loadOptions(cli: DockerCli, global: ParsedFlags, services: string[] = []): LoadOptions {
  const { ctx } = cli;
  return {
    fs: ctx.fs,
    cwd: ctx.cwd,
    home: ctx.user.home,
    env: ctx.env,
    files: flagAll(global, 'file'),
    projectName: flag(global, 'project-name'),
    projectDirectory: flag(global, 'project-directory') ?? flag(global, 'workdir'),
    envFiles:
      flagAll(global, 'env-file').length > 0
        ? flagAll(global, 'env-file')
        : ctx.env.COMPOSE_ENV_FILES?.split(',').filter(Boolean),
    profiles: flagAll(global, 'profile'),
    services,
    allResources: flagOn(global, 'all-resources'),
    warn: (message) => logWarning(cli, message),
  };
}

/** Loads the project the command line names, or throws ComposeError with Compose's wording. */
export function load(cli: DockerCli, global: ParsedFlags, services: string[] = []): Project {
  return loadProject(loadOptions(cli, global, services));
}

/** `docker compose …`: the Compose CLI plugin. */
export const compose: DockerCommand = {
  name: 'compose',
  usage: 'docker compose [OPTIONS] COMMAND',
  summary: 'Docker Compose',
  flags: GLOBAL_FLAGS,
  rawArgs: true,
  run: async (cli, parsed) => {
    const args = parsed.positionals;
    let global: ParsedFlags;
    try {
      global = parseFlags(args, GLOBAL_FLAGS, true);
    } catch (error) {
      if (!(error instanceof FlagError)) throw error;
      cli.err(
        `${error.message}\n\nUsage:  docker compose [OPTIONS] COMMAND\n\nRun 'docker compose --help' for more information\n`,
      );
      return 125;
    }
    const [name, ...rest] = global.positionals;
    if (name === undefined || flagOn(global, 'help')) {
      if (name === undefined && flagOn(global, 'version'))
        return VERSION.run?.(cli, global, { values: {}, positionals: [] }) ?? 0;
      if (name === undefined) {
        cli.out(rootHelp());
        return 0;
      }
    }
    const sub = SUBCOMMANDS.find((s) => s.name === name);
    if (!sub) {
      if (name !== undefined && SUMMARIES.some(([n]) => n === name)) {
        cli.err(`docker compose ${name} is not available in this lab yet\n`);
        return 1;
      }
      cli.out(rootHelp());
      cli.err(`unknown docker command: ${JSON.stringify(`compose ${name}`)}\n`);
      return 1;
    }
    let parsedSub: ParsedFlags;
    try {
      parsedSub = parseFlags(rest, sub.flags, sub.stopAtPositional ?? false);
    } catch (error) {
      if (!(error instanceof FlagError)) throw error;
      cli.err(
        `${error.message}\n\nUsage:  docker compose ${sub.use}\n\nRun 'docker compose ${sub.name} --help' for more information\n`,
      );
      return 125;
    }
    if (flagOn(parsedSub, 'help') || flagOn(global, 'help')) {
      cli.out(subHelp(sub));
      return 0;
    }
    try {
      if (!sub.run) {
        // Loading first reports the project's own errors, as Compose would before running anything.
        load(cli, global, []);
        cli.err(
          `docker compose ${sub.name} is not available in this lab yet: it needs the container runtime\n`,
        );
        return 1;
      }
      return await sub.run(cli, global, parsedSub);
    } catch (error) {
      if (error instanceof ComposeError) {
        if (error.message) cli.err(`${error.message}\n`);
        return error.code;
      }
      throw error;
    }
  },
};
