import type { Localized } from '../schemas/exercise.ts';

/** One task as the grading endpoints answer it: its verdict and, when it failed, why (both languages). */
export interface GradedTask {
  id: string;
  pass: boolean;
  messages?: Localized[];
}

/** The server's verdict on one task, in the learner's language. */
export interface TaskVerdict {
  pass: boolean;
  messages: string[];
}

/** A graded submission as the task list keeps it. */
export interface Verdict {
  tasks: Record<string, TaskVerdict>;
  /** How many commands the lab had run when it was submitted: later ones are not in it. */
  at: number;
  /** Why the grading counted less than it might (cut short, tampered), when it did. */
  note?: string;
}

/** What a task's row shows beside its live tick once the server has graded the lab. */
export type TaskStanding =
  | { kind: 'ungraded' }
  | { kind: 'agrees'; pass: boolean; messages: string[] }
  /** The tick and the server differ, and why: the lab changed since, or the replay ended elsewhere. */
  | { kind: 'differs'; live: boolean; messages: string[]; reason: 'changed' | 'replay' };

/**
 * The server's answer in the learner's language; a failed task without a message of its own gets
 * `fallback(id)` (the real machine's grader says only which tasks passed).
 */
export function verdictsFrom(
  tasks: readonly GradedTask[],
  lang: keyof Localized,
  fallback: (id: string) => string | undefined = () => undefined,
): Record<string, TaskVerdict> {
  return Object.fromEntries(
    tasks.map((t) => {
      const own = (t.messages ?? []).map((m) => m[lang]);
      const extra = !t.pass && own.length === 0 ? fallback(t.id) : undefined;
      return [t.id, { pass: t.pass, messages: extra ? [extra] : own }];
    }),
  );
}

/**
 * Where one task stands: its live tick beside the server's verdict, never disagreeing without a
 * reason. They differ either because the learner ran commands after submitting (`changes` is past
 * the verdict's), or because the server's replay of the typed commands ended in another state.
 */
export function standing(live: boolean, verdict: Verdict | null, id: string, changes: number): TaskStanding {
  const server = verdict?.tasks[id];
  if (!verdict || !server) return { kind: 'ungraded' };
  if (server.pass === live) return { kind: 'agrees', pass: server.pass, messages: server.messages };
  return {
    kind: 'differs',
    live,
    messages: server.messages,
    reason: changes > verdict.at ? 'changed' : 'replay',
  };
}

/** Every task of the exercise passed on the server. */
export function complete(verdict: Verdict | null, taskIds: readonly string[]): boolean {
  return verdict !== null && taskIds.length > 0 && taskIds.every((id) => verdict.tasks[id]?.pass === true);
}
