/**
 * Dockerfile parser for the sandbox's `docker build`: a port of moby/buildkit's
 * `frontend/dockerfile/parser` (see ast.ts) and `frontend/dockerfile/instructions` (parse.go, bflag.go),
 * producing the typed instructions of instructions.ts and failing with BuildKit's own error texts and
 * locations. {@link formatBuildError} renders a failure the way the docker CLI (buildx) prints it.
 */

import { type Node, parseAst, parseHeredoc } from './ast.ts';
import { formatGoDuration, goQuote, parseGoDuration, parseGoInt, suggest } from './goparse.ts';
import type {
  AddInstruction,
  ArgInstruction,
  CmdInstruction,
  CommandForm,
  CopyInstruction,
  Dockerfile,
  DockerfileError,
  EntrypointInstruction,
  EnvInstruction,
  ExposeInstruction,
  FromInstruction,
  HealthcheckInstruction,
  InlineSource,
  Instruction,
  InstructionBase,
  KeyValue,
  LabelInstruction,
  MaintainerInstruction,
  OnbuildInstruction,
  RunInstruction,
  ShellInstruction,
  StopSignalInstruction,
  UserInstruction,
  VolumeInstruction,
  WorkdirInstruction,
} from './instructions.ts';
import { parseMount } from './mounts.ts';

export type { Dockerfile, DockerfileError, Instruction } from './instructions.ts';
export { ExpandError, expand, expandWords, tryExpand } from './lex.ts';

/** Outcome of {@link parseDockerfile}. */
export type ParseResult = { ok: true; dockerfile: Dockerfile } | { ok: false; error: DockerfileError };

/** The instruction keywords BuildKit knows (command.Commands), for "did you mean". */
const INSTRUCTIONS = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];

/** An error raised while typing one instruction (located by the caller). */
class InstructionError {
  message: string;
  constructor(message: string) {
    this.message = message;
  }
}

/** Throw an InstructionError. */
function fail(message: string): never {
  throw new InstructionError(message);
}

type FlagType = 'bool' | 'string' | 'strings';

/** Parsed builder flags (BuildKit's BFlags after Parse). */
type Flags = { values: Map<string, string>; lists: Map<string, string[]>; used: Set<string> };

/** BFlags.Parse: check `--name[=value]` words against the flags an instruction accepts. */
function parseFlags(args: readonly string[], spec: Readonly<Record<string, FlagType>>): Flags {
  const flags: Flags = { values: new Map(), lists: new Map(), used: new Set() };
  for (const [name, type] of Object.entries(spec)) if (type === 'bool') flags.values.set(name, 'false');
  for (const a of args) {
    if (a === '--') break;
    if (!a.startsWith('--')) fail(`arg should start with -- : ${a}`);
    applyFlag(flags, spec, a);
  }
  return flags;
}

/** Apply one flag word. */
function applyFlag(flags: Flags, spec: Readonly<Record<string, FlagType>>, a: string): void {
  const eq = a.indexOf('=');
  const flagName = eq < 0 ? a : a.slice(0, eq);
  const value = eq < 0 ? '' : a.slice(eq + 1);
  const hasValue = eq >= 0;
  const name = flagName.slice(2);
  const type = Object.hasOwn(spec, name) ? spec[name] : undefined;
  if (type === undefined) fail(suggest(`unknown flag: ${flagName}`, name, Object.keys(spec), true));
  if (flags.used.has(name) && type !== 'strings') fail(`duplicate flag specified: ${flagName}`);
  flags.used.add(name);
  if (type === 'bool') {
    if (hasValue && value === '') fail(`missing a value on flag: ${flagName}`);
    const lower = value.toLowerCase();
    if (lower !== 'true' && lower !== '' && lower !== 'false') {
      fail(`expecting boolean value for flag ${flagName}, not: ${value}`);
    }
    flags.values.set(name, lower === 'false' ? 'false' : 'true');
    return;
  }
  if (!hasValue) fail(`missing a value on flag: ${flagName}`);
  if (type === 'string') flags.values.set(name, value);
  else flags.lists.set(name, [...(flags.lists.get(name) ?? []), value]);
}

/** A string flag's value, null when empty (BuildKit's zero value). */
function str(flags: Flags, name: string): string | null {
  const v = flags.values.get(name) ?? '';
  return v === '' ? null : v;
}

/** The fields shared by all instructions. */
function base(node: Node): InstructionBase {
  return {
    line: node.startLine,
    endLine: node.endLine,
    keyword: node.value,
    original: node.original.trim(),
    flags: node.flags,
  };
}

/** handleJSONArgs. */
function handleJSONArgs(node: Node): string[] {
  if (node.args.length === 0) return [];
  return node.json ? [...node.args] : [node.args.join(' ')];
}

/** The command form. */
function form(node: Node): CommandForm {
  return node.json ? 'exec' : 'shell';
}

/** Require exactly one argument. */
function exactlyOne(node: Node, name: string): string {
  if (node.args.length !== 1) fail(`${name} requires exactly one argument`);
  return node.args[0] as string;
}

/** Require at least one argument. */
function atLeastOne(node: Node, name: string): void {
  if (node.args.length === 0) fail(`${name} requires at least one argument`);
}

/** parseKvps for ENV/LABEL. */
function parseKvps(node: Node, name: string): KeyValue[] {
  if (node.args.length === 0) fail(`${name} requires at least one argument`);
  if (node.args.length % 2 !== 0) fail(`Bad input to ${name}, too many arguments`);
  const pairs: KeyValue[] = [];
  for (let i = 0; i < node.args.length; i += 2) {
    const key = node.args[i] as string;
    if (key.length === 0) fail(`${name} names can not be blank`);
    pairs.push({ key, value: node.args[i + 1] as string, legacy: node.separators[i / 2] === '' });
  }
  return pairs;
}

/** ENV. */
function parseEnv(node: Node): EnvInstruction {
  parseFlags(node.flags, {});
  return { ...base(node), kind: 'ENV', pairs: parseKvps(node, 'ENV') };
}

/** LABEL. */
function parseLabel(node: Node): LabelInstruction {
  parseFlags(node.flags, {});
  return { ...base(node), kind: 'LABEL', pairs: parseKvps(node, 'LABEL') };
}

/** MAINTAINER. */
function parseMaintainer(node: Node): MaintainerInstruction {
  const maintainer = exactlyOne(node, 'MAINTAINER');
  parseFlags(node.flags, {});
  return { ...base(node), kind: 'MAINTAINER', maintainer };
}

/** parseSourcesAndDest: split sources into paths and heredoc contents. */
function sourcesAndDest(
  node: Node,
  name: string,
): { sources: string[]; inline: InlineSource[]; dest: string } {
  const dest = node.args.at(-1) as string;
  if (parseHeredoc(dest)) fail(`${name} cannot accept a heredoc as a destination`);
  const sources: string[] = [];
  const inline: InlineSource[] = [];
  for (const src of node.args.slice(0, -1)) {
    const h = parseHeredoc(src);
    if (!h) {
      sources.push(src);
      continue;
    }
    const content = node.heredocs.find((d) => d.name === h.name)?.content ?? '';
    inline.push({ path: h.name, data: h.chomp ? content.replace(/^\t+/gm, '') : content, expand: h.expand });
  }
  return { sources, inline, dest };
}

/** Require a destination. */
function needDestination(node: Node, name: string): void {
  if (node.args.length < 2) {
    fail(
      `${name} requires at least two arguments, but only one was provided. Destination could not be determined`,
    );
  }
}

/** ADD. */
function parseAdd(node: Node): AddInstruction {
  needDestination(node, 'ADD');
  const flags = parseFlags(node.flags, {
    exclude: 'strings',
    chown: 'string',
    chmod: 'string',
    link: 'bool',
    'keep-git-dir': 'bool',
    checksum: 'string',
    unpack: 'bool',
  });
  return {
    ...base(node),
    kind: 'ADD',
    form: form(node),
    ...sourcesAndDest(node, 'ADD'),
    heredocs: node.heredocs,
    chown: str(flags, 'chown'),
    chmod: str(flags, 'chmod'),
    link: flags.values.get('link') === 'true',
    keepGitDir: flags.values.get('keep-git-dir') === 'true',
    checksum: str(flags, 'checksum'),
  };
}

/** COPY. */
function parseCopy(node: Node): CopyInstruction {
  needDestination(node, 'COPY');
  const flags = parseFlags(node.flags, {
    exclude: 'strings',
    parents: 'bool',
    chown: 'string',
    from: 'string',
    chmod: 'string',
    link: 'bool',
  });
  return {
    ...base(node),
    kind: 'COPY',
    form: form(node),
    ...sourcesAndDest(node, 'COPY'),
    heredocs: node.heredocs,
    from: str(flags, 'from'),
    chown: str(flags, 'chown'),
    chmod: str(flags, 'chmod'),
    link: flags.values.get('link') === 'true',
  };
}

/** parseBuildStageName. */
function stageName(args: readonly string[]): string | null {
  if (args.length === 3 && (args[1] as string).toLowerCase() === 'as') {
    const name = (args[2] as string).toLowerCase();
    if (!/^[a-z][a-z0-9-_.]*$/.test(name)) {
      fail(`invalid name for build stage: "${args[2]}", name can't start with a number or contain symbols`);
    }
    return name;
  }
  if (args.length !== 1) fail('FROM requires either one or three arguments');
  return null;
}

/** FROM. */
function parseFrom(node: Node): FromInstruction {
  const name = stageName(node.args);
  const flags = parseFlags(node.flags, { platform: 'string' });
  return {
    ...base(node),
    kind: 'FROM',
    image: node.args[0] as string,
    stageName: name,
    platform: str(flags, 'platform'),
  };
}

/** ONBUILD. */
function parseOnbuild(node: Node): OnbuildInstruction {
  atLeastOne(node, 'ONBUILD');
  parseFlags(node.flags, {});
  const trigger = (node.args[0] as string).trim().toUpperCase();
  if (trigger === 'ONBUILD') fail("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
  if (trigger === 'MAINTAINER' || trigger === 'FROM') fail(`${trigger} isn't allowed as an ONBUILD trigger`);
  let expression = node.original.replace(/^\s*ONBUILD\s*/i, '');
  for (const h of node.heredocs) expression += `\n${h.content}${h.name}`;
  return { ...base(node), kind: 'ONBUILD', trigger, expression };
}

/** WORKDIR. */
function parseWorkdir(node: Node): WorkdirInstruction {
  const path = exactlyOne(node, 'WORKDIR');
  parseFlags(node.flags, {});
  return { ...base(node), kind: 'WORKDIR', path };
}

/** RUN: flags --mount (parse-time checks), --network, --security. */
function parseRun(node: Node): RunInstruction {
  const flags = parseFlags(node.flags, { mount: 'strings', network: 'string', security: 'string' });
  const mounts = flags.lists.get('mount') ?? [];
  for (const m of mounts) {
    const r = parseMount(m, null);
    if (!r.ok) fail(r.error);
  }
  return {
    ...base(node),
    kind: 'RUN',
    form: form(node),
    command: handleJSONArgs(node),
    heredocs: node.heredocs,
    mounts,
    network: str(flags, 'network'),
    security: str(flags, 'security'),
  };
}

/** CMD. */
function parseCmd(node: Node): CmdInstruction {
  parseFlags(node.flags, {});
  return { ...base(node), kind: 'CMD', form: form(node), command: handleJSONArgs(node) };
}

/** ENTRYPOINT. */
function parseEntrypoint(node: Node): EntrypointInstruction {
  parseFlags(node.flags, {});
  return { ...base(node), kind: 'ENTRYPOINT', form: form(node), command: handleJSONArgs(node) };
}

/** parseOptInterval: a HEALTHCHECK duration flag in ns (0 when unset). */
function interval(flags: Flags, name: string): number {
  const s = flags.values.get(name) ?? '';
  if (s === '') return 0;
  const d = parseGoDuration(s);
  if (!d.ok) fail(d.error);
  if (d.value === 0) return 0;
  const minimum = 1e6;
  if (d.value < minimum) fail(`Interval "${name}" cannot be less than ${formatGoDuration(minimum)}`);
  return d.value;
}

/** HEALTHCHECK --retries. */
function retries(flags: Flags): number {
  const s = flags.values.get('retries') ?? '';
  if (s === '') return 0;
  const r = parseGoInt(s, 32);
  if (!r.ok) fail(r.error);
  if (r.value < 0) fail(`--retries cannot be negative (${r.value})`);
  return r.value;
}

/** HEALTHCHECK. */
function parseHealthcheck(node: Node): HealthcheckInstruction {
  atLeastOne(node, 'HEALTHCHECK');
  const typ = (node.args[0] as string).toUpperCase();
  const rest = node.args.slice(1);
  const none = { interval: 0, timeout: 0, startPeriod: 0, startInterval: 0, retries: 0 };
  if (typ === 'NONE') {
    if (rest.length !== 0) fail('HEALTHCHECK NONE takes no arguments');
    return { ...base(node), kind: 'HEALTHCHECK', test: ['NONE'], ...none };
  }
  const flags = parseFlags(node.flags, {
    interval: 'string',
    timeout: 'string',
    'start-period': 'string',
    'start-interval': 'string',
    retries: 'string',
  });
  if (typ !== 'CMD') fail(`Unknown type ${goQuote(typ)} in HEALTHCHECK (try CMD)`);
  const cmd = rest.length === 0 ? [] : node.json ? rest : [rest.join(' ')];
  if (cmd.length === 0) fail('Missing command after HEALTHCHECK CMD');
  return {
    ...base(node),
    kind: 'HEALTHCHECK',
    test: [node.json ? 'CMD' : 'CMD-SHELL', ...cmd],
    interval: interval(flags, 'interval'),
    timeout: interval(flags, 'timeout'),
    startPeriod: interval(flags, 'start-period'),
    startInterval: interval(flags, 'start-interval'),
    retries: retries(flags),
  };
}

/** EXPOSE (ports sorted like sort.Strings). */
function parseExpose(node: Node): ExposeInstruction {
  atLeastOne(node, 'EXPOSE');
  parseFlags(node.flags, {});
  const ports = [...node.args].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ...base(node), kind: 'EXPOSE', ports };
}

/** USER. */
function parseUser(node: Node): UserInstruction {
  const user = exactlyOne(node, 'USER');
  parseFlags(node.flags, {});
  return { ...base(node), kind: 'USER', user };
}

/** VOLUME. */
function parseVolume(node: Node): VolumeInstruction {
  atLeastOne(node, 'VOLUME');
  parseFlags(node.flags, {});
  const volumes = node.args.map((v) => v.trim());
  if (volumes.includes('')) fail('VOLUME specified can not be an empty string');
  return { ...base(node), kind: 'VOLUME', form: form(node), volumes };
}

/** STOPSIGNAL (BuildKit never parses its flags). */
function parseStopSignal(node: Node): StopSignalInstruction {
  return { ...base(node), kind: 'STOPSIGNAL', signal: exactlyOne(node, 'STOPSIGNAL') };
}

/** ARG (several declarations per line; flags are not parsed). */
function parseArg(node: Node): ArgInstruction {
  atLeastOne(node, 'ARG');
  const args = node.args.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq < 0) return { key: arg, value: null };
    if (eq === 0) fail('ARG names can not be blank');
    return { key: arg.slice(0, eq), value: arg.slice(eq + 1) };
  });
  return { ...base(node), kind: 'ARG', args };
}

/** SHELL (JSON form only). */
function parseShell(node: Node): ShellInstruction {
  parseFlags(node.flags, {});
  const shell = handleJSONArgs(node);
  if (shell.length === 0) fail('SHELL requires at least one argument');
  if (!node.json) fail('SHELL requires the arguments to be in JSON form');
  return { ...base(node), kind: 'SHELL', shell };
}

const PARSERS: Record<string, (node: Node) => Instruction> = {
  env: parseEnv,
  maintainer: parseMaintainer,
  label: parseLabel,
  add: parseAdd,
  copy: parseCopy,
  from: parseFrom,
  onbuild: parseOnbuild,
  workdir: parseWorkdir,
  run: parseRun,
  cmd: parseCmd,
  healthcheck: parseHealthcheck,
  entrypoint: parseEntrypoint,
  expose: parseExpose,
  user: parseUser,
  volume: parseVolume,
  stopsignal: parseStopSignal,
  arg: parseArg,
  shell: parseShell,
};

/** ParseInstruction: type one node, or return BuildKit's error message. */
export function parseInstruction(
  node: Node,
): { ok: true; instruction: Instruction } | { ok: false; message: string } {
  const parse = PARSERS[node.value.toLowerCase()];
  if (!parse) {
    return {
      ok: false,
      message: suggest(`unknown instruction: ${node.value}`, node.value, INSTRUCTIONS, false),
    };
  }
  try {
    return { ok: true, instruction: parse(node) };
  } catch (e) {
    if (e instanceof InstructionError) return { ok: false, message: e.message };
    throw e;
  }
}

/** A located error covering a node. */
function nodeError(node: Node, message: string): DockerfileError {
  return { line: node.startLine, endLine: node.endLine, message };
}

/** instructions.Parse: type every node and check that commands follow a FROM. */
function typeNodes(
  nodes: readonly Node[],
): { ok: true; list: Instruction[] } | { ok: false; error: DockerfileError } {
  const list: Instruction[] = [];
  let inStage = false;
  for (const node of nodes) {
    const r = parseInstruction(node);
    if (!r.ok) {
      return {
        ok: false,
        error: nodeError(node, `dockerfile parse error on line ${node.startLine}: ${r.message}`),
      };
    }
    const kind = r.instruction.kind;
    if (kind === 'FROM') inStage = true;
    else if (!inStage && kind !== 'ARG') {
      return { ok: false, error: nodeError(node, 'no build stage in current context') };
    }
    list.push(r.instruction);
  }
  return { ok: true, list };
}

/**
 * Parse Dockerfile text. Errors carry BuildKit's message and location: parser-level ones as is
 * (`unterminated heredoc`, `ENV must have two arguments`), instruction-level ones prefixed with
 * `dockerfile parse error on line N: `. Literal EXPOSE ports are validated here too (BuildKit does it at
 * dispatch); ports with variables are left to {@link parseExposedPorts} after expansion.
 */
export function parseDockerfile(text: string): ParseResult {
  if (text.length === 0) return { ok: false, error: { line: 0, message: 'the Dockerfile cannot be empty' } };
  const ast = parseAst(text);
  if (!ast.ok) return ast;
  const typed = typeNodes(ast.nodes);
  if (!typed.ok) return typed;
  const exposeError = checkLiteralExposes(typed.list);
  if (exposeError) return { ok: false, error: exposeError };
  return {
    ok: true,
    dockerfile: { instructions: typed.list, escapeToken: ast.escapeToken, directives: ast.directives },
  };
}

/** Validate EXPOSE ports that contain no variable. */
function checkLiteralExposes(list: readonly Instruction[]): DockerfileError | null {
  for (const ins of list) {
    if (ins.kind !== 'EXPOSE') continue;
    const literal = ins.ports.filter((p) => !p.includes('$') && !/['"\\`]/.test(p));
    const r = parseExposedPorts(literal);
    if (!r.ok) return { line: ins.line, endLine: ins.endLine, message: r.error };
  }
  return null;
}

/** splitParts of a port spec: [ip, hostPort, containerPort]. */
function splitPortParts(raw: string): [string, string, string] {
  const parts = raw.split(':');
  if (parts.length === 1) return ['', '', parts[0] as string];
  if (parts.length === 2) return ['', parts[0] as string, parts[1] as string];
  const n = parts.length;
  return [parts.slice(0, n - 2).join(':'), parts[n - 2] as string, parts[n - 1] as string];
}

/** parsePortNumber. */
function portNumber(raw: string): number | string {
  if (raw === '') return 'value is empty';
  if (!/^[+-]?\d+$/.test(raw)) return 'invalid syntax';
  const n = Number(raw);
  if (n < 0 || n > 65535) return 'value out of range (0–65535)';
  return n;
}

/** parsePortRange: [start, end] or an error. */
function portRange(ports: string): [number, number] | string {
  if (ports === '') return 'empty string specified for ports';
  const dash = ports.indexOf('-');
  const start = dash < 0 ? ports : ports.slice(0, dash);
  const end = dash < 0 ? '' : ports.slice(dash + 1);
  const s = portNumber(start);
  if (typeof s === 'string') return `invalid start port '${start}': ${s}`;
  if (dash < 0 || start === end) return [s, s];
  const e = portNumber(end);
  if (typeof e === 'string') return `invalid end port '${end}': ${e}`;
  if (e < s) return `invalid port range: ${ports}`;
  return [s, e];
}

/** One EXPOSE spec to `port/proto` strings (dockerfile2llb convert_expose.go parsePort). */
function parsePortSpec(raw: string): string[] | string {
  const [ip, hostPort, containerPart] = splitPortParts(raw);
  const slash = containerPart.indexOf('/');
  const port = slash < 0 ? containerPart : containerPart.slice(0, slash);
  const proto = slash < 0 ? '' : containerPart.slice(slash + 1);
  if (port === '') return `invalid port: ${goQuote(raw)}: no port specified`;
  if (!['', 'tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) {
    return `invalid port: ${goQuote(raw)}: invalid proto: ${proto}`;
  }
  const ipError = checkPortIp(ip);
  if (ipError) return ipError;
  const range = portRange(port);
  if (typeof range === 'string') return `invalid containerPort: ${port}`;
  const hostError = checkHostPort(hostPort, port, range);
  if (hostError) return hostError;
  const out: string[] = [];
  for (let p = range[0]; p <= range[1]; p++) out.push(`${p}/${(proto || 'tcp').toLowerCase()}`);
  return out;
}

/** The (deprecated) IP part of an EXPOSE spec. */
function checkPortIp(ip: string): string | null {
  if (ip === '') return null;
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(bare);
  const okV4 = v4?.slice(1).every((o) => Number(o) <= 255) ?? false;
  const okV6 = bare.includes(':') && /^[0-9a-fA-F:.]+$/.test(bare);
  return okV4 || okV6 ? null : `invalid IP address: ${bare}`;
}

/** The (deprecated) host-port part of an EXPOSE spec. */
function checkHostPort(hostPort: string, containerPort: string, range: [number, number]): string | null {
  if (hostPort === '') return null;
  const host = portRange(hostPort);
  if (typeof host === 'string') return `invalid hostPort: ${hostPort}`;
  if (range[1] - range[0] !== host[1] - host[0] && range[1] !== range[0]) {
    return `invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`;
  }
  return null;
}

/** Parse expanded EXPOSE words into `port/proto` entries (`80`, `53/udp`, `8000-8002`). */
export function parseExposedPorts(
  ports: readonly string[],
): { ok: true; ports: string[] } | { ok: false; error: string } {
  const out: string[] = [];
  for (const p of ports) {
    const r = parsePortSpec(p);
    if (typeof r === 'string') return { ok: false, error: r };
    out.push(...r);
  }
  return { ok: true, ports: out };
}

/** The first and last line BuildKit's printer should mark. */
function errorRange(error: DockerfileError, lineCount: number): [number, number] | null {
  const start = error.line;
  if (start < 1 || start > lineCount) return null;
  const end = Math.min(Math.max(error.endLine ?? start, start), lineCount);
  return [start, end];
}

/** Widen [start, end] by BuildKit's padding (4 lines around a single line, 2 otherwise). */
function padRange(start: number, end: number, lineCount: number): [number, number] {
  const pad = end === start ? 4 : 2;
  let s = start;
  let e = end;
  for (let p = 0; p < pad; ) {
    if (s > 1) {
      s--;
      p++;
    }
    if (e !== lineCount) {
      e++;
      p++;
    }
    p++;
  }
  return [s, e];
}

/** errdefs.Source.Print: the `Dockerfile:N` block with `>>>` on the failing lines. */
export function formatSourceBlock(text: string, error: DockerfileError, filename = 'Dockerfile'): string {
  const lines = text.split('\n');
  const range = errorRange(error, lines.length);
  if (!range) return '';
  const [start, end] = padRange(range[0], range[1], lines.length);
  let out = `${filename}:${range[0]}\n--------------------\n`;
  for (let i = start; i <= end; i++) {
    const marker = i >= range[0] && i <= range[1] ? '>>>' : '   ';
    out += ` ${String(i).padStart(3)} | ${marker} ${lines[i - 1]}\n`;
  }
  return `${out}--------------------\n`;
}

/** The error as the docker CLI prints it: the source block, then `ERROR: failed to build: failed to solve: …`. */
export function formatBuildError(text: string, error: DockerfileError, filename = 'Dockerfile'): string {
  return `${formatSourceBlock(text, error, filename)}ERROR: failed to build: failed to solve: ${error.message}\n`;
}
