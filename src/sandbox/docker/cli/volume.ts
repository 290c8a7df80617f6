import { renderTable } from '../format/table.ts';
import { humanSize } from '../format/units.ts';
import { confirmPrune, type DockerCli, type DockerCommand, daemonError, printFormatted } from './context.ts';
import { flag, flagOn } from './flags.ts';
import { volumeJson } from './inspect.ts';

export const volumeCreate: DockerCommand['run'] = async (cli, parsed) => {
  const name =
    parsed.positionals[0] ??
    cli.engine.deps.random
      .map((n) => n.toString(16).padStart(8, '0'))
      .join('')
      .repeat(2);
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) {
    return daemonError(
      cli,
      `create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
    );
  }
  cli.engine.createVolume(name);
  cli.out(`${name}\n`);
  return 0;
};

export const volumeLs: DockerCommand['run'] = async (cli, parsed) => {
  const names = Object.keys(cli.engine.state.volumes).sort();
  if (flagOn(parsed, 'quiet')) {
    for (const n of names) cli.out(`${n}\n`);
    return 0;
  }
  const format = flag(parsed, 'format');
  if (format) {
    const rows = names.map((n) => ({
      Driver: 'local',
      Name: n,
      Scope: 'local',
      Mountpoint: `/var/lib/docker/volumes/${n}/_data`,
      Labels: Object.entries(cli.engine.state.volumes[n]?.labels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    }));
    return printFormatted(cli, format, rows, { Driver: 'DRIVER', Name: 'VOLUME NAME', Scope: 'SCOPE' });
  }
  cli.out(renderTable([['DRIVER', 'VOLUME NAME'], ...names.map((n) => ['local', n])]));
  return 0;
};

export const volumeRm: DockerCommand['run'] = async (cli, parsed) => {
  const errors: string[] = [];
  for (const name of parsed.positionals) {
    if (!cli.engine.state.volumes[name]) {
      // With -f the daemon answers that it is gone, and the client names it as removed.
      if (flagOn(parsed, 'force')) cli.out(`${name}\n`);
      else errors.push(`Error response from daemon: get ${name}: no such volume`);
      continue;
    }
    const user = cli.engine.volumeInUse(name);
    if (user) {
      errors.push(`Error response from daemon: remove ${name}: volume is in use - [${user.id}]`);
      continue;
    }
    cli.engine.removeVolume(name);
    cli.out(`${name}\n`);
  }
  if (errors.length > 0) cli.err(`${errors.join('\n')}\n`);
  return errors.length > 0 ? 1 : 0;
};

export const volumeInspect: DockerCommand['run'] = async (cli, parsed) => {
  const found = [];
  for (const name of parsed.positionals) {
    const volume = cli.engine.state.volumes[name];
    if (!volume) return daemonError(cli, `get ${name}: no such volume`);
    found.push(volumeJson(volume));
  }
  const format = flag(parsed, 'format');
  if (format) {
    return printFormatted(cli, format, found, {});
  }
  cli.out(`${JSON.stringify(found, null, 4)}\n`);
  return 0;
};

export const volumePrune: DockerCommand['run'] = async (cli, parsed) => {
  const all = flagOn(parsed, 'all');
  if (!flagOn(parsed, 'force')) {
    const what = `${all ? 'all' : 'anonymous'} local volumes not used by at least one container`;
    if (!confirmPrune(cli, what)) return 0;
  }
  const { names, reclaimed } = pruneVolumes(cli, all);
  if (names.length > 0) cli.out(`Deleted Volumes:\n${names.map((name) => `${name}\n`).join('')}\n`);
  cli.out(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
  return 0;
};

/** Removes volumes no container uses (anonymous ones only unless `all`): their names and bytes. */
export function pruneVolumes(cli: DockerCli, all: boolean): { names: string[]; reclaimed: number } {
  cli.engine.reconcile();
  // Since API 1.42 only anonymous volumes go unless --all says otherwise.
  const unused = Object.values(cli.engine.state.volumes).filter(
    (v) => (all || v.anonymous) && !cli.engine.volumeInUse(v.name),
  );
  let reclaimed = 0;
  for (const v of unused) {
    const data = `/var/lib/docker/volumes/${v.name}/_data`;
    if (cli.engine.host.fs.exists(data)) reclaimed += cli.engine.host.fs.usage(data);
    cli.engine.removeVolume(v.name);
  }
  return { names: unused.map((v) => v.name), reclaimed };
}
