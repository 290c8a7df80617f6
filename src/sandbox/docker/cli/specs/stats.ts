/**
 * The command table's entries for docker's stats commands (help, completion, argument checks);
 * their code, in ../stats.ts, loads on first use.
 */
import type { DockerCommandSpec } from '../context.ts';

export const topSpec: DockerCommandSpec = {
  name: 'top',
  aliases: ['container top'],
  usage: 'docker top CONTAINER [ps OPTIONS]',
  summary: 'Display the running processes of a container',
  flags: [{ name: 'help' }],
  stopAtPositional: true,
  minArgs: 1,
};

export const statsSpec: DockerCommandSpec = {
  name: 'stats',
  aliases: ['container stats'],
  usage: 'docker stats [OPTIONS] [CONTAINER...]',
  summary: 'Display a live stream of container(s) resource usage statistics',
  flags: [
    { name: 'all', short: 'a', usage: 'Show all containers (default shows just running)' },
    { name: 'no-stream', usage: 'Disable streaming stats and only pull the first result' },
    { name: 'no-trunc', usage: 'Do not truncate output' },
    { name: 'format', value: true, usage: 'Format output using a custom template' },
    { name: 'help' },
  ],
};

export const pauseSpec: DockerCommandSpec = {
  name: 'pause',
  aliases: ['container pause'],
  usage: 'docker pause CONTAINER [CONTAINER...]',
  summary: 'Pause all processes within one or more containers',
  flags: [{ name: 'help' }],
  minArgs: 1,
};

export const unpauseSpec: DockerCommandSpec = {
  name: 'unpause',
  aliases: ['container unpause'],
  usage: 'docker unpause CONTAINER [CONTAINER...]',
  summary: 'Unpause all processes within one or more containers',
  flags: [{ name: 'help' }],
  minArgs: 1,
};
