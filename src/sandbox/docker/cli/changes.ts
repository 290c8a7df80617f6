import { FsError } from '../../fs/filesystem.ts';
import type { Layer } from '../../fs/node.ts';
import { ancestors, basename, resolvePath } from '../../fs/path.ts';
import { humanSizeWithPrecision } from '../format/units.ts';
import { layerRecordFor } from '../images.ts';
import { fullString, parseReference, withDefaultTag } from '../reference.ts';
import { imageIdFor } from '../registry/distribution.ts';
import type { ContainerRecord, ImageRecord } from '../state.ts';
import { type DockerCli, type DockerCommand, daemonError } from './context.ts';
import { flag, flagOn } from './flags.ts';

/** The container's changes against its image: A added, C changed, D deleted (parents of changes count as changed). */
export function containerChanges(
  c: ContainerRecord,
  imageFs: { lstat(p: string): unknown },
): [string, string][] {
  const kinds = new Map<string, string>();
  for (const [path, entry] of Object.entries(c.upper)) {
    if (c.mounts.some((m) => path === m.destination)) continue;
    kinds.set(path, entry.type === 'whiteout' ? 'D' : imageFs.lstat(path) ? 'C' : 'A');
    for (const dir of ancestors(path)) if (dir !== '/' && !kinds.has(dir)) kinds.set(dir, 'C');
  }
  return [...kinds.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}

export const diff: DockerCommand['run'] = async (cli, parsed) => {
  const name = parsed.positionals[0] as string;
  const c = cli.engine.findContainer(name);
  if (!c) return daemonError(cli, `No such container: ${name}`);
  const imageFs = cli.engine.fsOf({ ...c, id: `${c.id}:image`, upper: {}, mounts: [] });
  for (const [path, kind] of containerChanges(c, imageFs)) cli.out(`${kind} ${path}\n`);
  return 0;
};

export const commit: DockerCommand['run'] = async (cli, parsed) => {
  const { engine, ctx } = cli;
  const [name = '', target] = parsed.positionals;
  const c = engine.findContainer(name);
  if (!c) return daemonError(cli, `No such container: ${name}`);
  const base = engine.state.images[c.image] as ImageRecord;
  const layer: Layer = structuredClone(
    Object.fromEntries(
      Object.entries(c.upper).filter(
        ([p]) => !c.mounts.some((m) => p === m.destination || p.startsWith(`${m.destination}/`)),
      ),
    ),
  );
  const record = layerRecordFor(layer, { inline: layer });
  engine.state.layers[record.diffId] ??= record;
  const created = ctx.now();
  const config = { ...base.config, Cmd: [c.path, ...c.args].slice(base.config.Entrypoint?.length ?? 0) };
  const history = [
    ...base.history,
    {
      created,
      createdBy: [c.path, ...c.args].join(' '),
      ...(flag(parsed, 'message') ? { comment: flag(parsed, 'message') as string } : {}),
    },
  ];
  // The commit is of the base image's platform.
  const content = {
    config,
    created,
    history,
    os: 'linux' as const,
    layers: [...base.layers, record.diffId],
    ...(base.architecture ? { architecture: base.architecture } : {}),
    ...(base.variant ? { variant: base.variant } : {}),
  };
  const id = imageIdFor(content);
  engine.state.images[id] = {
    id,
    ...content,
    repoDigests: [],
    lastTagTime: created,
  };
  if (target) {
    const ref = parseReference(target);
    if (!ref.ok) {
      cli.err(`${ref.error}\n`);
      return 1;
    }
    engine.state.tags[fullString(withDefaultTag(ref.ref))] = id;
  }
  cli.out(`${id}\n`);
  return 0;
};

export const cp: DockerCommand['run'] = async (cli, parsed) => {
  // Without -q the client still keeps quiet when its output is not a terminal.
  const quiet = flag(parsed, 'quiet') === undefined ? !cli.ctx.stdout.isTTY : flagOn(parsed, 'quiet');
  return copy(cli, parsed.positionals[0] as string, parsed.positionals[1] as string, quiet);
};

async function copy(cli: DockerCli, from: string, to: string, quiet: boolean): Promise<number> {
  const { engine, ctx } = cli;
  const split = (arg: string) => {
    const i = arg.indexOf(':');
    return i > 0 && !arg.startsWith('/') && !arg.startsWith('.')
      ? { container: arg.slice(0, i), path: arg.slice(i + 1) }
      : { path: arg };
  };
  const src = split(from);
  const dst = split(to);
  if ((src.container === undefined) === (dst.container === undefined)) {
    cli.err('must specify at least one container source\n');
    return 1;
  }
  const side = (s: { container?: string; path: string }) => {
    if (s.container === undefined)
      return { fs: engine.host.fs, path: resolvePath(ctx.cwd, s.path, ctx.user.home), actor: ctx.user };
    const c = engine.findContainer(s.container);
    if (!c) return undefined;
    return { fs: engine.fsOf(c), path: resolvePath('/', s.path), actor: { uid: 0, gid: 0 } };
  };
  const a = side(src);
  const b = side(dst);
  if (!a || !b) return daemonError(cli, `No such container: ${src.container ?? dst.container}`);
  try {
    const node = a.fs.stat(a.path);
    if (!node) {
      cli.err(
        `${src.container ? 'Error response from daemon: Could not find the file ' : 'lstat '}${a.path}${src.container ? ` in container ${src.container}` : ': no such file or directory'}\n`,
      );
      return 1;
    }
    const target = b.fs.isDir(b.path) ? `${b.path}/${basename(a.path)}` : b.path;
    if (node.type === 'dir') {
      if (!b.fs.isDir(target)) b.fs.mkdir(target, { actor: b.actor });
      for (const p of a.fs.walk(a.path)) {
        const n = a.fs.lstat(p);
        const dest = target + p.slice(a.path.length);
        if (n?.type === 'dir') b.fs.mkdir(dest, { parents: true, actor: b.actor });
        else if (n) b.fs.copyNode(n, dest, b.actor);
      }
    } else {
      b.fs.copyNode(node, target, b.actor);
    }
    if (!quiet)
      cli.err(
        `Successfully copied ${node.type === 'file' ? humanKb(node.size) : '0B'} to ${dst.container ? to : b.path}\n`,
      );
    return 0;
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    cli.err(`Error response from daemon: ${error.message}\n`);
    return 1;
  }
}

/** What `docker cp` reports: the size of the tar stream (512-byte header and blocks, 1 KiB trailer). */
function humanKb(bytes: number): string {
  return humanSizeWithPrecision(512 + Math.ceil(bytes / 512) * 512 + 1024, 3);
}
