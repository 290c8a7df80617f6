import { nextHex } from '../../core/random.ts';
import { Interrupted } from '../../shell/program.ts';
import { humanSize } from '../format/units.ts';
import { catalogueRecord, findInCatalogue, repositoryExists } from '../images.ts';
import {
  familiarName,
  familiarString,
  fullString,
  type ImageReference,
  withDefaultTag,
} from '../reference.ts';
import type { ImageRecord } from '../state.ts';
import type { DockerCli } from './context.ts';

/** Download speed of the simulated network, in bytes per virtual second. */
const DOWNLOAD_RATE = 48_000_000;
const EXTRACT_RATE = 160_000_000;

/**
 * Pulls an image and prints the daemon's progress as the CLI renders it: redrawn in place on a
 * terminal, one line per event otherwise. Returns the image, or the daemon's error message.
 */
export async function pullImage(
  cli: DockerCli,
  ref: ImageReference,
  write: (text: string) => void,
): Promise<{ image: ImageRecord } | { error: string }> {
  const { engine, ctx } = cli;
  const tagged = ref.digest ? ref : withDefaultTag(ref);
  const entry = findInCatalogue(tagged);
  if (!entry) {
    if (tagged.domain !== 'docker.io') {
      const host = tagged.domain.split(':')[0] ?? tagged.domain;
      const port = tagged.domain.split(':')[1] ?? '443';
      return {
        error: `Get "https://${tagged.domain}/v2/": dial tcp ${host === 'localhost' ? '[::1]' : host}:${port}: connect: connection refused`,
      };
    }
    if (repositoryExists(tagged)) {
      return {
        error: `manifest for ${familiarString(tagged)} not found: manifest unknown: manifest unknown`,
      };
    }
    return {
      error: `pull access denied for ${familiarName(tagged)}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
    };
  }
  const { image, layers } = catalogueRecord(entry);
  const label = tagged.digest ?? tagged.tag ?? 'latest';
  write(`${label}: Pulling from ${tagged.path}\n`);
  await ctx.sleep(600 + (nextHex(ctx.random, 2).charCodeAt(0) % 7) * 40);
  const rows = layers.map((layer) => ({
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
  try {
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
  } catch (error) {
    if (error instanceof Interrupted) throw error;
    throw error;
  }
  const { updated } = engine.storePulled(entry, tagged);
  const digest = image.repoDigests[0]?.split('@')[1] ?? '';
  write(`Digest: ${digest}\n`);
  write(
    updated
      ? `Status: Downloaded newer image for ${familiarString(tagged)}\n`
      : `Status: Image is up to date for ${familiarString(tagged)}\n`,
  );
  return { image: engine.state.images[image.id] as ImageRecord };
}

/** `docker.io/library/alpine:latest`: the line `docker pull` ends with. */
export function pulledReference(ref: ImageReference): string {
  return fullString(ref.digest ? ref : withDefaultTag(ref));
}
