import { z } from 'zod';

/** Props of the `<Rubric>` component: the exercise whose tasks it lists as lines of a grade. */
export const rubricProps = z.object({
  /** An exercise id from exercises/. */
  exercise: z.string().regex(/^[a-z0-9-]+$/),
});

export type RubricPropsInput = z.input<typeof rubricProps>;
export type RubricProps = z.output<typeof rubricProps>;
