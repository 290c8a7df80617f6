import { z } from 'zod';
import { listOfStrings, listOrDict, specObject } from './common.ts';

/** `services.*.build`: a context path, or `{context, dockerfile, args, target, …}`. */
export const buildInput = z.union([
  z.string(),
  specObject({
    context: z.string().optional(),
    dockerfile: z.string().optional(),
    dockerfile_inline: z.string().optional(),
    args: listOrDict.optional(),
    target: z.string().optional(),
    labels: listOrDict.optional(),
    cache_from: listOfStrings.optional(),
    network: z.string().optional(),
    tags: listOfStrings.optional(),
    platforms: listOfStrings.optional(),
    no_cache: z.union([z.boolean(), z.string()]).optional(),
    pull: z.union([z.boolean(), z.string()]).optional(),
    shm_size: z.union([z.number(), z.string()]).optional(),
  }),
]);
export type BuildInput = z.input<typeof buildInput>;

export const buildConfig = z.object({
  context: z.string(),
  dockerfile: z.string().optional(),
  dockerfile_inline: z.string().optional(),
  /** Build arguments; null when the variable is named without a value and not set. */
  args: z.record(z.string(), z.string().nullable()).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  cache_from: z.array(z.string()).optional(),
  network: z.string().optional(),
  target: z.string().optional(),
  tags: z.array(z.string()).optional(),
  platforms: z.array(z.string()).optional(),
});
export type BuildConfig = z.output<typeof buildConfig>;
