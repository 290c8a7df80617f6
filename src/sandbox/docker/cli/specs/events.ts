/**
 * The command table's entries for docker's events commands (help, completion, argument checks);
 * their code, in ../events.ts, loads on first use.
 */
import type { DockerCommandSpec } from '../context.ts';

export const eventsSpec: DockerCommandSpec = {
  name: 'events',
  aliases: ['system events'],
  usage: 'docker events [OPTIONS]',
  summary: 'Get real time events from the server',
  flags: [
    {
      name: 'filter',
      short: 'f',
      value: true,
      repeat: true,
      usage: 'Filter output based on conditions provided',
    },
    { name: 'format', value: true, usage: 'Format output using a custom template' },
    { name: 'since', value: true, usage: 'Show all events created since timestamp' },
    { name: 'until', value: true, usage: 'Stream events until this timestamp' },
    { name: 'help' },
  ],
  maxArgs: 0,
};
