import type { Program, ProgramContext } from '../shell/program.ts';
import type { HttpResponse } from '../shell/system.ts';
import { parseArgs } from './args.ts';
import type { Flavor } from './flavor.ts';
import { absolute, errorText } from './read.ts';
import { parseUrl, resolveLocation, type Url } from './url.ts';

interface CurlOptions {
  silent: boolean;
  showError: boolean;
  head: boolean;
  include: boolean;
  output: string | undefined;
  remoteName: boolean;
  location: boolean;
  method: string | undefined;
  fail: boolean;
  verbose: boolean;
  writeOut: string | undefined;
  data: string | undefined;
  userAgent: string | undefined;
  /** `-H 'Name: value'` headers, in order. */
  headers: [string, string][];
}

/** curl's 5-character size/speed cells: `  612`, ` 597k`, `12.3M`. */
export function max5(bytes: number): string {
  const K = 1024;
  const M = K * K;
  if (bytes < 100000) return String(bytes).padStart(5);
  if (bytes < 10000 * K) return `${String(Math.floor(bytes / K)).padStart(4)}k`;
  if (bytes < 100 * M)
    return `${String(Math.floor(bytes / M)).padStart(2)}.${Math.floor((bytes % M) / (M / 10))}M`;
  if (bytes < 10000 * M) return `${String(Math.floor(bytes / M)).padStart(4)}M`;
  return `${String(Math.floor(bytes / (M * K))).padStart(4)}G`;
}

/** curl's 8-character times: `--:--:--` when unknown or zero, else ` 0:00:03`. */
function time8(seconds: number): string {
  if (seconds <= 0) return '--:--:--';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  return `${String(h).padStart(2)}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

export const METER_HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** One progress line (without the leading `\r`). */
export function meterLine(total: number, received: number, ms: number): string {
  const percent = (n: number) => String(total > 0 ? Math.floor((n * 100) / total) : 0).padStart(3);
  const speed = ms > 0 ? Math.floor((received * 1000) / ms) : 0;
  const spent = Math.floor(ms / 1000);
  const timeTotal = spent > 0 ? time8(spent) : '--:--:--';
  return `${percent(received)} ${max5(total)}  ${percent(received)} ${max5(received)}  ${percent(0)} ${max5(0)}  ${max5(speed)}  ${max5(0)} ${timeTotal} ${time8(spent)} --:--:-- ${max5(speed)}`;
}

function parseCurlArgs(
  args: string[],
): { options: CurlOptions; urls: string[] } | { error: string; status: number } {
  const parsed = parseArgs(
    args,
    {
      flags: 'sSIiOLfvkgN#',
      values: 'oXwHdumAe',
      long: {
        silent: 's',
        'show-error': 'S',
        head: 'I',
        include: 'i',
        'output=': 'o',
        'remote-name': 'O',
        location: 'L',
        'request=': 'X',
        fail: 'f',
        verbose: 'v',
        insecure: 'k',
        'write-out=': 'w',
        'header=': 'H',
        'data=': 'd',
        'user=': 'u',
        'max-time=': 'm',
        'connect-timeout=': 'connect-timeout',
        'user-agent=': 'A',
        'retry=': 'retry',
        'progress-bar': '#',
        'no-buffer': 'N',
        'fail-with-body': 'f',
      },
    },
    'gnu',
  );
  if (!parsed.ok) {
    const option = /'(.*)'|-- '(.)'/.exec(parsed.message);
    const name = option?.[1] ?? (option?.[2] ? `-${option[2]}` : '');
    if (parsed.message.includes('requires an argument'))
      return { error: `curl: option ${name}: requires parameter`, status: 2 };
    return { error: `curl: option ${name}: is unknown`, status: 2 };
  }
  return {
    urls: parsed.operands,
    options: {
      silent: parsed.has('s'),
      showError: parsed.has('S'),
      head: parsed.has('I'),
      include: parsed.has('i'),
      output: parsed.get('o'),
      remoteName: parsed.has('O'),
      location: parsed.has('L'),
      method: parsed.get('X'),
      fail: parsed.has('f'),
      verbose: parsed.has('v'),
      writeOut: parsed.get('w'),
      data: parsed.get('d'),
      userAgent: parsed.get('A'),
      headers: parsed.options
        .filter(([k]) => k === 'H')
        .map(
          ([, v]) =>
            [v.slice(0, v.indexOf(':')).trim(), v.slice(v.indexOf(':') + 1).trim()] as [string, string],
        )
        .filter(([k]) => k !== ''),
    },
  };
}

function headerBlock(response: HttpResponse): string {
  return `${response.protocol ?? 'HTTP/1.1'} ${response.status} ${response.statusText}\r\n${response.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

function writeOut(format: string, url: Url, response: HttpResponse | undefined): string {
  const vars: Record<string, string> = {
    http_code: String(response?.status ?? 0).padStart(3, '0'),
    response_code: String(response?.status ?? 0).padStart(3, '0'),
    url_effective: url.text,
    content_type: response?.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '',
    size_download: String(response ? new TextEncoder().encode(response.body).length : 0),
  };
  return format
    .replace(/%\{([a-z_]+)\}/g, (all, name: string) => vars[name] ?? all)
    .replace(/\\n/g, '\n')
    .replace(/\\r/g, '\r')
    .replace(/\\t/g, '\t');
}

/** The version a machine's curl reports: Ubuntu 24.04 ships 8.5.0; Debian 13 and Alpine 3.22 8.14.1. */
function curlVersion(ctx: ProgramContext): string {
  let release = '';
  try {
    release = ctx.fs.readText('/etc/os-release');
  } catch {
    release = '';
  }
  return /^ID=ubuntu$/m.test(release) ? '8.5.0' : '8.14.1';
}

/** What curl sends: Host, User-Agent and Accept, each replaced (or added) by a -H of that name. */
function requestHeaders(ctx: ProgramContext, o: CurlOptions, url: Url): [string, string][] {
  const defaultPort = url.scheme === 'https' ? 443 : 80;
  const own: [string, string][] = [
    ['Host', url.port === defaultPort ? url.host : `${url.host}:${url.port}`],
    ['User-Agent', o.userAgent ?? `curl/${curlVersion(ctx)}`],
    ['Accept', '*/*'],
  ];
  const given = (name: string) => o.headers.some(([k]) => k.toLowerCase() === name.toLowerCase());
  // -d sends its data as a form unless a header says otherwise, with its length.
  const data: [string, string][] =
    o.data === undefined
      ? []
      : [
          ['Content-Length', String(new TextEncoder().encode(o.data).length)],
          ...(given('Content-Type')
            ? []
            : ([['Content-Type', 'application/x-www-form-urlencoded']] as [string, string][])),
        ];
  return [...own.filter(([k]) => !given(k)), ...o.headers.filter(([, v]) => v !== ''), ...data];
}

/**
 * Reports a curl error: printed unless -s without -S; returns the exit code. A transfer that was
 * tried (`url` given) still writes its -w text, with code 000 when no server answered.
 */
function failure(
  ctx: ProgramContext,
  o: CurlOptions,
  code: number,
  message: string,
  meter: boolean,
  url?: Url,
  response?: HttpResponse,
): number {
  if (meter) ctx.stderr.write('\n');
  if (url && o.writeOut !== undefined) ctx.stdout.write(writeOut(o.writeOut, url, response));
  if (!o.silent || o.showError) ctx.stderr.write(`curl: (${code}) ${message}\n`);
  return code;
}

/**
 * `curl [-sSIiLf] [-o FILE|-O] [-X METHOD] URL` over the sandbox's network, with curl 8's wording and
 * meter. Only one curl exists (Alpine's comes from the curl package), so the flavour changes nothing.
 */
export function curl(_flavor: Flavor): Program {
  return async (ctx) => {
    const parsedArgs = parseCurlArgs(ctx.argv.slice(1));
    if ('error' in parsedArgs) {
      ctx.stderr.write(
        `${parsedArgs.error}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
      );
      return parsedArgs.status;
    }
    const { options: o, urls } = parsedArgs;
    if (urls.length === 0) {
      ctx.stderr.write(
        "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
      );
      return 2;
    }
    let status = 0;
    for (const raw of urls) status = await fetchOne(ctx, o, raw);
    return status;
  };
}

async function fetchOne(ctx: ProgramContext, o: CurlOptions, raw: string): Promise<number> {
  let url = parseUrl(raw);
  if (!url) return failure(ctx, o, 3, 'URL rejected: Malformed input to a URL function', false);
  if (url.scheme !== 'http' && url.scheme !== 'https')
    return failure(ctx, o, 1, `Protocol "${url.scheme}" not supported`, false);
  let outFile = o.output;
  if (o.remoteName) {
    outFile = url.path.split('?')[0]?.split('/').pop() ?? '';
    if (!outFile) return failure(ctx, o, 23, 'Failed writing received data to disk/application', false);
  }
  const meter = !o.silent && (outFile !== undefined || !ctx.stdout.isTTY);
  if (meter) ctx.stderr.write(`${METER_HEADER}\r${meterLine(0, 0, 0)}`);
  const method = o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET');
  let shown = '';
  let response: HttpResponse | undefined;
  for (let hops = 0; ; hops++) {
    const started = ctx.now();
    const result = ctx.system.http(url.host, url.port, method, url.path, requestHeaders(ctx, o, url), o.data);
    if ('error' in result) {
      const loopback = url.host === 'localhost' || url.host.startsWith('127.');
      if (result.error === 'unresolved')
        return failure(ctx, o, 6, `Could not resolve host: ${url.host}`, meter, url);
      if (result.error === 'timeout') {
        await ctx.sleep(130_000);
        return failure(
          ctx,
          o,
          28,
          `Failed to connect to ${url.host} port ${url.port} after ${ctx.now() - started} ms: Timeout was reached`,
          meter,
          url,
        );
      }
      const ms = loopback ? 0 : 2;
      await ctx.sleep(ms);
      return failure(
        ctx,
        o,
        7,
        `Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Couldn't connect to server`,
        meter,
        url,
      );
    }
    response = result;
    if (o.include || o.head) shown += headerBlock(result);
    const location = result.headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
    if (o.location && result.status >= 300 && result.status < 400 && location !== undefined) {
      if (hops >= 50) return failure(ctx, o, 47, 'Maximum (50) redirects followed', meter);
      const next = resolveLocation(url, location);
      if (!next) return failure(ctx, o, 3, 'URL rejected: Malformed input to a URL function', meter);
      url = next;
      continue;
    }
    break;
  }
  const body = method === 'HEAD' ? '' : response.body;
  const size = new TextEncoder().encode(body).length;
  const ms = 1 + Math.floor(size / 50_000);
  await ctx.sleep(ms);
  if (o.fail && response.status >= 400) {
    return failure(ctx, o, 22, `The requested URL returned error: ${response.status}`, meter, url, response);
  }
  if (meter) ctx.stderr.write(`\r${meterLine(size, size, ms)}\n`);
  const text = shown + body;
  if (outFile !== undefined && outFile !== '-') {
    try {
      ctx.fs.writeFile(absolute(ctx, outFile), text, { actor: ctx.user });
    } catch (error) {
      return failure(
        ctx,
        o,
        23,
        `Failure writing output to destination, passed ${size} returned 0 (${errorText(error)})`,
        false,
      );
    }
  } else ctx.stdout.write(text);
  if (o.writeOut !== undefined) ctx.stdout.write(writeOut(o.writeOut, url, response));
  return 0;
}
