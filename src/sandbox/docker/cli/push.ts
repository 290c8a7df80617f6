import { CATALOGUE } from '../catalogue.ts';
import { catalogueRecord } from '../images.ts';
import {
  familiarName,
  familiarString,
  fullName,
  fullString,
  type ImageReference,
  parseReference,
  withDefaultTag,
} from '../reference.ts';
import { imageManifest } from '../registry/distribution.ts';
import type { ImageRecord } from '../state.ts';
import type { DockerCli, DockerCommand } from './context.ts';
import { flagOn } from './flags.ts';

/** Upload speed of the simulated network, in bytes per virtual second. */
const UPLOAD_RATE = 30_000_000;

export const push: DockerCommand['run'] = async (cli, parsed) => {
  const { engine } = cli;
  const arg = parsed.positionals[0] as string;
  const parsedRef = parseReference(arg);
  if (!parsedRef.ok) {
    cli.err(`${parsedRef.error}\n`);
    return 1;
  }
  if (parsedRef.ref.digest) {
    cli.err('cannot push a digest reference\n');
    return 1;
  }
  const quiet = flagOn(parsed, 'quiet');
  const say = quiet ? () => {} : cli.out;
  if (!parsedRef.ref.tag) say('Using default tag: latest\n');
  const ref = withDefaultTag(parsedRef.ref);
  say(`The push refers to repository [${fullName(ref)}]\n`);
  // The daemon looks for the repository first, then the tag in it (Push in
  // https://github.com/moby/moby/blob/v28.5.2/distribution/push.go, pushRepository in push_v2.go).
  const repository = familiarName(ref);
  if (!engine.hasTagIn(repository)) {
    cli.err(`An image does not exist locally with the tag: ${repository}\n`);
    return 1;
  }
  const image = engine.findImage(fullString(ref));
  if (!image) {
    cli.err(`tag does not exist: ${familiarString(ref)}\n`);
    return 1;
  }
  const pushed = await pushTagged(cli, ref, image, {
    preparing: (id) => say(`${id}: Preparing\n`),
    layer: (id, outcome) => say(`${id}: ${outcome}\n`),
  });
  if (!pushed.ok) {
    cli.err(`${pushed.error}\n`);
    return 1;
  }
  cli.out(
    quiet ? `${fullName(ref)}:${ref.tag}\n` : `${ref.tag}: digest: ${pushed.digest} size: ${pushed.size}\n`,
  );
  return 0;
};

/** What a push reports of each layer, by its short id (12 hex digits), topmost first. */
export interface PushProgress {
  /** Every layer, before any is sent. */
  preparing?: (id: string) => void;
  /** `Pushed`, `Layer already exists` or `Mounted from REPOSITORY`. */
  layer: (id: string, outcome: string) => void;
}

type PushResult = { ok: true; digest: string; size: number } | { ok: false; error: string };

/**
 * The daemon's push of a local image under a tag it has (`docker push`, and buildx's docker driver
 * after a `--push` build): each layer the registry lacks, then the config and the manifest.
 */
async function pushTagged(
  cli: DockerCli,
  ref: ImageReference,
  image: ImageRecord,
  progress: PushProgress,
): Promise<PushResult> {
  const { engine, ctx } = cli;
  const store = engine.registryFor(ref.domain);
  if ('error' in store) return { ok: false, error: store.error };
  const { manifest, text, digest, config } = imageManifest(engine, image);
  const rows = [...manifest.layers].reverse().map((l) => ({ id: l.digest.slice(7, 19), layer: l }));
  for (const row of rows) progress.preparing?.(row.id);
  if (ref.domain === 'docker.io') {
    const namespace = ref.path.split('/')[0];
    const login = engine.state.login;
    if (!login || namespace !== login.username) {
      await ctx.sleep(400);
      return { ok: false, error: 'denied: requested access to the resource is denied' };
    }
  }
  for (const row of rows) {
    if (store.hasBlob(row.layer.digest)) {
      progress.layer(row.id, 'Layer already exists');
      continue;
    }
    // Docker Hub mounts a blob it already has in another repository instead of receiving it again.
    const source = ref.domain === 'docker.io' ? catalogueRepositoryWith(row.layer.digest) : undefined;
    if (source) {
      store.putBlob(row.layer.digest, row.layer.size);
      progress.layer(row.id, `Mounted from ${source}`);
      continue;
    }
    await ctx.sleep(Math.ceil((row.layer.size / UPLOAD_RATE) * 1000) + 30);
    const record = Object.values(engine.state.layers).find((l) => l.blobDigest === row.layer.digest);
    if (record) engine.state.blobSources[row.layer.digest] ??= record;
    store.putBlob(row.layer.digest, row.layer.size);
    progress.layer(row.id, 'Pushed');
  }
  store.putBlob(manifest.config.digest, config.length, config);
  store.putManifest(ref.path, ref.tag, digest, text);
  const repoDigest = `${familiarName(ref)}@${digest}`;
  if (!image.repoDigests.includes(repoDigest)) image.repoDigests.push(repoDigest);
  return { ok: true, digest, size: text.length };
}

/** Pushes a local image by the name it was just tagged with (buildx's `--push`). */
export async function pushImage(cli: DockerCli, name: string, progress: PushProgress): Promise<PushResult> {
  const parsed = parseReference(name);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const ref = withDefaultTag(parsed.ref);
  const image = cli.engine.findImage(fullString(ref));
  if (!image) return { ok: false, error: `tag does not exist: ${familiarString(ref)}` };
  return pushTagged(cli, ref, image, progress);
}

/** A Docker Hub repository whose images contain the blob. */
function catalogueRepositoryWith(blobDigest: string): string | undefined {
  for (const entry of CATALOGUE) {
    const { layers } = catalogueRecord(entry);
    if (layers.some((l) => l.blobDigest === blobDigest)) return entry.repository;
  }
  return undefined;
}
