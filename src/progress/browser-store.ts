import type { ProgressItem, ProgressKind } from '../schemas/progress.ts';
import { mergeItems } from './status.ts';

/** What this browser keeps without an account: the items it saw graded, and the last course page read. */
export interface BrowserProgress {
  items: ProgressItem[];
  last?: { path: string; at: string } | undefined;
}

const KEY = 'quayside:progress';
/** Fired on `window` when this tab records something, so ticks and cards follow at once. */
export const PROGRESS_EVENT = 'quayside:progress';

const ID = /^[a-z0-9-]{1,80}$/;
const PATH = /^\/[a-z0-9/-]{0,120}$/;
const isInstant = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

function item(v: unknown): ProgressItem | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { kind, id, score, doneAt, solutionsOpened, finished } = v as Record<string, unknown>;
  if (kind !== 'exercise' && kind !== 'quiz') return undefined;
  if (typeof id !== 'string' || !ID.test(id)) return undefined;
  if (typeof score !== 'number' || !(score >= 0 && score <= 1)) return undefined;
  if (doneAt !== null && !isInstant(doneAt)) return undefined;
  const opened =
    typeof solutionsOpened === 'number' && solutionsOpened >= 0 ? Math.floor(solutionsOpened) : 0;
  const times = typeof finished === 'number' && finished >= 0 ? Math.floor(finished) : 0;
  return { kind, id, score, doneAt, solutionsOpened: opened, finished: times };
}

/**
 * Reads what the browser kept, dropping whatever is damaged or edited (it is the learner's own
 * storage). A hand check rather than the zod schema: zod would add tens of kilobytes to every page.
 */
export function parseBrowserProgress(raw: unknown): BrowserProgress {
  if (typeof raw !== 'object' || raw === null) return { items: [] };
  const { items, last } = raw as Record<string, unknown>;
  const kept = (Array.isArray(items) ? items.slice(0, 200) : []).flatMap((v) => item(v) ?? []);
  const l = last as Record<string, unknown> | undefined;
  const lastOk =
    l && typeof l.path === 'string' && PATH.test(l.path) && isInstant(l.at)
      ? { path: l.path, at: l.at }
      : undefined;
  return { items: kept, ...(lastOk ? { last: lastOk } : {}) };
}

/** This browser's progress; empty where storage is off. */
export function readBrowserProgress(): BrowserProgress {
  try {
    return parseBrowserProgress(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
  } catch {
    return { items: [] };
  }
}

function write(progress: BrowserProgress) {
  try {
    localStorage.setItem(KEY, JSON.stringify(progress));
  } catch {
    // Storage off or full: the ticks last as long as the page.
  }
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
}

/** Keeps a result the server just graded (the better of it and what the browser had). */
export function recordInBrowser(result: {
  kind: ProgressKind;
  id: string;
  score: number;
  done: boolean;
  solutionsOpened?: number;
}): void {
  const progress = readBrowserProgress();
  const fresh: ProgressItem = {
    kind: result.kind,
    id: result.id,
    score: Math.min(1, Math.max(0, result.score)),
    doneAt: result.done ? new Date().toISOString() : null,
    solutionsOpened: result.solutionsOpened ?? 0,
    finished: result.done ? 1 : 0,
  };
  write({ ...progress, items: [...mergeItems(progress.items, [fresh]).values()] });
}

/** Remembers the course page being read, for "continue where you left off". */
export function recordVisit(path: string): void {
  if (PATH.test(path)) write({ ...readBrowserProgress(), last: { path, at: new Date().toISOString() } });
}

/** Forgets what this browser kept: on signing out, so the next person on a shared computer starts clean. */
export function forgetBrowserProgress(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing was kept.
  }
}
/** Keeps an exercise's graded tasks: its score is the share of tasks passed, done when all are. */
export function recordExercise(
  id: string,
  tasks: readonly { pass: boolean }[],
  solutionsOpened: number,
): void {
  const passed = tasks.filter((t) => t.pass).length;
  recordInBrowser({
    kind: 'exercise',
    id,
    score: passed / Math.max(1, tasks.length),
    done: tasks.length > 0 && passed === tasks.length,
    solutionsOpened,
  });
}
