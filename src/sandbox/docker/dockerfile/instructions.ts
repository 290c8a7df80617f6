/**
 * Typed Dockerfile instructions (the shapes of moby/buildkit `frontend/dockerfile/instructions/commands.go`,
 * as plain data) and the stage helpers of `dockerfile2llb` that the sandbox's `docker build` needs: splitting
 * into stages, expanding the base image with the ARGs declared before the first FROM, resolving
 * `COPY --from=` / `RUN --mount=from=` and `--target`.
 *
 * Word-valued fields are kept raw, as BuildKit keeps them until dispatch: quotes and `$VAR` are resolved
 * later with {@link expand} against the build-time environment (RUN/CMD/ENTRYPOINT text never is).
 */

import { type ExpandVars, tryExpand } from './lex.ts';

/** A parse failure: `line` is the first line BuildKit reports (0 when it reports none), `message` its text. */
export type DockerfileError = { line: number; endLine?: number; message: string };

/** A `# syntax=` / `# escape=` / `# check=` parser directive. */
export type Directive = { name: 'syntax' | 'escape' | 'check'; value: string; line: number };

/** A here-document attached to RUN/COPY/ADD (`<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<EOF`). */
export type Heredoc = {
  /** Delimiter word with quotes removed. */
  name: string;
  /** `3<<EOF` -> 3; 0 when absent. */
  fileDescriptor: number;
  /** False when any part of the delimiter was quoted: the body is then not variable-expanded. */
  expand: boolean;
  /** `<<-`: leading tabs are stripped from the body (and the delimiter line). */
  chomp: boolean;
  /** Body exactly as read, every line with its newline, leading tabs not yet removed. */
  content: string;
};

/** Fields every instruction has. */
export type InstructionBase = {
  /** 1-based first and last line (continuations and heredoc bodies included). */
  line: number;
  endLine: number;
  /** The keyword as written (`from`, `Run`…). */
  keyword: string;
  /** The instruction as BuildKit echoes it (`[2/4] RUN …`, history): continuations joined, no heredoc body. */
  original: string;
  /** Raw `--flag=value` words in order. */
  flags: string[];
};

/** `shell`: one string run through the SHELL; `exec`: a JSON array run as is. */
export type CommandForm = 'shell' | 'exec';

export type FromInstruction = InstructionBase & {
  kind: 'FROM';
  /** Base image or stage reference, unexpanded (`${BASE}`, `scratch`, `golang:1.22`). */
  image: string;
  /** `AS name`, lower-cased as BuildKit stores it; null when unnamed. */
  stageName: string | null;
  /** `--platform=` value, unexpanded; null when absent. */
  platform: string | null;
};

/** A parsed `RUN --mount=` option; values are literal (not yet expanded). */
export type RunMount = {
  type: 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh' | string;
  from: string | null;
  source: string | null;
  target: string | null;
  readOnly: boolean;
  id: string | null;
  sharing: string | null;
  required: boolean;
  mode: number | null;
  uid: number | null;
  gid: number | null;
};

export type RunInstruction = InstructionBase & {
  kind: 'RUN';
  form: CommandForm;
  /** Shell form: one element (the text after flags); exec form: the array. */
  command: string[];
  heredocs: Heredoc[];
  /** Raw `--mount=` values and their parsed form. */
  mounts: string[];
  network: string | null;
  security: string | null;
};

export type CmdInstruction = InstructionBase & { kind: 'CMD'; form: CommandForm; command: string[] };
export type EntrypointInstruction = InstructionBase & {
  kind: 'ENTRYPOINT';
  form: CommandForm;
  command: string[];
};
export type ShellInstruction = InstructionBase & { kind: 'SHELL'; shell: string[] };

/** A heredoc used as a COPY/ADD source: `path` is the delimiter, `data` already chomped. */
export type InlineSource = { path: string; data: string; expand: boolean };

export type CopyInstruction = InstructionBase & {
  kind: 'COPY';
  form: CommandForm;
  sources: string[];
  inline: InlineSource[];
  dest: string;
  heredocs: Heredoc[];
  from: string | null;
  chown: string | null;
  chmod: string | null;
  link: boolean;
};

export type AddInstruction = InstructionBase & {
  kind: 'ADD';
  form: CommandForm;
  sources: string[];
  inline: InlineSource[];
  dest: string;
  heredocs: Heredoc[];
  chown: string | null;
  chmod: string | null;
  link: boolean;
  keepGitDir: boolean;
  checksum: string | null;
};

/** One `key=value` of ENV/LABEL; `value` raw (quotes kept). `legacy` for the `ENV key value` form. */
export type KeyValue = { key: string; value: string; legacy: boolean };

export type EnvInstruction = InstructionBase & { kind: 'ENV'; pairs: KeyValue[] };
export type LabelInstruction = InstructionBase & { kind: 'LABEL'; pairs: KeyValue[] };

/** One ARG declaration; `value` null when no default. */
export type ArgDeclaration = { key: string; value: string | null };
export type ArgInstruction = InstructionBase & { kind: 'ARG'; args: ArgDeclaration[] };

export type WorkdirInstruction = InstructionBase & { kind: 'WORKDIR'; path: string };
export type UserInstruction = InstructionBase & { kind: 'USER'; user: string };
/** Ports raw and sorted (BuildKit sorts them before dispatch). */
export type ExposeInstruction = InstructionBase & { kind: 'EXPOSE'; ports: string[] };
export type VolumeInstruction = InstructionBase & { kind: 'VOLUME'; form: CommandForm; volumes: string[] };
export type StopSignalInstruction = InstructionBase & { kind: 'STOPSIGNAL'; signal: string };
export type MaintainerInstruction = InstructionBase & { kind: 'MAINTAINER'; maintainer: string };

export type HealthcheckInstruction = InstructionBase & {
  kind: 'HEALTHCHECK';
  /** `["NONE"]`, `["CMD", …exec]` or `["CMD-SHELL", "text"]`, as in the image config. */
  test: string[];
  /** Durations in nanoseconds (Go's time.Duration); 0 when not given. */
  interval: number;
  timeout: number;
  startPeriod: number;
  startInterval: number;
  retries: number;
};

export type OnbuildInstruction = InstructionBase & {
  kind: 'ONBUILD';
  /** The trigger keyword upper-cased (`RUN`, `COPY`…). */
  trigger: string;
  /** The trigger instruction text, stored in the image config (heredoc bodies appended). */
  expression: string;
};

/** Every instruction. */
export type Instruction =
  | FromInstruction
  | RunInstruction
  | CmdInstruction
  | EntrypointInstruction
  | ShellInstruction
  | CopyInstruction
  | AddInstruction
  | EnvInstruction
  | LabelInstruction
  | ArgInstruction
  | WorkdirInstruction
  | UserInstruction
  | ExposeInstruction
  | VolumeInstruction
  | StopSignalInstruction
  | MaintainerInstruction
  | HealthcheckInstruction
  | OnbuildInstruction;

export type InstructionKind = Instruction['kind'];

/** A parsed Dockerfile. */
export type Dockerfile = {
  /** All instructions in file order, ARGs before the first FROM included. */
  instructions: Instruction[];
  escapeToken: '\\' | '`';
  directives: Directive[];
};

/** Where a `COPY --from=` / `RUN --mount=from=` points. */
export type SourceRef = { kind: 'stage'; index: number } | { kind: 'image'; ref: string };

/** One build stage. */
export type Stage = {
  index: number;
  /** Lower-cased `AS` name, or null. */
  name: string | null;
  from: FromInstruction;
  /** FROM's image after meta-ARG expansion. */
  base: string;
  /** The stage this one builds on (`FROM builder`), if any. */
  baseStage: number | null;
  /** `--platform` after expansion, or null. */
  platform: string | null;
  /** Instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
  /** Resolved `--from` of each COPY and `from=` of each RUN mount, keyed by instruction index in the stage. */
  sources: { instruction: number; ref: SourceRef }[];
};

/** Options of {@link stages}: `--build-arg`s, `--target`, and the platform for the automatic platform ARGs. */
export type StageOptions = {
  buildArgs?: Readonly<Record<string, string>>;
  target?: string;
  platform?: string;
};

/** The stage split of a Dockerfile. */
export type StagesResult =
  | {
      ok: true;
      stages: Stage[];
      /** Values of the ARGs declared before the first FROM (build args applied). */
      metaArgs: Record<string, string>;
      /** Index of the target stage (`--target`, else the last). */
      target: number;
      /** Stages the target needs, in build order (the target last). */
      needed: number[];
    }
  | { ok: false; error: DockerfileError };

/**
 * The platform ARGs BuildKit defines automatically (`TARGETPLATFORM`, `BUILDARCH`…): the platform built
 * for, and the builder's own, linux/amd64.
 */
export function platformArgs(target = 'linux/amd64'): Record<string, string> {
  const args: Record<string, string> = {};
  for (const [prefix, platform] of [
    ['BUILD', 'linux/amd64'],
    ['TARGET', target],
  ] as const) {
    const [os = 'linux', arch = 'amd64', variant = ''] = platform.split('/');
    args[`${prefix}PLATFORM`] = platform;
    args[`${prefix}OS`] = os;
    args[`${prefix}ARCH`] = arch;
    args[`${prefix}VARIANT`] = variant;
  }
  return args;
}

/** Evaluate the ARGs before the first FROM: defaults expanded against earlier ones, build args win. */
function evalMetaArgs(
  df: Dockerfile,
  options: StageOptions,
): { ok: true; vars: Record<string, string> } | { ok: false; error: DockerfileError } {
  const env: Record<string, string> = { ...platformArgs(options.platform) };
  const build = options.buildArgs ?? {};
  for (const ins of df.instructions) {
    if (ins.kind === 'FROM') break;
    if (ins.kind !== 'ARG') continue;
    for (const a of ins.args) {
      const over = Object.hasOwn(build, a.key) ? build[a.key] : undefined;
      if (over !== undefined) env[a.key] = over;
      else if (a.value !== null) {
        const r = tryExpand(a.value, env, { escapeToken: df.escapeToken });
        if (!r.ok) return { ok: false, error: { line: ins.line, endLine: ins.endLine, message: r.error } };
        env[a.key] = r.value;
      }
    }
  }
  return { ok: true, vars: env };
}

/** Group instructions into stages (everything after the first FROM). */
function splitStages(df: Dockerfile): { from: FromInstruction; instructions: Instruction[] }[] {
  const out: { from: FromInstruction; instructions: Instruction[] }[] = [];
  for (const ins of df.instructions) {
    if (ins.kind === 'FROM') out.push({ from: ins, instructions: [] });
    else out.at(-1)?.instructions.push(ins);
  }
  return out;
}

/** Look a stage up by (case-insensitive) name among `candidates`. */
function stageByName(list: Stage[], name: string): Stage | undefined {
  const lower = name.toLowerCase();
  return list.find((s) => s.name === lower);
}

/** Expand a FROM field with the meta ARGs. */
function expandFromField(
  word: string,
  from: FromInstruction,
  vars: ExpandVars,
  escapeToken: '\\' | '`',
): string | DockerfileError {
  const r = tryExpand(word, vars, { escapeToken });
  if (!r.ok) return { line: from.line, endLine: from.endLine, message: r.error };
  return r.value;
}

/** Build one Stage record (base expanded, base stage resolved). */
function buildStage(
  raw: { from: FromInstruction; instructions: Instruction[] },
  index: number,
  done: Stage[],
  ctx: { vars: Record<string, string>; escapeToken: '\\' | '`' },
): Stage | DockerfileError {
  const { from } = raw;
  const base = expandFromField(from.image, from, ctx.vars, ctx.escapeToken);
  if (typeof base !== 'string') return base;
  if (base === '') {
    return {
      line: from.line,
      endLine: from.endLine,
      message: `base name (${from.image}) should not be blank`,
    };
  }
  let platform: string | null = null;
  if (from.platform !== null) {
    const p = expandFromField(from.platform, from, ctx.vars, ctx.escapeToken);
    if (typeof p !== 'string') return p;
    platform = p;
  }
  const baseStage = stageByName(done, base)?.index ?? null;
  return {
    index,
    name: from.stageName,
    from,
    base,
    baseStage,
    platform,
    instructions: raw.instructions,
    sources: [],
  };
}

/** Resolve a `--from` value: stage name, stage index, or image reference. */
export function resolveSource(list: Stage[], current: number, from: string): SourceRef | string {
  const byName = stageByName(list, from);
  if (byName) {
    if (byName.index >= current) return `circular dependency detected on stage: ${byName.name}`;
    return { kind: 'stage', index: byName.index };
  }
  if (/^-?\d+$/.test(from)) {
    const index = Number(from);
    if (index < 0 || index >= list.length) return 'index out of bounds';
    if (index >= current) return `circular dependency detected on stage: ${from}`;
    return { kind: 'stage', index };
  }
  return { kind: 'image', ref: from };
}

/** The raw `from=` of each `--mount` of a RUN. */
function mountFroms(ins: RunInstruction): string[] {
  const out: string[] = [];
  for (const m of ins.mounts) {
    for (const field of m.split(',')) {
      const [k, v] = field.split('=', 2);
      if (k?.trim().toLowerCase() === 'from' && v !== undefined) out.push(v);
    }
  }
  return out;
}

/** The `--from` references of one instruction. */
function fromRefs(ins: Instruction): string[] {
  if (ins.kind === 'COPY') return ins.from === null ? [] : [ins.from];
  if (ins.kind === 'RUN') return mountFroms(ins);
  return [];
}

/** Resolve every `--from` of a stage. */
function resolveStageSources(
  list: Stage[],
  stage: Stage,
  ctx: { vars: Record<string, string>; escapeToken: '\\' | '`' },
): DockerfileError | null {
  for (const [i, ins] of stage.instructions.entries()) {
    for (const raw of fromRefs(ins)) {
      const value = tryExpand(raw, ctx.vars, { escapeToken: ctx.escapeToken });
      if (!value.ok) return { line: ins.line, endLine: ins.endLine, message: value.error };
      const ref = resolveSource(list, stage.index, value.value);
      if (typeof ref === 'string') return { line: ins.line, endLine: ins.endLine, message: ref };
      stage.sources.push({ instruction: i, ref });
    }
  }
  return null;
}

/** Pick the target stage index. */
function resolveTarget(list: Stage[], target: string | undefined): number | DockerfileError {
  if (target === undefined || target === '') return list.length - 1;
  const s = stageByName(list, target);
  if (!s) return { line: 0, message: `target stage "${target}" could not be found` };
  return s.index;
}

/** Stages reachable from `target` through FROM and --from edges, in index order. */
function neededStages(list: Stage[], target: number): number[] {
  const seen = new Set<number>();
  const visit = (i: number): void => {
    if (seen.has(i)) return;
    seen.add(i);
    const s = list[i];
    if (!s) return;
    if (s.baseStage !== null) visit(s.baseStage);
    for (const src of s.sources) if (src.ref.kind === 'stage') visit(src.ref.index);
  };
  visit(target);
  return [...seen].sort((a, b) => a - b);
}

/**
 * Split a parsed Dockerfile into build stages, like dockerfile2llb: meta ARGs (before the first FROM) are
 * evaluated with `buildArgs` and the platform ARGs, FROM images are expanded with them, `COPY --from` /
 * `RUN --mount=from=` resolve to an earlier stage (by name or index) or an image, and `--target` selects
 * the stage to build.
 */
export function stages(df: Dockerfile, options: StageOptions = {}): StagesResult {
  const meta = evalMetaArgs(df, options);
  if (!meta.ok) return meta;
  const ctx = { vars: meta.vars, escapeToken: df.escapeToken };
  const raw = splitStages(df);
  if (raw.length === 0)
    return { ok: false, error: { line: 0, message: 'dockerfile contains no stages to build' } };
  const list: Stage[] = [];
  for (const [index, r] of raw.entries()) {
    const s = buildStage(r, index, list, ctx);
    if ('message' in s) return { ok: false, error: s };
    list.push(s);
  }
  for (const s of list) {
    const err = resolveStageSources(list, s, ctx);
    if (err) return { ok: false, error: err };
  }
  const target = resolveTarget(list, options.target);
  if (typeof target !== 'number') return { ok: false, error: target };
  return { ok: true, stages: list, metaArgs: ctx.vars, target, needed: neededStages(list, target) };
}
