import type { System } from '../shell/system.ts';
/** A parsed http(s) URL, as curl and wget need it. */
export interface Url {
  scheme: string;
  host: string;
  port: number;
  /** Path with query, always starting with `/`. */
  path: string;
  /** The URL as the tools print it back (scheme added, trailing slash for a bare host). */
  text: string;
}

/** Parses `host`, `host:8080/x`, `http://host/path?q`; undefined when malformed. */
export function parseUrl(input: string): Url | undefined {
  const m =
    /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?(\[[0-9a-fA-F:]+\]|[^/:?#\s]+)(?::(\d*))?([/?][^#\s]*)?(#.*)?$/.exec(
      input.trim(),
    );
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const host = (m[2] as string).toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (port > 65535) return undefined;
  let path = m[4] ?? '/';
  if (path.startsWith('?')) path = `/${path}`;
  const portText = m[3] ? `:${m[3]}` : '';
  return { scheme, host, port, path, text: `${scheme}://${host}${portText}${path}` };
}

/** Resolves a redirect Location against the URL it came from. */
export function resolveLocation(base: Url, location: string): Url | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return parseUrl(location);
  if (location.startsWith('//')) return parseUrl(`${base.scheme}:${location}`);
  const origin = `${base.scheme}://${base.host}${base.port === (base.scheme === 'https' ? 443 : 80) ? '' : `:${base.port}`}`;
  if (location.startsWith('/')) return parseUrl(origin + location);
  const dir = base.path.slice(0, base.path.lastIndexOf('/') + 1);
  return parseUrl(origin + dir + location);
}

/** The address a name resolves to: the machine's own answer (its DNS, /etc/hosts), else a stable private address. */
export function addressOf(host: string, system?: Pick<System, 'echo'>): string {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  const route = system?.echo?.(host);
  if (route && 'address' in route) return route.address;
  if (host === 'localhost') return '127.0.0.1';
  let h = 0;
  for (let i = 0; i < host.length; i++) h = (h * 31 + host.charCodeAt(i)) >>> 0;
  return `172.17.0.${2 + (h % 250)}`;
}
