import type { Program, ProgramContext } from '../shell/program.ts';
import { usageError } from './args.ts';

/** The first `nameserver` of the machine's /etc/resolv.conf: the server nslookup asks. */
function nameserver(ctx: ProgramContext): string {
  let text = '';
  try {
    text = ctx.fs.readText('/etc/resolv.conf');
  } catch {
    text = '';
  }
  return /^nameserver\s+(\S+)/m.exec(text)?.[1] ?? '127.0.0.1';
}

/**
 * BusyBox's `nslookup NAME`: it sends an A and an AAAA query to the resolv.conf server and prints
 * each answer as it arrives. The sandbox's names (a user-defined network's containers) have IPv4
 * addresses only, so the AAAA answer is an empty section, printed first as the embedded DNS sends it.
 */
export const nslookup: Program = async (ctx) => {
  const name = ctx.argv.slice(1).find((a) => !a.startsWith('-'));
  if (name === undefined) return usageError(ctx, 'nslookup', 'busybox', '');
  const server = nameserver(ctx);
  ctx.stdout.write(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  const route = /^[\d.]+$/.test(name) || name === 'localhost' ? undefined : ctx.system.echo?.(name);
  if (!route || 'error' in route) {
    ctx.stdout.write(`** server can't find ${name}: NXDOMAIN\n\n** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  ctx.stdout.write(
    `Non-authoritative answer:\n\nNon-authoritative answer:\nName:\t${name}\nAddress: ${route.address}\n\n`,
  );
  return 0;
};
