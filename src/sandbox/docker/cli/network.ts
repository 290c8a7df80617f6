import { nextHex, type RandomState } from '../../core/random.ts';
import type { DockerEngine } from '../engine.ts';
import { renderTable } from '../format/table.ts';
import type { ContainerRecord, NetworkRecord } from '../state.ts';
import { type DockerCommand, daemonError, printFormatted } from './context.ts';
import { flag, flagOn } from './flags.ts';

export const networkCreate: DockerCommand = {
  name: 'network create',
  usage: 'docker network create [OPTIONS] NETWORK',
  summary: 'Create a network',
  flags: [{ name: 'driver', short: 'd', value: true }, { name: 'subnet', value: true }, { name: 'help' }],
  minArgs: 1,
  maxArgs: 1,
  run: async (cli, parsed) => {
    const { engine, ctx } = cli;
    const name = parsed.positionals[0] as string;
    if (Object.values(engine.state.networks).some((n) => n.name === name))
      return daemonError(cli, `network with name ${name} already exists`);
    const driver = flag(parsed, 'driver') ?? 'bridge';
    if (driver !== 'bridge') return daemonError(cli, `plugin "${driver}" not found`);
    cli.out(`${createBridgeNetwork(engine, ctx, name).id}\n`);
    return 0;
  },
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
  return network;
}

export const networkLs: DockerCommand = {
  name: 'network ls',
  aliases: ['network list'],
  usage: 'docker network ls [OPTIONS]',
  summary: 'List networks',
  flags: [
    { name: 'quiet', short: 'q' },
    { name: 'no-trunc' },
    { name: 'format', value: true, usage: 'Format output using a custom template' },
    { name: 'help' },
  ],
  maxArgs: 0,
  run: async (cli, parsed) => {
    const networks = Object.values(cli.engine.state.networks).sort((a, b) => a.name.localeCompare(b.name));
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
  },
};

export const networkRm: DockerCommand = {
  name: 'network rm',
  aliases: ['network remove'],
  usage: 'docker network rm NETWORK [NETWORK...]',
  summary: 'Remove one or more networks',
  flags: [{ name: 'force', short: 'f' }, { name: 'help' }],
  minArgs: 1,
  run: async (cli, parsed) => {
    const { engine } = cli;
    const errors: string[] = [];
    for (const name of parsed.positionals) {
      const n = engine.networkByName(name);
      if (!n) errors.push(`Error response from daemon: network ${name} not found`);
      else if (['bridge', 'host', 'none'].includes(n.name))
        errors.push(`Error response from daemon: ${n.name} is a pre-defined network and cannot be removed`);
      else {
        // libnetwork's ActiveEndpointsError lists each endpoint by name and short id.
        const endpoints = Object.values(engine.state.containers)
          .filter((c) => c.network.network === n.name && c.state.status === 'running')
          .map((c) => `name:"${c.name}" id:"${endpointId(c).slice(0, 12)}"`);
        if (endpoints.length > 0) {
          errors.push(
            `Error response from daemon: error while removing network: network ${n.name} has active endpoints (${endpoints.join(', ')})`,
          );
        } else {
          delete engine.state.networks[n.id];
          cli.out(`${name}\n`);
        }
      }
    }
    if (errors.length === 0) return 0;
    // The client ends with its own status line once every network has been tried.
    cli.err(`${errors.join('\n')}\nexit status 1\n`);
    return 1;
  },
};

/** A container's endpoint on its network: an id of its own, derived from the container's. */
function endpointId(c: ContainerRecord): string {
  return c.id.split('').reverse().join('');
}

export const networkInspect: DockerCommand = {
  name: 'network inspect',
  usage: 'docker network inspect [OPTIONS] NETWORK [NETWORK...]',
  summary: 'Display detailed information on one or more networks',
  flags: [{ name: 'format', short: 'f', value: true }, { name: 'help' }],
  minArgs: 1,
  run: async (cli, parsed) => {
    const { engine } = cli;
    engine.reconcile();
    const out = [];
    for (const name of parsed.positionals) {
      const n = engine.networkByName(name);
      if (!n) return daemonError(cli, `network ${name} not found`);
      const members = Object.values(engine.state.containers).filter(
        (c) => c.network.network === n.name && c.state.status === 'running',
      );
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
          members.map((c) => [
            c.id,
            {
              Name: c.name,
              EndpointID: endpointId(c),
              MacAddress: c.network.mac,
              IPv4Address: `${c.network.ip}/16`,
              IPv6Address: '',
            },
          ]),
        ),
        Options: {},
        Labels: n.labels ?? {},
      });
    }
    const format = flag(parsed, 'format');
    if (format) return printFormatted(cli, format, out, {});
    cli.out(`${JSON.stringify(out, null, 4)}\n`);
    return 0;
  },
};
