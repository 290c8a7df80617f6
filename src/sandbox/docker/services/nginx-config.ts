import type { Filesystem } from '../../fs/filesystem.ts';
import { normalize } from '../../fs/path.ts';
import { compilePattern, type Pattern } from '../../regex/index.ts';

/** nginx's prefix: relative paths in its configuration (`include mime.types`, `root html`) start here. */
const PREFIX = '/etc/nginx';

/** One directive as written: `name args;` or `name args { children }`, with where it stands. */
interface Directive {
  name: string;
  args: string[];
  file: string;
  line: number;
  children?: Directive[];
}

/** Settings a location inherits from its server and the http block. */
export interface LocationSettings {
  root: string;
  alias?: string;
  index: string[];
  tryFiles?: string[];
  /** status → [uri, status the answer takes (`=200`), if any]. */
  errorPages: Record<number, { uri: string; status?: number }>;
  types: Record<string, string>;
  defaultType: string;
  accessLog: boolean;
  return?: { code: number; text?: string };
}

export interface LocationConf {
  modifier: '' | '=' | '^~' | '~' | '~*';
  pattern: string;
  regex?: Pattern;
  settings: LocationSettings;
}

export interface ServerConf {
  ports: number[];
  defaultPorts: number[];
  names: string[];
  settings: LocationSettings;
  locations: LocationConf[];
}

export interface NginxConfig {
  /** The `user` worker processes run as. */
  user: string;
  servers: ServerConf[];
}

/** A configuration nginx refuses, worded as `nginx: [emerg] …` prints it. */
export class NginxConfigError extends Error {}

const where = (d: { file: string; line: number }) => `in ${d.file}:${d.line}`;

/** Splits configuration text into directives, with nginx's messages for unbalanced braces. */
export function parseDirectives(text: string, file: string): Directive[] {
  const root: Directive[] = [];
  const stack: Directive[][] = [root];
  let words: string[] = [];
  let line = 1;
  let startLine = 1;
  let i = 0;
  const current = () => stack[stack.length - 1] as Directive[];
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\n') {
      line++;
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === ';') {
      if (words.length === 0) throw new NginxConfigError(`unexpected ";" ${where({ file, line })}`);
      current().push({ name: words[0] as string, args: words.slice(1), file, line: startLine });
      words = [];
      i++;
    } else if (ch === '{') {
      if (words.length === 0) throw new NginxConfigError(`unexpected "{" ${where({ file, line })}`);
      const d: Directive = {
        name: words[0] as string,
        args: words.slice(1),
        file,
        line: startLine,
        children: [],
      };
      current().push(d);
      stack.push(d.children as Directive[]);
      words = [];
      i++;
    } else if (ch === '}') {
      if (words.length > 0 || stack.length === 1)
        throw new NginxConfigError(`unexpected "}" ${where({ file, line })}`);
      stack.pop();
      i++;
    } else {
      if (words.length === 0) startLine = line;
      let word = '';
      if (ch === '"' || ch === "'") {
        i++;
        while (i < text.length && text[i] !== ch) {
          if (text[i] === '\\' && i + 1 < text.length) i++;
          if (text[i] === '\n') line++;
          word += text[i];
          i++;
        }
        i++;
      } else {
        while (i < text.length && !/[\s;{}]/.test(text[i] as string)) {
          word += text[i];
          i++;
        }
      }
      words.push(word);
    }
  }
  if (words.length > 0 || stack.length > 1)
    throw new NginxConfigError(
      `unexpected end of file, expecting ${words.length > 0 ? '";" or "}"' : '"}"'} ${where({ file, line })}`,
    );
  return root;
}

/** Whether a file name matches a shell wildcard with `*` and `?` (all `include` patterns use). */
function wildcard(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Where configuration files come from: the container's files, or the copy nginx read at start. */
export interface ConfigSource {
  /** A file's text, or undefined when there is no such file. */
  read(path: string): string | undefined;
  /** The names of the files in a directory. */
  list(dir: string): string[];
}

/** The files of a filesystem, noting every configuration file read into `seen`. */
export function filesystemSource(fs: Filesystem, seen: Record<string, string> = {}): ConfigSource {
  return {
    read: (path) => {
      const node = fs.stat(path);
      if (node?.type !== 'file') return undefined;
      seen[path] = node.text ?? '';
      return seen[path];
    },
    list: (dir) =>
      fs.isDir(dir) ? fs.readdir(dir).filter((n) => fs.stat(`${dir}/${n}`)?.type === 'file') : [],
  };
}

/** Files nginx read earlier (JSON in the container's state), as they were then. */
export function snapshotSource(files: Record<string, string>): ConfigSource {
  return {
    read: (path) => files[path],
    list: (dir) =>
      Object.keys(files)
        .filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/'))
        .map((p) => p.slice(dir.length + 1))
        .sort(),
  };
}

function readConfig(fs: ConfigSource, path: string, from?: Directive): Directive[] {
  const text = fs.read(path);
  if (text === undefined) {
    const at = from ? ` ${where(from)}` : '';
    throw new NginxConfigError(`open() "${path}" failed (2: No such file or directory)${at}`);
  }
  return expandIncludes(fs, parseDirectives(text, path));
}

/** Replaces each `include` with the directives of the files it names (wildcards in the last part). */
function expandIncludes(fs: ConfigSource, list: Directive[]): Directive[] {
  const out: Directive[] = [];
  for (const d of list) {
    if (d.name === 'include' && !d.children) {
      const target = (d.args[0] ?? '').startsWith('/') ? (d.args[0] as string) : `${PREFIX}/${d.args[0]}`;
      const slash = target.lastIndexOf('/');
      const dir = target.slice(0, slash) || '/';
      const base = target.slice(slash + 1);
      if (/[*?[]/.test(base)) {
        for (const name of fs.list(dir).filter((n) => wildcard(base, n) && !n.startsWith('.'))) {
          out.push(...readConfig(fs, `${dir}/${name}`, d));
        }
      } else out.push(...readConfig(fs, normalize(target), d));
      continue;
    }
    out.push(d.children ? { ...d, children: expandIncludes(fs, d.children) } : d);
  }
  return out;
}

function port(listen: string): number {
  const m = /(?:^|:)(\d+)$/.exec(listen);
  return m ? Number(m[1]) : 80;
}

/** Applies the directives of one level over what it inherits; returns the new settings. */
function apply(inherited: LocationSettings, list: Directive[]): LocationSettings {
  const s: LocationSettings = { ...inherited };
  let ownErrorPages: LocationSettings['errorPages'] | undefined;
  let ownTypes: Record<string, string> | undefined;
  for (const d of list) {
    const [first = ''] = d.args;
    switch (d.name) {
      case 'root':
        s.root = first.startsWith('/') ? first : `${PREFIX}/${first}`;
        delete s.alias;
        break;
      case 'alias':
        s.alias = first;
        break;
      case 'index':
        s.index = d.args;
        break;
      case 'try_files':
        s.tryFiles = d.args;
        break;
      case 'default_type':
        s.defaultType = first;
        break;
      case 'access_log':
        s.accessLog = first !== 'off';
        break;
      case 'return':
        s.return = /^\d+$/.test(first)
          ? { code: Number(first), ...(d.args[1] !== undefined ? { text: d.args[1] } : {}) }
          : { code: 302, text: first };
        break;
      case 'error_page': {
        ownErrorPages ??= {};
        const uri = d.args[d.args.length - 1] as string;
        const override = d.args.find((a) => /^=\d+$/.test(a));
        for (const code of d.args.filter((a) => /^\d+$/.test(a)))
          ownErrorPages[Number(code)] = { uri, ...(override ? { status: Number(override.slice(1)) } : {}) };
        break;
      }
      case 'types':
        ownTypes ??= {};
        for (const t of d.children ?? []) for (const ext of t.args) ownTypes[ext.toLowerCase()] = t.name;
        break;
    }
  }
  if (ownErrorPages) s.errorPages = ownErrorPages;
  if (ownTypes) s.types = ownTypes;
  return s;
}

/**
 * nginx's configuration from /etc/nginx/nginx.conf and its includes.
 * Throws NginxConfigError with the `[emerg]` text when nginx would refuse to start.
 */
export function loadNginxConfig(fs: ConfigSource): NginxConfig {
  const main = readConfig(fs, `${PREFIX}/nginx.conf`);
  const user = main.find((d) => d.name === 'user')?.args[0] ?? 'nobody';
  const http = main.find((d) => d.name === 'http' && d.children);
  if (main.some((d) => d.name === 'server'))
    throw new NginxConfigError(
      `"server" directive is not allowed here ${where(main.find((d) => d.name === 'server') as Directive)}`,
    );
  const base: LocationSettings = {
    root: `${PREFIX}/html`,
    index: ['index.html'],
    errorPages: {},
    types: { html: 'text/html', gif: 'image/gif', jpg: 'image/jpeg' },
    defaultType: 'text/plain',
    accessLog: true,
  };
  const httpList = http?.children ?? [];
  const httpSettings = apply(
    base,
    httpList.filter((d) => d.name !== 'server'),
  );
  const servers: ServerConf[] = [];
  for (const s of httpList.filter((d) => d.name === 'server' && d.children)) {
    const list = s.children as Directive[];
    const listens = list.filter((d) => d.name === 'listen');
    const settings = apply(
      httpSettings,
      list.filter((d) => d.name !== 'location'),
    );
    const locations: LocationConf[] = [];
    for (const l of list.filter((d) => d.name === 'location' && d.children)) {
      const [a = '', b] = l.args;
      const modifier = (b !== undefined ? a : '') as LocationConf['modifier'];
      const pattern = b ?? a;
      let regex: Pattern | undefined;
      if (modifier === '~' || modifier === '~*') {
        try {
          regex = compilePattern(pattern, { ignoreCase: modifier === '~*' });
        } catch {
          throw new NginxConfigError(`pcre2_compile() failed: invalid pattern in "${pattern}" ${where(l)}`);
        }
      }
      locations.push({
        modifier,
        pattern,
        ...(regex ? { regex } : {}),
        settings: apply(settings, l.children as Directive[]),
      });
    }
    servers.push({
      ports: listens.length > 0 ? listens.map((d) => port(d.args[0] ?? '')) : [80],
      defaultPorts: listens
        .filter((d) => d.args.includes('default_server'))
        .map((d) => port(d.args[0] ?? '')),
      names: list.find((d) => d.name === 'server_name')?.args ?? [''],
      settings,
      locations,
    });
  }
  return { user, servers };
}

/** The location nginx picks for a URI: exact, then longest prefix (`^~` stops), then the first regex. */
export function findLocation(server: ServerConf, uri: string): LocationConf | undefined {
  const exact = server.locations.find((l) => l.modifier === '=' && l.pattern === uri);
  if (exact) return exact;
  let best: LocationConf | undefined;
  for (const l of server.locations) {
    if ((l.modifier === '' || l.modifier === '^~') && uri.startsWith(l.pattern)) {
      if (!best || l.pattern.length > best.pattern.length) best = l;
    }
  }
  if (best?.modifier !== '^~') {
    const regex = server.locations.find((l) => l.regex?.test(uri));
    if (regex) return regex;
  }
  return best;
}

/** The server for a request: on its port, by Host name, else the port's default (or first) server. */
export function findServer(config: NginxConfig, port: number, host: string): ServerConf | undefined {
  const onPort = config.servers.filter((s) => s.ports.includes(port));
  return (
    onPort.find((s) => s.names.includes(host)) ??
    onPort.find((s) => s.defaultPorts.includes(port)) ??
    onPort[0]
  );
}
