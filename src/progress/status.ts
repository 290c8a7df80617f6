import type { ProgressItem, ProgressKind } from '../schemas/progress.ts';
import type { PageActivities } from './activities.ts';

/** How far a learner is with a course page. `none`: the page asks for nothing (nothing to tick). */
export type PageStatus = 'done' | 'started' | 'not-started' | 'none';

/** The key an item is known by across the browser's copy and the server's. */
export function itemKey(kind: ProgressKind, id: string): string {
  return `${kind}:${id}`;
}

/**
 * The record to keep of two records of one item, as the server keeps it: the first done wins whole
 * (its score, date and solutions), since a quiz retaken once its key is known proves nothing more;
 * until either is done, the higher score.
 */
export function betterItem(a: ProgressItem, b: ProgressItem): ProgressItem {
  const finished = a.finished + b.finished;
  if (a.doneAt && b.doneAt) return { ...(b.doneAt < a.doneAt ? b : a), finished };
  if (a.doneAt || b.doneAt) return { ...(a.doneAt ? a : b), finished };
  return { ...(b.score > a.score ? b : a), finished };
}

/** Items from several sources (this browser, the server), one per key, each the better record. */
export function mergeItems(...sources: ProgressItem[][]): Map<string, ProgressItem> {
  const merged = new Map<string, ProgressItem>();
  for (const item of sources.flat()) {
    const key = itemKey(item.kind, item.id);
    const known = merged.get(key);
    merged.set(key, known ? betterItem(known, item) : item);
  }
  return merged;
}

/** A page is done when every exercise on it was fully passed and every quiz finished. */
export function pageStatus(page: PageActivities, items: Map<string, ProgressItem>): PageStatus {
  const keys = [
    ...page.exercises.map((id) => itemKey('exercise', id)),
    ...page.quizzes.map((id) => itemKey('quiz', id)),
  ];
  if (keys.length === 0) return 'none';
  const found = keys.map((k) => items.get(k));
  if (found.every((i) => i?.doneAt)) return 'done';
  return found.some((i) => i) ? 'started' : 'not-started';
}

/** How far through the course a learner is: pages with something to do, those done, and when the last was. */
export function courseCompletion<P extends PageActivities>(
  pages: P[],
  items: Map<string, ProgressItem>,
): { graded: P[]; done: P[]; next: P | undefined; completedAt: string | null } {
  const graded = pages.filter((page) => pageStatus(page, items) !== 'none');
  const done = graded.filter((page) => pageStatus(page, items) === 'done');
  const complete = graded.length > 0 && done.length === graded.length;
  const completedAt = complete
    ? (graded
        .flatMap((page) => [
          ...page.exercises.map((id) => items.get(itemKey('exercise', id))?.doneAt),
          ...page.quizzes.map((id) => items.get(itemKey('quiz', id))?.doneAt),
        ])
        .filter((d): d is string => typeof d === 'string')
        .sort()
        .at(-1) ?? null)
    : null;
  return { graded, done, next: graded.find((page) => !done.includes(page)), completedAt };
}
