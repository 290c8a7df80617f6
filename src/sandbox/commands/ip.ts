import type { Program } from '../shell/program.ts';
import type { NetInterface } from '../shell/system.ts';
import type { Flavor } from './flavor.ts';

/** `a.b.c.d/n` → the broadcast address of that subnet. */
function broadcast(cidr: string): string {
  const [ip = '', bits = '32'] = cidr.split('/');
  const value = ip.split('.').reduce((acc, octet) => (acc << 8) | Number(octet), 0) >>> 0;
  const host = 32 - Number(bits);
  const b = (value | ((2 ** host - 1) >>> 0)) >>> 0;
  return [b >>> 24, (b >>> 16) & 255, (b >>> 8) & 255, b & 255].join('.');
}

/** One interface in `ip addr` layout; BusyBox leaves out `group default`. */
function formatInterface(i: NetInterface, flavor: Flavor): string {
  const loopback = i.name === 'lo';
  const flags = loopback
    ? 'LOOPBACK,UP,LOWER_UP'
    : i.up
      ? 'BROADCAST,MULTICAST,UP,LOWER_UP'
      : 'NO-CARRIER,BROADCAST,MULTICAST,UP';
  const state = loopback ? 'UNKNOWN' : i.up ? 'UP' : 'DOWN';
  const qdisc = i.name.startsWith('ens') ? 'fq_codel' : 'noqueue';
  const master = i.name.startsWith('veth') ? ' master docker0' : '';
  const group = flavor === 'gnu' ? ' group default' : '';
  const qlen = loopback || i.name.startsWith('ens') ? ' qlen 1000' : ' ';
  const lines = [
    `${i.index}: ${i.name}${i.peer ? `@${i.peer}` : ''}: <${flags}> mtu ${i.mtu} qdisc ${qdisc}${master} state ${state}${group}${qlen}`,
    loopback
      ? '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00'
      : `    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff${i.name.startsWith('veth') ? ' link-netnsid 0' : ''}`,
  ];
  for (const inet of i.inet) {
    const scope = loopback ? 'scope host' : `brd ${broadcast(inet)} scope global`;
    lines.push(`    inet ${inet} ${scope} ${i.name}`, '       valid_lft forever preferred_lft forever');
  }
  // The host's loopback also has IPv6's (iproute2 ends the scope with a space when no label follows).
  if (loopback && flavor === 'gnu')
    lines.push('    inet6 ::1/128 scope host ', '       valid_lft forever preferred_lft forever');
  return `${lines.join('\n')}\n`;
}

/** `ip addr` / `ip a` / `ip link` (iproute2 on the host, BusyBox in Alpine). */
export function ip(flavor: Flavor): Program {
  return async (ctx) => {
    const [object = '', ...rest] = ctx.argv.slice(1);
    const interfaces = ctx.system.interfaces();
    if (object === '' || object === 'help') {
      ctx.stderr.write(
        'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { address | link | route | neigh }\n',
      );
      return object === '' ? 1 : 0;
    }
    if ('address'.startsWith(object) || 'addr'.startsWith(object)) {
      const only = rest[0] === 'show' ? rest[1] : undefined;
      const chosen = only ? interfaces.filter((i) => i.name === only) : interfaces;
      if (only && chosen.length === 0) {
        ctx.stderr.write(`Device "${only}" does not exist.\n`);
        return 1;
      }
      for (const i of chosen) ctx.stdout.write(formatInterface(i, flavor));
      return 0;
    }
    if ('link'.startsWith(object)) {
      for (const i of interfaces) ctx.stdout.write(formatInterface({ ...i, inet: [] }, flavor));
      return 0;
    }
    if ('route'.startsWith(object)) {
      const eth = interfaces.find((i) => i.name === 'eth0' || i.name === 'ens3');
      const inet = eth?.inet[0];
      if (eth && inet) {
        const [addr = '', bits = '24'] = inet.split('/');
        const gateway = eth.name === 'ens3' ? '10.0.2.2' : `${addr.split('.').slice(0, 2).join('.')}.0.1`;
        const net =
          eth.name === 'ens3' ? '10.0.2.0/24' : `${addr.split('.').slice(0, 2).join('.')}.0.0/${bits}`;
        ctx.stdout.write(
          `default via ${gateway} dev ${eth.name}${flavor === 'gnu' ? ' proto dhcp src 10.0.2.15 metric 100' : ' '}\n`,
        );
        ctx.stdout.write(
          `${net} dev ${eth.name} proto kernel scope link src ${addr}${flavor === 'gnu' ? ' metric 100' : ''}\n`,
        );
      }
      for (const i of interfaces.filter((x) => x.name === 'docker0' || x.name.startsWith('br-'))) {
        const gw = i.inet[0]?.split('/')[0] ?? '';
        ctx.stdout.write(
          `${gw.split('.').slice(0, 2).join('.')}.0.0/16 dev ${i.name} proto kernel scope link src ${gw}${i.up ? '' : ' linkdown'}\n`,
        );
      }
      return 0;
    }
    ctx.stderr.write(`Object "${object}" is unknown, try "ip help".\n`);
    return 1;
  };
}
