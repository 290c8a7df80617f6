import { ComposeError } from './errors.ts';
import type { ServicePort } from './model/port.ts';
import type { ServiceVolume } from './model/volume.ts';
import { goNumber, type YamlValue } from './yaml.ts';

/** Canonical forms of Compose's short syntaxes, as compose-go's transform and format packages read them. */

/** Splits a command string into words as go-shellwords does (quotes and backslashes, no expansion). */
export function shellSplit(s: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && (s[i + 1] === '"' || s[i + 1] === '\\' || s[i + 1] === '$')) {
        word += s[++i];
      } else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < s.length) {
      word += s[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new ComposeError('invalid command line string');
  if (inWord) words.push(word);
  return words;
}

/** A scalar as Go's fmt.Sprint prints it (environment and label values). */
export function scalarString(v: YamlValue): string {
  if (typeof v === 'number') return goNumber(v);
  return String(v);
}

/** `list_or_dict` as a map; `KEY` alone (list) or `KEY:` (map) is null. */
export function toMapping(value: unknown): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (Array.isArray(value)) {
    for (const item of value as string[]) {
      const eq = item.indexOf('=');
      if (eq === -1) out[item] = null;
      else out[item.slice(0, eq)] = item.slice(eq + 1);
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out[k] = v === null ? null : scalarString(v as YamlValue);
  }
  return out;
}

function parsePortRange(s: string): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start > 65535 || end > 65535 || end < start) return undefined;
  return [start, end];
}

/** One short port spec, as go-connections' nat.ParsePortSpec and types.ParsePortConfig read it. */
export function parsePortSpec(raw: string): ServicePort[] {
  let rest = raw;
  let proto = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    proto = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  let ip = '';
  let hostPort = '';
  let containerPort = '';
  const v6 = /^\[([^\]]*)\]:(.*)$/.exec(rest);
  const parts = v6 ? [v6[1] as string, ...(v6[2] as string).split(':')] : rest.split(':');
  if (parts.length === 1) containerPort = parts[0] as string;
  else if (parts.length === 2) [hostPort, containerPort] = parts as [string, string];
  else {
    containerPort = parts[parts.length - 1] as string;
    hostPort = parts[parts.length - 2] as string;
    ip = parts.slice(0, -2).join(':');
  }
  if (ip !== '' && !isIp(ip)) throw new ComposeError(`invalid IP address: ${ip}`);
  if (containerPort === '') throw new ComposeError(`no port specified: ${raw}<empty>`);
  const container = parsePortRange(containerPort);
  if (!container) throw new ComposeError(`invalid containerPort: ${containerPort}`);
  let host: [number, number] | undefined;
  if (hostPort !== '') {
    host = parsePortRange(hostPort);
    if (!host) throw new ComposeError(`invalid hostPort: ${hostPort}`);
  }
  if (!['tcp', 'udp', 'sctp'].includes(proto.toLowerCase()))
    throw new ComposeError(`invalid proto: ${proto}`);
  const [start, end] = container;
  if (host && end - start !== host[1] - host[0] && end !== start) {
    throw new ComposeError(
      `invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`,
    );
  }
  const ports: { key: string; port: ServicePort }[] = [];
  for (let i = 0; i <= end - start; i++) {
    let published = '';
    if (host) {
      published = end - start === host[1] - host[0] ? String(host[0] + i) : hostPort;
    }
    const port: ServicePort = { mode: 'ingress', target: start + i, protocol: proto.toLowerCase() };
    if (ip) port.host_ip = ip;
    if (published) port.published = published;
    ports.push({ key: `${start + i}/${proto.toLowerCase()}`, port });
  }
  return ports.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((p) => p.port);
}

function isIp(s: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) return s.split('.').every((o) => Number(o) <= 255);
  return /^[0-9a-fA-F:]+$/.test(s) && s.includes(':');
}

/** The long form of one `ports` entry. */
export function canonicalPort(value: unknown): ServicePort[] {
  if (typeof value === 'number') return parsePortSpec(String(value));
  if (typeof value === 'string') return parsePortSpec(value);
  const v = value as Record<string, unknown>;
  const port: ServicePort = {
    mode: (v.mode as string | undefined) ?? 'ingress',
    target: Number(v.target ?? 0),
    protocol: (v.protocol as string | undefined) ?? 'tcp',
  };
  if (v.name !== undefined) port.name = String(v.name);
  if (v.host_ip !== undefined) port.host_ip = String(v.host_ip);
  if (v.published !== undefined && v.published !== '')
    port.published = scalarString(v.published as YamlValue);
  if (v.app_protocol !== undefined) port.app_protocol = String(v.app_protocol);
  return [port];
}

const BIND_OPTIONS = ['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave', 'z', 'Z'];

/** A short volume spec (`src:dst:ro`), as compose-go's format.ParseVolume reads it. */
export function parseVolumeSpec(spec: string): ServiceVolume {
  if (spec.length === 0) throw new ComposeError('invalid empty volume spec');
  if (spec.length <= 2) return { type: 'volume', target: spec, volume: {} };
  const fields: string[] = [];
  let buffer = '';
  let inVar = 0;
  for (let i = 0; i <= spec.length; i++) {
    const c = spec[i];
    if (c === '$' && spec[i + 1] === '{') {
      inVar++;
      buffer += c;
      continue;
    }
    if (c === '}' && inVar > 0) {
      inVar--;
      buffer += c;
      continue;
    }
    if (c === ':' && buffer.length === 1 && /[A-Za-z]/.test(buffer)) {
      buffer += c;
      continue;
    }
    if ((c === ':' || c === undefined) && inVar === 0) {
      if (buffer.length === 0) throw new ComposeError(`invalid spec: ${spec}: empty section between colons`);
      if (fields.length === 2 && c === ':') throw new ComposeError(`invalid spec: ${spec}: too many colons`);
      fields.push(buffer);
      buffer = '';
      continue;
    }
    buffer += c;
  }
  const v: ServiceVolume = { type: 'volume', target: '' };
  if (fields.length === 1) v.target = fields[0] as string;
  else {
    v.source = fields[0] as string;
    v.target = fields[1] as string;
  }
  if (fields[2] !== undefined) {
    for (const option of fields[2].split(',')) {
      if (option === 'ro') v.read_only = true;
      else if (option === 'rw') v.read_only = false;
      else if (option === 'nocopy') v.volume = { nocopy: true };
      else if (BIND_OPTIONS.includes(option)) {
        v.bind ??= {};
        if (option === 'z' || option === 'Z') v.bind.selinux = option;
        else v.bind.propagation = option;
      }
    }
  }
  const source = v.source ?? '';
  if (source !== '' && ('./~'.includes(source[0] as string) || source.startsWith('\\\\'))) {
    v.type = 'bind';
    v.bind = { ...(v.bind ?? {}), create_host_path: true };
  } else {
    v.type = 'volume';
    v.volume ??= {};
  }
  if (v.read_only === false) delete v.read_only;
  return v;
}

/** Cleans a path as Go's path.Clean does. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86400e9,
  w: 604800e9,
};

/** A Go duration (`1m30s`, `500ms`, also `2d` and `1w` as str2duration reads them), in nanoseconds. */
export function parseDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h|d|w))+$/.exec(s);
  if (!m) return undefined;
  let total = 0;
  for (const part of s.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d|w)/g))
    total += Number(part[1]) * (UNITS[part[2] as string] as number);
  return Math.round(m[1] === '-' ? -total : total);
}

/** Go's time.Duration.String(), shared with the Dockerfile parser. */
export { formatGoDuration as formatDuration } from '../dockerfile/goparse.ts';
