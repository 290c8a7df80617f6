import { nextInt } from '../core/random.ts';
import { Interrupted, type Program, type ProgramContext } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';

/** The options both pings share that change what they print or how long they wait. */
interface PingOptions {
  /** Echo requests to send; unlimited until Ctrl-C. */
  count: number;
  /** Seconds to wait for an answer after the last request. */
  wait: number;
  quiet: boolean;
  /** Bytes of payload (56, so 64 with the ICMP header). */
  size: number;
}

/** A round-trip time on a bridge or loopback, in microseconds: tens of microseconds. */
function roundTrip(ctx: ProgramContext): number {
  return nextInt(ctx.random, 38, 140);
}

/** `0.062`: milliseconds with three decimals, as both pings print times under a millisecond. */
function ms(us: number): string {
  return (us / 1000).toFixed(3);
}

/** A whole-number option; undefined when the text is not one. */
function whole(text: string | undefined, fallback: number): number | undefined {
  if (text === undefined) return fallback;
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * `ping [-c COUNT] [-W SECONDS] [-s SIZE] [-q] HOST`: BusyBox's (as in Alpine and busybox images) or
 * iputils' (as on Ubuntu). It asks the machine where the name leads (`System.echo`): a name nobody
 * resolves fails at once, an address nobody holds answers nothing until the wait runs out.
 */
export function ping(flavor: Flavor): Program {
  const busybox = flavor === 'busybox';
  return async (ctx) => {
    const args = parseArgs(ctx.argv.slice(1), { flags: 'q46', values: 'cWwsi' }, flavor);
    if (!args.ok) return usageError(ctx, 'ping', flavor, args.message, 2);
    const count = whole(args.get('c'), 0);
    const wait = whole(args.get('W') ?? args.get('w'), 10);
    const size = whole(args.get('s'), 56);
    for (const [value, key] of [
      [count, 'c'],
      [wait, args.has('W') ? 'W' : 'w'],
      [size, 's'],
    ] as const) {
      if (value !== undefined) continue;
      ctx.stderr.write(
        busybox
          ? `ping: invalid number '${args.get(key)}'\n`
          : `ping: invalid argument: '${args.get(key)}'\n`,
      );
      return 1;
    }
    const host = args.operands[0];
    if (host === undefined) {
      if (busybox) return usageError(ctx, 'ping', flavor, '');
      ctx.stderr.write('ping: usage error: Destination address required\n');
      return 1;
    }
    const options: PingOptions = {
      count: count as number,
      wait: wait as number,
      quiet: args.has('q'),
      size: size as number,
    };
    const route = ctx.system.echo?.(host) ?? { error: 'unresolved' as const };
    if ('error' in route) {
      ctx.stderr.write(
        busybox ? `ping: bad address '${host}'\n` : `ping: ${host}: Temporary failure in name resolution\n`,
      );
      return busybox ? 1 : 2;
    }
    return send(ctx, busybox, host, route, options);
  };
}

async function send(
  ctx: ProgramContext,
  busybox: boolean,
  host: string,
  route: { address: string; answers: boolean },
  o: PingOptions,
): Promise<number> {
  const { address } = route;
  const out = (text: string) => ctx.stdout.write(text);
  const bytes = o.size + 8;
  out(
    busybox
      ? `PING ${host} (${address}): ${o.size} data bytes\n`
      : `PING ${host} (${address}) ${o.size}(${o.size + 28}) bytes of data.\n`,
  );
  // iputils names the peer when it was given a name; BusyBox prints the address alone.
  const from = !busybox && host !== address ? `${host} (${address})` : address;
  const times: number[] = [];
  let sent = 0;
  const started = ctx.now();
  try {
    while (o.count === 0 || sent < o.count) {
      if (sent > 0) await ctx.sleep(1000);
      sent++;
      if (!route.answers) continue;
      const rtt = roundTrip(ctx);
      times.push(rtt);
      if (!o.quiet)
        out(
          busybox
            ? `${bytes} bytes from ${from}: seq=${sent - 1} ttl=64 time=${ms(rtt)} ms\n`
            : `${bytes} bytes from ${from}: icmp_seq=${sent} ttl=64 time=${ms(rtt)} ms\n`,
        );
    }
    if (!route.answers) await ctx.sleep(o.wait * 1000);
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
  }
  const received = times.length;
  const loss = sent === 0 ? 0 : Math.round(((sent - received) / sent) * 100);
  out(`\n--- ${host} ping statistics ---\n`);
  if (busybox) {
    out(`${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`);
    if (received > 0) out(`round-trip min/avg/max = ${stats(times).slice(0, 3).join('/')} ms\n`);
  } else {
    const elapsed =
      received > 0 ? Math.max(0, ctx.now() - started) + (sent > 1 ? nextInt(ctx.random, 1, 3) : 0) : 0;
    out(`${sent} packets transmitted, ${received} received, ${loss}% packet loss, time ${elapsed}ms\n`);
    if (received > 0) out(`rtt min/avg/max/mdev = ${stats(times).join('/')} ms\n`);
  }
  return received > 0 ? 0 : 1;
}

/** min, avg, max and mean deviation, in milliseconds with three decimals. */
function stats(times: number[]): string[] {
  const avg = times.reduce((a, b) => a + b, 0) / times.length;
  const mdev = Math.sqrt(times.reduce((a, b) => a + b * b, 0) / times.length - avg * avg);
  return [Math.min(...times), avg, Math.max(...times), mdev].map((us) => ms(Math.round(us)));
}
