import { z } from 'zod';

/**
 * The conformance coverage allowlist (`conformance/uncovered.yaml`, docs/CONFORMANCE.md): uses of
 * commands that the course runs and no case can record on the recording machine, each with why.
 */

/** One use, or the first words of some (`docker compose` covers every Compose subcommand and flag). */
export const uncoveredUse = z
  .object({
    use: z
      .string()
      .regex(/^[\w.-]+( [\w.-]+)*$/, 'a use is words joined by single spaces: docker compose up'),
    /** Why no case can record it here: what the recording machine lacks. */
    reason: z.string().min(20, 'say what the recording machine lacks'),
  })
  .strict();

export const uncoveredFile = z
  .object({ uncovered: z.array(uncoveredUse) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [i, entry] of file.uncovered.entries()) {
      if (seen.has(entry.use))
        ctx.addIssue({ code: 'custom', path: ['uncovered', i, 'use'], message: `duplicate ${entry.use}` });
      seen.add(entry.use);
    }
  });

export type UncoveredUseInput = z.input<typeof uncoveredUse>;
export type UncoveredUse = z.output<typeof uncoveredUse>;
export type UncoveredFileInput = z.input<typeof uncoveredFile>;
export type UncoveredFile = z.output<typeof uncoveredFile>;
