import { z } from 'zod';
import { booleanOrString, listOrDict, specObject, stringOrNumber } from './common.ts';

/** One entry of `services.*.volumes`: `db:/data`, `./site:/usr/share/nginx/html:ro`, or the long form. */
export const serviceVolumeInput = z.union([
  z.string(),
  specObject({
    type: z.enum(['bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image']),
    source: z.string().optional(),
    target: z.string().optional(),
    read_only: booleanOrString.optional(),
    consistency: z.string().optional(),
    bind: specObject({
      propagation: z.string().optional(),
      create_host_path: booleanOrString.optional(),
      recursive: z.enum(['enabled', 'disabled', 'writable', 'readonly']).optional(),
      selinux: z.enum(['z', 'Z']).optional(),
    }).optional(),
    volume: specObject({
      labels: listOrDict.optional(),
      nocopy: booleanOrString.optional(),
      subpath: z.string().optional(),
    }).optional(),
    tmpfs: specObject({ size: stringOrNumber.optional(), mode: stringOrNumber.optional() }).optional(),
    image: specObject({ subpath: z.string().optional() }).optional(),
  }),
]);
export type ServiceVolumeInput = z.input<typeof serviceVolumeInput>;

/** A service mount in its canonical form. */
export const serviceVolume = z.object({
  type: z.string(),
  source: z.string().optional(),
  target: z.string(),
  read_only: z.boolean().optional(),
  consistency: z.string().optional(),
  bind: z
    .object({
      selinux: z.string().optional(),
      propagation: z.string().optional(),
      create_host_path: z.boolean().optional(),
      recursive: z.string().optional(),
    })
    .optional(),
  volume: z.object({ nocopy: z.boolean().optional(), subpath: z.string().optional() }).optional(),
  tmpfs: z.object({ size: z.number().optional(), mode: z.number().optional() }).optional(),
});
export type ServiceVolume = z.output<typeof serviceVolume>;

/** A top-level `volumes.*` entry (null for all defaults). */
export const volumeInput = z.union([
  z.null(),
  specObject({
    name: z.string().optional(),
    driver: z.string().optional(),
    driver_opts: z.record(z.string(), stringOrNumber).optional(),
    external: z.union([z.boolean(), z.string(), specObject({ name: z.string().optional() })]).optional(),
    labels: listOrDict.optional(),
  }),
]);
export type VolumeInput = z.input<typeof volumeInput>;

export const volume = z.object({
  name: z.string(),
  driver: z.string().optional(),
  driver_opts: z.record(z.string(), z.string()).optional(),
  external: z.boolean().optional(),
  labels: z.record(z.string(), z.string()).optional(),
});
export type Volume = z.output<typeof volume>;
