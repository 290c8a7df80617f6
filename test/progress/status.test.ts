import { describe, expect, it } from 'vitest';
import { betterItem, courseCompletion, mergeItems, pageStatus } from '../../src/progress/status';
import type { ProgressItem } from '../../src/schemas/progress';

const item = (over: Partial<ProgressItem> & Pick<ProgressItem, 'kind' | 'id'>): ProgressItem => ({
  score: 0,
  doneAt: null,
  solutionsOpened: 0,
  finished: over.doneAt ? 1 : 0,
  ...over,
});

describe('betterItem', () => {
  it('keeps the first record done whole, so a quiz retaken with its key known does not improve it', () => {
    const first = item({ kind: 'quiz', id: 'q', score: 0.5, doneAt: '2026-12-01T10:00:00.000Z' });
    const retaken = item({ kind: 'quiz', id: 'q', score: 1, doneAt: '2026-12-03T10:00:00.000Z' });
    expect(betterItem(first, retaken)).toEqual({ ...first, finished: 2 });
    expect(betterItem(retaken, first)).toEqual({ ...first, finished: 2 });
    const helped = item({
      kind: 'exercise',
      id: 'e',
      score: 1,
      solutionsOpened: 2,
      doneAt: '2026-12-01T00:00:00.000Z',
    });
    const partial = item({ kind: 'exercise', id: 'e', score: 0.5 });
    expect(betterItem(partial, helped)).toEqual(helped);
  });

  it('keeps the higher score while neither is done', () => {
    const low = item({ kind: 'exercise', id: 'e', score: 0.25 });
    const high = item({ kind: 'exercise', id: 'e', score: 0.5 });
    expect(betterItem(low, high)).toEqual(high);
    expect(betterItem(high, low)).toEqual(high);
  });
});

describe('pageStatus and courseCompletion', () => {
  const pages = [
    { slug: 'a', exercises: ['ex-a'], quizzes: ['quiz-a'] },
    { slug: 'glossary', exercises: [], quizzes: [] },
    { slug: 'final', exercises: [], quizzes: ['final'] },
  ];
  it('ticks a page only when every exercise passed and every quiz finished', () => {
    const passed = item({ kind: 'exercise', id: 'ex-a', score: 1, doneAt: '2026-12-01T00:00:00.000Z' });
    const partly = item({ kind: 'exercise', id: 'ex-a', score: 0.5 });
    const quiz = item({ kind: 'quiz', id: 'quiz-a', score: 0.2, doneAt: '2026-12-04T00:00:00.000Z' });
    const page = pages[0] as (typeof pages)[0];
    expect(pageStatus(page, mergeItems([]))).toBe('not-started');
    expect(pageStatus(page, mergeItems([partly]))).toBe('started');
    expect(pageStatus(page, mergeItems([partly, quiz]))).toBe('started');
    expect(pageStatus(page, mergeItems([partly, quiz], [passed]))).toBe('done');
    expect(pageStatus(pages[1] as (typeof pages)[0], mergeItems([passed]))).toBe('none');

    const some = courseCompletion(pages, mergeItems([passed, quiz]));
    expect(some.graded.map((p) => p.slug)).toEqual(['a', 'final']);
    expect(some.done.map((p) => p.slug)).toEqual(['a']);
    expect(some.next?.slug).toBe('final');
    expect(some.completedAt).toBeNull();
    const last = item({ kind: 'quiz', id: 'final', score: 0.8, doneAt: '2026-12-06T00:00:00.000Z' });
    // Something done that no page asks for does not move the completion day.
    const stray = item({ kind: 'quiz', id: 'retired', doneAt: '2026-12-09T00:00:00.000Z' });
    const all = courseCompletion(pages, mergeItems([passed, quiz, last, stray]));
    expect(all.completedAt).toBe('2026-12-06T00:00:00.000Z');
    expect(all.next).toBeUndefined();
  });
});
