import { nextHex } from '../../core/random.ts';
import { WINDOWS_BASE_IMAGES } from '../catalogue.ts';
import type { DockerEngine } from '../engine.ts';
import { humanSize } from '../format/units.ts';
import { cataloguePlatform, catalogueRecord, findInCatalogue, repositoryExists } from '../images.ts';
import {
  formatPlatform,
  HOST_PLATFORM,
  type Platform,
  platformMatches,
  platformMismatch,
} from '../platform.ts';
import {
  familiarName,
  familiarString,
  fullString,
  type ImageReference,
  withDefaultTag,
} from '../reference.ts';
import { imageFromConfig, type Manifest } from '../registry/distribution.ts';
import type { ImageRecord, LayerRecord } from '../state.ts';
import type { DockerCli } from './context.ts';

/** Download speed of the simulated network, in bytes per virtual second. */
const DOWNLOAD_RATE = 48_000_000;
const EXTRACT_RATE = 160_000_000;

/**
 * A pull that failed. `streamed`: the daemon had already begun its progress stream (the manifest was
 * fetched), so the client prints the message bare, not as "Error response from daemon".
 */
export interface PullError {
  error: string;
  streamed?: boolean;
}

/**
 * Pulls an image and prints the daemon's progress as the CLI renders it: redrawn in place on a
 * terminal, one line per event otherwise. Returns the image, or the daemon's error message.
 */
export async function pullImage(
  cli: DockerCli,
  ref: ImageReference,
  write: (text: string) => void,
  platform?: Platform,
): Promise<{ image: ImageRecord } | PullError> {
  const { engine, ctx } = cli;
  const tagged = ref.digest ? ref : withDefaultTag(ref);
  const found = resolveRemote(engine, tagged, platform);
  // By digest the daemon labels the pull with the whole reference (pullTag in
  // https://github.com/moby/moby/blob/v28.5.2/distribution/pull_v2.go: digested.String()).
  const label = tagged.digest ? fullString(tagged) : (tagged.tag ?? 'latest');
  if ('error' in found) {
    if (found.streamed) {
      write(`${label}: Pulling from ${tagged.path}\n`);
      await ctx.sleep(400);
    }
    return found;
  }
  const { image, layers, digest } = found;
  write(`${label}: Pulling from ${tagged.path}\n`);
  await ctx.sleep(600 + (nextHex(ctx.random, 2).charCodeAt(0) % 7) * 40);
  // An image whose configuration is already here needs none of its layers, so the daemon lists none
  // (pullSchema2 in https://github.com/moby/moby/blob/v28.5.2/distribution/pull_v2.go).
  const known = engine.state.images[image.id] !== undefined;
  const rows = (known ? [] : layers).map((layer) => ({
    id: layer.blobDigest.slice(7, 19),
    layer,
    present: engine.state.layers[layer.diffId] !== undefined,
  }));
  const pending = rows.filter((r) => !r.present);
  const tty = ctx.stdout.isTTY && write === cli.out;
  const status = new Map<string, string>();
  const lines = rows.map((r) => r.id);
  const show = (id: string, text: string) => {
    if (!tty) {
      write(`${id}: ${text}\n`);
      return;
    }
    const first = !status.has(id);
    status.set(id, text);
    if (first) {
      write(`${id}: ${text}\n`);
      return;
    }
    const up = lines.length - lines.indexOf(id);
    write(`\x1b[${up}A\r\x1b[2K${id}: ${text}\r\x1b[${up}B`);
  };
  for (const r of rows) show(r.id, r.present ? 'Already exists' : 'Pulling fs layer');
  if (!tty) for (const r of pending.slice(3)) show(r.id, 'Waiting');
  const wide = ctx.stdout.columns > 110;
  const bar = (done: number, total: number) => {
    const n = Math.floor((done / total) * 50);
    const box = wide
      ? `[${'='.repeat(Math.max(0, n - 1))}${n > 0 ? '>' : ''}${' '.repeat(50 - Math.max(n, 1) + (n > 0 ? 0 : 1))}] `
      : '';
    return `${box}${humanSize(done).padStart(8)}/${humanSize(total)}`;
  };
  for (const r of pending) {
    const total = r.layer.compressedSize;
    const steps = tty ? Math.min(8, Math.max(2, Math.ceil(total / 4_000_000))) : 1;
    for (let s = 1; s <= steps; s++) {
      await ctx.sleep(Math.ceil((total / steps / DOWNLOAD_RATE) * 1000));
      if (tty && s < steps) show(r.id, `Downloading ${bar(Math.round((total * s) / steps), total)}`);
    }
    show(r.id, 'Verifying Checksum');
    show(r.id, 'Download complete');
  }
  for (const r of pending) {
    await ctx.sleep(Math.ceil((r.layer.size / EXTRACT_RATE) * 1000) + 20);
    if (tty) show(r.id, `Extracting ${bar(r.layer.compressedSize, r.layer.compressedSize)}`);
    show(r.id, 'Pull complete');
  }
  const { updated } = engine.storeImage(image, layers, tagged);
  write(`Digest: ${digest}\n`);
  write(
    updated
      ? `Status: Downloaded newer image for ${familiarString(tagged)}\n`
      : `Status: Image is up to date for ${familiarString(tagged)}\n`,
  );
  // A single-platform image is pulled whatever platform was asked for; the daemon then warns.
  const mismatch = platform && platformMismatch(image, familiarString(tagged), platform);
  if (mismatch) write(`WARNING: ${mismatch}\n`);
  return { image: engine.state.images[image.id] as ImageRecord };
}

/** `docker.io/library/alpine:latest`: the line `docker pull` ends with. */
export function pulledReference(ref: ImageReference): string {
  return fullString(ref.digest ? ref : withDefaultTag(ref));
}

/** What a registry serves for a reference: the image, its layers and the manifest digest; or the daemon's error. */
export function resolveRemote(
  engine: DockerEngine,
  ref: ImageReference,
  platform: Platform = HOST_PLATFORM,
): { image: ImageRecord; layers: LayerRecord[]; digest: string } | PullError {
  // An index's entries are matched against the platform asked for; none matching is this error.
  const noMatch = {
    error: `no matching manifest for ${formatPlatform(platform)} in the manifest list entries`,
    streamed: true,
  };
  const windows = ref.domain === 'mcr.microsoft.com' ? WINDOWS_BASE_IMAGES[ref.path] : undefined;
  if (windows) {
    // The Microsoft Artifact Registry's answer for a tag it does not have.
    if (ref.tag && !windows.includes(ref.tag))
      return {
        error: `manifest for ${fullString(ref)} not found: manifest unknown: manifest tagged by "${ref.tag}" is not found`,
      };
    // The index lists only windows/amd64 manifests. Engine 28's classic image store (overlay2, as here):
    // https://github.com/moby/moby/blob/v28.5.2/distribution/pull_v2.go (noMatchesErr). The containerd
    // image store appends containerd's own error: "…entries: no match for platform in manifest: not found"
    // (https://github.com/moby/moby/blob/v28.5.2/daemon/containerd/image_pull.go).
    // --platform windows/amd64 finds the entry, but the classic store keeps only this OS's layers
    // (image.CheckOS in distribution/pull_v2.go).
    if (platformMatches(platform, { os: 'windows', architecture: 'amd64', variant: '' }))
      return { error: 'operating system is not supported', streamed: true };
    return noMatch;
  }
  const entry = findInCatalogue(ref);
  if (entry) {
    const variant = cataloguePlatform(entry, platform);
    if (!variant) return noMatch;
    const { image, layers } = catalogueRecord(entry, variant);
    return { image, layers, digest: image.repoDigests[0]?.split('@')[1] ?? '' };
  }
  const store = engine.registryFor(ref.domain);
  if ('error' in store) return store;
  const manifest = store.manifest(ref.path, ref.digest ?? ref.tag ?? 'latest');
  if (!manifest) {
    if (ref.domain === 'docker.io' && !repositoryExists(ref) && !store.tags(ref.path)) {
      return {
        error: `pull access denied for ${familiarName(ref)}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
      };
    }
    return { error: `manifest for ${familiarString(ref)} not found: manifest unknown: manifest unknown` };
  }
  const parsed = JSON.parse(manifest.text) as Manifest;
  const config = store.blobText(parsed.config.digest);
  if (config === undefined) return { error: `blob unknown: blob unknown to registry` };
  const image = imageFromConfig(config, `${familiarName(ref)}@${manifest.digest}`);
  const layers: LayerRecord[] = [];
  for (const [i, diffId] of image.layers.entries()) {
    const blob = parsed.layers[i]?.digest ?? '';
    const record = engine.state.layers[diffId] ?? engine.state.blobSources[blob];
    if (!record) return { error: `blob unknown: blob unknown to registry` };
    layers.push(record);
  }
  return { image, layers, digest: manifest.digest };
}
