import { z } from 'zod';

/**
 * Building blocks of the Compose file schemas. The raw schemas follow compose-spec.json as
 * compose-go v2.9.1 embeds it (the file Compose v2.40 validates with), for the keys Quayside models;
 * `x-` extension keys are allowed wherever the spec allows them.
 */

/** An object schema that refuses unknown keys except `x-` extensions, as the spec's `additionalProperties: false`. */
export function specObject<T extends z.ZodRawShape>(shape: T) {
  return z.preprocess((value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!k.startsWith('x-')) out[k] = v;
    return out;
  }, z.strictObject(shape));
}

/** `list_of_strings`. */
export const listOfStrings = z.array(z.string());

/** `list_or_dict`: `[KEY=VAL, …]` or `{KEY: VAL}` with scalar values. */
export const listOrDict = z.union([
  z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  z.array(z.string()),
]);
export type ListOrDictInput = z.input<typeof listOrDict>;

/** `command`: null, a string (split as a shell would) or a list. */
export const command = z.union([z.null(), z.string(), z.array(z.string())]);
export type CommandInput = z.input<typeof command>;

/** A string or number (`retries: "3"` is allowed). */
export const stringOrNumber = z.union([z.string(), z.number()]);
export const booleanOrString = z.union([z.boolean(), z.string()]);

/** Keys of the spec that Quayside accepts and passes through without modelling them. */
export const passthrough = z.unknown();
