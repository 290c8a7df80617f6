import { parse } from 'yaml';
import type { PeopleLang } from '../../people/strings.ts';

// The lessons' frontmatter, bundled into the server at build time like the exercises.
const files = import.meta.glob<string>(['/lessons/*.mdx', '/lessons/zh-cn/*.mdx'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface CourseLesson {
  slug: string;
  title: string;
  lesson: number;
}

/** The numbered lessons in one language, read from their frontmatter. */
export function courseLessons(lang: PeopleLang): CourseLesson[] {
  const folder = lang === 'zh-cn' ? '/lessons/zh-cn/' : '/lessons/';
  return Object.entries(files).flatMap(([path, text]) => {
    if (!path.startsWith(folder) || path.slice(folder.length).includes('/')) return [];
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1];
    const data = front ? (parse(front) as { title?: unknown; lesson?: unknown }) : {};
    if (typeof data.lesson !== 'number' || typeof data.title !== 'string') return [];
    return [{ slug: path.slice(folder.length, -'.mdx'.length), title: data.title, lesson: data.lesson }];
  });
}
