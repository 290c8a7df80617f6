/**
 * The command table's entries for docker's volume commands (help, completion, argument checks);
 * their code, in ../volume.ts, loads on first use.
 */
import type { DockerCommandSpec } from '../context.ts';

export const volumeCreateSpec: DockerCommandSpec = {
  name: 'volume create',
  usage: 'docker volume create [OPTIONS] [VOLUME]',
  summary: 'Create a volume',
  flags: [{ name: 'help' }, { name: 'driver', short: 'd', value: true }],
  maxArgs: 1,
};

export const volumeLsSpec: DockerCommandSpec = {
  name: 'volume ls',
  aliases: ['volume list'],
  usage: 'docker volume ls [OPTIONS]',
  summary: 'List volumes',
  flags: [
    { name: 'quiet', short: 'q' },
    { name: 'format', value: true, usage: 'Format output using a custom template' },
    { name: 'help' },
  ],
  maxArgs: 0,
};

export const volumeRmSpec: DockerCommandSpec = {
  name: 'volume rm',
  aliases: ['volume remove'],
  usage: 'docker volume rm [OPTIONS] VOLUME [VOLUME...]',
  summary: 'Remove one or more volumes',
  flags: [{ name: 'force', short: 'f' }, { name: 'help' }],
  minArgs: 1,
};

export const volumeInspectSpec: DockerCommandSpec = {
  name: 'volume inspect',
  usage: 'docker volume inspect [OPTIONS] VOLUME [VOLUME...]',
  summary: 'Display detailed information on one or more volumes',
  flags: [{ name: 'format', short: 'f', value: true }, { name: 'help' }],
  minArgs: 1,
};

export const volumePruneSpec: DockerCommandSpec = {
  name: 'volume prune',
  usage: 'docker volume prune [OPTIONS]',
  summary: 'Remove unused local volumes',
  flags: [
    { name: 'all', short: 'a', usage: 'Remove all unused volumes, not just anonymous ones' },
    { name: 'force', short: 'f', usage: 'Do not prompt for confirmation' },
    { name: 'help' },
  ],
  maxArgs: 0,
};
