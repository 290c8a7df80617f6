import type { Program, ProgramContext } from '../shell/program.ts';
import type { HttpResponse } from '../shell/system.ts';
import { parseArgs, usageError } from './args.ts';
import { strftime } from './date.ts';
import type { Flavor } from './flavor.ts';
import { busyboxHuman, pad0 } from './format.ts';
import { localeQuote } from './quote.ts';
import { absolute, errorText } from './read.ts';
import { addressOf, parseUrl, resolveLocation, type Url } from './url.ts';

/** The file name wget saves to: the last path segment, or index.html. */
function localName(url: Url): string {
  const last = url.path.split('?')[0]?.split('/').pop() ?? '';
  return last || 'index.html';
}

function header(response: HttpResponse, name: string): string | undefined {
  return response.headers.find(([k]) => k.toLowerCase() === name)?.[1];
}

interface WgetOptions {
  quiet: boolean;
  output: string | undefined;
  /** What it sends as User-Agent: `-U`, or the build's own. */
  userAgent: string;
}

/** GNU Wget's default User-Agent: 1.21.4 on Ubuntu 24.04, 1.25.0 on Debian 13. */
function gnuUserAgent(ctx: ProgramContext): string {
  let release = '';
  try {
    release = ctx.fs.readText('/etc/os-release');
  } catch {
    release = '';
  }
  return /^ID=ubuntu$/m.test(release) ? 'Wget/1.21.4' : 'Wget/1.25.0';
}

function save(ctx: ProgramContext, target: string, body: string): string | undefined {
  if (target === '-') {
    ctx.stdout.write(body);
    return undefined;
  }
  try {
    ctx.fs.writeFile(absolute(ctx, target), body, { actor: ctx.user });
    return undefined;
  } catch (error) {
    return errorText(error);
  }
}

/** Follows redirects (up to 20, as both wgets do); returns the final response or the failure. */
function request(
  ctx: ProgramContext,
  start: Url,
  userAgent: string,
): { url: Url; response: HttpResponse } | { url: Url; error: 'refused' | 'unresolved' | 'timeout' } {
  let url = start;
  for (let hops = 0; hops < 20; hops++) {
    const result = ctx.system.http(url.host, url.port, 'GET', url.path, [
      ['Host', url.port === 80 ? url.host : `${url.host}:${url.port}`],
      ['User-Agent', userAgent],
    ]);
    if ('error' in result) return { url, error: result.error };
    const location = header(result, 'location');
    const next =
      location && result.status >= 300 && result.status < 400 ? resolveLocation(url, location) : undefined;
    if (!next) return { url, response: result };
    url = next;
  }
  return { url, error: 'refused' };
}

async function gnuWget(ctx: ProgramContext, o: WgetOptions, url: Url): Promise<number> {
  const log = (text: string) => {
    if (!o.quiet) ctx.stderr.write(text);
  };
  const stamp = () => strftime(ctx.now(), '%Y-%m-%d %H:%M:%S');
  log(`--${stamp()}--  ${url.text}\n`);
  const ip = addressOf(url.host, ctx.system);
  const literal = ip === url.host;
  const result = request(ctx, url, o.userAgent);
  if ('error' in result) {
    if (result.error === 'unresolved') {
      log(`Resolving ${url.host} (${url.host})... failed: Name or service not known.\n`);
      log(`wget: unable to resolve host address ${localeQuote(ctx.env, url.host)}\n`);
      return 4;
    }
    if (!literal) log(`Resolving ${url.host} (${url.host})... ${ip}\n`);
    const target = literal ? `${url.host}:${url.port}` : `${url.host} (${url.host})|${ip}|:${url.port}`;
    if (result.error === 'timeout') await ctx.sleep(900_000);
    log(
      `Connecting to ${target}... failed: ${result.error === 'timeout' ? 'Connection timed out' : 'Connection refused'}.\n`,
    );
    return 4;
  }
  if (!literal) log(`Resolving ${url.host} (${url.host})... ${ip}\n`);
  log(
    `Connecting to ${literal ? `${url.host}:${url.port}` : `${url.host} (${url.host})|${ip}|:${url.port}`}... connected.\n`,
  );
  const { response } = result;
  log(`HTTP request sent, awaiting response... ${response.status} ${response.statusText}\n`);
  if (response.status >= 400) {
    log(`${stamp()} ERROR ${response.status}: ${response.statusText}.\n\n`);
    return 8;
  }
  const size = new TextEncoder().encode(response.body).length;
  const type = header(response, 'content-type')?.split(';')[0];
  log(`Length: ${size}${type ? ` [${type}]` : ''}\n`);
  const target = o.output ?? localName(result.url);
  log(
    target === '-'
      ? `Saving to: ${localeQuote(ctx.env, 'STDOUT')}\n\n`
      : `Saving to: ${localeQuote(ctx.env, target)}\n\n`,
  );
  const ms = 1 + Math.floor(size / 50_000);
  await ctx.sleep(ms);
  const problem = save(ctx, target, response.body);
  if (problem) {
    ctx.stderr.write(`${target}: ${problem}\n`);
    return 3;
  }
  const rate = `${((size * 1000) / ms / 1024 ** 2).toFixed(1)} MB/s`;
  const shownName = target === '-' ? '-' : target;
  log(
    `${shownName.padEnd(19).slice(0, 19)} 100%[===================>] ${String(size).padStart(7)}  --.-KB/s    in 0s      \n\n`,
  );
  log(
    `${stamp()} (${rate}) - ${target === '-' ? 'written to stdout' : `${localeQuote(ctx.env, target)} saved`} [${size}/${size}]\n\n`,
  );
  return 0;
}

async function busyboxWget(ctx: ProgramContext, o: WgetOptions, url: Url): Promise<number> {
  const log = (text: string) => {
    if (!o.quiet) ctx.stderr.write(text);
  };
  const result = request(ctx, url, o.userAgent);
  const ip = addressOf(result.url.host, ctx.system);
  if ('error' in result && result.error === 'unresolved') {
    ctx.stderr.write(`wget: bad address '${result.url.host}'\n`);
    return 1;
  }
  log(`Connecting to ${result.url.host}:${result.url.port} (${ip}:${result.url.port})\n`);
  if ('error' in result) {
    if (result.error === 'timeout') await ctx.sleep(900_000);
    ctx.stderr.write(
      `wget: can't connect to remote host (${ip}): ${result.error === 'timeout' ? 'Connection timed out' : 'Connection refused'}\n`,
    );
    return 1;
  }
  const { response } = result;
  if (response.status >= 400) {
    ctx.stderr.write(`wget: server returned error: HTTP/1.1 ${response.status} ${response.statusText}\n`);
    return 1;
  }
  const target = o.output ?? localName(result.url);
  log(target === '-' ? 'writing to stdout\n' : `saving to '${target}'\n`);
  const size = new TextEncoder().encode(response.body).length;
  await ctx.sleep(1 + Math.floor(size / 50_000));
  const problem = save(ctx, target, response.body);
  if (problem) {
    ctx.stderr.write(`wget: can't open '${target}': ${problem}\n`);
    return 1;
  }
  const shownSize = size < 100000 ? String(size) : busyboxHuman(size);
  log(
    `${target.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}| ${shownSize.padStart(5)}  0:00:${pad0(0)} ETA\n`,
  );
  log(target === '-' ? 'written to stdout\n' : `'${target}' saved\n`);
  return 0;
}

/** `wget [-q] [-O FILE] URL`: GNU Wget 1.21 or BusyBox wget wording. */
export function wget(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      {
        flags: 'qcS',
        values: 'OTUt',
        long: {
          quiet: 'q',
          'output-document=': 'O',
          continue: 'c',
          'timeout=': 'T',
          'user-agent=': 'U',
          'tries=': 't',
        },
      },
      flavor,
    );
    if (!parsed.ok) {
      if (flavor === 'gnu') {
        ctx.stderr.write(
          `wget: ${parsed.message}\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`,
        );
        return 2;
      }
      return usageError(ctx, 'wget', flavor, parsed.message);
    }
    if (parsed.operands.length === 0) {
      if (flavor === 'gnu') {
        ctx.stderr.write(
          "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n",
        );
        return 1;
      }
      return usageError(ctx, 'wget', flavor, '');
    }
    const o: WgetOptions = {
      quiet: parsed.has('q'),
      output: parsed.get('O'),
      // BusyBox sends a bare "Wget".
      userAgent: parsed.get('U') ?? (flavor === 'gnu' ? gnuUserAgent(ctx) : 'Wget'),
    };
    let status = 0;
    for (const raw of parsed.operands) {
      const url = parseUrl(raw);
      if (!url || (url.scheme !== 'http' && url.scheme !== 'https')) {
        ctx.stderr.write(
          flavor === 'gnu' ? `${raw}: Unsupported scheme.\n` : `wget: not an http or ftp url: ${raw}\n`,
        );
        status = 1;
        continue;
      }
      status = flavor === 'gnu' ? await gnuWget(ctx, o, url) : await busyboxWget(ctx, o, url);
    }
    return status;
  };
}
