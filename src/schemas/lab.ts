import { z } from 'zod';

/** Props of the `<Lab>` component. */
export const labProps = z.object({
  /** Names this lab on the page: one saved sandbox per lab and page. */
  id: z.string().regex(/^[a-z0-9-]+$/, 'lab ids are lowercase words joined by hyphens'),
  /** Commands run before the learner arrives (images pulled, files written); their output is not shown. */
  setup: z.array(z.string()).default([]),
  seed: z.string().default('lab'),
  machine: z.enum(['server', 'desktop']).default('server'),
  /** Offer the learner a switch to run this lab on a WebContainer, where the site allows it. */
  webcontainer: z.boolean().default(false),
  /** An assignment the exercise is done for (its submissions count as attempts). */
  assignment: z.uuid().optional(),
  /** An exercise id from exercises/: its scenario replaces setup, seed and machine. */
  exercise: z.string().optional(),
});

export type LabPropsInput = z.input<typeof labProps>;
export type LabProps = z.output<typeof labProps>;
