/**
 * The command table's entries for docker's system commands (help, completion, argument checks);
 * their code, in ../system.ts, loads on first use.
 */
import type { DockerCommandSpec } from '../context.ts';

export const DOCKER_VERSION = '28.5.2';

export const versionSpec: DockerCommandSpec = {
  name: 'version',
  usage: 'docker version [OPTIONS]',
  summary: 'Show the Docker version information',
  flags: [{ name: 'format', short: 'f', value: true }, { name: 'help' }],
  maxArgs: 0,
};

export const infoSpec: DockerCommandSpec = {
  name: 'info',
  aliases: ['system info'],
  usage: 'docker info [OPTIONS]',
  summary: 'Display system-wide information',
  flags: [{ name: 'format', short: 'f', value: true }, { name: 'help' }],
  maxArgs: 0,
};

export const systemDfSpec: DockerCommandSpec = {
  name: 'system df',
  usage: 'docker system df [OPTIONS]',
  summary: 'Show docker disk usage',
  flags: [{ name: 'verbose', short: 'v' }, { name: 'help' }],
  maxArgs: 0,
};
