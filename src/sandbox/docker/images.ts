import { canonicalJson } from '../core/canonical-json.ts';
import { sha256Hex } from '../core/sha256.ts';
import { layerSize } from '../fs/filesystem.ts';
import type { Layer } from '../fs/node.ts';
import { buildLayer } from '../image/layer-builder.ts';
import { CATALOGUE, CATALOGUE_LAYERS, type CatalogueImage } from './catalogue.ts';
import { formatPlatform, HOST_PLATFORM, type Platform, parsePlatform, platformMatches } from './platform.ts';
import type { ImageReference } from './reference.ts';
import { foreignPlatform, imageIdFor } from './registry/distribution.ts';
import type { ImageRecord, LayerRecord } from './state.ts';

/** Files in Docker Hub's images carry their build date. */
const CATALOGUE_MTIME = Date.UTC(2025, 9, 8, 11, 4, 56);

const built = new Map<string, { layer: Layer; record: LayerRecord }>();

/** Digest of a layer's content: the same files always give the same DiffID. */
export function diffIdOf(layer: Layer): string {
  return `sha256:${sha256Hex(canonicalJson(layer))}`;
}

/** Compressed sizes are modelled as a fixed ratio of the content (gzip on binaries). */
export function layerRecordFor(layer: Layer, source: LayerRecord['source']): LayerRecord {
  const diffId = diffIdOf(layer);
  const size = layerSize(layer);
  return {
    diffId,
    blobDigest: `sha256:${sha256Hex(`gzip:${diffId}`)}`,
    size,
    compressedSize: Math.max(32, Math.round(size * 0.41)),
    source,
  };
}

/**
 * A catalogue layer, built once per process. `key@platform` (`alpine-3.22@linux/arm64/v8`) is the same
 * files built for another processor: the same content, but other binaries, so another digest.
 */
export function catalogueLayer(key: string): { layer: Layer; record: LayerRecord } {
  let entry = built.get(key);
  if (!entry) {
    const [base = key, platform] = key.split('@');
    const spec = CATALOGUE_LAYERS[base];
    if (!spec) throw new Error(`unknown catalogue layer ${key}`);
    const layer = buildLayer({ mtime: CATALOGUE_MTIME, ...spec() });
    Object.freeze(layer);
    const record = layerRecordFor(layer, { catalogue: key });
    if (platform !== undefined) {
      record.diffId = `sha256:${sha256Hex(`${platform}:${record.diffId}`)}`;
      record.blobDigest = `sha256:${sha256Hex(`gzip:${record.diffId}`)}`;
    }
    entry = { layer, record };
    built.set(key, entry);
  }
  return entry;
}

/** The layer content a record stands for. */
export function layerContent(record: LayerRecord): Layer {
  return 'catalogue' in record.source ? catalogueLayer(record.source.catalogue).layer : record.source.inline;
}

/**
 * The image record Docker Hub would serve for a catalogue entry: the entry of its index for `platform`
 * (the host's by default). Every platform shares the index's digest.
 */
export function catalogueRecord(
  entry: CatalogueImage,
  platform: Platform = HOST_PLATFORM,
): { image: ImageRecord; layers: LayerRecord[] } {
  const created = Date.parse(entry.created);
  const foreign = formatPlatform(platform) === formatPlatform(HOST_PLATFORM) ? '' : formatPlatform(platform);
  const layers: LayerRecord[] = [];
  const history = entry.steps.map((step) => {
    if (step.layer) layers.push(catalogueLayer(foreign ? `${step.layer}@${foreign}` : step.layer).record);
    return step.layer
      ? { created, createdBy: step.createdBy }
      : { created, createdBy: step.createdBy, emptyLayer: true };
  });
  const content = {
    config: entry.config,
    created,
    history,
    os: entry.os,
    layers: layers.map((l) => l.diffId),
    ...(foreign ? foreignPlatform(platform) : {}),
  };
  const id = imageIdFor(content);
  const index = foreign ? catalogueRecord(entry).image.repoDigests : undefined;
  const name = entry.repository.startsWith('library/') ? entry.repository.slice(8) : entry.repository;
  return {
    image: {
      id,
      ...content,
      repoDigests: index ?? [`${name}@${manifestListDigest(id)}`],
      lastTagTime: 0,
    },
    layers,
  };
}

/** The platform of a catalogue entry's index that serves a request for `wanted`, if any. */
export function cataloguePlatform(entry: CatalogueImage, wanted: Platform): Platform | undefined {
  return entry.platforms
    .map((text) => parsePlatform(text))
    .find((p): p is Platform => !('error' in p) && platformMatches(wanted, p));
}

/** The digest a registry reports for an image (its multi-platform index). */
export function manifestListDigest(imageId: string): string {
  return `sha256:${sha256Hex(`index:${imageId}`)}`;
}

/** Finds what Docker Hub holds for a reference (by tag or by digest). */
export function findInCatalogue(ref: ImageReference): CatalogueImage | undefined {
  if (ref.domain !== 'docker.io') return undefined;
  return CATALOGUE.find((entry) => {
    if (entry.repository !== ref.path) return false;
    if (ref.digest) return catalogueRecord(entry).image.repoDigests.some((d) => d.endsWith(`@${ref.digest}`));
    return entry.tags.includes(ref.tag ?? 'latest');
  });
}

/** Whether a repository exists on Docker Hub at all (for "manifest unknown" vs "pull access denied"). */
export function repositoryExists(ref: ImageReference): boolean {
  return ref.domain === 'docker.io' && CATALOGUE.some((entry) => entry.repository === ref.path);
}
