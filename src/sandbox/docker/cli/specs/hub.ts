/**
 * The command table's entries for docker's hub commands (help, completion, argument checks);
 * their code, in ../hub.ts, loads on first use.
 */
import type { DockerCommandSpec } from '../context.ts';

export const searchSpec: DockerCommandSpec = {
  name: 'search',
  usage: 'docker search [OPTIONS] TERM',
  summary: 'Search Docker Hub for images',
  flags: [{ name: 'limit', value: true }, { name: 'no-trunc' }, { name: 'help' }],
  minArgs: 1,
  maxArgs: 1,
};

export const loginSpec: DockerCommandSpec = {
  name: 'login',
  usage: 'docker login [OPTIONS] [SERVER]',
  summary: 'Authenticate to a registry',
  flags: [
    { name: 'username', short: 'u', value: true },
    { name: 'password', short: 'p', value: true },
    { name: 'password-stdin' },
    { name: 'help' },
  ],
  maxArgs: 1,
};

export const logoutSpec: DockerCommandSpec = {
  name: 'logout',
  usage: 'docker logout [SERVER]',
  summary: 'Log out from a registry',
  flags: [{ name: 'help' }],
  maxArgs: 1,
};
