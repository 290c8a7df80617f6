import { Filesystem, FsError } from '../../fs/filesystem.ts';
import type { Layer } from '../../fs/node.ts';
import { dirname, resolvePath } from '../../fs/path.ts';
import type { ImageConfig } from '../catalogue.ts';
import { layerRecordFor } from '../images.ts';
import { HOST_PLATFORM, parsePlatform } from '../platform.ts';
import { familiarString, fullString, parseReference, withDefaultTag } from '../reference.ts';
import { foreignPlatform, imageIdFor } from '../registry/distribution.ts';
import type { ImageRecord, LayerRecord } from '../state.ts';
import { type DockerCli, type DockerCommand, daemonError } from './context.ts';
import { flag, flagAll } from './flags.ts';

/**
 * The sandbox's stand-ins for the tar files these commands write: `docker save` keeps images with
 * their tags and layers, `docker export` a container's files. Plain JSON, so a saved lab keeps
 * them like any other file, and `load`/`import` read them back.
 */
interface ImageArchive {
  archive: 'docker-save';
  images: { image: ImageRecord; tags: string[] }[];
  layers: LayerRecord[];
}

interface RootfsArchive {
  archive: 'rootfs';
  files: Layer;
}

/** What the daemon says of a file that is no tar archive. */
const NOT_A_TAR = 'Error processing tar file(exit status 1): unexpected EOF';
const TERMINAL = 'cowardly refusing to save to a terminal. Use the -o flag or redirect';

/**
 * Writes an archive to `-o`'s file, or to stdout when that is no terminal; `failed` begins the
 * client's error (`failed to save image`).
 */
function writeArchive(
  cli: DockerCli,
  output: string | undefined,
  archive: ImageArchive | RootfsArchive,
  failed: string,
): number {
  const text = JSON.stringify(archive);
  if (output === undefined) {
    if (cli.ctx.stdout.isTTY) {
      cli.err(`${TERMINAL}\n`);
      return 1;
    }
    cli.out(text);
    return 0;
  }
  const { fs, cwd, user } = cli.ctx;
  const path = resolvePath(cwd, output, user.home);
  // The client looks at the directory first, as its ValidateOutputPath does.
  const dir = output.includes('/') ? output.slice(0, output.lastIndexOf('/')) || '/' : '.';
  const dirNode = fs.stat(dirname(path));
  const problem = !dirNode
    ? `invalid output path: stat ${dir}: no such file or directory`
    : dirNode.type !== 'dir'
      ? `invalid output path: "${dir}" must be a directory`
      : undefined;
  if (problem) {
    cli.err(`${failed}: ${problem}\n`);
    return 1;
  }
  try {
    fs.writeFile(path, text, { actor: user });
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    cli.err(`${failed}: open ${output}: ${error.message.toLowerCase()}\n`);
    return 1;
  }
  return 0;
}

/** Reads an archive from a file (`-` or none: stdin); a string is the error to print. */
function readArchive(cli: DockerCli, input: string | undefined): ImageArchive | RootfsArchive | string {
  let text: string;
  if (input === undefined || input === '-') text = cli.ctx.stdin.read();
  else {
    try {
      text = cli.ctx.fs.readText(resolvePath(cli.ctx.cwd, input, cli.ctx.user.home));
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      return `open ${input}: ${error.message.toLowerCase()}`;
    }
  }
  try {
    const archive = JSON.parse(text) as Partial<ImageArchive | RootfsArchive>;
    if (archive.archive === 'docker-save' || archive.archive === 'rootfs') return archive as ImageArchive;
  } catch {
    // Not an archive the sandbox wrote: answered below as the daemon answers a file that is no tar.
  }
  return NOT_A_TAR;
}

export const save: DockerCommand['run'] = async (cli, parsed) => {
  const { engine } = cli;
  const archive: ImageArchive = { archive: 'docker-save', images: [], layers: [] };
  for (const name of parsed.positionals) {
    const image = engine.findImage(name);
    if (!image) return daemonError(cli, `No such image: ${name}`);
    // Saved by name, an image keeps that name; saved by ID, it has none.
    const ref = parseReference(name);
    const tagged = ref.ok && engine.state.tags[fullString(withDefaultTag(ref.ref))] === image.id;
    const tags = tagged && ref.ok ? [familiarString(withDefaultTag(ref.ref))] : [];
    const saved = archive.images.find((i) => i.image.id === image.id);
    if (saved) saved.tags.push(...tags.filter((t) => !saved.tags.includes(t)));
    else archive.images.push({ image, tags });
    for (const diffId of image.layers) {
      const layer = engine.state.layers[diffId];
      if (layer && !archive.layers.some((l) => l.diffId === diffId)) archive.layers.push(layer);
    }
  }
  return writeArchive(cli, flag(parsed, 'output'), archive, 'failed to save image');
};

export const load: DockerCommand['run'] = async (cli, parsed) => {
  const input = flag(parsed, 'input');
  if (input === undefined && cli.ctx.stdin.isTTY) {
    cli.err('requested load from stdin, but stdin is empty\n');
    return 1;
  }
  const archive = readArchive(cli, input);
  if (typeof archive === 'string' || archive.archive !== 'docker-save') {
    cli.err(`${typeof archive === 'string' ? archive : NOT_A_TAR}\n`);
    return 1;
  }
  const { state } = cli.engine;
  for (const layer of archive.layers) state.layers[layer.diffId] ??= layer;
  for (const { image, tags } of archive.images) {
    state.images[image.id] ??= { ...image, lastTagTime: cli.engine.now() };
    for (const tag of tags) {
      const ref = parseReference(tag);
      if (ref.ok) state.tags[fullString(withDefaultTag(ref.ref))] = image.id;
      cli.out(`Loaded image: ${tag}\n`);
    }
    if (tags.length === 0) cli.out(`Loaded image ID: ${image.id}\n`);
  }
  return 0;
};

export const exportCommand: DockerCommand['run'] = async (cli, parsed) => {
  const { engine } = cli;
  const name = parsed.positionals[0] as string;
  engine.reconcile();
  const c = engine.findContainer(name);
  if (!c) return daemonError(cli, `No such container: ${name}`);
  const image = engine.state.images[c.image];
  // The image's files under the container's changes; volumes are not the container's, so not here.
  const fs = new Filesystem(image ? engine.imageLayers(image) : [], c.upper);
  const files: Layer = {};
  for (const path of fs.walk('/')) {
    const node = fs.lstat(path);
    if (node?.type === 'dir')
      files[path] = { type: 'dir', mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime };
    else if (node) files[path] = node;
  }
  return writeArchive(
    cli,
    flag(parsed, 'output'),
    { archive: 'rootfs', files },
    'failed to export container',
  );
};

export const importCommand: DockerCommand['run'] = async (cli, parsed) => {
  const [source = '-', target] = parsed.positionals;
  let ref: ReturnType<typeof parseReference> | undefined;
  if (target !== undefined) {
    ref = parseReference(target);
    if (!ref.ok) {
      cli.err(`${ref.error}\n`);
      return 1;
    }
  }
  // Engine 28 records the platform given, the host's otherwise
  // (https://github.com/moby/moby/blob/v28.5.2/daemon/images/image_import.go).
  const platformFlag = flag(parsed, 'platform');
  const platform = platformFlag === undefined ? HOST_PLATFORM : parsePlatform(platformFlag);
  if ('error' in platform) return daemonError(cli, platform.error);
  if (platform.os !== HOST_PLATFORM.os) return daemonError(cli, 'operating system is not supported');
  const config = importChanges(flagAll(parsed, 'change'));
  if (typeof config === 'string') return daemonError(cli, config);
  const archive = readArchive(cli, source);
  if (typeof archive === 'string') {
    cli.err(`${archive}\n`);
    return 1;
  }
  // An image archive imports as the files it holds: nothing an image could run.
  const files = archive.archive === 'rootfs' ? archive.files : {};
  const record = layerRecordFor(files, { inline: files });
  const { state } = cli.engine;
  state.layers[record.diffId] ??= record;
  const created = cli.ctx.now();
  const message = flag(parsed, 'message');
  const history = [{ created, createdBy: '', comment: message ?? 'Imported from -' }];
  const content = {
    config,
    created,
    history,
    os: 'linux' as const,
    layers: [record.diffId],
    ...foreignPlatform(platform),
  };
  const id = imageIdFor(content);
  state.images[id] = { id, ...content, repoDigests: [], lastTagTime: created };
  if (ref?.ok) state.tags[fullString(withDefaultTag(ref.ref))] = id;
  cli.out(`${id}\n`);
  return 0;
};

/** The Dockerfile instructions `import -c` may apply: CMD, ENTRYPOINT, ENV, WORKDIR, USER, EXPOSE. */
function importChanges(changes: string[]): ImageConfig | string {
  const config: ImageConfig = { Env: [], WorkingDir: '', User: '' };
  for (const change of changes) {
    const m = /^\s*(\w+)\s+(.*)$/s.exec(change);
    const instruction = m?.[1]?.toUpperCase() ?? change.trim().toUpperCase();
    const rest = m?.[2]?.trim() ?? '';
    const words = (): string[] => {
      if (rest.startsWith('[')) {
        try {
          const list = JSON.parse(rest) as unknown;
          if (Array.isArray(list) && list.every((w) => typeof w === 'string')) return list;
        } catch {
          // Not JSON: the shell form.
        }
      }
      return ['/bin/sh', '-c', rest];
    };
    if (instruction === 'CMD') config.Cmd = words();
    else if (instruction === 'ENTRYPOINT') config.Entrypoint = words();
    else if (instruction === 'ENV') config.Env = [...config.Env, ...envPairs(rest)];
    else if (instruction === 'WORKDIR') config.WorkingDir = rest;
    else if (instruction === 'USER') config.User = rest;
    else if (instruction === 'EXPOSE')
      config.ExposedPorts = {
        ...config.ExposedPorts,
        ...Object.fromEntries(rest.split(/\s+/).map((p) => [p.includes('/') ? p : `${p}/tcp`, {}])),
      };
    else return `${instruction} is not a valid change command`;
  }
  return config;
}

/** `ENV A=b C=d` or `ENV A b`, as KEY=VALUE strings. */
function envPairs(text: string): string[] {
  if (!/^\S+=/.test(text)) {
    const [key = '', ...value] = text.split(/\s+/);
    return [`${key}=${value.join(' ')}`];
  }
  return text.split(/\s+/).filter(Boolean);
}
