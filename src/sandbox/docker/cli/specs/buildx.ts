/**
 * The command table's entries for buildx's own commands (help, completion, argument checks); their
 * code, in ../buildx.ts, loads on first use. `buildx build` and `buildx prune` are in build.ts and
 * prune.ts, beside the client's commands they replace.
 */
import type { DockerCommandSpec } from '../context.ts';

/** The buildx release the sandbox's client has as its plugin. */
export const BUILDX_VERSION = 'v0.29.1';

/**
 * `docker buildx` and `docker buildx --help`: the plugin's root command in the client's help template
 * (commands/root.go at v0.29.1: `--builder`, `-D, --debug`, `history` beside `imagetools`; `install`
 * and `uninstall` hidden, `debug` and `dap` only with BUILDX_EXPERIMENTAL).
 */
export const BUILDX_HELP = `Extended build capabilities with BuildKit

Usage:  docker buildx [OPTIONS] COMMAND

Extended build capabilities with BuildKit

Options:
      --builder string   Override the configured builder instance
  -D, --debug            Enable debug logging

Management Commands:
  history     Commands to work on build records
  imagetools  Commands to work on images in registry

Commands:
  bake        Build from a file
  build       Start a build
  create      Create a new builder instance
  dial-stdio  Proxy current stdio streams to builder instance
  du          Disk usage
  inspect     Inspect current builder instance
  ls          List builder instances
  prune       Remove build cache
  rm          Remove one or more builder instances
  stop        Stop builder instance
  use         Set the current builder instance
  version     Show buildx version information

Run 'docker buildx COMMAND --help' for more information on a command.

Experimental commands and flags are hidden. Set BUILDX_EXPERIMENTAL=1 to show them.
`;

export const buildxVersionSpec: DockerCommandSpec = {
  name: 'buildx version',
  usage: 'docker buildx version',
  summary: 'Show buildx version information',
  flags: [{ name: 'help' }],
  maxArgs: 0,
};

export const buildxLsSpec: DockerCommandSpec = {
  name: 'buildx ls',
  usage: 'docker buildx ls [OPTIONS]',
  summary: 'List builder instances',
  flags: [{ name: 'help' }],
  maxArgs: 0,
};

export const imagetoolsInspectSpec: DockerCommandSpec = {
  name: 'buildx imagetools inspect',
  usage: 'docker buildx imagetools inspect [OPTIONS] NAME',
  summary: 'Show details of an image in the registry',
  flags: [{ name: 'help' }],
  minArgs: 1,
  maxArgs: 1,
};
