/**
 * The command table's entries for buildx's own commands (help, completion, argument checks); their
 * code, in ../buildx.ts, loads on first use. `buildx build` and `buildx prune` are in build.ts and
 * prune.ts, beside the client's commands they replace.
 */
import type { DockerCommandSpec } from '../context.ts';

/** The buildx release the sandbox's client has as its plugin. */
export const BUILDX_VERSION = 'v0.29.1';

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
