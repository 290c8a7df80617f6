/**
 * The command table's entries for docker's network commands (help, completion, argument checks);
 * their code, in ../network.ts, loads on first use.
 */
import type { DockerCommandSpec } from '../context.ts';

export const networkCreateSpec: DockerCommandSpec = {
  name: 'network create',
  usage: 'docker network create [OPTIONS] NETWORK',
  summary: 'Create a network',
  flags: [{ name: 'driver', short: 'd', value: true }, { name: 'subnet', value: true }, { name: 'help' }],
  minArgs: 1,
  maxArgs: 1,
};

export const networkLsSpec: DockerCommandSpec = {
  name: 'network ls',
  aliases: ['network list'],
  usage: 'docker network ls [OPTIONS]',
  summary: 'List networks',
  flags: [
    {
      name: 'filter',
      short: 'f',
      value: true,
      repeat: true,
      type: 'filter',
      usage: "Provide filter values (e.g. 'driver=bridge')",
    },
    { name: 'quiet', short: 'q' },
    { name: 'no-trunc' },
    { name: 'format', value: true, usage: 'Format output using a custom template' },
    { name: 'help' },
  ],
  maxArgs: 0,
};

export const networkRmSpec: DockerCommandSpec = {
  name: 'network rm',
  aliases: ['network remove'],
  usage: 'docker network rm NETWORK [NETWORK...]',
  summary: 'Remove one or more networks',
  flags: [{ name: 'force', short: 'f' }, { name: 'help' }],
  minArgs: 1,
};

export const networkConnectSpec: DockerCommandSpec = {
  name: 'network connect',
  usage: 'docker network connect [OPTIONS] NETWORK CONTAINER',
  summary: 'Connect a container to a network',
  flags: [{ name: 'help' }],
  minArgs: 2,
  maxArgs: 2,
};

export const networkDisconnectSpec: DockerCommandSpec = {
  name: 'network disconnect',
  usage: 'docker network disconnect [OPTIONS] NETWORK CONTAINER',
  summary: 'Disconnect a container from a network',
  flags: [
    { name: 'force', short: 'f', usage: 'Force the container to disconnect from a network' },
    { name: 'help' },
  ],
  minArgs: 2,
  maxArgs: 2,
};

export const networkPruneSpec: DockerCommandSpec = {
  name: 'network prune',
  usage: 'docker network prune [OPTIONS]',
  summary: 'Remove all unused networks',
  flags: [{ name: 'force', short: 'f', usage: 'Do not prompt for confirmation' }, { name: 'help' }],
  maxArgs: 0,
};

export const networkInspectSpec: DockerCommandSpec = {
  name: 'network inspect',
  usage: 'docker network inspect [OPTIONS] NETWORK [NETWORK...]',
  summary: 'Display detailed information on one or more networks',
  flags: [{ name: 'format', short: 'f', value: true }, { name: 'help' }],
  minArgs: 1,
};
