import { CATALOGUE } from '../catalogue.ts';
import { ellipsis, renderTable } from '../format/table.ts';
import type { DockerCommand } from './context.ts';
import { flag } from './flags.ts';

export const search: DockerCommand['run'] = async (cli, parsed) => {
  const term = (parsed.positionals[0] as string).toLowerCase();
  const limit = Number(flag(parsed, 'limit') ?? 25);
  const hits = CATALOGUE.filter(
    (e) => e.repository.includes(term) || e.description.toLowerCase().includes(term),
  )
    .sort((a, b) => b.stars - a.stars)
    .slice(0, limit);
  const name = (repo: string) => (repo.startsWith('library/') ? repo.slice(8) : repo);
  cli.out(
    renderTable([
      ['NAME', 'DESCRIPTION', 'STARS', 'OFFICIAL'],
      ...hits.map((e) => [
        name(e.repository),
        ellipsis(e.description, 45),
        String(e.stars),
        e.official ? '[OK]' : '',
      ]),
    ]),
  );
  return 0;
};

export const login: DockerCommand['run'] = async (cli, parsed) => {
  const username = flag(parsed, 'username');
  const password =
    flag(parsed, 'password') ?? (flag(parsed, 'password-stdin') ? cli.ctx.stdin.read().trim() : undefined);
  if (!username || !password) {
    cli.err('Error: Cannot perform an interactive login from a non TTY device\n');
    return 1;
  }
  if (flag(parsed, 'password'))
    cli.err('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
  // The daemon checks the credentials against the registry's /v2/: a registry of this machine
  // (`localhost:5000`) answers only while a registry container publishes that port.
  const domain = (parsed.positionals[0] ?? '').replace(/^https?:\/\//, '').split('/')[0] ?? '';
  if (/^(localhost|127\.0\.0\.1)(:\d+)?$/.test(domain)) {
    const store = cli.engine.registryFor(domain);
    if ('error' in store) {
      cli.err(`Error response from daemon: ${store.error}\n`);
      return 1;
    }
  }
  cli.engine.state.login = { registry: parsed.positionals[0] ?? 'https://index.docker.io/v1/', username };
  cli.out(
    "\nWARNING! Your credentials are stored unencrypted in '/home/learner/.docker/config.json'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\nLogin Succeeded\n",
  );
  return 0;
};

export const logout: DockerCommand['run'] = async (cli, parsed) => {
  const server = parsed.positionals[0] ?? 'https://index.docker.io/v1/';
  if (!cli.engine.state.login) {
    cli.out(`Not logged in to ${server}\n`);
    return 0;
  }
  delete cli.engine.state.login;
  cli.out(
    `Removing login credentials for ${server.replace(/^https:\/\/index\.docker\.io\/v1\/$/, 'https://index.docker.io/v1/')}\n`,
  );
  return 0;
};
