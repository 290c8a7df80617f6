import { sha256Hex } from '../../core/sha256.ts';
import type { DockerEngine } from '../engine.ts';
import { HOST_PLATFORM } from '../platform.ts';
import type { ImageRecord } from '../state.ts';

const MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const CONFIG = 'application/vnd.docker.container.image.v1+json';
const LAYER = 'application/vnd.docker.image.rootfs.diff.tar.gzip';

export interface ManifestLayer {
  mediaType: string;
  size: number;
  digest: string;
}

export interface Manifest {
  schemaVersion: 2;
  mediaType: string;
  config: ManifestLayer;
  layers: ManifestLayer[];
}

/** The fields of an image its configuration blob records. */
export type ImageContent = Pick<
  ImageRecord,
  'config' | 'created' | 'history' | 'os' | 'layers' | 'architecture' | 'variant'
>;

/** An image's ID: the digest of its configuration blob, so it is the same on every machine. */
export function imageIdFor(image: ImageContent): string {
  return `sha256:${sha256Hex(configText(image))}`;
}

/** The image configuration blob: what `docker image inspect` is built from. */
export function configText(image: ImageContent): string {
  return JSON.stringify({
    architecture: image.architecture ?? HOST_PLATFORM.architecture,
    config: image.config,
    created: new Date(image.created).toISOString(),
    history: image.history.map((h) => ({
      created: new Date(h.created).toISOString(),
      created_by: h.createdBy,
      ...(h.comment ? { comment: h.comment } : {}),
      ...(h.emptyLayer ? { empty_layer: true } : {}),
    })),
    os: image.os,
    rootfs: { type: 'layers', diff_ids: image.layers },
    ...(image.variant ? { variant: image.variant } : {}),
  });
}

/** The manifest a push uploads for an image, and the blobs it refers to. */
export function imageManifest(
  engine: DockerEngine,
  image: ImageRecord,
): { manifest: Manifest; text: string; digest: string; config: string } {
  const config = configText(image);
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: MANIFEST,
    config: { mediaType: CONFIG, size: config.length, digest: `sha256:${sha256Hex(config)}` },
    layers: image.layers.map((diffId) => {
      const record = engine.state.layers[diffId];
      if (!record) throw new Error(`layer ${diffId} missing`);
      return { mediaType: LAYER, size: record.compressedSize, digest: record.blobDigest };
    }),
  };
  const text = JSON.stringify(manifest, null, 3);
  return { manifest, text, digest: `sha256:${sha256Hex(text)}`, config };
}

/** Rebuilds an image record from a pulled manifest and config blob. */
export function imageFromConfig(config: string, repoDigest: string): ImageRecord {
  const parsed = JSON.parse(config) as {
    config: ImageRecord['config'];
    created: string;
    history: { created: string; created_by: string; comment?: string; empty_layer?: boolean }[];
    os: 'linux' | 'windows';
    architecture: string;
    variant?: string;
    rootfs: { diff_ids: string[] };
  };
  return {
    id: `sha256:${sha256Hex(config)}`,
    created: Date.parse(parsed.created),
    os: parsed.os,
    ...foreignPlatform(parsed),
    config: parsed.config,
    layers: parsed.rootfs.diff_ids,
    history: parsed.history.map((h) => ({
      created: Date.parse(h.created),
      createdBy: h.created_by,
      ...(h.comment ? { comment: h.comment } : {}),
      ...(h.empty_layer ? { emptyLayer: true } : {}),
    })),
    repoDigests: [repoDigest],
    lastTagTime: 0,
  };
}

/** The `architecture` and `variant` an image record keeps: none for the host's own platform. */
export function foreignPlatform(p: {
  architecture: string;
  variant?: string;
}): Pick<ImageRecord, 'architecture' | 'variant'> {
  if (p.architecture === HOST_PLATFORM.architecture && !p.variant) return {};
  return { architecture: p.architecture, ...(p.variant ? { variant: p.variant } : {}) };
}
