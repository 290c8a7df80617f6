import { z } from 'astro/zod';

/** Frontmatter a lesson adds to Starlight's own: where it sits in the course and what it teaches. */
export const lessonFrontmatter = z.object({
  /** Position in the course (1-based). Pages without it (overview, glossary) are not numbered lessons. */
  lesson: z.number().int().positive().optional(),
  /** Learning objectives shown at the top of the lesson. */
  objectives: z.array(z.string().min(1)).default([]),
});

export type LessonFrontmatterInput = z.input<typeof lessonFrontmatter>;
export type LessonFrontmatter = z.output<typeof lessonFrontmatter>;
