import { defineCollection } from 'astro:content';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { glob } from 'astro/loaders';
import { lessonFrontmatter } from './schemas/lesson';
import { uiStrings } from './schemas/ui-strings';

export const collections = {
  /** Lesson pages live in `lessons/` (English) and `lessons/zh-cn/` (Simplified Chinese). */
  docs: defineCollection({
    loader: glob({ base: './lessons', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema({ extend: lessonFrontmatter }),
  }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema({ extend: uiStrings }) }),
};
