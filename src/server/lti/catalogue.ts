import type { PeopleLang } from '../../people/strings.ts';
import type { Activity } from './activity.ts';

export interface CatalogueEntry extends Activity {
  title: string;
  /** The lesson number, for lessons. */
  lesson?: number | undefined;
}

interface Localized {
  en: string;
  'zh-cn': string;
}

/**
 * What an instructor can add to a course, in one language: the numbered lessons, then the exercises
 * and quizzes (the final assessment is one of the quizzes).
 */
export function catalogue(
  lang: PeopleLang,
  lessons: { slug: string; title: string; lesson: number }[],
  exercises: Iterable<{ id: string; title: Localized }>,
  quizzes: Iterable<{ id: string; title: Localized }>,
): CatalogueEntry[] {
  const pick = (t: Localized) => (lang === 'zh-cn' ? t['zh-cn'] : t.en);
  return [
    ...[...lessons]
      .sort((a, b) => a.lesson - b.lesson)
      .map((l) => ({ kind: 'lesson' as const, id: l.slug, title: l.title, lesson: l.lesson })),
    ...[...exercises].map((e) => ({ kind: 'exercise' as const, id: e.id, title: pick(e.title) })),
    ...[...quizzes].map((q) => ({ kind: 'quiz' as const, id: q.id, title: pick(q.title) })),
  ];
}
