/**
 * The command table's entries for docker's build commands (help, completion, argument checks);
 * their code, in ../build.ts, loads on first use.
 */
import type { DockerCommandSpec } from '../context.ts';

/** What the 28 client prints before a legacy build (cli/command/image/build.go, `DeprecationNotice`). */
export const LEGACY_BUILDER_NOTICE = `DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0
            environment-variable.

`;

/** `DOCKER_BUILDKIT` set to one of Go's false values (strconv.ParseBool) selects the legacy builder. */
export function wantsLegacyBuilder(env: Record<string, string | undefined>): boolean {
  return ['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(env.DOCKER_BUILDKIT ?? '');
}

const buildFlags: DockerCommandSpec['flags'] = [
  { name: 'build-arg', value: true, repeat: true, type: 'stringArray', usage: 'Set build-time variables' },
  { name: 'file', short: 'f', value: true, usage: 'Name of the Dockerfile (default: "PATH/Dockerfile")' },
  { name: 'no-cache', usage: 'Do not use cache when building the image' },
  {
    name: 'progress',
    value: true,
    usage:
      'Set type of progress output ("auto", "none", "plain", "quiet", "rawjson", "tty"). Use plain to show container output',
  },
  { name: 'quiet', short: 'q', usage: 'Suppress the build output and print image ID on success' },
  {
    name: 'tag',
    short: 't',
    value: true,
    repeat: true,
    type: 'stringArray',
    usage: 'Name and optionally a tag (format: "name:tag")',
  },
  { name: 'platform', value: true, usage: 'Set platform if server is multi-platform capable' },
  { name: 'target', value: true, usage: 'Set the target build stage to build' },
  { name: 'load', usage: 'Shorthand for "--output=type=docker"' },
  { name: 'push', usage: 'Shorthand for "--output=type=registry"' },
  { name: 'sbom', value: true, usage: 'Shorthand for "--attest=type=sbom"' },
  { name: 'help' },
];

/** Flags only buildx has (commands/build.go in https://github.com/docker/buildx/blob/v0.29.1/). */
const BUILDX_ONLY = ['progress', 'load', 'push', 'sbom'];

export const legacyBuildCommandSpec: DockerCommandSpec = {
  name: 'build',
  usage: 'docker build [OPTIONS] PATH | URL | -',
  summary: 'Build an image from a Dockerfile',
  flags: buildFlags.filter((f) => !BUILDX_ONLY.includes(f.name)),
  minArgs: 1,
  maxArgs: 1,
};

export const buildCommandSpec: DockerCommandSpec = {
  name: 'build',
  aliases: ['image build', 'buildx build', 'builder build'],
  usage: 'docker buildx build [OPTIONS] PATH | URL | -',
  summary: 'Build an image from a Dockerfile',
  flags: buildFlags,
  minArgs: 1,
  maxArgs: 1,
};
