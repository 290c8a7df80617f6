import { z } from 'astro/zod';

/** Frontmatter a lesson adds to Starlight's own: where it sits in the course and what it teaches. */
export const lessonFrontmatter = z.object({
  /** Position in the course (1-based). Pages without it (overview, glossary) are not numbered lessons. */
  lesson: z.number().int().positive().optional(),
  /** Learning objectives shown at the top of the lesson. */
  objectives: z.array(z.string().min(1)).default([]),
  /**
   * Words a learner may search for that lead here although the page says them differently or not at
   * all: other names and the translations learners meet elsewhere (a Chinese page lists 虚拟化管理程序
   * for hypervisor even though docs/TERMINOLOGY.md keeps it out of the text). Search indexes them with
   * the weight of a title; the page never shows them.
   */
  searchTerms: z.array(z.string().trim().min(1)).default([]),
});

export type LessonFrontmatterInput = z.input<typeof lessonFrontmatter>;
export type LessonFrontmatter = z.output<typeof lessonFrontmatter>;
