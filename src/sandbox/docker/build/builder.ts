import { canonicalJson } from '../../core/canonical-json.ts';
import { nextHex, nextInt } from '../../core/random.ts';
import { sha256Hex } from '../../core/sha256.ts';
import { Filesystem } from '../../fs/filesystem.ts';
import type { Layer } from '../../fs/node.ts';
import { basename, normalize, resolvePath } from '../../fs/path.ts';
import { isBash } from '../../shell/bash-release.ts';
import { compileGlob, globSegments } from '../../shell/glob.ts';
import { hostOf } from '../../shell/interpreter.ts';
import type { ProgramContext, ShellFlavor } from '../../shell/program.ts';
import type { OutputStream } from '../../shell/streams.ts';
import type { ImageConfig } from '../catalogue.ts';
import { DEFAULT_PATH, executablePath, resolveUser } from '../container-process.ts';
import { type Instruction, platformArgs, type Stage, stages } from '../dockerfile/instructions.ts';
import { expand, parseDockerfile } from '../dockerfile/parser.ts';
import type { DockerEngine } from '../engine.ts';
import { layerContent, layerRecordFor } from '../images.ts';
import {
  formatPlatform,
  HOST_PLATFORM,
  hostExecutes,
  imagePlatform,
  type Platform,
  parsePlatform,
  platformMismatch,
} from '../platform.ts';
import { familiarString, fullString, parseReference, withDefaultTag } from '../reference.ts';
import { foreignPlatform, imageIdFor } from '../registry/distribution.ts';
import type { ContainerRecord, HistoryEntry, ImageRecord } from '../state.ts';
import { LEGACY, LOCAL_SOURCE, recordId } from './cache.ts';
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
  /**
   * BuildKit (the default) or the legacy builder (`DOCKER_BUILDKIT=0`), which runs every stage up to the
   * target, commits every instruction as an image, keeps a cache of its own, and streams its own text.
   */
  builder?: 'buildkit' | 'legacy';
  /** `--platform`: the platform every stage targets unless its FROM names another. */
  platform?: Platform;
}

export type BuildResult =
  | { ok: true; image: ImageRecord; steps: BuildStep[]; names: string[] }
  | {
      ok: false;
      steps: BuildStep[];
      message: string;
      block?: string;
      /** The daemon refused the request before building (the client says `Error response from daemon`). */
      rejected?: boolean;
      /** A RUN's exit status, which the legacy client exits with. */
      status?: number;
    };

/** Listener for live output: a step started, printed a line, or finished. */
export interface BuildObserver {
  step(step: BuildStep, phase: 'start' | 'log' | 'done'): void;
  /** The legacy builder's own output (`Step 1/3 : FROM busybox`, ` ---> Running in …`). */
  stream?(text: string): void;
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
  /** The stage's platform, when not the host's: its programs cannot run here. */
  platform?: Platform;
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
  const legacy = request.builder === 'legacy';
  const say = (text: string) => observer.stream?.(text);
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
  if (!parsed.ok && legacy) return { ok: false, steps, message: parsed.error.message, rejected: true };
  if (!parsed.ok) {
    const { formatSourceBlock } = await import('../dockerfile/parser.ts');
    return {
      ok: false,
      steps,
      message: `failed to solve: ${parsed.error.message}`,
      block: formatSourceBlock(text, parsed.error),
    };
  }
  // TARGETPLATFORM is what the build is for (--platform), whatever platform a stage's FROM names.
  const automaticArgs = {
    ...platformArgs(formatPlatform(request.platform ?? HOST_PLATFORM)),
    ...request.buildArgs,
  };
  const split = stages(parsed.dockerfile, {
    buildArgs: request.buildArgs,
    ...(request.target ? { target: request.target } : {}),
    ...(request.platform ? { platform: formatPlatform(request.platform) } : {}),
  });
  if (!split.ok && legacy && request.target && split.error.message.startsWith('target stage')) {
    return {
      ok: false,
      steps,
      message: `failed to reach build target ${request.target} in Dockerfile`,
      rejected: true,
    };
  }
  if (!split.ok && legacy) return { ok: false, steps, message: split.error.message, rejected: true };
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
  // BuildKit keeps a record of each local input it loaded, for `system df` and `builder prune`.
  const loaded = (what: string, size: number) => {
    if (!legacy)
      engine.state.buildCache[`${LOCAL_SOURCE}${request.contextDir}:${what}`] = {
        diffId: null,
        created: ctx.now(),
        size,
      };
  };
  loaded(`dockerfile:${request.dockerfile}`, text.length);
  loaded('dockerignore', ignoreText.length);
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
    // BuildKit transfers only what COPY and ADD name, never the Dockerfile or .dockerignore it loaded.
    loaded('context', bytes - text.length - ignoreText.length);
    await finish(ctxStep, 20);
  }

  // The legacy builder runs every stage up to the target and numbers every instruction, meta ARGs included.
  const order = legacy ? split.stages.slice(0, split.target + 1).map((s) => s.index) : split.needed;
  const metaArgs = parsed.dockerfile.instructions.slice(
    0,
    Math.max(
      0,
      parsed.dockerfile.instructions.findIndex((i) => i.kind === 'FROM'),
    ),
  );
  const legacyTotal =
    metaArgs.length + order.reduce((sum, i) => sum + 1 + (split.stages[i] as Stage).instructions.length, 0);
  let legacyStep = 0;
  const legacyStepLine = (original: string) => say(`Step ${++legacyStep}/${legacyTotal} : ${original}\n`);
  for (const arg of metaArgs) legacyStepLine(arg.original);
  /** The legacy builder names the image each instruction commits; a later build with the same chain hits it. */
  const committed = (state: StageState) => say(` ---> ${shortId(imageOf(state).id)}\n`);

  const cache = engine.state.buildCache;
  // The two builders keep separate caches.
  const cacheSlot = (key: string) => (legacy ? `${LEGACY}${key}` : key);
  const results = new Map<number, StageState>();
  const baseShown = new Set<string>();

  for (const index of order) {
    const stage = split.stages[index] as Stage;
    let state: StageState;
    legacyStepLine(stage.from.original);
    const numbered = stepNumbering(stage, split.stages.length > 1);
    let baseId = '';
    // BuildKit shows one FROM vertex per base image (a stage built on another stage, or on scratch, has none).
    const fromVertex = stage.baseStage === null && stage.base !== 'scratch';
    const fromLabel = fromVertex ? numbered() : '';
    const known = fromVertex ? engine.findImage(stage.base) : undefined;
    // A base pinned by digest already names it (`FROM python:3.13-slim@sha256:…`); BuildKit shows it once.
    const pinned = /@sha256:/.test(stage.base);
    const digest = pinned ? undefined : known?.repoDigests[0]?.split('@')[1];
    const fromStep =
      fromVertex && !baseShown.has(stage.base)
        ? begin(`${fromLabel}FROM ${describeBase(stage)}${digest ? `@${digest}` : ''}`)
        : undefined;
    if (fromVertex) baseShown.add(stage.base);
    // FROM --platform, else --platform, else the host's.
    const platformText = stage.platform ?? undefined;
    const parsedPlatform = platformText === undefined ? request.platform : parsePlatform(platformText);
    if (parsedPlatform && 'error' in parsedPlatform) {
      const message = `failed to parse platform ${platformText}: ${parsedPlatform.error}`;
      if (legacy || !fromStep) return { ok: false, steps, message };
      return fail(fromStep, `failed to solve: ${message}`);
    }
    const wanted = parsedPlatform;
    if (stage.baseStage !== null) {
      const parent = results.get(stage.baseStage) as StageState;
      state = { ...structuredClone(parent), args: { ...split.metaArgs } };
      baseId = imageOf(parent).id;
    } else if (stage.base === 'scratch') {
      state = emptyStage(split.metaArgs);
      if (wanted && !hostExecutes(wanted)) state.platform = wanted;
    } else {
      let image = engine.findImage(stage.base);
      // A local image of another platform than the stage's is not the base: that platform's is pulled.
      if (image && wanted && platformMismatch(image, stage.base, wanted)) image = undefined;
      if (!image) {
        const step = fromStep ?? begin(`${fromLabel}FROM ${describeBase(stage)}`);
        const ref = parseReference(stage.base);
        // The legacy builder passes on the daemon's own error, as for a failed pull below.
        if (!ref.ok && legacy) return { ok: false, steps, message: ref.error };
        if (!ref.ok) return fail(step, `failed to solve: ${ref.error}`);
        const { pullImage } = await import('../cli/pull.ts');
        const pulled = await pullImage(
          { ctx, engine, out: () => {}, err: () => {} },
          ref.ref,
          () => {},
          wanted,
        );
        // The legacy builder passes on the pull's own error.
        if ('error' in pulled && legacy) return { ok: false, steps, message: pulled.error };
        if ('error' in pulled)
          return fail(
            step,
            `failed to solve: ${stage.base}: failed to resolve source metadata for ${fullString(withDefaultTag(ref.ref))}: ${pulled.error}`,
          );
        image = pulled.image;
        step.details.push(
          `resolve ${fullString(withDefaultTag(ref.ref))}@${image.repoDigests[0]?.split('@')[1] ?? ''} 0.0s done`,
        );
        await finish(step, 300);
      } else if (fromStep) {
        fromStep.cached = true;
        await finish(fromStep, 0);
      }
      state = {
        layers: [...image.layers],
        config: structuredClone(image.config),
        history: structuredClone(image.history),
        key: sha256Hex(`from:${image.id}`),
        shell: ['/bin/sh', '-c'],
        args: { ...split.metaArgs },
        created: image.created,
        ...(hostExecutes(image) ? {} : { platform: imagePlatform(image) }),
      };
      baseId = image.id;
      if (!legacy) cache[state.key] ??= { diffId: null, created: ctx.now() };
    }
    say(` ---> ${shortId(baseId)}\n`);

    for (const instruction of stage.instructions) {
      legacyStepLine(instruction.original);
      const env = envOf(state);
      const vars = { ...state.args, ...env };
      const word = (w: string) => expand(w, vars, { escapeToken: parsed.dockerfile.escapeToken });
      // BuildKit gives a stage's `ARG TARGETPLATFORM` (and the like) its value; the legacy builder does not.
      const metadata = applyMetadata(instruction, state, word, legacy ? request.buildArgs : automaticArgs);
      if (metadata) {
        // Config-only steps take their time from the step before, so a cached rebuild is the same image.
        state.history.push({
          created: state.history[state.history.length - 1]?.created ?? state.created,
          createdBy: metadata,
          emptyLayer: true,
          comment: 'buildkit.dockerfile.v0',
        });
        state.key = sha256Hex(`${state.key}|${metadata}`);
        if (legacy) {
          // The legacy builder commits even a configuration change through a container.
          if (cache[cacheSlot(state.key)] && !request.noCache) say(' ---> Using cache\n');
          else {
            const container = shortId(nextHex(ctx.random, 64));
            say(` ---> Running in ${container}\nRemoving intermediate container ${container}\n`);
            cache[cacheSlot(state.key)] = { diffId: null, created: ctx.now() };
          }
          committed(state);
        }
        continue;
      }
      if (!['RUN', 'COPY', 'ADD', 'WORKDIR'].includes(instruction.kind)) {
        if (legacy) committed(state);
        continue;
      }
      const step = begin(`${numbered()}${stepName(instruction)}`);

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
          if (matches.length === 0 && legacy) {
            return {
              ok: false,
              steps,
              message: `${instruction.kind} failed: file not found in build context or excluded by .dockerignore: stat ${word(src)}: file does not exist`,
            };
          }
          if (matches.length === 0) {
            return fail(
              step,
              `failed to solve: failed to compute cache key: failed to calculate checksum of ref ${sessionRef(ctx)}: "/${word(src).replace(/^\.?\/+/, '')}": not found`,
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
      const hit = request.noCache ? undefined : cache[cacheSlot(key)];
      if (hit && (hit.diffId === null || engine.state.layers[hit.diffId])) {
        say(' ---> Using cache\n');
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
        committed(state);
        continue;
      }
      // The legacy builder runs RUN and WORKDIR in a container; COPY and ADD write a layer directly.
      const container =
        legacy && (instruction.kind === 'RUN' || instruction.kind === 'WORKDIR')
          ? shortId(nextHex(ctx.random, 64))
          : undefined;
      if (container) say(` ---> Running in ${container}\n`);
      const started = ctx.now();
      const upper: Layer = {};
      const fs = stageFs(engine, state, upper);
      if (instruction.kind === 'WORKDIR') {
        const dir = state.config.WorkingDir;
        if (!fs.isDir(dir)) fs.mkdir(dir, { parents: true });
      } else if (instruction.kind === 'RUN') {
        const code = await runStep(engine, ctx, state, fs, instruction, word, step, observer, legacy);
        if (code !== 0) {
          const shown =
            instruction.form === 'shell'
              ? `${state.shell.join(' ')} ${instruction.command.join(' ')}`
              : instruction.command.join(' ');
          if (legacy)
            return {
              ok: false,
              steps,
              message: `The command '${shown}' returned a non-zero code: ${code}`,
              status: code,
            };
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
        const owner = instruction.chown ? parseChown(word(instruction.chown)) : ROOT_OWNER;
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
      cache[cacheSlot(key)] = { diffId, created } satisfies CacheEntry;
      state.history.push({
        created,
        createdBy: historyText(instruction, state),
        comment: 'buildkit.dockerfile.v0',
        ...(diffId ? {} : { emptyLayer: true }),
      });
      state.key = key;
      if (container) say(`Removing intermediate container ${container}\n`);
      committed(state);
    }
    results.set(index, state);
  }

  // exporting to image
  const final = results.get(split.target) as StageState;
  const exporting = begin('exporting to image');
  const made = imageOf(final);
  const id = made.id;
  const image: ImageRecord = engine.state.images[id] ?? { ...made, lastTagTime: ctx.now() };
  engine.state.images[id] = image;
  if (legacy) {
    const unused = Object.keys(request.buildArgs).filter(
      (name) => !stageArgsDeclared(parsed.dockerfile.instructions, name),
    );
    if (unused.length > 0) say(`[Warning] One or more build-args [${unused.join(' ')}] were not consumed\n`);
    say(`Successfully built ${shortId(id)}\n`);
  }
  exporting.details.push('exporting layers 0.0s done', `writing image ${id} done`);
  const names: string[] = [];
  for (const tag of request.tags) {
    const ref = parseReference(tag);
    if (!ref.ok) continue;
    const full = fullString(withDefaultTag(ref.ref));
    engine.state.tags[full] = id;
    names.push(full);
    exporting.details.push(`naming to ${full} done`);
    say(`Successfully tagged ${familiarString(withDefaultTag(ref.ref))}\n`);
  }
  image.lastTagTime = ctx.now();
  await finish(exporting, 60);
  return { ok: true, image, steps, names };
}

const ROOT_OWNER = { uid: 0, gid: 0 };

/** Docker's short id: the first 12 hex digits. */
function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** The image a stage's state makes, with the id Docker gives it: a digest of its configuration. */
function imageOf(state: StageState): Omit<ImageRecord, 'lastTagTime'> {
  const created = state.history.reduce((max, h) => Math.max(max, h.created), 0);
  const content = {
    config: state.config,
    created,
    history: state.history,
    os: 'linux' as const,
    layers: state.layers,
    ...(state.platform ? foreignPlatform(state.platform) : {}),
  };
  return { id: imageIdFor(content), ...content, repoDigests: [] };
}

/** Whether any ARG in the Dockerfile declares `name` (a build-arg nothing declares goes unused). */
function stageArgsDeclared(instructions: Instruction[], name: string): boolean {
  return instructions.some((i) => i.kind === 'ARG' && i.args.some((a) => a.key === name));
}

/**
 * BuildKit's step labels: `[2/3] `, `[build 2/3] ` in a multi-stage file (an unnamed stage is `stage-N`),
 * the number padded to the width of the total (`[ 1/10] `). FROM an image counts; FROM a stage does not.
 */
function stepNumbering(stage: Stage, multiStage: boolean): () => string {
  const fromImage = stage.baseStage === null && stage.base !== 'scratch' ? 1 : 0;
  const total =
    fromImage + stage.instructions.filter((i) => ['RUN', 'COPY', 'ADD', 'WORKDIR'].includes(i.kind)).length;
  const name = multiStage ? `${stage.name ?? `stage-${stage.index}`} ` : '';
  let index = 0;
  return () => `[${name}${String(++index).padStart(String(total).length)}/${total}] `;
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

/** The image a FROM names, as BuildKit shows it (`docker.io/library/busybox:latest`). */
function describeBase(stage: Stage): string {
  const ref = parseReference(stage.base);
  return ref.ok ? fullString(withDefaultTag(ref.ref)) : stage.base;
}

function stepName(instruction: Instruction): string {
  return instruction.original.replace(/^\S+/, (k) => k.toUpperCase());
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
  legacy: boolean,
): Promise<number> {
  const container = buildContainer(engine, state, ctx);
  const system = engine.systemOf(container);
  const started = ctx.now();
  if (!hostExecutes(state.platform)) {
    // runc cannot exec the stage's shell (or program) on this processor: no emulator is registered.
    const argv = instruction.form === 'shell' ? state.shell : instruction.command;
    const text = `exec ${executablePath(fs, argv[0] ?? '', envOf(state).PATH ?? DEFAULT_PATH)}: exec format error`;
    step.logs.push({ at: 0, text });
    observer.step(step, 'log');
    if (legacy) observer.stream?.(`${text}\n`);
    return 255;
  }
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
  // The legacy builder streams a RUN's output as it comes, its stderr in red.
  const raw = (wrap: (text: string) => string): OutputStream => ({
    write: (text) => observer.stream?.(wrap(text)),
    isTTY: false,
    columns: 80,
  });
  const env: Record<string, string> = { ...envOf(state), HOME: '/root', HOSTNAME: container.config.hostname };
  for (const [k, v] of Object.entries(state.args)) env[k] ??= v;
  // A RUN runs as the stage's USER, as the image's /etc/passwd defines it.
  const user = resolveUser(state.config.User || 'root', fs);
  const shProgram = fs.stat(state.shell[0] ?? '/bin/sh');
  const flavor: ShellFlavor =
    shProgram?.type === 'file' && isBash(shProgram.program)
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
  const stdin = { read: () => '', isTTY: false };
  const io = legacy
    ? { stdin, stdout: raw((t) => t), stderr: raw((t) => `\x1b[91m${t}\x1b[0m`) }
    : { stdin, stdout: stream, stderr: stream };
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

/**
 * Bytes of the tar the legacy client sends: a 512-byte header per entry, contents padded to 512, and the
 * 1024-byte end; `.dockerignore` applies, but the Dockerfile and `.dockerignore` always go.
 */
export function contextTarSize(fs: Filesystem, dir: string, dockerfilePath: string): number {
  const ignoreFile = `${dir}/.dockerignore`;
  const ignored = dockerignore(fs.exists(ignoreFile) ? fs.readText(ignoreFile) : '');
  const kept = new Set(['.dockerignore', dockerfilePath.slice(dir.length + 1)]);
  return contextFiles(fs, dir, (rel) => !kept.has(rel) && ignored(rel)).reduce((sum, f) => {
    const node = fs.lstat(f.path);
    return sum + 512 + (node?.type === 'file' ? Math.ceil(node.size / 512) * 512 : 0);
  }, 1024);
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
  // The daemon writes as root, then gives what it made (directories it had to create too) to the owner.
  const place = (n: NonNullable<typeof node>, target: string) => {
    makeDirs(to, parent(target), owner);
    to.copyNode(n, target);
    to.chown(target, owner.uid, owner.gid);
  };
  if (node.type !== 'dir') {
    place(node, dest);
    return;
  }
  makeDirs(to, dest, owner);
  for (const path of from.walk(src)) {
    if (skip(path)) continue;
    const n = from.lstat(path);
    const target = `${dest === '/' ? '' : dest}${path.slice(src === '/' ? 0 : src.length)}`;
    if (n?.type === 'dir') makeDirs(to, target, owner);
    else if (n) place(n, target);
  }
}

/** `mkdir -p` as root, giving each directory it creates to `owner`. */
function makeDirs(fs: Filesystem, dir: string, owner: { uid: number; gid: number }): void {
  if (fs.isDir(dir)) return;
  makeDirs(fs, dir.slice(0, dir.lastIndexOf('/')) || '/', owner);
  fs.mkdir(dir);
  fs.chown(dir, owner.uid, owner.gid);
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

/**
 * The ref of a build's context as BuildKit names it in a checksum error: the client session's
 * UUID (version 4), `::`, and the shared key's 25 base-36 characters.
 */
function sessionRef(ctx: ProgramContext): string {
  const r = ctx.random;
  const uuid = `${nextHex(r, 8)}-${nextHex(r, 4)}-4${nextHex(r, 3)}-${'89ab'[nextInt(r, 0, 3)]}${nextHex(r, 3)}-${nextHex(r, 12)}`;
  return `${uuid}::${recordId(nextHex(r, 32))}`;
}
