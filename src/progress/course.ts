import { parse } from 'yaml';
import { siteConfig } from '../config.ts';
import { localPath, type PeopleLang } from '../people/strings.ts';
import { type PageActivities, pageActivities } from './activities.ts';

// The lessons' source, bundled at build time like the exercises (the server has no content folder).
const files = import.meta.glob<string>(['/lessons/*.mdx', '/lessons/zh-cn/*.mdx'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface CoursePage extends PageActivities {
  slug: string;
  title: string;
  /** The lesson number; the real-machine lab and the final assessment have none. */
  lesson?: number | undefined;
}

const outlines = new Map<PeopleLang, CoursePage[]>();

/** The course's pages in one language, in the sidebar's order, with what each asks a learner to do. */
export function courseOutline(lang: PeopleLang): CoursePage[] {
  let outline = outlines.get(lang);
  if (!outline) {
    outline = readOutline(lang);
    outlines.set(lang, outline);
  }
  return outline;
}

function readOutline(lang: PeopleLang): CoursePage[] {
  const folder = lang === 'zh-cn' ? '/lessons/zh-cn/' : '/lessons/';
  return siteConfig.course.flatMap((slug) => {
    const text = files[`${folder}${slug}.mdx`];
    if (text === undefined) return [];
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1];
    const data = (front ? parse(front) : {}) as { title?: unknown; lesson?: unknown };
    return [
      {
        slug,
        title: typeof data.title === 'string' ? data.title : slug,
        lesson: typeof data.lesson === 'number' ? data.lesson : undefined,
        ...pageActivities(text),
      },
    ];
  });
}

/** A course page as the browser's progress scripts need it: where it is and what it asks. */
export interface CourseLink extends PageActivities {
  href: string;
  title: string;
}

/** The course's pages with their addresses in `lang`, for the page scripts that tick them. */
export function courseLinks(lang: PeopleLang): CourseLink[] {
  return courseOutline(lang).map(({ slug, title, exercises, quizzes }) => ({
    href: localPath(lang, `/${slug}/`),
    title,
    exercises,
    quizzes,
  }));
}
