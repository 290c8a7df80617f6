/**
 * The command table's entries for docker's changes commands (help, completion, argument checks);
 * their code, in ../changes.ts, loads on first use.
 */
import type { DockerCommandSpec } from '../context.ts';

export const diffSpec: DockerCommandSpec = {
  name: 'diff',
  aliases: ['container diff'],
  usage: 'docker diff CONTAINER',
  summary: "Inspect changes to files or directories on a container's filesystem",
  flags: [{ name: 'help' }],
  minArgs: 1,
  maxArgs: 1,
};

export const commitSpec: DockerCommandSpec = {
  name: 'commit',
  aliases: ['container commit'],
  usage: 'docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
  summary: "Create a new image from a container's changes",
  flags: [
    { name: 'message', short: 'm', value: true },
    { name: 'author', short: 'a', value: true },
    { name: 'help' },
  ],
  minArgs: 1,
  maxArgs: 2,
};

export const cpSpec: DockerCommandSpec = {
  name: 'cp',
  aliases: ['container cp'],
  usage:
    'docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH',
  summary: 'Copy files/folders between a container and the local filesystem',
  flags: [{ name: 'quiet', short: 'q' }, { name: 'help' }],
  minArgs: 2,
  maxArgs: 2,
};
