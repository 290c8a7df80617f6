import { z } from 'zod';
import { booleanOrString, listOfStrings, specObject } from './common.ts';

export const dependencyCondition = z.enum([
  'service_started',
  'service_healthy',
  'service_completed_successfully',
]);

/** `services.*.depends_on`: a list of service names, or a map with a condition for each. */
export const dependsOnInput = z.union([
  listOfStrings,
  z.record(
    z.string().regex(/^[a-zA-Z0-9._-]+$/),
    specObject({
      restart: booleanOrString.optional(),
      required: z.boolean().optional(),
      condition: dependencyCondition,
    }),
  ),
]);
export type DependsOnInput = z.input<typeof dependsOnInput>;

export const serviceDependency = z.object({
  condition: dependencyCondition,
  restart: z.boolean().optional(),
  required: z.boolean(),
});
export type ServiceDependency = z.output<typeof serviceDependency>;
