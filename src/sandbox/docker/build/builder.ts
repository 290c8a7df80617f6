import { canonicalJson } from '../../core/canonical-json.ts';
import { nextHex } from '../../core/random.ts';
import { sha256Hex } from '../../core/sha256.ts';
import { Filesystem } from '../../fs/filesystem.ts';
import type { Layer } from '../../fs/node.ts';
import { basename, normalize, resolvePath } from '../../fs/path.ts';
import { compileGlob, globSegments } from '../../shell/glob.ts';
import { hostOf } from '../../shell/interpreter.ts';
import type { ProgramContext, ShellFlavor } from '../../shell/program.ts';
import type { OutputStream } from '../../shell/streams.ts';
import type { ImageConfig } from '../catalogue.ts';
import { type Instruction, type Stage, stages } from '../dockerfile/instructions.ts';
import { expand, parseDockerfile } from '../dockerfile/parser.ts';
import type { DockerEngine } from '../engine.ts';
import { layerContent, layerRecordFor } from '../images.ts';
import { fullString, parseReference, withDefaultTag } from '../reference.ts';
import { imageIdFor } from '../registry/distribution.ts';
import type { ContainerRecord, HistoryEntry, ImageRecord } from '../state.ts';
import { dockerignore } from './dockerignore.ts';

/** One step as BuildKit reports it (`#5 [2/4] RUN apk add curl`). */
export interface BuildStep {
  id: number;
  name: string;
  cached: boolean;
  /** Lines the step printed, with virtual ms since the step started. */
  logs: { at: number; text: string }[];
  /** Sub-progress lines (`transferring dockerfile: 234B`). */
  details: string[];
  durationMs: number;
  error?: string;
}

export interface BuildRequest {
  contextDir: string;
  dockerfile: string;
  tags: string[];
  buildArgs: Record<string, string>;
  target?: string;
  noCache: boolean;
}

export type BuildResult =
  | { ok: true; image: ImageRecord; steps: BuildStep[]; names: string[] }
  | { ok: false; steps: BuildStep[]; message: string; block?: string };

/** Listener for live output: a step started, printed a line, or finished. */
export interface BuildObserver {
  step(step: BuildStep, phase: 'start' | 'log' | 'done'): void;
}

/** The cache record of one step: the layer it made and when. */
interface CacheEntry {
  diffId: string | null;
  created: number;
}

/** The state of a stage as its instructions are applied. */
interface StageState {
  layers: string[];
  config: ImageConfig;
  history: HistoryEntry[];
  /** Cache key of everything so far. */
  key: string;
  shell: string[];
  args: Record<string, string>;
  created: number;
}

const RUN_COST_MS = 400;

/** Runs a build: parse, resolve stages, execute each needed stage with the layer cache. */
export async function build(
  engine: DockerEngine,
  ctx: ProgramContext,
  request: BuildRequest,
  observer: BuildObserver,
): Promise<BuildResult> {
  const steps: BuildStep[] = [];
  let nextId = 1;
  const begin = (name: string): BuildStep => {
    const step: BuildStep = { id: nextId++, name, cached: false, logs: [], details: [], durationMs: 0 };
    steps.push(step);
    observer.step(step, 'start');
    return step;
  };
  /** Lets `ms` pass, then reports the step done; its duration counts from `since` when given. */
  const finish = async (step: BuildStep, ms: number, since?: number) => {
    await ctx.sleep(ms);
    step.durationMs = since === undefined ? ms : ctx.now() - since;
    observer.step(step, 'done');
  };
  const fail = (step: BuildStep, message: string, block?: string): BuildResult => {
    step.error = message;
    observer.step(step, 'done');
    return block === undefined ? { ok: false, steps, message } : { ok: false, steps, message, block };
  };

  // [internal] load build definition
  const host = engine.host.fs;
  const dockerfilePath = resolvePath(request.contextDir, request.dockerfile);
  const definition = begin(`[internal] load build definition from ${basename(request.dockerfile)}`);
  let text: string;
  try {
    text = host.readText(dockerfilePath);
  } catch {
    definition.details.push('transferring dockerfile: 2B done');
    return fail(
      definition,
      `failed to solve: failed to read dockerfile: open ${basename(request.dockerfile)}: no such file or directory`,
    );
  }
  definition.details.push(`transferring dockerfile: ${text.length}B done`);
  await finish(definition, 30);
  const parsed = parseDockerfile(text);
  if (!parsed.ok) {
    const { formatSourceBlock } = await import('../dockerfile/parser.ts');
    return {
      ok: false,
      steps,
      message: `failed to solve: ${parsed.error.message}`,
      block: formatSourceBlock(text, parsed.error),
    };
  }
  const split = stages(parsed.dockerfile, {
    buildArgs: request.buildArgs,
    ...(request.target ? { target: request.target } : {}),
  });
  if (!split.ok) {
    const { formatSourceBlock } = await import('../dockerfile/parser.ts');
    return {
      ok: false,
      steps,
      message: `failed to solve: ${split.error.message}`,
      block: formatSourceBlock(text, split.error),
    };
  }

  // [internal] load metadata and .dockerignore
  const bases = [
    ...new Set(split.needed.map((i) => (split.stages[i] as Stage).base).filter((b) => b !== 'scratch')),
  ];
  const stageNames = new Set(split.stages.map((s) => s.name).filter(Boolean));
  for (const base of bases) {
    if (stageNames.has(base)) continue;
    const ref = parseReference(base);
    const name = ref.ok ? fullString(withDefaultTag(ref.ref)) : base;
    const meta = begin(`[internal] load metadata for ${name}`);
    await finish(meta, engine.findImage(base) ? 0 : 800);
  }
  const ignoreStep = begin('[internal] load .dockerignore');
  const ignoreText = host.exists(`${request.contextDir}/.dockerignore`)
    ? host.readText(`${request.contextDir}/.dockerignore`)
    : '';
  ignoreStep.details.push(`transferring context: ${ignoreText.length || 2}B done`);
  await finish(ignoreStep, 10);
  const ignored = dockerignore(ignoreText);
  const usesContext = split.needed.some((i) =>
    (split.stages[i] as Stage).instructions.some(
      (x) => (x.kind === 'COPY' && x.from === null) || x.kind === 'ADD',
    ),
  );
  if (usesContext) {
    const ctxStep = begin('[internal] load build context');
    const files = contextFiles(host, request.contextDir, ignored);
    const bytes = files.reduce((sum, f) => {
      const node = host.stat(f.path);
      return sum + (node?.type === 'file' ? node.size : 0);
    }, 0);
    ctxStep.details.push(`transferring context: ${humanBytes(bytes)} done`);
    await finish(ctxStep, 20);
  }

  // Count the steps the target needs, as BuildKit numbers them: FROM plus RUN/COPY/ADD/WORKDIR.
  const counted = (s: Stage) =>
    1 + s.instructions.filter((i) => ['RUN', 'COPY', 'ADD', 'WORKDIR'].includes(i.kind)).length;
  const total = split.needed.reduce((sum, i) => sum + counted(split.stages[i] as Stage), 0);
  let position = 0;

  const cache = engine.state.buildCache;
  const results = new Map<number, StageState>();

  for (const index of split.needed) {
    const stage = split.stages[index] as Stage;
    let state: StageState;
    position++;
    const known =
      stage.baseStage === null && stage.base !== 'scratch' ? engine.findImage(stage.base) : undefined;
    const digest = known?.repoDigests[0]?.split('@')[1];
    const fromStep = begin(
      `[${position}/${total}] FROM ${describeBase(stage, split.stages)}${digest ? `@${digest}` : ''}`,
    );
    if (stage.baseStage !== null) {
      const parent = results.get(stage.baseStage) as StageState;
      state = { ...structuredClone(parent), args: { ...split.metaArgs } };
      fromStep.cached = true;
      await finish(fromStep, 0);
    } else if (stage.base === 'scratch') {
      state = emptyStage(split.metaArgs);
      await finish(fromStep, 0);
    } else {
      let image = engine.findImage(stage.base);
      if (!image) {
        const ref = parseReference(stage.base);
        if (!ref.ok) return fail(fromStep, `failed to solve: ${ref.error}`);
        const { pullImage } = await import('../cli/pull.ts');
        const pulled = await pullImage({ ctx, engine, out: () => {}, err: () => {} }, ref.ref, () => {});
        if ('error' in pulled)
          return fail(
            fromStep,
            `failed to solve: ${stage.base}: failed to resolve source metadata for ${fullString(withDefaultTag(ref.ok ? ref.ref : ({} as never)))}: ${pulled.error}`,
          );
        image = pulled.image;
        fromStep.details.push(
          `resolve ${fullString(withDefaultTag(ref.ref))}@${image.repoDigests[0]?.split('@')[1] ?? ''} 0.0s done`,
        );
      } else {
        fromStep.cached = true;
      }
      state = {
        layers: [...image.layers],
        config: structuredClone(image.config),
        history: structuredClone(image.history),
        key: sha256Hex(`from:${image.id}`),
        shell: ['/bin/sh', '-c'],
        args: { ...split.metaArgs },
        created: image.created,
      };
      await finish(fromStep, fromStep.cached ? 0 : 300);
    }

    for (const instruction of stage.instructions) {
      const env = envOf(state);
      const vars = { ...state.args, ...env };
      const word = (w: string) => expand(w, vars, { escapeToken: parsed.dockerfile.escapeToken });
      const metadata = applyMetadata(instruction, state, word, request.buildArgs);
      if (metadata) {
        // Config-only steps take their time from the step before, so a cached rebuild is the same image.
        state.history.push({
          created: state.history[state.history.length - 1]?.created ?? state.created,
          createdBy: metadata,
          emptyLayer: true,
          comment: 'buildkit.dockerfile.v0',
        });
        state.key = sha256Hex(`${state.key}|${metadata}`);
        continue;
      }
      if (!['RUN', 'COPY', 'ADD', 'WORKDIR'].includes(instruction.kind)) continue;
      position++;
      const step = begin(`[${position}/${total}] ${stepName(instruction, stage)}`);

      // COPY and ADD depend on the content they copy.
      const sources: { path: string; rel: string }[] = [];
      let sourceFs: Filesystem = host;
      if (instruction.kind === 'COPY' || instruction.kind === 'ADD') {
        const from = instruction.kind === 'COPY' ? instruction.from : null;
        if (from !== null) {
          const ref = stage.sources.find(
            (s) => s.instruction === stage.instructions.indexOf(instruction),
          )?.ref;
          if (ref?.kind === 'stage') sourceFs = stageFs(engine, results.get(ref.index) as StageState, {});
          else {
            const image = engine.findImage(from);
            if (!image) return fail(step, `failed to solve: ${from}: not found`);
            sourceFs = new Filesystem(engine.imageLayers(image), {});
          }
        }
        const root = from !== null ? '/' : request.contextDir;
        for (const src of instruction.sources) {
          if (/^https?:\/\//.test(src)) {
            return fail(
              step,
              `failed to solve: failed to load cache key: Get "${src}": dial tcp: lookup ${new URL(src).hostname} on 10.0.2.3:53: no such host`,
            );
          }
          const matches = matchSources(sourceFs, root, word(src), from === null ? ignored : () => false);
          if (matches.length === 0) {
            return fail(
              step,
              `failed to solve: failed to compute cache key: failed to calculate checksum of ref ${nextHex(ctx.random, 8)}-${nextHex(ctx.random, 4)}-${nextHex(ctx.random, 4)}::${nextHex(ctx.random, 25)}: "/${word(src).replace(/^\.?\/+/, '')}": not found`,
            );
          }
          sources.push(...matches);
        }
      }
      const skipped = (path: string) =>
        path.startsWith(`${request.contextDir}/`) && ignored(path.slice(request.contextDir.length + 1));
      const contentKey = sources
        .map((s) => `${s.rel}:${sha256Hex(canonicalJson(snapshotTree(sourceFs, s.path, skipped)))}`)
        .join(',');
      const key = sha256Hex(
        `${state.key}|${instruction.kind}|${instruction.original}|${contentKey}|${canonicalJson(instruction.kind === 'RUN' ? usedArgs(instruction.command.join(' '), state.args) : {})}`,
      );
      // WORKDIR changes the configuration whether or not its step comes from the cache.
      if (instruction.kind === 'WORKDIR')
        state.config.WorkingDir = resolvePath(state.config.WorkingDir || '/', word(instruction.path));
      const hit = request.noCache ? undefined : cache[key];
      if (hit && (hit.diffId === null || engine.state.layers[hit.diffId])) {
        step.cached = true;
        await finish(step, 0);
        if (hit.diffId) state.layers.push(hit.diffId);
        state.history.push({
          created: hit.created,
          createdBy: historyText(instruction, state),
          comment: 'buildkit.dockerfile.v0',
          ...(hit.diffId ? {} : { emptyLayer: true }),
        });
        state.key = key;
        continue;
      }
      const started = ctx.now();
      const upper: Layer = {};
      const fs = stageFs(engine, state, upper);
      if (instruction.kind === 'WORKDIR') {
        const dir = state.config.WorkingDir;
        if (!fs.isDir(dir)) fs.mkdir(dir, { parents: true });
      } else if (instruction.kind === 'RUN') {
        const code = await runStep(engine, ctx, state, fs, instruction, word, step, observer);
        if (code !== 0) {
          const shown =
            instruction.form === 'shell'
              ? `${state.shell.join(' ')} ${instruction.command.join(' ')}`
              : instruction.command.join(' ');
          const message = `failed to solve: process "${shown}" did not complete successfully: exit code: ${code}`;
          const { formatSourceBlock } = await import('../dockerfile/parser.ts');
          return {
            ...fail(step, message),
            block: formatSourceBlock(text, { line: instruction.line, endLine: instruction.endLine, message }),
          } as BuildResult;
        }
      } else if (instruction.kind === 'COPY' || instruction.kind === 'ADD') {
        const fromStage = instruction.kind === 'COPY' ? instruction.from : null;
        const dest = word(instruction.dest);
        const workdir = state.config.WorkingDir || '/';
        const target = resolvePath(workdir, dest);
        const owner = instruction.chown ? parseChown(word(instruction.chown)) : { uid: 0, gid: 0 };
        const many = sources.length > 1 || dest.endsWith('/');
        for (const inline of instruction.inline) {
          const path = many || fs.isDir(target) ? `${target}/${inline.path}` : target;
          fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { parents: true });
          fs.writeFile(path, inline.expand ? word(inline.data) : inline.data);
        }
        const skip = (path: string) =>
          fromStage === null &&
          path.startsWith(`${request.contextDir}/`) &&
          ignored(path.slice(request.contextDir.length + 1));
        for (const src of sources) {
          const dir = sourceFs.isDir(src.path);
          const into = dir ? target : many || fs.isDir(target) ? `${target}/${basename(src.path)}` : target;
          copySource(sourceFs, src.path, fs, into, owner, skip);
        }
      }
      await finish(step, instruction.kind === 'RUN' ? RUN_COST_MS : 40, started);
      const empty = Object.keys(upper).length === 0;
      let diffId: string | null = null;
      if (!empty || instruction.kind !== 'WORKDIR') {
        const record = layerRecordFor(upper, { inline: upper });
        engine.state.layers[record.diffId] ??= record;
        diffId = record.diffId;
        state.layers.push(diffId);
      }
      const created = ctx.now();
      cache[key] = { diffId, created } satisfies CacheEntry;
      state.history.push({
        created,
        createdBy: historyText(instruction, state),
        comment: 'buildkit.dockerfile.v0',
        ...(diffId ? {} : { emptyLayer: true }),
      });
      state.key = key;
    }
    results.set(index, state);
  }

  // exporting to image
  const final = results.get(split.target) as StageState;
  const exporting = begin('exporting to image');
  const created = final.history.reduce((max, h) => Math.max(max, h.created), 0);
  const id = imageIdFor({
    config: final.config,
    created,
    history: final.history,
    os: 'linux',
    layers: final.layers,
  });
  const existing = engine.state.images[id];
  const image: ImageRecord = existing ?? {
    id,
    created,
    os: 'linux',
    config: final.config,
    layers: final.layers,
    history: final.history,
    repoDigests: [],
    lastTagTime: ctx.now(),
  };
  engine.state.images[id] = image;
  exporting.details.push('exporting layers 0.0s done', `writing image ${id} done`);
  const names: string[] = [];
  for (const tag of request.tags) {
    const ref = parseReference(tag);
    if (!ref.ok) continue;
    const full = fullString(withDefaultTag(ref.ref));
    engine.state.tags[full] = id;
    names.push(full);
    exporting.details.push(`naming to ${full} done`);
  }
  image.lastTagTime = ctx.now();
  await finish(exporting, 60);
  return { ok: true, image, steps, names };
}

function emptyStage(args: Record<string, string>): StageState {
  return {
    layers: [],
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      WorkingDir: '',
      User: '',
    },
    history: [],
    key: sha256Hex('scratch'),
    shell: ['/bin/sh', '-c'],
    args: { ...args },
    created: 0,
  };
}

function describeBase(stage: Stage, all: Stage[]): string {
  if (stage.baseStage !== null) return all[stage.baseStage]?.name ?? String(stage.baseStage);
  if (stage.base === 'scratch') return 'scratch';
  const ref = parseReference(stage.base);
  const name = ref.ok ? fullString(withDefaultTag(ref.ref)) : stage.base;
  return stage.name ? `${name} AS ${stage.name}` : name;
}

function stepName(instruction: Instruction, stage: Stage): string {
  const prefix = stage.name ? `${stage.name} ` : '';
  return `${prefix}${instruction.original.replace(/^\S+/, (k) => k.toUpperCase())}`;
}

function envOf(state: StageState): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of state.config.Env) {
    const i = e.indexOf('=');
    if (i > 0) env[e.slice(0, i)] = e.slice(i + 1);
  }
  return env;
}

/** Applies an instruction that only changes the image config; returns its history text, or undefined. */
function applyMetadata(
  instruction: Instruction,
  state: StageState,
  word: (w: string) => string,
  buildArgs: Record<string, string>,
): string | undefined {
  const c = state.config;
  switch (instruction.kind) {
    case 'ENV': {
      const pairs = instruction.pairs.map((p) => [p.key, word(p.value)] as const);
      for (const [key, value] of pairs) {
        c.Env = [...c.Env.filter((e) => !e.startsWith(`${key}=`)), `${key}=${value}`];
      }
      return `ENV ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`;
    }
    case 'ARG':
      for (const a of instruction.args)
        state.args[a.key] = buildArgs[a.key] ?? (a.value === null ? '' : word(a.value));
      return `ARG ${instruction.args.map((a) => (a.value === null ? a.key : `${a.key}=${word(a.value)}`)).join(' ')}`;
    case 'LABEL': {
      c.Labels = { ...(c.Labels ?? {}) };
      for (const p of instruction.pairs) c.Labels[word(p.key)] = word(p.value);
      return `LABEL ${instruction.pairs.map((p) => `${word(p.key)}=${word(p.value)}`).join(' ')}`;
    }
    case 'USER':
      c.User = word(instruction.user);
      return `USER ${c.User}`;
    case 'EXPOSE': {
      c.ExposedPorts = { ...(c.ExposedPorts ?? {}) };
      for (const p of instruction.ports.map(word)) c.ExposedPorts[p.includes('/') ? p : `${p}/tcp`] = {};
      return `EXPOSE map[${Object.keys(c.ExposedPorts)
        .map((p) => `${p}:{}`)
        .join(' ')}]`;
    }
    case 'CMD':
      c.Cmd =
        instruction.form === 'exec' ? instruction.command : [...state.shell, instruction.command.join(' ')];
      return `CMD [${c.Cmd.map((a) => JSON.stringify(a)).join(' ')}]`;
    case 'ENTRYPOINT':
      c.Entrypoint =
        instruction.form === 'exec' ? instruction.command : [...state.shell, instruction.command.join(' ')];
      delete c.Cmd;
      return `ENTRYPOINT [${c.Entrypoint.map((a) => JSON.stringify(a)).join(' ')}]`;
    case 'VOLUME':
      c.Volumes = { ...(c.Volumes ?? {}) };
      for (const v of instruction.volumes.map(word)) c.Volumes[v] = {};
      return `VOLUME [${instruction.volumes.map(word).join(' ')}]`;
    case 'STOPSIGNAL':
      c.StopSignal = word(instruction.signal);
      return `STOPSIGNAL ${c.StopSignal}`;
    case 'SHELL':
      state.shell = instruction.shell;
      return `SHELL [${instruction.shell.map((a) => JSON.stringify(a)).join(' ')}]`;
    case 'HEALTHCHECK':
      c.Healthcheck = {
        Test: instruction.test,
        ...(instruction.interval ? { Interval: instruction.interval } : {}),
        ...(instruction.timeout ? { Timeout: instruction.timeout } : {}),
        ...(instruction.startPeriod ? { StartPeriod: instruction.startPeriod } : {}),
        ...(instruction.startInterval ? { StartInterval: instruction.startInterval } : {}),
        ...(instruction.retries ? { Retries: instruction.retries } : {}),
      };
      return `HEALTHCHECK &{[${instruction.test.map((a) => JSON.stringify(a)).join(' ')}] "${instruction.interval / 1e9}s" "${instruction.timeout / 1e9}s" "0s" "0s" '\\x${instruction.retries.toString(16).padStart(2, '0')}'}`;
    case 'MAINTAINER':
      return `MAINTAINER ${instruction.maintainer}`;
    case 'ONBUILD':
      return `ONBUILD ${instruction.expression}`;
    default:
      return undefined;
  }
}

function historyText(instruction: Instruction, state: StageState): string {
  if (instruction.kind === 'RUN') {
    const cmd =
      instruction.form === 'shell'
        ? `${state.shell.join(' ')} ${instruction.command.join(' ')}`
        : instruction.command.join(' ');
    return `RUN ${cmd} # buildkit`;
  }
  if (instruction.kind === 'WORKDIR') return `WORKDIR ${state.config.WorkingDir}`;
  return `${instruction.original.replace(/^\S+/, (k) => k.toUpperCase())} # buildkit`;
}

/** Build args a RUN sees: only ARGs it could read change its cache key. */
function usedArgs(command: string, args: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(args).filter(([k]) => command.includes(k)));
}

/** A filesystem over a stage's layers with `upper` on top. */
function stageFs(engine: DockerEngine, state: StageState, upper: Layer): Filesystem {
  const lowers = state.layers.map((d) => {
    const record = engine.state.layers[d];
    if (!record) throw new Error(`layer ${d} missing`);
    return layerContent(record);
  });
  return new Filesystem(lowers, upper, { now: () => engine.now() });
}

async function runStep(
  engine: DockerEngine,
  ctx: ProgramContext,
  state: StageState,
  fs: Filesystem,
  instruction: Extract<Instruction, { kind: 'RUN' }>,
  word: (w: string) => string,
  step: BuildStep,
  observer: BuildObserver,
): Promise<number> {
  const container = buildContainer(engine, state, ctx);
  const system = engine.systemOf(container);
  const started = ctx.now();
  const log = (text: string) => {
    for (const line of text.split('\n')) {
      if (line === '') continue;
      step.logs.push({ at: ctx.now() - started, text: line });
      observer.step(step, 'log');
    }
  };
  let pending = '';
  const stream: OutputStream = {
    write: (text) => {
      pending += text;
      const cut = pending.lastIndexOf('\n');
      if (cut === -1) return;
      log(pending.slice(0, cut));
      pending = pending.slice(cut + 1);
    },
    isTTY: false,
    columns: 80,
  };
  const env: Record<string, string> = { ...envOf(state), HOME: '/root', HOSTNAME: container.config.hostname };
  for (const [k, v] of Object.entries(state.args)) env[k] ??= v;
  const user = state.config.User
    ? { uid: 1000, gid: 1000, name: state.config.User, home: '/', groups: [] }
    : { uid: 0, gid: 0, name: 'root', home: '/root', groups: [{ gid: 0, name: 'root' }] };
  const shProgram = fs.stat(state.shell[0] ?? '/bin/sh');
  const flavor: ShellFlavor =
    shProgram?.type === 'file' && shProgram.program === 'bash'
      ? 'bash'
      : shProgram?.type === 'file' && shProgram.program === 'dash'
        ? 'dash'
        : 'ash';
  const shell = engine.deps.makeShell({
    system,
    fs,
    user,
    cwd: state.config.WorkingDir || '/',
    env,
    flavor,
    host: { ...hostOf(ctx), session: async () => 1 },
  });
  if (!fs.isDir(state.config.WorkingDir || '/')) fs.mkdir(state.config.WorkingDir || '/', { parents: true });
  const io = { stdin: { read: () => '', isTTY: false }, stdout: stream, stderr: stream };
  let code: number;
  if (instruction.heredocs.length > 0 && instruction.form === 'shell') {
    const doc = instruction.heredocs[0] as (typeof instruction.heredocs)[number];
    const body = doc.chomp ? doc.content.replace(/^\t+/gm, '') : doc.content;
    code = await shell.execute(doc.expand ? word(body) : body, io);
  } else {
    const argv =
      instruction.form === 'shell' ? [...state.shell, instruction.command.join(' ')] : instruction.command;
    const found = shell.findProgram(argv[0] as string);
    if (found.kind === 'missing') {
      log(
        `runc run failed: unable to start container process: error during container init: exec: "${argv[0]}": executable file not found in $PATH`,
      );
      code = 127;
    } else code = await shell.invoke(argv, [], io);
  }
  if (pending) log(pending);
  return code;
}

function buildContainer(engine: DockerEngine, state: StageState, ctx: ProgramContext): ContainerRecord {
  const id = nextHex(ctx.random, 64);
  return {
    id,
    name: `buildkit-${id.slice(0, 8)}`,
    image: '',
    imageRef: '',
    created: ctx.now(),
    path: '/bin/sh',
    args: [],
    config: {
      hostname: 'buildkitsandbox',
      env: state.config.Env,
      user: state.config.User,
      workingDir: state.config.WorkingDir,
      tty: false,
      openStdin: false,
      labels: {},
      exposedPorts: [],
    },
    hostConfig: {
      memory: 0,
      nanoCpus: 0,
      pidsLimit: 0,
      privileged: false,
      readOnly: false,
      autoRemove: true,
      networkMode: 'default',
      portBindings: [],
    },
    mounts: [],
    state: {
      status: 'running',
      pid: engine.state.nextPid,
      exitCode: 0,
      oomKilled: false,
      error: '',
      startedAt: ctx.now(),
      finishedAt: 0,
    },
    restartCount: 0,
    upper: {},
    logs: [],
    network: { ip: '', mac: '', network: 'bridge' },
    execs: [],
  };
}

/** Files in the build context, minus ignored ones, relative to the context directory. */
function contextFiles(
  fs: Filesystem,
  dir: string,
  ignored: (rel: string) => boolean,
): { path: string; rel: string }[] {
  return fs
    .walk(dir)
    .map((path) => ({ path, rel: path.slice(dir.length + 1) }))
    .filter((f) => !ignored(f.rel));
}

/** Sources a COPY names: a path or glob relative to the context root. */
function matchSources(
  fs: Filesystem,
  root: string,
  src: string,
  ignored: (rel: string) => boolean,
): { path: string; rel: string }[] {
  const rel = normalize(`/${src}`).slice(1);
  if (rel === '') return [{ path: root, rel: '' }];
  if (/[*?[]/.test(rel)) {
    const glob = compileGlob(globSegments(rel));
    return contextFiles(fs, root, ignored).filter((f) => glob.test(f.rel));
  }
  const path = root === '/' ? `/${rel}` : `${root}/${rel}`;
  if (!fs.exists(path) || ignored(rel)) return [];
  return [{ path, rel }];
}

/** Content of a file or tree, for cache keys (mtimes excluded: only content and mode matter). */
function snapshotTree(fs: Filesystem, path: string, skip: (path: string) => boolean): unknown {
  const node = fs.stat(path);
  if (!node || skip(path)) return null;
  if (node.type !== 'dir')
    return node.type === 'file' ? { mode: node.mode, size: node.size, text: node.text ?? null } : node;
  return Object.fromEntries(
    fs.readdir(path).map((n) => [n, snapshotTree(fs, `${path === '/' ? '' : path}/${n}`, skip)]),
  );
}

/** COPY semantics: a directory's contents go into the destination; a file goes to it. */
function copySource(
  from: Filesystem,
  src: string,
  to: Filesystem,
  dest: string,
  owner: { uid: number; gid: number },
  skip: (path: string) => boolean,
): void {
  const node = from.stat(src);
  if (!node || skip(src)) return;
  const parent = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';
  if (node.type !== 'dir') {
    if (!to.isDir(parent(dest))) to.mkdir(parent(dest), { parents: true });
    to.copyNode(node, dest, owner);
    return;
  }
  if (!to.isDir(dest)) to.mkdir(dest, { parents: true });
  for (const path of from.walk(src)) {
    if (skip(path)) continue;
    const n = from.lstat(path);
    const target = `${dest === '/' ? '' : dest}${path.slice(src === '/' ? 0 : src.length)}`;
    if (n?.type === 'dir') {
      if (!to.isDir(target)) to.mkdir(target, { parents: true });
    } else if (n) {
      if (!to.isDir(parent(target))) to.mkdir(parent(target), { parents: true });
      to.copyNode(n, target, owner);
    }
  }
}

function parseChown(spec: string): { uid: number; gid: number } {
  const [u = '0', g] = spec.split(':');
  const uid = /^\d+$/.test(u) ? Number(u) : u === 'root' ? 0 : 1000;
  const gid = g === undefined ? uid : /^\d+$/.test(g) ? Number(g) : g === 'root' ? 0 : 1000;
  return { uid, gid };
}

function humanBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes}B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(2)}kB`;
  return `${(bytes / 1_000_000).toFixed(2)}MB`;
}
