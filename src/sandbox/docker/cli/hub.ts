import { base64 } from '../../core/sha1.ts';
import { CATALOGUE } from '../catalogue.ts';
import { ellipsis, renderTable } from '../format/table.ts';
import type { DockerCli, DockerCommand } from './context.ts';
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
  updateAuths(cli, (auths) => {
    auths[credentialsKey(parsed.positionals[0])] = {
      auth: base64(new TextEncoder().encode(`${username}:${password}`)),
    };
  });
  cli.out(
    `\nWARNING! Your credentials are stored unencrypted in '${cli.ctx.user.home}/.docker/config.json'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\nLogin Succeeded\n`,
  );
  return 0;
};

export const logout: DockerCommand['run'] = async (cli, parsed) => {
  // The client erases the credentials whether or not it holds any, and says so (runLogout in
  // https://github.com/docker/cli/blob/v28.2.2/cli/command/registry/logout.go).
  const key = credentialsKey(parsed.positionals[0]);
  cli.out(`Removing login credentials for ${key}\n`);
  const login = cli.engine.state.login;
  if (login && credentialsKey(login.registry) === key) delete cli.engine.state.login;
  updateAuths(cli, (auths) => {
    delete auths[key];
  });
  return 0;
};

const DOCKER_HUB = 'https://index.docker.io/v1/';

/** Where the client files a registry's credentials: Docker Hub's v1 address, otherwise the bare host. */
function credentialsKey(server: string | undefined): string {
  if (!server || server === DOCKER_HUB) return DOCKER_HUB;
  return server.replace(/^https?:\/\//, '').split('/')[0] ?? server;
}

/** Changes the `auths` of the learner's ~/.docker/config.json, written as the client writes it (tabs). */
function updateAuths(cli: DockerCli, change: (auths: Record<string, { auth: string }>) => void): void {
  const { fs, user } = cli.ctx;
  const dir = `${user.home}/.docker`;
  const path = `${dir}/config.json`;
  let config: { auths?: Record<string, { auth: string }> } = {};
  if (fs.exists(path)) {
    try {
      config = JSON.parse(fs.readText(path));
    } catch {
      return;
    }
  } else if (!fs.exists(dir)) fs.mkdir(dir, { actor: user, mode: 0o700 });
  config.auths ??= {};
  change(config.auths);
  fs.writeFile(path, JSON.stringify(config, null, '\t'), { actor: user, mode: 0o600 });
}
