import { z } from 'zod';
import { specObject, stringOrNumber } from './common.ts';

/** One entry of `services.*.ports`: `80`, `"8080:80"`, `"127.0.0.1:8080:80/udp"`, or the long form. */
export const portInput = z.union([
  z.number(),
  z.string(),
  specObject({
    name: z.string().optional(),
    mode: z.string().optional(),
    host_ip: z.string().optional(),
    target: stringOrNumber.optional(),
    published: stringOrNumber.optional(),
    protocol: z.string().optional(),
    app_protocol: z.string().optional(),
  }),
]);
export type PortInput = z.input<typeof portInput>;

/** A port in its canonical (long) form, as `docker compose config` prints it. */
export const servicePort = z.object({
  name: z.string().optional(),
  mode: z.string(),
  host_ip: z.string().optional(),
  target: z.number().int(),
  /** A host port or range, always a string. */
  published: z.string().optional(),
  protocol: z.string(),
  app_protocol: z.string().optional(),
});
export type ServicePort = z.output<typeof servicePort>;
