import { z } from 'zod';
import { booleanOrString, specObject, stringOrNumber } from './common.ts';

/** `services.*.healthcheck`. Durations are Go durations (`30s`, `1m30s`, `500ms`). */
export const healthcheckInput = specObject({
  disable: booleanOrString.optional(),
  interval: z.string().optional(),
  retries: stringOrNumber.optional(),
  test: z.union([z.string(), z.array(z.string())]).optional(),
  timeout: z.string().optional(),
  start_period: z.string().optional(),
  start_interval: z.string().optional(),
});
export type HealthcheckInput = z.input<typeof healthcheckInput>;

export const healthcheck = z.object({
  /** `["CMD", …]`, `["CMD-SHELL", "…"]` or `["NONE"]`. */
  test: z.array(z.string()).optional(),
  /** Nanoseconds, as Go's time.Duration. */
  timeout: z.number().optional(),
  interval: z.number().optional(),
  retries: z.number().int().optional(),
  start_period: z.number().optional(),
  start_interval: z.number().optional(),
  disable: z.boolean().optional(),
});
export type Healthcheck = z.output<typeof healthcheck>;
