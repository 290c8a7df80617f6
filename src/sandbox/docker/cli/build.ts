import { nextHex } from '../../core/random.ts';
import { resolvePath } from '../../fs/path.ts';
import type { BuildRequest, BuildStep } from '../build/builder.ts';
import { humanSize } from '../format/units.ts';
import { formatPlatform, type Platform, parsePlatform } from '../platform.ts';
import type { DockerCli, DockerCommand } from './context.ts';
import { flag, flagAll, flagOn, type ParsedFlags } from './flags.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** BuildKit's plain progress: `#N name`, log lines with their time, `#N DONE 0.4s`. */
export function plainRenderer(cli: DockerCli) {
  const printed = new Map<number, number>();
  return (step: BuildStep, phase: 'start' | 'log' | 'done') => {
    if (phase === 'start') {
      cli.err(`#${step.id} ${step.name}\n`);
      printed.set(step.id, 0);
      return;
    }
    const from = printed.get(step.id) ?? 0;
    for (const line of step.logs.slice(from))
      cli.err(`#${step.id} ${(line.at / 1000).toFixed(3)} ${line.text}\n`);
    printed.set(step.id, step.logs.length);
    if (phase !== 'done') return;
    for (const detail of step.details) cli.err(`#${step.id} ${detail}\n`);
    if (step.error) {
      // The step shows its operation's own error; the solver adds "failed to compute cache key" to
      // the summary when the error came while it computed the step's key (solver/edge.go).
      cli.err(
        `#${step.id} ERROR: ${step.error.replace(/^failed to solve: (failed to compute cache key: )?/, '')}\n`,
      );
      return;
    }
    cli.err(step.cached ? `#${step.id} CACHED\n\n` : `#${step.id} DONE ${seconds(step.durationMs)}\n\n`);
  };
}

/** BuildKit's terminal progress: one block, redrawn in place, durations right-aligned. */
export function ttyRenderer(cli: DockerCli, steps: BuildStep[], started: number) {
  let drawnLines = 0;
  const width = Math.max(60, cli.ctx.stdout.columns);
  const row = (left: string, right: string) => {
    const room = width - right.length - 1;
    const text = left.length > room ? left.slice(0, room) : left;
    return `${text}${' '.repeat(Math.max(1, width - text.length - right.length))}${right}`;
  };
  const draw = (finished: boolean) => {
    // Steps join the list as they start, so at the end every one has completed, 0.0s ones too.
    const done = finished
      ? steps.length
      : steps.filter((s) => s.durationMs > 0 || s.cached || s.error).length;
    const elapsed = seconds(cli.ctx.now() - started);
    const lines = [
      row(
        `[+] Building ${elapsed} (${done}/${steps.length})${finished ? ' FINISHED' : ''}`,
        'docker:default',
      ),
    ];
    for (const s of steps) {
      lines.push(
        row(` => ${s.cached ? 'CACHED ' : ''}${s.error ? 'ERROR ' : ''}${s.name}`, seconds(s.durationMs)),
      );
      for (const d of s.details)
        lines.push(row(` => => ${d.replace(/ done$/, '').replace(/ \d+\.\ds$/, '')}`, '0.0s'));
      if (!finished && s.durationMs === 0 && !s.cached)
        for (const l of s.logs.slice(-6)) lines.push(` => => # ${l.text}`.slice(0, width));
    }
    const clear = drawnLines > 0 ? `\x1b[${drawnLines}A\r\x1b[J` : '';
    cli.err(`${clear}${lines.join('\n')}\n`);
    drawnLines = lines.length;
  };
  return { draw };
}

/** `--build-arg NAME=value`, or `--build-arg NAME` taking the client's environment. */
function buildArgsOf(cli: DockerCli, parsed: ParsedFlags): Record<string, string> {
  const buildArgs: Record<string, string> = {};
  for (const a of flagAll(parsed, 'build-arg')) {
    const i = a.indexOf('=');
    if (i === -1) {
      if (cli.ctx.env[a] !== undefined) buildArgs[a] = cli.ctx.env[a] as string;
    } else buildArgs[a.slice(0, i)] = a.slice(i + 1);
  }
  return buildArgs;
}

/** `--platform`, parsed; undefined when not given. */
function platformOf(parsed: ParsedFlags): ReturnType<typeof parsePlatform> | undefined {
  const text = flag(parsed, 'platform');
  return text === undefined ? undefined : parsePlatform(text);
}

/**
 * `docker build` with `DOCKER_BUILDKIT=0`: the client tars the context ("Sending build context"), the
 * daemon's legacy builder streams its steps, and a failing RUN's status becomes the client's.
 */
export const legacyBuildCommand: DockerCommand['run'] = async (cli, parsed) => {
  const { ctx, engine } = cli;
  const host = engine.host.fs;
  const argument = parsed.positionals[0] as string;
  let contextDir = resolvePath(ctx.cwd, argument, ctx.user.home);
  let dockerfile = resolvePath(ctx.cwd, flag(parsed, 'file') ?? `${contextDir}/Dockerfile`, ctx.user.home);
  // `-` reads the Dockerfile from stdin and sends it as the whole context.
  const piped = argument === '-' ? `/tmp/docker-build-${nextHex(ctx.random, 12)}` : undefined;
  if (piped) {
    host.mkdir(piped, { parents: true });
    host.writeFile(`${piped}/Dockerfile`, ctx.stdin.read());
    contextDir = piped;
    dockerfile = `${piped}/Dockerfile`;
  } else if (!host.isDir(contextDir)) {
    cli.err(`unable to prepare context: path "${argument}" not found\n`);
    return 1;
  } else if (!host.exists(dockerfile)) {
    cli.err(
      `unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${dockerfile}: no such file or directory\n`,
    );
    return 1;
  }
  try {
    return await legacyBuild(cli, parsed, { contextDir, dockerfile });
  } finally {
    if (piped) host.remove(piped, { recursive: true });
  }
};

async function legacyBuild(
  cli: DockerCli,
  parsed: ParsedFlags,
  where: Pick<BuildRequest, 'contextDir' | 'dockerfile'>,
): Promise<number> {
  const { ctx, engine } = cli;
  const quiet = flagOn(parsed, 'quiet');
  // -q keeps the output back, and shows it only if the build fails.
  let held = '';
  const show = (text: string) => {
    if (quiet) held += text;
    else cli.out(text);
  };
  // The legacy client sends --platform as it is; the daemon parses it.
  const platform = platformOf(parsed);
  if (platform && 'error' in platform) {
    cli.err(`Error response from daemon: ${platform.error}\n`);
    return 1;
  }
  const { build, contextTarSize } = await import('../build/builder.ts');
  show(
    `Sending build context to Docker daemon  ${humanSize(contextTarSize(engine.host.fs, where.contextDir, where.dockerfile)).padStart(7)}\r\r\n`,
  );
  const result = await build(
    engine,
    ctx,
    {
      ...where,
      tags: flagAll(parsed, 'tag'),
      buildArgs: buildArgsOf(cli, parsed),
      ...(flag(parsed, 'target') ? { target: flag(parsed, 'target') as string } : {}),
      ...(platform ? { platform } : {}),
      noCache: flagOn(parsed, 'no-cache'),
      builder: 'legacy',
    },
    { step: () => {}, stream: show },
  );
  if (!result.ok) {
    if (quiet) cli.err(held);
    cli.err(result.rejected ? `Error response from daemon: ${result.message}\n` : `${result.message}\n`);
    return result.status ?? 1;
  }
  if (quiet) cli.out(`${result.image.id}\n`);
  return 0;
}

export const buildCommand: DockerCommand['run'] = async (cli, parsed) => {
  const { ctx, engine } = cli;
  const contextDir = resolvePath(ctx.cwd, parsed.positionals[0] as string, ctx.user.home);
  if (!engine.host.fs.isDir(contextDir)) {
    cli.err(`ERROR: failed to build: unable to prepare context: path "${parsed.positionals[0]}" not found\n`);
    return 1;
  }
  const buildArgs = buildArgsOf(cli, parsed);
  for (const tag of flagAll(parsed, 'tag')) {
    const { parseReference } = await import('../reference.ts');
    const ref = parseReference(tag);
    if (!ref.ok) {
      cli.err(`ERROR: failed to build: invalid tag "${tag}": ${ref.error}\n`);
      return 1;
    }
  }
  // buildx takes a comma-separated list of platforms, each once.
  const platforms = new Map<string, Platform>();
  for (const text of (flag(parsed, 'platform') ?? '').split(',').filter((p) => p.trim() !== '')) {
    const platform = parsePlatform(text.trim());
    if ('error' in platform) {
      cli.err(`ERROR: failed to build: ${platform.error}\n`);
      return 1;
    }
    platforms.set(formatPlatform(platform), platform);
  }
  // The docker driver on Engine 28's own image store can neither build for several platforms nor
  // attach attestations (build/opt.go in https://github.com/docker/buildx/blob/v0.29.1/).
  const unsupported =
    platforms.size > 1
      ? ['Multi-platform build', 'https://docs.docker.com/go/build-multi-platform/']
      : attestsSbom(flag(parsed, 'sbom'))
        ? ['Attestation', 'https://docs.docker.com/go/attestations/']
        : undefined;
  if (unsupported) {
    cli.err(
      `ERROR: failed to build: ${unsupported[0]} is not supported for the docker driver.\nSwitch to a different driver, or turn on the containerd image store, and try again.\nLearn more at ${unsupported[1]}\n`,
    );
    return 1;
  }
  const [platform] = platforms.values();
  const progress = flag(parsed, 'progress') ?? 'auto';
  const quiet = flagOn(parsed, 'quiet') || progress === 'quiet' || progress === 'none';
  const tty = !quiet && progress !== 'plain' && (progress === 'tty' || ctx.stderr.isTTY);
  const started = ctx.now();
  const steps: BuildStep[] = [];
  const plain = plainRenderer(cli);
  const screen = ttyRenderer(cli, steps, started);
  if (!quiet && !tty) cli.err('#0 building with "default" instance using docker driver\n\n');
  const onStep = (step: BuildStep, phase: 'start' | 'log' | 'done') => {
    if (phase === 'start') steps.push(step);
    if (quiet) return;
    if (tty) screen.draw(false);
    else plain(step, phase);
  };
  // The builder (and the Dockerfile parser under it) loads on the first build.
  const { build } = await import('../build/builder.ts');
  const result = await build(
    engine,
    ctx,
    {
      contextDir,
      // Like the docker CLI, -f is relative to the working directory; the default is PATH/Dockerfile.
      dockerfile: resolvePath(ctx.cwd, flag(parsed, 'file') ?? `${contextDir}/Dockerfile`, ctx.user.home),
      tags: flagAll(parsed, 'tag'),
      buildArgs,
      ...(flag(parsed, 'target') ? { target: flag(parsed, 'target') as string } : {}),
      ...(platform ? { platform } : {}),
      noCache: flagOn(parsed, 'no-cache'),
    },
    { step: onStep },
  );
  if (tty) screen.draw(result.ok || steps.every((s) => !s.error));
  if (!result.ok) {
    const failed = result.steps.find((s) => s.error);
    if (failed && failed.logs.length > 0 && !quiet) {
      const tail = failed.logs.slice(-10).map((l) => `${(l.at / 1000).toFixed(3)} ${l.text}`);
      cli.err(`------\n > ${failed.name}:\n${tail.join('\n')}\n------\n`);
    } else if (failed && !quiet && result.block) cli.err(`------\n > ${failed.name}:\n------\n`);
    cli.err(`${result.block ?? ''}ERROR: failed to build: ${result.message}\n`);
    return 1;
  }
  if (flagOn(parsed, 'push')) {
    // Only once the image is built does buildx look for the names to push it by.
    if (flagAll(parsed, 'tag').length === 0) {
      cli.err('ERROR: failed to build: tag is needed when pushing to registry\n');
      return 1;
    }
    // The docker driver has the daemon push each tag, as `docker push` does, each a step of the
    // build's progress (pushWithMoby in build/build.go, https://github.com/docker/buildx/blob/v0.29.1/).
    const { pushImage } = await import('./push.ts');
    for (const tag of flagAll(parsed, 'tag')) {
      const begun = ctx.now();
      const step: BuildStep = {
        id: steps.length + 1,
        name: `pushing ${tag} with docker`,
        cached: false,
        logs: [],
        details: [],
        durationMs: 0,
      };
      onStep(step, 'start');
      const pushed = await pushImage(cli, tag, {
        layer: (layer, outcome) => {
          if (outcome === 'Pushed')
            step.details.push(`pushing layer ${layer} ${seconds(ctx.now() - begun)} done`);
        },
      });
      step.durationMs = Math.max(1, ctx.now() - begun);
      if (!pushed.ok) step.error = pushed.error;
      onStep(step, 'done');
      if (tty) screen.draw(pushed.ok);
      if (!pushed.ok) {
        cli.err(`ERROR: failed to build: ${pushed.error}\n`);
        return 1;
      }
    }
  }
  if (quiet) cli.out(`${result.image.id}\n`);
  return 0;
};

/** `--sbom` asks for an SBOM attestation unless its value is false (buildflags.CanonicalizeAttest). */
function attestsSbom(value: string | undefined): boolean {
  return value !== undefined && value !== '' && !['false', '0', 'f', 'F', 'FALSE', 'False'].includes(value);
}
