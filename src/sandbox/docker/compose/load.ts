import type { Filesystem } from '../../fs/filesystem.ts';
import { basename, dirname, resolvePath } from '../../fs/path.ts';
import {
  canonicalPort,
  cleanPath,
  parseDuration,
  parseVolumeSpec,
  scalarString,
  shellSplit,
  toMapping,
} from './canonical.ts';
import { parseDotEnv } from './dotenv.ts';
import { ComposeError, INVALID } from './errors.ts';
import { interpolateString, interpolateTree } from './interpolate.ts';
import type { BuildConfig } from './model/build.ts';
import type { ServiceDependency } from './model/depends-on.ts';
import type { Healthcheck } from './model/healthcheck.ts';
import type { Network, ServiceNetwork } from './model/network.ts';
import type { ServicePort } from './model/port.ts';
import type { Project } from './model/project.ts';
import { type Service, UNMODELLED_SERVICE_KEYS } from './model/service.ts';
import type { ServiceVolume, Volume } from './model/volume.ts';
import { validateComposeFile } from './validate.ts';
import { decodeNode, parseDocuments, YamlError, type YamlNode, type YamlValue } from './yaml.ts';

/** File names Compose looks for, in order of preference (compose-go cli.DefaultFileNames). */
export const DEFAULT_FILE_NAMES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
];
export const DEFAULT_OVERRIDE_FILE_NAMES = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

/** What `docker compose` takes from its command line and the shell to find and load a project. */
export interface LoadOptions {
  fs: Filesystem;
  cwd: string;
  home: string;
  env: Record<string, string>;
  /** `-f`, in order. */
  files?: string[] | undefined;
  /** `-p`. */
  projectName?: string | undefined;
  /** `--project-directory`. */
  projectDirectory?: string | undefined;
  /** `--env-file`. */
  envFiles?: string[] | undefined;
  /** `--profile`. */
  profiles?: string[];
  /** Services named on the command line (enables their profiles). */
  services?: string[];
  /** Keep every network and volume, even unused ones (`--all-resources`). */
  allResources?: boolean;
  /** Warnings Compose logs (`WARN[0000] …`). */
  warn?: (message: string) => void;
}

type Dict = Record<string, YamlValue>;

function isDict(v: unknown): v is Dict {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function dict(): Dict {
  return Object.create(null) as Dict;
}

/** compose-go's NormalizeProjectName: lowercase, only [a-z0-9_-], no leading `_` or `-`. */
export function normalizeProjectName(s: string): string {
  return (s.toLowerCase().match(/[a-z0-9_-]/g) ?? []).join('').replace(/^[_-]+/, '');
}

function invalidProjectName(name: string): ComposeError {
  return new ComposeError(
    `invalid project name ${JSON.stringify(name)}: must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number`,
  );
}

function findFiles(fs: Filesystem, names: string[], dir: string): string[] {
  return names.map((n) => (dir === '/' ? `/${n}` : `${dir}/${n}`)).filter((f) => fs.exists(f));
}

/** The Compose files to load: `-f`, else COMPOSE_FILE, else the first directory up from cwd that has one. */
export function discoverFiles(opts: LoadOptions): string[] {
  const abs = (p: string) => resolvePath(opts.cwd, p, opts.home);
  if (opts.files && opts.files.length > 0) return opts.files.map((f) => (f === '-' ? f : abs(f)));
  const fromEnv = opts.env.COMPOSE_FILE;
  if (fromEnv !== undefined) {
    return fromEnv.split(opts.env.COMPOSE_PATH_SEPARATOR || ':').map(abs);
  }
  let dir = opts.projectDirectory ? abs(opts.projectDirectory) : opts.cwd;
  for (;;) {
    const candidates = findFiles(opts.fs, DEFAULT_FILE_NAMES, dir);
    if (candidates.length > 0) {
      const winner = candidates[0] as string;
      if (candidates.length > 1) {
        opts.warn?.(`Found multiple config files with supported names: ${candidates.join(', ')}`);
        opts.warn?.(`Using ${winner}`);
      }
      const overrides = findFiles(opts.fs, DEFAULT_OVERRIDE_FILE_NAMES, dir);
      if (overrides.length > 1) {
        opts.warn?.(`Found multiple override files with supported names: ${overrides.join(', ')}`);
        opts.warn?.(`Using ${overrides[0]}`);
      }
      return overrides.length > 0 ? [winner, overrides[0] as string] : [winner];
    }
    const parent = dirname(dir);
    if (parent === dir) return [];
    dir = parent;
  }
}

function readFile(fs: Filesystem, path: string): string {
  if (!fs.exists(path)) throw new ComposeError(`open ${path}: no such file or directory`);
  if (fs.isDir(path)) throw new ComposeError(`read ${path}: is a directory`);
  return fs.readText(path);
}

/** Merges the `.env` file(s) into the environment without overriding what the shell set. */
function loadDotEnv(opts: LoadOptions, environment: Record<string, string>, workingDir: string): void {
  const files =
    opts.envFiles && opts.envFiles.length > 0
      ? opts.envFiles.map((f) => resolvePath(opts.cwd, f, opts.home))
      : opts.env.COMPOSE_DISABLE_ENV_FILE && /^(1|t|true|TRUE|True)$/.test(opts.env.COMPOSE_DISABLE_ENV_FILE)
        ? []
        : [`${workingDir === '/' ? '' : workingDir}/.env`].filter(
            (f) => opts.fs.exists(f) && !opts.fs.isDir(f),
          );
  for (const file of files) {
    if (!opts.fs.exists(file)) throw new ComposeError(`couldn't find env file: ${file}`);
    const vars = parseDotEnv(opts.fs.readText(file), (k) => environment[k], file);
    for (const [k, v] of Object.entries(vars)) if (!(k in environment)) environment[k] = v;
  }
}

/** Loads, merges, validates and normalises a project as `docker compose` does before any command. */
export function loadProject(opts: LoadOptions): Project {
  const warn = opts.warn ?? (() => {});
  if (opts.projectName && normalizeProjectName(opts.projectName) !== opts.projectName)
    throw invalidProjectName(opts.projectName);
  const environment: Record<string, string> = { ...opts.env };
  if (environment.PWD === undefined) environment.PWD = opts.cwd;
  loadDotEnv(
    opts,
    environment,
    opts.projectDirectory ? resolvePath(opts.cwd, opts.projectDirectory, opts.home) : opts.cwd,
  );
  const files = discoverFiles({ ...opts, env: environment });
  if (files.length === 0) throw new ComposeError('no configuration file provided: not found');
  const workingDir = opts.projectDirectory
    ? resolvePath(opts.cwd, opts.projectDirectory, opts.home)
    : dirname(files[0] as string);
  loadDotEnv(opts, environment, workingDir);
  const lookup = (name: string) => environment[name];

  const contents = files.map((f) => ({ file: f, text: readFile(opts.fs, f) }));

  // prepare(): the first document of each file must parse, and may name the project.
  let namedInYaml = false;
  for (const { text } of contents) {
    let name: string | undefined;
    try {
      name = prepareName(text);
    } catch (error) {
      if (error instanceof YamlError) throw new ComposeError(error.message);
      throw error;
    }
    if (name) namedInYaml = true;
  }

  // Project name precedence: -p, COMPOSE_PROJECT_NAME, `name:` in a file, the directory's name.
  let projectName = '';
  let imperative = false;
  if (opts.projectName) {
    projectName = opts.projectName;
    imperative = true;
  } else if (environment.COMPOSE_PROJECT_NAME) {
    projectName = environment.COMPOSE_PROJECT_NAME;
    imperative = true;
  } else if (!namedInYaml) {
    projectName = normalizeProjectName(basename(workingDir));
  }
  if (imperative) {
    if (normalizeProjectName(projectName) !== projectName) throw invalidProjectName(projectName);
  } else {
    let fromFile = '';
    for (const { text } of contents) {
      let docs: YamlValue[] = [];
      try {
        docs = parseDocuments(text).map((d) => decodeNode(d));
      } catch {
        docs = [];
      }
      for (const d of docs) if (isDict(d) && typeof d.name === 'string' && d.name) fromFile = d.name;
    }
    fromFile = normalizeProjectName(interpolateString(fromFile, 'name', lookup, () => {}));
    if (fromFile) projectName = fromFile;
  }
  environment.COMPOSE_PROJECT_NAME = projectName;

  let merged: Dict = dict();
  const warned = new Set<string>();
  const warnUnset = (name: string) => {
    if (warned.has(name)) return;
    warned.add(name);
    warn(`The ${JSON.stringify(name)} variable is not set. Defaulting to a blank string.`);
  };
  for (const { file, text } of contents) {
    let docs: YamlValue[];
    try {
      docs = parseDocuments(text).map((d) => decodeNode(d));
    } catch (error) {
      if (error instanceof YamlError) {
        const message = error.message.startsWith('yaml: unmarshal errors:\n  ')
          ? error.message.slice('yaml: unmarshal errors:\n  '.length).split('\n')[0]
          : error.message;
        throw new ComposeError(`failed to parse ${file}: ${message}`);
      }
      throw error;
    }
    for (const doc of docs) {
      if (doc === null) continue;
      if (!isDict(doc)) throw new ComposeError('top-level object must be a mapping');
      const interpolated = interpolateTree(doc, '', lookup, warnUnset) as Dict;
      merged = mergeDicts(merged, interpolated, '');
      const problem = validateComposeFile(merged);
      if (problem !== undefined) throw new ComposeError(`validating ${file}: ${problem}`);
      if ('version' in merged) {
        warn(
          `${file}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`,
        );
        delete merged.version;
      }
    }
  }
  if (Object.keys(merged).length === 0) throw new ComposeError('empty compose file');
  if (!projectName) throw new ComposeError('project name must not be empty');

  return toProject(merged, {
    name: projectName,
    workingDir,
    environment,
    files,
    opts,
  });
}

/** What compose-go's prepare() reads first: the top level of each file's first document, for `name`. */
function prepareName(text: string): string | undefined {
  const first = parseDocuments(text)[0];
  if (first?.kind !== 'mapping') return undefined;
  const errors: string[] = [];
  for (let i = 0; i < first.content.length; i += 2) {
    const ni = first.content[i] as YamlNode;
    for (let j = i + 2; j < first.content.length; j += 2) {
      const nj = first.content[j] as YamlNode;
      if (ni.kind === nj.kind && ni.value === nj.value)
        errors.push(
          `line ${nj.line}: mapping key ${JSON.stringify(nj.value)} already defined at line ${ni.line}`,
        );
    }
  }
  if (errors.length > 0) throw new YamlError(`yaml: unmarshal errors:\n  ${errors.join('\n  ')}`, 0, 0);
  const at = first.content.findIndex((n, i) => i % 2 === 0 && n.kind === 'scalar' && n.value === 'name');
  const node = at === -1 ? undefined : first.content[at + 1];
  return node?.kind === 'scalar' ? node.value : undefined;
}

// ---------------------------------------------------------------------------------------------
// Merging files (compose-go override.Merge) on the raw dictionaries.

function toSequence(v: YamlValue): YamlValue[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [v];
  if (isDict(v)) {
    const seq: string[] = [];
    for (const [k, val] of Object.entries(v)) {
      if (val === null) seq.push(k);
      else if (Array.isArray(val)) for (const x of val) seq.push(`${k}=${scalarString(x)}`);
      else seq.push(`${k}=${scalarString(val)}`);
    }
    return seq.sort();
  }
  return [];
}

function toMap(v: YamlValue, defaults?: Dict): Dict {
  if (isDict(v)) return v;
  const out = dict();
  if (Array.isArray(v)) for (const s of v) out[String(s)] = defaults ? { ...defaults } : null;
  return out;
}

const SEQUENCE_MERGE =
  /^services\.[^.]+\.(environment|labels|env_file|annotations|dns|dns_opt|dns_search|sysctls|tmpfs|build\.args|build\.labels)$/;
const OVERRIDE = /^services\.[^.]+\.(command|entrypoint|healthcheck\.test)$/;

function mergeValue(a: YamlValue, b: YamlValue, path: string): YamlValue {
  if (SEQUENCE_MERGE.test(path)) return uniqueKeyValues([...toSequence(a), ...toSequence(b)]);
  if (OVERRIDE.test(path)) return b;
  if (/^services\.[^.]+\.build$/.test(path)) {
    const asBuild = (v: YamlValue) =>
      typeof v === 'string' ? Object.assign(dict(), { context: v }) : toMap(v);
    return mergeDicts(asBuild(a), asBuild(b), path);
  }
  if (/^services\.[^.]+\.depends_on$/.test(path)) {
    const defaults = { condition: 'service_started', required: true } as Dict;
    return mergeDicts(toMap(a, defaults), toMap(b, defaults), path);
  }
  if (/^services\.[^.]+\.networks$/.test(path)) return mergeDicts(toMap(a), toMap(b), path);
  if (/^services\.[^.]+\.(ports|volumes|expose)$/.test(path) && Array.isArray(a) && Array.isArray(b))
    return uniqueBy([...a, ...b], path);
  if (b === null) return a;
  if (isDict(a)) {
    if (!isDict(b)) throw new ComposeError(`cannot override ${path}`);
    return mergeDicts(a, b, path);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) throw new ComposeError(`cannot override ${path}`);
    return [...a, ...b];
  }
  return b;
}

function mergeDicts(a: Dict, b: Dict, path: string): Dict {
  const out = Object.assign(dict(), a);
  for (const [k, v] of Object.entries(b)) {
    out[k] = k in out ? mergeValue(out[k] as YamlValue, v, path ? `${path}.${k}` : k) : v;
  }
  return out;
}

/** Later `KEY=…` entries replace earlier ones in place (compose-go EnforceUnicity). */
function uniqueKeyValues(seq: YamlValue[]): YamlValue[] {
  const out: YamlValue[] = [];
  const index = new Map<string, number>();
  for (const entry of seq) {
    const key = typeof entry === 'string' ? (entry.split('=')[0] as string) : JSON.stringify(entry);
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, out.length);
      out.push(entry);
    } else out[at] = entry;
  }
  return out;
}

function uniqueBy(seq: YamlValue[], path: string): YamlValue[] {
  const out: YamlValue[] = [];
  const index = new Map<string, number>();
  for (const entry of seq) {
    let key: string;
    if (path.endsWith('.volumes')) {
      key = typeof entry === 'string' ? parseVolumeSpec(entry).target : String((entry as Dict).target);
    } else if (path.endsWith('.ports') && isDict(entry)) {
      key = `${entry.host_ip ?? '0.0.0.0'}:${entry.published ?? ''}:${entry.target}/${entry.protocol ?? 'tcp'}`;
    } else key = scalarString(entry as YamlValue);
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, out.length);
      out.push(entry);
    } else out[at] = entry;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The canonical, normalised project (compose-go transform.Canonical, Normalize, ModelToProject).

interface Context {
  name: string;
  workingDir: string;
  environment: Record<string, string>;
  files: string[];
  opts: LoadOptions;
}

function absolute(ctx: Context, p: string): string {
  if (p.startsWith('~')) return resolvePath('/', p, ctx.environment.HOME ?? ctx.opts.home);
  return resolvePath(ctx.workingDir, p, ctx.opts.home);
}

function bool(v: unknown): boolean {
  return v === true || (typeof v === 'string' && /^(1|t|T|true|TRUE|True|y|yes|on)$/.test(v));
}

function commandOf(v: unknown): string[] | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v === 'string') return shellSplit(v);
  return (v as string[]).length === 0 ? null : (v as string[]);
}

function durationOf(service: string, key: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const ns = parseDuration(String(v));
  if (ns === undefined)
    throw new ComposeError(
      `services.${service}.healthcheck.${key}: time: invalid duration ${JSON.stringify(String(v))}`,
    );
  return ns;
}

function toService(ctx: Context, name: string, raw: Dict): Service {
  const lookup = (k: string) => ctx.environment[k];
  const service: Service = {
    name,
    depends_on: {},
    environment: {},
    expose: [],
    labels: {},
    networks: {},
    ports: [],
    volumes: [],
    extra: {},
  };
  if (raw.profiles) service.profiles = raw.profiles as string[];
  if (raw.build !== undefined) {
    const b = typeof raw.build === 'string' ? { context: raw.build } : (raw.build as Dict);
    const build: BuildConfig = { context: String(b.context ?? '.') };
    if (!/^(https?:\/\/|git@|github\.com\/)/.test(build.context))
      build.context = absolute(ctx, build.context);
    if (b.dockerfile !== undefined) build.dockerfile = String(b.dockerfile);
    if (b.dockerfile_inline !== undefined) build.dockerfile_inline = String(b.dockerfile_inline);
    else if (b.dockerfile === undefined) build.dockerfile = 'Dockerfile';
    if (b.args !== undefined) {
      const args: Record<string, string | null> = {};
      for (const [k, v] of Object.entries(toMapping(b.args))) {
        if (v !== null) args[k] = v;
        else if (lookup(k) !== undefined) args[k] = lookup(k) as string;
      }
      build.args = args;
    }
    if (b.labels !== undefined) build.labels = toMapping(b.labels) as Record<string, string>;
    if (b.target !== undefined) build.target = String(b.target);
    if (b.network !== undefined) build.network = String(b.network);
    if (b.cache_from !== undefined) build.cache_from = b.cache_from as string[];
    if (b.tags !== undefined) build.tags = b.tags as string[];
    if (b.platforms !== undefined) build.platforms = b.platforms as string[];
    service.build = build;
  }
  const command = commandOf(raw.command);
  if (command !== undefined) service.command = command;
  const entrypoint = commandOf(raw.entrypoint);
  if (entrypoint !== undefined) service.entrypoint = entrypoint;
  if (raw.container_name !== undefined) service.container_name = String(raw.container_name);
  if (raw.image !== undefined) service.image = String(raw.image);
  if (raw.restart !== undefined) service.restart = String(raw.restart);
  if (raw.user !== undefined) service.user = String(raw.user);
  if (raw.working_dir !== undefined) service.working_dir = String(raw.working_dir);
  if (raw.network_mode !== undefined) service.network_mode = String(raw.network_mode);

  // env_file first, environment over it; a name without a value takes the project environment's.
  const environment: Record<string, string | null> = {};
  const envFiles =
    raw.env_file === undefined
      ? []
      : typeof raw.env_file === 'string'
        ? [raw.env_file]
        : (raw.env_file as YamlValue[]);
  for (const entry of envFiles) {
    const path = absolute(ctx, typeof entry === 'string' ? entry : String((entry as Dict).path));
    const required =
      typeof entry === 'string' || (entry as Dict).required === undefined || bool((entry as Dict).required);
    if (!ctx.opts.fs.exists(path)) {
      if (!required) continue;
      throw new ComposeError(`env file ${path} not found: stat ${path}: no such file or directory`);
    }
    Object.assign(environment, parseDotEnv(ctx.opts.fs.readText(path), lookup, path));
  }
  for (const [k, v] of Object.entries(toMapping(raw.environment))) {
    environment[k] = v !== null ? v : (lookup(k) ?? null);
  }
  service.environment = environment;
  if (raw.labels !== undefined) service.labels = toMapping(raw.labels) as Record<string, string>;
  if (raw.expose !== undefined) service.expose = (raw.expose as YamlValue[]).map(scalarString);

  if (raw.ports !== undefined) {
    const ports: ServicePort[] = [];
    for (const p of raw.ports as YamlValue[]) ports.push(...canonicalPort(p));
    service.ports = ports;
  }
  if (raw.volumes !== undefined) {
    service.volumes = (raw.volumes as YamlValue[]).map((v) => {
      const volume: ServiceVolume =
        typeof v === 'string'
          ? parseVolumeSpec(v)
          : (structuredCloneDict(v as Dict) as unknown as ServiceVolume);
      if (typeof v !== 'string') {
        const d = v as Dict;
        if (d.read_only !== undefined) volume.read_only = bool(d.read_only);
        if (volume.read_only === false) delete volume.read_only;
        if (isDict(d.bind) && d.bind.create_host_path !== undefined)
          (volume.bind as { create_host_path?: boolean }).create_host_path = bool(d.bind.create_host_path);
      }
      if (volume.target === undefined || volume.target === '')
        throw new ComposeError(`service volume services.${name}.volumes is missing a mount target`);
      volume.target = cleanPath(volume.target);
      if (volume.type === 'bind' && volume.source) volume.source = absolute(ctx, volume.source);
      return volume;
    });
  }
  if (raw.healthcheck !== undefined) {
    const h = raw.healthcheck as Dict;
    const hc: Healthcheck = {};
    if (h.test !== undefined)
      hc.test = typeof h.test === 'string' ? ['CMD-SHELL', h.test] : (h.test as string[]);
    const timeout = durationOf(name, 'timeout', h.timeout);
    if (timeout !== undefined) hc.timeout = timeout;
    const interval = durationOf(name, 'interval', h.interval);
    if (interval !== undefined) hc.interval = interval;
    if (h.retries !== undefined) hc.retries = Number(h.retries);
    const startPeriod = durationOf(name, 'start_period', h.start_period);
    if (startPeriod !== undefined) hc.start_period = startPeriod;
    const startInterval = durationOf(name, 'start_interval', h.start_interval);
    if (startInterval !== undefined) hc.start_interval = startInterval;
    if (h.disable !== undefined && bool(h.disable)) hc.disable = true;
    service.healthcheck = hc;
  }

  // Networks: none declared means the default network (unless network_mode says otherwise).
  if (raw.network_mode === undefined) {
    const nets = raw.networks === undefined ? {} : toMap(raw.networks);
    const networks: Record<string, ServiceNetwork> = {};
    for (const [k, v] of Object.entries(nets)) {
      if (v === null) networks[k] = null;
      else {
        const d = v as Dict;
        const n: NonNullable<ServiceNetwork> = {};
        if (d.aliases !== undefined) n.aliases = d.aliases as string[];
        if (d.ipv4_address !== undefined) n.ipv4_address = String(d.ipv4_address);
        if (d.ipv6_address !== undefined) n.ipv6_address = String(d.ipv6_address);
        if (d.priority !== undefined) n.priority = Number(d.priority);
        networks[k] = n;
      }
    }
    service.networks = Object.keys(networks).length === 0 ? { default: null } : networks;
  }

  if (raw.depends_on !== undefined) {
    const deps = toMap(raw.depends_on as YamlValue, { condition: 'service_started', required: true });
    const out: Record<string, ServiceDependency> = {};
    for (const [k, v] of Object.entries(deps)) {
      const d = (v ?? {}) as Dict;
      const dep: ServiceDependency = {
        condition: (d.condition as ServiceDependency['condition'] | undefined) ?? 'service_started',
        required: d.required === undefined ? true : bool(d.required),
      };
      if (d.restart !== undefined && bool(d.restart)) dep.restart = true;
      out[k] = dep;
    }
    service.depends_on = out;
  }

  const modelled = new Set([
    'build',
    'command',
    'container_name',
    'depends_on',
    'entrypoint',
    'env_file',
    'environment',
    'expose',
    'healthcheck',
    'image',
    'labels',
    'networks',
    'network_mode',
    'ports',
    'profiles',
    'restart',
    'user',
    'volumes',
    'working_dir',
  ]);
  for (const [k, v] of Object.entries(raw)) {
    if (
      !modelled.has(k) &&
      ((UNMODELLED_SERVICE_KEYS as readonly string[]).includes(k) || k.startsWith('x-'))
    )
      service.extra[k] = v;
  }
  return service;
}

function structuredCloneDict(d: Dict): Dict {
  return JSON.parse(JSON.stringify(d)) as Dict;
}

function toResource<T extends Network | Volume>(ctx: Context, key: string, raw: YamlValue): T {
  const d = (raw ?? {}) as Dict;
  const out: Record<string, unknown> = {};
  let external = d.external !== undefined && (isDict(d.external) || bool(d.external));
  let name = d.name !== undefined ? String(d.name) : undefined;
  if (isDict(d.external) && d.external.name !== undefined) {
    if (name !== undefined && name !== d.external.name)
      throw new ComposeError(`${key}: name and external.name conflict; only use name`);
    name = String(d.external.name);
    external = true;
  }
  out.name = name ?? (external ? key : `${ctx.name}_${key}`);
  for (const [k, v] of Object.entries(d)) {
    if (k === 'name' || k === 'external') continue;
    if (k === 'labels') out.labels = toMapping(v);
    else if (k === 'driver_opts') out.driver_opts = toMapping(v);
    else if (['internal', 'attachable', 'enable_ipv4', 'enable_ipv6'].includes(k)) out[k] = bool(v);
    else out[k] = v;
  }
  if (external) out.external = true;
  return out as T;
}

function toProject(
  merged: Dict,
  ctx: {
    name: string;
    workingDir: string;
    environment: Record<string, string>;
    files: string[];
    opts: LoadOptions;
  },
): Project {
  const c: Context = ctx;
  const services: Record<string, Service> = {};
  for (const [name, raw] of Object.entries((merged.services ?? {}) as Dict)) {
    services[name] = toService(c, name, (raw ?? {}) as Dict);
  }
  const networks: Record<string, Network> = {};
  for (const [key, raw] of Object.entries((merged.networks ?? {}) as Dict))
    networks[key] = toResource(c, key, raw);
  const usesDefault = Object.values(services).some((s) => 'default' in s.networks);
  if (usesDefault && !networks.default) networks.default = { name: `${ctx.name}_default` };
  const volumes: Record<string, Volume> = {};
  for (const [key, raw] of Object.entries((merged.volumes ?? {}) as Dict))
    volumes[key] = toResource(c, key, raw);
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(merged))
    if (k === 'secrets' || k === 'configs' || k === 'models' || k.startsWith('x-')) extra[k] = v;

  // Profiles: COMPOSE_PROFILES when --profile is not given; `*` enables every service.
  let profiles =
    ctx.opts.profiles && ctx.opts.profiles.length > 0
      ? ctx.opts.profiles
      : (ctx.environment.COMPOSE_PROFILES ?? '').split(',').map((s) => s.trim());
  const enabled = (s: Service) =>
    !s.profiles ||
    s.profiles.length === 0 ||
    profiles.includes('*') ||
    s.profiles.some((p) => profiles.includes(p));
  for (const wanted of ctx.opts.services ?? []) {
    const s = services[wanted];
    if (s && !enabled(s)) profiles = [...profiles, ...(s.profiles ?? [])];
  }
  const project: Project = {
    name: ctx.name,
    workingDir: ctx.workingDir,
    services: {},
    disabledServices: {},
    networks,
    volumes,
    extra,
    composeFiles: ctx.files,
    environment: ctx.environment,
  };
  for (const name of Object.keys(services).sort()) {
    const s = services[name] as Service;
    if (enabled(s)) project.services[name] = s;
    else project.disabledServices[name] = s;
  }
  checkConsistency(project);
  for (const wanted of ctx.opts.services ?? []) {
    if (!project.services[wanted]) throw new ComposeError(`no such service: ${wanted}`);
  }
  if (!ctx.opts.allResources) {
    const usedNetworks = new Set<string>();
    const usedVolumes = new Set<string>();
    for (const s of Object.values(project.services)) {
      for (const n of Object.keys(s.networks)) usedNetworks.add(n);
      for (const v of s.volumes) if (v.type === 'volume' && v.source) usedVolumes.add(v.source);
    }
    for (const k of Object.keys(project.networks)) if (!usedNetworks.has(k)) delete project.networks[k];
    for (const k of Object.keys(project.volumes)) if (!usedVolumes.has(k)) delete project.volumes[k];
  }
  return project;
}

/** compose-go's checkConsistency, over services in name order so the first error is stable. */
function checkConsistency(project: Project): void {
  const containerNames = new Map<string, string>();
  for (const s of Object.values(project.services)) {
    if (!s.image && !s.build)
      throw new ComposeError(
        `service ${JSON.stringify(s.name)} has neither an image nor a build context specified: ${INVALID}`,
      );
    if (
      s.build?.dockerfile_inline !== undefined &&
      s.build.dockerfile !== undefined &&
      s.build.dockerfile !== 'Dockerfile'
    )
      throw new ComposeError(
        `service ${JSON.stringify(s.name)} declares mutualy exclusive dockerfile and dockerfile_inline: ${INVALID}`,
      );
    if (s.network_mode !== undefined && s.extra.networks !== undefined)
      throw new ComposeError(
        `service ${s.name} declares mutually exclusive \`network_mode\` and \`networks\`: ${INVALID}`,
      );
    for (const n of Object.keys(s.networks).sort()) {
      if (!project.networks[n])
        throw new ComposeError(
          `service ${JSON.stringify(s.name)} refers to undefined network ${n}: ${INVALID}`,
        );
    }
    const test = s.healthcheck?.test;
    if (test && test.length > 0 && !['CMD', 'CMD-SHELL', 'NONE'].includes(test[0] as string))
      throw new ComposeError('healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"');
    for (const [dep, cfg] of Object.entries(s.depends_on).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!project.services[dep]) {
        if (project.disabledServices[dep] && !cfg.required) continue;
        throw new ComposeError(
          `service ${JSON.stringify(s.name)} depends on undefined service ${JSON.stringify(dep)}: ${INVALID}`,
        );
      }
    }
    if (s.network_mode?.startsWith('service:')) {
      const target = s.network_mode.slice('service:'.length);
      if (!project.services[target] && !project.disabledServices[target])
        throw new ComposeError(
          `service ${JSON.stringify(target)} not found for network_mode 'service:${target}'`,
        );
    }
    for (const v of s.volumes) {
      if (v.type === 'volume' && v.source && !project.volumes[v.source])
        throw new ComposeError(
          `service ${JSON.stringify(s.name)} refers to undefined volume ${v.source}: ${INVALID}`,
        );
    }
    const seen = new Map<string, string>();
    for (const v of s.volumes) {
      const prev = seen.get(v.target);
      if (prev !== undefined)
        throw new ComposeError(`services.${s.name}.volumes: target ${v.target} already mounted as ${prev}`);
      seen.set(v.target, `services.${s.name}.volumes`);
    }
    if (s.container_name) {
      const other = containerNames.get(s.container_name);
      if (other !== undefined)
        throw new ComposeError(
          `services.${s.name}: container name ${JSON.stringify(s.container_name)} is already in use by service ${other}"`,
        );
      containerNames.set(s.container_name, s.name);
    }
  }
}

export { formatDuration } from './canonical.ts';
