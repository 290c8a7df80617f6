import { z } from 'zod';
import { booleanOrString, listOfStrings, listOrDict, specObject, stringOrNumber } from './common.ts';

/** A top-level `networks.*` entry (null for a bridge network with defaults). */
export const networkInput = z.union([
  z.null(),
  specObject({
    name: z.string().optional(),
    driver: z.string().optional(),
    driver_opts: z.record(z.string(), stringOrNumber).optional(),
    ipam: z.unknown().optional(),
    external: z.union([z.boolean(), z.string(), specObject({ name: z.string().optional() })]).optional(),
    internal: booleanOrString.optional(),
    enable_ipv4: booleanOrString.optional(),
    enable_ipv6: booleanOrString.optional(),
    attachable: booleanOrString.optional(),
    labels: listOrDict.optional(),
  }),
]);
export type NetworkInput = z.input<typeof networkInput>;

export const network = z.object({
  name: z.string(),
  driver: z.string().optional(),
  driver_opts: z.record(z.string(), z.string()).optional(),
  ipam: z.unknown().optional(),
  external: z.boolean().optional(),
  internal: z.boolean().optional(),
  attachable: z.boolean().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  enable_ipv4: z.boolean().optional(),
  enable_ipv6: z.boolean().optional(),
});
export type Network = z.output<typeof network>;

/** `services.*.networks`: a list of names, or a map of names to attachment options. */
export const serviceNetworksInput = z.union([
  listOfStrings,
  z.record(
    z.string(),
    z.union([
      z.null(),
      specObject({
        aliases: listOfStrings.optional(),
        interface_name: z.string().optional(),
        ipv4_address: z.string().optional(),
        ipv6_address: z.string().optional(),
        link_local_ips: listOfStrings.optional(),
        mac_address: z.string().optional(),
        driver_opts: z.record(z.string(), stringOrNumber).optional(),
        priority: z.number().optional(),
        gw_priority: z.number().optional(),
      }),
    ]),
  ),
]);
export type ServiceNetworksInput = z.input<typeof serviceNetworksInput>;

export const serviceNetwork = z.object({
  aliases: z.array(z.string()).optional(),
  ipv4_address: z.string().optional(),
  ipv6_address: z.string().optional(),
  priority: z.number().optional(),
});
/** A service's attachment to one network; null when it takes the defaults. */
export type ServiceNetwork = z.output<typeof serviceNetwork> | null;
