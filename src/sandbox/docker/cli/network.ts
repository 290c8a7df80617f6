import { nextHex, type RandomState } from '../../core/random.ts';
import { sha256Hex } from '../../core/sha256.ts';
import { compilePattern } from '../../regex/index.ts';
import { type DockerEngine, endpointsOf } from '../engine.ts';
import { renderTable } from '../format/table.ts';
import type { ContainerRecord, NetworkRecord } from '../state.ts';
import { parseFilters } from './containers.ts';
import { confirm, type DockerCli, type DockerCommand, daemonError, printFormatted } from './context.ts';
import { flag, flagAll, flagOn } from './flags.ts';

export const networkCreate: DockerCommand['run'] = async (cli, parsed) => {
  const { engine, ctx } = cli;
  const name = parsed.positionals[0] as string;
  if (Object.values(engine.state.networks).some((n) => n.name === name))
    return daemonError(cli, `network with name ${name} already exists`);
  const driver = flag(parsed, 'driver') ?? 'bridge';
  if (driver !== 'bridge') return daemonError(cli, `plugin "${driver}" not found`);
  cli.out(`${createBridgeNetwork(engine, ctx, name).id}\n`);
  return 0;
};

/** Creates a bridge network on the next free 172.x.0.0/16 subnet. */
export function createBridgeNetwork(
  engine: DockerEngine,
  ctx: { random: RandomState; now(): number },
  name: string,
  labels?: Record<string, string>,
): NetworkRecord {
  const used = Object.values(engine.state.networks).filter((n) => n.driver === 'bridge').length;
  const second = 17 + used;
  const id = nextHex(ctx.random, 64);
  const network: NetworkRecord = {
    id,
    name,
    driver: 'bridge',
    subnet: `172.${second}.0.0/16`,
    gateway: `172.${second}.0.1`,
    created: ctx.now(),
    nextHost: 2,
    ...(labels ? { labels } : {}),
  };
  engine.state.networks[id] = network;
  engine.logEvent({ type: 'network', action: 'create', id, attributes: { name, type: 'bridge' } });
  return network;
}

const NETWORK_FILTERS = ['driver', 'id', 'label', 'name', 'scope', 'type'];
const BUILTIN_NETWORKS = ['bridge', 'host', 'none'];

/**
 * Whether a network passes one filter, as the daemon reads it: name and id match as patterns (the
 * sandbox's own engine, whose searches have a budget; a pattern it cannot run matches nothing).
 */
function networkMatches(
  n: { id: string; name: string; driver: string; labels?: Record<string, string> },
  key: string,
  value: string,
): boolean {
  const pattern = (source: string) => {
    try {
      return compilePattern(value).test(source);
    } catch {
      return false;
    }
  };
  if (key === 'name') return pattern(n.name);
  if (key === 'id') return pattern(n.id);
  if (key === 'driver') return n.driver === value;
  if (key === 'scope') return value === 'local';
  if (key === 'type') return (value === 'builtin') === BUILTIN_NETWORKS.includes(n.name);
  const [k, v] = value.split('=', 2);
  const labels = n.labels ?? {};
  return k !== undefined && k in labels && (v === undefined || labels[k] === v);
}

export const networkLs: DockerCommand['run'] = async (cli, parsed) => {
  const filters = parseFilters(flagAll(parsed, 'filter'), NETWORK_FILTERS);
  if (typeof filters === 'string') {
    cli.err(`${filters}\n`);
    return 1;
  }
  const networks = Object.values(cli.engine.state.networks)
    .filter((n) => [...filters].every(([key, values]) => values.some((v) => networkMatches(n, key, v))))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (flagOn(parsed, 'quiet')) {
    for (const n of networks) cli.out(`${n.id.slice(0, 12)}\n`);
    return 0;
  }
  const format = flag(parsed, 'format');
  if (format) {
    const rows = networks.map((n) => ({
      ID: flagOn(parsed, 'no-trunc') ? n.id : n.id.slice(0, 12),
      Name: n.name,
      Driver: n.driver,
      Scope: 'local',
      IPv6: 'false',
      Internal: 'false',
      Labels: Object.entries(n.labels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    }));
    return printFormatted(cli, format, rows, {
      ID: 'NETWORK ID',
      Name: 'NAME',
      Driver: 'DRIVER',
      Scope: 'SCOPE',
    });
  }
  cli.out(
    renderTable([
      ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'],
      ...networks.map((n) => [n.id.slice(0, 12), n.name, n.driver, 'local']),
    ]),
  );
  return 0;
};

export const networkRm: DockerCommand['run'] = async (cli, parsed) => {
  const { engine } = cli;
  const errors: string[] = [];
  for (const name of parsed.positionals) {
    const n = engine.networkByName(name);
    if (!n) errors.push(`Error response from daemon: network ${name} not found`);
    else if (['bridge', 'host', 'none'].includes(n.name))
      errors.push(`Error response from daemon: ${n.name} is a pre-defined network and cannot be removed`);
    else {
      // libnetwork's ActiveEndpointsError lists each endpoint by name and short id.
      const endpoints = engine
        .runningOn(n.name)
        .map((c) => `name:"${c.name}" id:"${endpointId(c, n.name).slice(0, 12)}"`);
      if (endpoints.length > 0) {
        errors.push(
          `Error response from daemon: error while removing network: network ${n.name} has active endpoints (${endpoints.join(', ')})`,
        );
      } else {
        removeNetwork(engine, n);
        cli.out(`${name}\n`);
      }
    }
  }
  if (errors.length === 0) return 0;
  // The client ends with its own status line once every network has been tried.
  cli.err(`${errors.join('\n')}\nexit status 1\n`);
  return 1;
};

/** A container's endpoint on a network: an id of its own, derived from the container's and the network's. */
export function endpointId(c: ContainerRecord, network: string): string {
  const reversed = c.id.split('').reverse().join('');
  if (network === c.network.network) return reversed;
  return sha256Hex(`${reversed}:${network}`);
}

/** `docker network connect` and `disconnect`: the network and the container, each the daemon's to find. */
function networkAndContainer(
  cli: DockerCli,
  networkName: string,
  containerName: string,
): { network: NetworkRecord; container: ContainerRecord } | { error: string } {
  const network = cli.engine.networkByName(networkName);
  if (!network) return { error: `network ${networkName} not found` };
  const container = cli.engine.findContainer(containerName);
  if (!container) return { error: `No such container: ${containerName}` };
  return { network, container };
}

export const networkConnect: DockerCommand['run'] = async (cli, parsed) => {
  cli.engine.reconcile();
  const found = networkAndContainer(cli, parsed.positionals[0] ?? '', parsed.positionals[1] ?? '');
  if ('error' in found) return daemonError(cli, found.error);
  const refused = cli.engine.connect(found.container, found.network);
  if (refused !== undefined) return daemonError(cli, refused);
  if (found.container.state.status === 'running')
    cli.engine.networkEvent(found.container, found.network.name, 'connect');
  return 0;
};

export const networkDisconnect: DockerCommand['run'] = async (cli, parsed) => {
  cli.engine.reconcile();
  const found = networkAndContainer(cli, parsed.positionals[0] ?? '', parsed.positionals[1] ?? '');
  if ('error' in found) return daemonError(cli, found.error);
  const { network, container } = found;
  if (!endpointsOf(container).some((e) => e.network === network.name))
    return daemonError(cli, `container ${container.id} is not connected to network ${network.name}`);
  if (container.state.status === 'running') cli.engine.networkEvent(container, network.name, 'disconnect');
  if (container.network.network === network.name) {
    // Leaving the network it started on: the next one it joined takes its place, or none.
    const [next, ...rest] = container.connected ?? [];
    container.network = next ?? { ip: '', mac: '', network: '' };
    container.hostConfig.networkMode = next?.network ?? 'none';
    container.connected = rest;
  } else {
    container.connected = (container.connected ?? []).filter((e) => e.network !== network.name);
  }
  return 0;
};

function removeNetwork(engine: DockerEngine, n: NetworkRecord): void {
  delete engine.state.networks[n.id];
  engine.logEvent({
    type: 'network',
    action: 'destroy',
    id: n.id,
    attributes: { name: n.name, type: n.driver },
  });
}

/** Removes the user-defined networks no running container is on; returns their names, sorted. */
export function pruneNetworks(engine: DockerEngine): string[] {
  const unused = Object.values(engine.state.networks)
    .filter((n) => !['bridge', 'host', 'none'].includes(n.name) && engine.runningOn(n.name).length === 0)
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const n of unused) removeNetwork(engine, n);
  return unused.map((n) => n.name);
}

export const networkPrune: DockerCommand['run'] = async (cli, parsed) => {
  cli.engine.reconcile();
  if (
    !flagOn(parsed, 'force') &&
    !confirm(cli, 'WARNING! This will remove all custom networks not used by at least one container.')
  )
    return 0;
  const names = pruneNetworks(cli.engine);
  if (names.length > 0) cli.out(`Deleted Networks:\n${names.map((n) => `${n}\n`).join('')}\n`);
  return 0;
};

export const networkInspect: DockerCommand['run'] = async (cli, parsed) => {
  const { engine } = cli;
  engine.reconcile();
  const out = [];
  for (const name of parsed.positionals) {
    const n = engine.networkByName(name);
    if (!n) return daemonError(cli, `network ${name} not found`);
    const members = engine.runningOn(n.name);
    out.push({
      Name: n.name,
      Id: n.id,
      Created: new Date(n.created).toISOString(),
      Scope: 'local',
      Driver: n.driver,
      EnableIPv6: false,
      IPAM: {
        Driver: 'default',
        Options: null,
        Config: n.subnet ? [{ Subnet: n.subnet, Gateway: n.gateway }] : [],
      },
      Internal: false,
      Attachable: false,
      Containers: Object.fromEntries(
        members.map((c) => {
          const endpoint = endpointsOf(c).find((e) => e.network === n.name);
          return [
            c.id,
            {
              Name: c.name,
              EndpointID: endpointId(c, n.name),
              MacAddress: endpoint?.mac ?? '',
              IPv4Address: `${endpoint?.ip ?? ''}/16`,
              IPv6Address: '',
            },
          ];
        }),
      ),
      Options: {},
      Labels: n.labels ?? {},
    });
  }
  const format = flag(parsed, 'format');
  if (format) return printFormatted(cli, format, out, {});
  cli.out(`${JSON.stringify(out, null, 4)}\n`);
  return 0;
};
