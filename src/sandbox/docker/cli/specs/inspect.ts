/**
 * The command table's entries for docker's inspect commands (help, completion, argument checks);
 * their code, in ../inspect.ts, loads on first use.
 */
import type { DockerCommandSpec } from '../context.ts';

export const inspectSpec: DockerCommandSpec = {
  name: 'inspect',
  aliases: ['container inspect', 'image inspect'],
  usage: 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]',
  summary: 'Return low-level information on Docker objects',
  flags: [
    { name: 'format', short: 'f', value: true },
    { name: 'type', value: true },
    { name: 'size', short: 's' },
    { name: 'help' },
  ],
  minArgs: 1,
};
