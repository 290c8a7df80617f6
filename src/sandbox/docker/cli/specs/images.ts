/**
 * The command table's entries for docker's images commands (help, completion, argument checks);
 * their code, in ../images.ts, loads on first use.
 */
import type { DockerCommandSpec } from '../context.ts';

export const pullSpec: DockerCommandSpec = {
  name: 'pull',
  aliases: ['image pull'],
  usage: 'docker pull [OPTIONS] NAME[:TAG|@DIGEST]',
  summary: 'Download an image from a registry',
  flags: [
    { name: 'quiet', short: 'q' },
    { name: 'all-tags', short: 'a' },
    { name: 'platform', value: true, usage: 'Set platform if server is multi-platform capable' },
    { name: 'help' },
  ],
  minArgs: 1,
  maxArgs: 1,
};

export const imagesSpec: DockerCommandSpec = {
  name: 'images',
  aliases: ['image ls', 'image list'],
  usage: 'docker images [OPTIONS] [REPOSITORY[:TAG]]',
  summary: 'List images',
  flags: [
    { name: 'all', short: 'a' },
    { name: 'quiet', short: 'q' },
    { name: 'no-trunc' },
    { name: 'digests' },
    {
      name: 'filter',
      short: 'f',
      value: true,
      repeat: true,
      type: 'filter',
      usage: 'Filter output based on conditions provided',
    },
    { name: 'format', value: true },
    { name: 'help' },
  ],
  maxArgs: 1,
};

export const tagSpec: DockerCommandSpec = {
  name: 'tag',
  aliases: ['image tag'],
  usage: 'docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
  summary: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  flags: [{ name: 'help' }],
  minArgs: 2,
  maxArgs: 2,
};

export const rmiSpec: DockerCommandSpec = {
  name: 'rmi',
  aliases: ['image rm', 'image remove'],
  usage: 'docker rmi [OPTIONS] IMAGE [IMAGE...]',
  summary: 'Remove one or more images',
  flags: [{ name: 'force', short: 'f', usage: 'Force removal of the image' }, { name: 'help' }],
  minArgs: 1,
};

export const historySpec: DockerCommandSpec = {
  name: 'history',
  aliases: ['image history'],
  usage: 'docker history [OPTIONS] IMAGE',
  summary: 'Show the history of an image',
  flags: [
    { name: 'format', value: true, usage: 'Format output using a custom template' },
    { name: 'human', short: 'H', usage: 'Print sizes and dates in human readable format (default true)' },
    { name: 'no-trunc', usage: "Don't truncate output" },
    { name: 'quiet', short: 'q', usage: 'Only show image IDs' },
    { name: 'help' },
  ],
  minArgs: 1,
  maxArgs: 1,
};

export const imagePruneSpec: DockerCommandSpec = {
  name: 'image prune',
  usage: 'docker image prune [OPTIONS]',
  summary: 'Remove unused images',
  flags: [
    { name: 'all', short: 'a', usage: 'Remove all unused images, not just dangling ones' },
    { name: 'force', short: 'f', usage: 'Do not prompt for confirmation' },
    { name: 'help' },
  ],
  maxArgs: 0,
};
