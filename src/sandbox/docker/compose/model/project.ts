import { z } from 'zod';
import { passthrough, specObject } from './common.ts';
import { type Network, networkInput } from './network.ts';
import type { Service } from './service.ts';
import { serviceInput } from './service.ts';
import { type Volume, volumeInput } from './volume.ts';

const resourceName = z.string().regex(/^[a-zA-Z0-9._-]+$/);

/** A whole Compose file (or several merged), as compose-spec.json's top level. */
export const composeFileInput = specObject({
  version: z.string().optional(),
  name: z.string().optional(),
  include: passthrough.optional(),
  services: z.record(resourceName, serviceInput).optional(),
  models: passthrough.optional(),
  networks: z.record(resourceName, networkInput).optional(),
  volumes: z.record(resourceName, volumeInput).optional(),
  secrets: passthrough.optional(),
  configs: passthrough.optional(),
});
export type ComposeFileInput = z.input<typeof composeFileInput>;

/** A loaded project: services enabled by the active profiles, and the resources they use. */
export interface Project {
  name: string;
  /** The project directory: relative paths in the files resolve against it. */
  workingDir: string;
  services: Record<string, Service>;
  /** Services whose profiles are not active. */
  disabledServices: Record<string, Service>;
  networks: Record<string, Network>;
  volumes: Record<string, Volume>;
  /** Top-level keys Quayside passes through (secrets, configs, x- extensions). */
  extra: Record<string, unknown>;
  /** Absolute paths of the files, in the order they were merged. */
  composeFiles: string[];
  /** The interpolation environment: the shell's, then `.env`. */
  environment: Record<string, string>;
}
