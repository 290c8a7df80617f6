import { beforeEach, describe, expect, it } from 'vitest';
import {
  forgetBrowserProgress,
  PROGRESS_EVENT,
  parseBrowserProgress,
  readBrowserProgress,
  recordExercise,
  recordInBrowser,
  recordVisit,
} from '../../src/progress/browser-store';

/** A browser's localStorage and window, as far as the store uses them. */
const stored = new Map<string, string>();
const events: string[] = [];
Object.assign(globalThis, {
  localStorage: {
    getItem: (k: string) => stored.get(k) ?? null,
    setItem: (k: string, v: string) => void stored.set(k, v),
    removeItem: (k: string) => void stored.delete(k),
  },
  window: { dispatchEvent: (e: Event) => events.push(e.type) },
  CustomEvent: class extends Event {},
});

beforeEach(() => {
  stored.clear();
  events.length = 0;
});

describe('parseBrowserProgress', () => {
  it('keeps valid items and drops what was damaged or edited', () => {
    const good = {
      kind: 'quiz',
      id: 'images',
      score: 0.5,
      doneAt: '2026-12-01T00:00:00.000Z',
      solutionsOpened: 0,
      finished: 1,
    };
    const parsed = parseBrowserProgress({
      items: [
        good,
        { ...good, kind: 'badge' },
        { ...good, id: '<script>' },
        { ...good, score: 7 },
        { ...good, score: Number.NaN },
        { ...good, doneAt: 'yesterday' },
        'exercise:images',
        null,
      ],
      last: { path: '/images/', at: '2026-12-01T00:00:00.000Z' },
    });
    expect(parsed).toEqual({
      items: [good],
      last: { path: '/images/', at: '2026-12-01T00:00:00.000Z' },
    });
    expect(
      parseBrowserProgress({
        items: [],
        last: { path: 'https://evil.example/', at: '2026-12-01T00:00:00.000Z' },
      }),
    ).toEqual({ items: [] });
    for (const raw of [null, 'text', 42, [], { items: 'all' }])
      expect(parseBrowserProgress(raw)).toEqual({ items: [] });
  });
});

describe('recording in the browser', () => {
  it('keeps the better result until done, then the first done, and tells the page', () => {
    recordExercise('slim-image', [{ pass: true }, { pass: false }], 0);
    expect(readBrowserProgress().items).toEqual([
      { kind: 'exercise', id: 'slim-image', score: 0.5, doneAt: null, solutionsOpened: 0, finished: 0 },
    ]);
    recordExercise('slim-image', [{ pass: true }, { pass: true }], 1);
    recordExercise('slim-image', [{ pass: false }, { pass: false }], 0);
    recordExercise('slim-image', [{ pass: true }, { pass: true }], 0);
    const [kept] = readBrowserProgress().items;
    expect(kept).toMatchObject({ score: 1, solutionsOpened: 1, finished: 2 });
    expect(kept?.doneAt).not.toBeNull();
    expect(events).toEqual([PROGRESS_EVENT, PROGRESS_EVENT, PROGRESS_EVENT, PROGRESS_EVENT]);

    recordInBrowser({ kind: 'quiz', id: 'images', score: 1.5, done: true });
    expect(readBrowserProgress().items.find((i) => i.kind === 'quiz')?.score).toBe(1);
  });

  it('remembers the last course page read, and survives storage that is off or damaged', () => {
    recordVisit('/zh-cn/images/');
    expect(readBrowserProgress().last).toMatchObject({ path: '/zh-cn/images/' });
    recordVisit('javascript:alert(1)');
    expect(readBrowserProgress().last?.path).toBe('/zh-cn/images/');
    stored.set('quayside:progress', '{not json');
    expect(readBrowserProgress()).toEqual({ items: [] });
    recordVisit('/images/');
    forgetBrowserProgress();
    expect(readBrowserProgress()).toEqual({ items: [] });
  });
});
