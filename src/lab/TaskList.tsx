import { useEffect, useRef, useState } from 'react';
import ConfirmButton from './ConfirmButton';
import { complete, type GradedTask, standing, type Verdict, verdictsFrom } from './feedback.ts';
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
  /** Before a task's verdict: the server passed it, or what the server found missing. */
  serverPassed: string;
  serverFailed: string;
  /** Why a tick and the server differ: commands run since submitting, or the replay ended elsewhere. */
  differsChanged: string;
  differsReplay: string;
  /** Every task ticks, nothing submitted since: submitting is what remains. */
  allDone: string;
  /** The success panel: its title ({title}), what was practised, the next steps. */
  complete: string;
  practised: string;
  nextLesson: string;
  quiz: string;
}

/** A submission's outcome: every task's verdict (with the server's reasons), or why it was not graded. */
export type Submitted = { ok: true; tasks: GradedTask[]; note?: string } | { ok: false; reason: string };

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
  onSubmit?: (progress: (status: string) => void) => Promise<Submitted>;
  /** The learner's language: the server explains failed tasks in both. */
  lang: 'en' | 'zh-cn';
  /** Commands run in the lab so far: a verdict older than the last one says so. */
  changes: number;
  /** Tasks that only the server can tick: the page does not know all their checks. */
  sealed?: string[];
  /** What each unfinished task still lacks, when the lab can say. */
  missing?: Record<string, string>;
  /** The lesson after this one, in the sidebar's order. */
  next?: { href: string; label: string } | undefined;
  labels: TaskListLabels;
}

/** The id of the heading that introduces the first quiz after `from` on the page, if there is one. */
function quizHeadingAfter(from: Element): string | undefined {
  const after = (a: Node, b: Node) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const quiz = [...document.querySelectorAll('.quiz')].find((q) => after(from, q));
  if (!quiz) return undefined;
  const headings = [...document.querySelectorAll('h2[id], h3[id]')].filter((h) => after(h, quiz));
  return headings[headings.length - 1]?.id;
}

/** The exercise's tasks beside the terminal: ticked live, with hints one at a time, and submission. */
export default function TaskList({
  exercise,
  passing,
  revealed,
  solutions,
  onReveal,
  onSubmit,
  lang,
  changes,
  sealed = [],
  missing = {},
  next,
  labels,
}: TaskListProps) {
  const [hintsShown, setHintsShown] = useState<Record<string, number>>({});
  const [status, setStatus] = useState('');
  const [sending, setSending] = useState(false);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [quiz, setQuiz] = useState<string | undefined>(undefined);
  const section = useRef<HTMLElement>(null);
  const ids = exercise.tasks.map((t) => t.id);
  const finished = complete(verdict, ids);
  const allTicked = ids.every((id) => passing[id] === true);

  useEffect(() => {
    if (finished && section.current) setQuiz(quizHeadingAfter(section.current));
  }, [finished]);

  const submit = async () => {
    if (!onSubmit) return;
    const at = changes;
    setSending(true);
    const result = await onSubmit(setStatus);
    setSending(false);
    if (!result.ok) {
      setStatus(labels.rejected.replace('{reason}', result.reason));
      return;
    }
    // The real machine's grader names no reasons: what the page last found missing stands in.
    const tasks = verdictsFrom(result.tasks, lang, (id) => missing[id]);
    setVerdict({ tasks, at, ...(result.note ? { note: result.note } : {}) });
    const passed = result.tasks.filter((t) => t.pass).length;
    setStatus(
      labels.verified.replace('{passed}', String(passed)).replace('{total}', String(result.tasks.length)) +
        (result.note ? ` ${result.note}` : ''),
    );
  };

  return (
    <section
      ref={section}
      className="lab-tasks"
      aria-label={`${labels.exercise}: ${exercise.title}`}
      data-complete={finished ? 'true' : undefined}
    >
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
          const where = standing(done, verdict, task.id, changes);
          return (
            <li
              key={task.id}
              data-done={done ? 'true' : 'false'}
              data-server={
                where.kind === 'ungraded'
                  ? undefined
                  : where.kind === 'agrees'
                    ? String(where.pass)
                    : 'differs'
              }
            >
              <span className="lab-task-mark" role="img" aria-label={done ? labels.done : labels.todo}>
                {done ? '✓' : '○'}
              </span>{' '}
              <InlineText text={task.title} />
              {where.kind === 'ungraded' && !done && missing[task.id] ? (
                <p className="lab-task-missing">{missing[task.id]}</p>
              ) : null}
              {where.kind === 'ungraded' && !done && onSubmit && sealed.includes(task.id) ? (
                <p className="lab-task-missing">{labels.sealed}</p>
              ) : null}
              <ServerVerdict where={where} labels={labels} />
              <div className="lab-task-actions">
                {shown < task.hints.length && (
                  <button
                    type="button"
                    className="qs-button qs-button-small"
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
                    className="qs-button qs-button-small"
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
        <div className="lab-submit">
          <button type="button" className="qs-button qs-button-primary" disabled={sending} onClick={submit}>
            {labels.submit}
          </button>{' '}
          <span role="status" className="lab-submit-status">
            {status}
          </span>
          {allTicked && (!verdict || changes > verdict.at) && !sending ? (
            <p className="lab-task-missing">{labels.allDone}</p>
          ) : null}
        </div>
      ) : null}
      {finished ? (
        <div className="lab-success">
          <p className="lab-success-title">
            <span aria-hidden="true">✓ </span>
            {labels.complete.replace('{title}', exercise.title)}
          </p>
          <p>{labels.practised}</p>
          <ul>
            {exercise.tasks.map((task) => (
              <li key={task.id}>
                <InlineText text={task.title} />
              </li>
            ))}
          </ul>
          {quiz || next ? (
            <p className="lab-next">
              {quiz ? <a href={`#${quiz}`}>{labels.quiz}</a> : null}
              {next ? (
                <a href={next.href} rel="next">
                  {labels.nextLesson.replace('{title}', next.label)} →
                </a>
              ) : null}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** What the server said of one task, and, when it differs from the tick, why. */
function ServerVerdict({ where, labels }: { where: ReturnType<typeof standing>; labels: TaskListLabels }) {
  if (where.kind === 'ungraded') return null;
  const pass = where.kind === 'agrees' ? where.pass : !where.live;
  return (
    <div className="lab-verdict" data-pass={pass ? 'true' : 'false'}>
      <p>
        <strong>{pass ? labels.serverPassed : labels.serverFailed}</strong>{' '}
        {where.messages.map((m) => (
          <span key={m}>{m} </span>
        ))}
      </p>
      {where.kind === 'differs' ? (
        <p className="lab-verdict-why">
          {where.reason === 'changed' ? labels.differsChanged : labels.differsReplay}
        </p>
      ) : null}
    </div>
  );
}

/** A fetched reference solution, the reason it could not be fetched, or nothing while it loads. */
function Solution({ shown }: { shown: string[] | { error: string } | undefined }) {
  if (!shown) return null;
  if (!Array.isArray(shown)) return <p className="lab-task-missing">{shown.error}</p>;
  return <pre className="lab-solution">{shown.join('\n')}</pre>;
}
