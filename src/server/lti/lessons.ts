import type { PeopleLang } from '../../people/strings.ts';
import { courseOutline } from '../../progress/course.ts';

export interface CourseLesson {
  slug: string;
  title: string;
  lesson: number;
}

/** The numbered lessons in one language, in course order. */
export function courseLessons(lang: PeopleLang): CourseLesson[] {
  return courseOutline(lang).flatMap(({ slug, title, lesson }) =>
    lesson === undefined ? [] : [{ slug, title, lesson }],
  );
}
