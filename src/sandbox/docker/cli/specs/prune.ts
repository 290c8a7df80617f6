/**
 * The command table's entries for docker's prune commands (help, completion, argument checks);
 * their code, in ../prune.ts, loads on first use.
 */
import type { DockerCommandSpec } from '../context.ts';

export const systemPruneSpec: DockerCommandSpec = {
  name: 'system prune',
  usage: 'docker system prune [OPTIONS]',
  summary: 'Remove unused data',
  flags: [
    { name: 'all', short: 'a', usage: 'Remove all unused images not just dangling ones' },
    { name: 'force', short: 'f', usage: 'Do not prompt for confirmation' },
    { name: 'volumes', usage: 'Prune anonymous volumes' },
    { name: 'help' },
  ],
  maxArgs: 0,
};

export const buildxPruneSpec: DockerCommandSpec = {
  name: 'buildx prune',
  aliases: ['builder prune'],
  usage: 'docker buildx prune',
  summary: 'Remove build cache',
  flags: [
    { name: 'all', short: 'a', usage: 'Include internal/frontend images' },
    { name: 'force', short: 'f', usage: 'Do not prompt for confirmation' },
    { name: 'help' },
  ],
  maxArgs: 0,
};

export const legacyBuilderPruneSpec: DockerCommandSpec = {
  name: 'builder prune',
  usage: 'docker builder prune',
  summary: 'Remove build cache',
  flags: [
    { name: 'all', short: 'a', usage: 'Remove all unused build cache, not just dangling ones' },
    { name: 'force', short: 'f', usage: 'Do not prompt for confirmation' },
    { name: 'help' },
  ],
  maxArgs: 0,
};
