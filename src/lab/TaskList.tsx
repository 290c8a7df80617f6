import { useState } from 'react';
import ConfirmButton from './ConfirmButton';
import InlineText from './InlineText';

/** An exercise as the page shows it: texts in the page's language, checks for live ticking. */
export interface LabExercise {
  id: string;
  version: number;
  title: string;
  instructions: string;
  tasks: { id: string; title: string; hints: string[] }[];
}

export interface TaskListLabels {
  exercise: string;
  done: string;
  todo: string;
  hint: string;
  showSolution: string;
  /** Asked before a solution is shown: it is recorded for an instructor. */
  confirmSolution: string;
  cancel: string;
  submit: string;
  verified: string;
  rejected: string;
  /** Said of a task that only a submission can tick. */
  sealed: string;
}

export interface TaskListProps {
  exercise: LabExercise;
  /** Which tasks the sandbox's state satisfies now (the server re-checks on submission). */
  passing: Record<string, boolean>;
  revealed: string[];
  /** Reference solutions fetched so far, by task; a revealed task without one shows a message. */
  solutions: Record<string, string[] | { error: string }>;
  onReveal(taskId: string): void;
  /**
   * Sends the work for grading, telling `progress` what it is waiting for; without it there is no
   * submit button (the ticks are the feedback).
   */
  onSubmit?: (
    progress: (status: string) => void,
  ) => Promise<{ ok: true; passed: number; total: number; note?: string } | { ok: false; reason: string }>;
  /** Tasks that only the server can tick: the page does not know all their checks. */
  sealed?: string[];
  /** What each unfinished task still lacks, when the lab can say. */
  missing?: Record<string, string>;
  labels: TaskListLabels;
}

/** The exercise's tasks beside the terminal: ticked live, with hints one at a time, and submission. */
export default function TaskList({
  exercise,
  passing,
  revealed,
  solutions,
  onReveal,
  onSubmit,
  sealed = [],
  missing = {},
  labels,
}: TaskListProps) {
  const [hintsShown, setHintsShown] = useState<Record<string, number>>({});
  const [status, setStatus] = useState('');
  const [sending, setSending] = useState(false);
  return (
    <section className="lab-tasks" aria-label={`${labels.exercise}: ${exercise.title}`}>
      <p className="lab-tasks-title">
        <strong>{labels.exercise}:</strong> {exercise.title}
      </p>
      <p>
        <InlineText text={exercise.instructions} />
      </p>
      <ol>
        {exercise.tasks.map((task) => {
          const done = passing[task.id] === true;
          const shown = hintsShown[task.id] ?? 0;
          return (
            <li key={task.id} data-done={done ? 'true' : 'false'}>
              <span className="lab-task-mark" role="img" aria-label={done ? labels.done : labels.todo}>
                {done ? '✓' : '○'}
              </span>{' '}
              <InlineText text={task.title} />
              {!done && missing[task.id] ? <p className="lab-task-missing">{missing[task.id]}</p> : null}
              {!done && onSubmit && sealed.includes(task.id) ? (
                <p className="lab-task-missing">{labels.sealed}</p>
              ) : null}
              <div className="lab-task-actions">
                {shown < task.hints.length && (
                  <button
                    type="button"
                    onClick={() => setHintsShown({ ...hintsShown, [task.id]: shown + 1 })}
                  >
                    {labels.hint}
                  </button>
                )}
                {!revealed.includes(task.id) && (
                  <ConfirmButton
                    label={labels.showSolution}
                    question={labels.confirmSolution}
                    yes={labels.showSolution}
                    no={labels.cancel}
                    onConfirm={() => onReveal(task.id)}
                  />
                )}
              </div>
              {task.hints.slice(0, shown).map((hint) => (
                <p key={hint} className="lab-hint-text">
                  <InlineText text={hint} />
                </p>
              ))}
              {revealed.includes(task.id) && <Solution shown={solutions[task.id]} />}
            </li>
          );
        })}
      </ol>
      {onSubmit ? (
        <>
          <button
            type="button"
            disabled={sending}
            onClick={async () => {
              setSending(true);
              const result = await onSubmit(setStatus);
              setSending(false);
              setStatus(
                result.ok
                  ? labels.verified
                      .replace('{passed}', String(result.passed))
                      .replace('{total}', String(result.total)) + (result.note ? ` ${result.note}` : '')
                  : labels.rejected.replace('{reason}', result.reason),
              );
            }}
          >
            {labels.submit}
          </button>{' '}
          <span role="status">{status}</span>
        </>
      ) : null}
    </section>
  );
}

/** A fetched reference solution, the reason it could not be fetched, or nothing while it loads. */
function Solution({ shown }: { shown: string[] | { error: string } | undefined }) {
  if (!shown) return null;
  if (!Array.isArray(shown)) return <p className="lab-task-missing">{shown.error}</p>;
  return <pre className="lab-solution">{shown.join('\n')}</pre>;
}
