import { z } from 'zod';
import { listOrDict } from './common.ts';

/** `services.*.environment`: `[KEY=VAL, KEY]` or `{KEY: VAL}`. */
export const environmentInput = listOrDict;
export type EnvironmentInput = z.input<typeof environmentInput>;

/** Variables by name; null for a variable named without a value that the environment does not set. */
export const environment = z.record(z.string(), z.string().nullable());
export type Environment = z.output<typeof environment>;

/** `services.*.env_file`: a path, or a list of paths or `{path, required, format}`. */
export const envFileInput = z.union([
  z.string(),
  z.array(
    z.union([
      z.string(),
      z.strictObject({
        path: z.string(),
        format: z.string().optional(),
        required: z.union([z.boolean(), z.string()]).optional(),
      }),
    ]),
  ),
]);
export type EnvFileInput = z.input<typeof envFileInput>;
