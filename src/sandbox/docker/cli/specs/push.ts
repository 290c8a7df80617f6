/**
 * The command table's entries for docker's push commands (help, completion, argument checks);
 * their code, in ../push.ts, loads on first use.
 */
import type { DockerCommandSpec } from '../context.ts';

export const pushSpec: DockerCommandSpec = {
  name: 'push',
  aliases: ['image push'],
  usage: 'docker push [OPTIONS] NAME[:TAG]',
  summary: 'Upload an image to a registry',
  flags: [
    { name: 'all-tags', short: 'a', usage: 'Push all tags of an image to the repository' },
    { name: 'quiet', short: 'q', usage: 'Suppress verbose output' },
    { name: 'help' },
  ],
  minArgs: 1,
  maxArgs: 1,
};
