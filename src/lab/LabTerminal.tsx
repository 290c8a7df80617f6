import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { recordExercise } from '../progress/browser-store';
import type { ResourceSnapshot } from '../sandbox/vm/resources.ts';
import { postJson } from '../utils/post-json.ts';
import ConfirmButton from './ConfirmButton.tsx';
import { LAB_ADOPTED_EVENT } from './client-lab.ts';
import type { DashboardLabels } from './Dashboard.tsx';
import type { FileApi } from './FilePanel.tsx';
import type { GradedTask } from './feedback.ts';
import LabFrame from './LabFrame.tsx';
import type { LabSession } from './lab-session.ts';
import { markLabPhase } from './lab-trace.ts';
import type { TaskChecks } from './protocol.ts';
import { useSolutions } from './solutions.ts';
import TaskList, { type LabExercise, type Submitted, type TaskListLabels } from './TaskList.tsx';
import type { WorkspaceLabels } from './WorkspaceControls.tsx';
import { startWebContainer } from './webcontainer.ts';
import { useWorkspace } from './workspace.ts';

export interface LabTerminalProps {
  /** The lab's accessible name, unique on its page ("Lab 2: Your first web server"). */
  name: string;
  /** The page's language: the server explains failed tasks in both. */
  lang: 'en' | 'zh-cn';
  /** The lesson after this one, for the step after a finished exercise. */
  next?: { href: string; label: string } | undefined;
  /** Offer the switch to a WebContainer (the site allows it and the lab opts in). */
  webContainer?: boolean;
  /** An assignment this exercise is done for: submissions go to it and count as attempts. */
  assignment?: string | undefined;
  /** An exercise to work through in this lab: tasks ticked live, graded on submission. */
  exercise?: (LabExercise & { checks: TaskChecks[] }) | undefined;
  labels: {
    terminal: string;
    reset: string;
    /** Asked before Reset, which throws the learner's work away. */
    confirmReset: string;
    speed: string;
    screenReader: string;
    fastNotice: string;
    loading: string;
    leaveHint: string;
    /** The hint while the lab is out of the page's flow: Escape brings it back. */
    workspaceHint: string;
    /** Where the lab was in the lesson, while it is open beside it. */
    away: string;
    terminalTab: string;
    files: string;
    newFile: string;
    save: string;
    saved: string;
    editorFor: string;
    dashboard: string;
    webContainer: string;
    webContainerStarting: string;
    webContainerOn: string;
    webContainerFailed: string;
  } & DashboardLabels &
    TaskListLabels &
    WorkspaceLabels;
}

// The editor's and dashboard's code load only when the learner opens their tabs.
const FilePanel = lazy(() => import('./FilePanel.tsx'));
const Dashboard = lazy(() => import('./Dashboard.tsx'));

/** The screen's markup, the same on the server and here: its content is the session's terminal. */
const TERMINAL_PLACE = { __html: '' };

const SPEEDS = [1, 4, 16, 1000];
/** How long a WebContainer may take to boot before the lab stays on the built-in sandbox. */
const WEBCONTAINER_TIMEOUT_MS = 20_000;

/**
 * A lab's interface around its terminal session (`lab-session.ts`): tabs, toolbar, workspace and the
 * exercise's tasks. It hydrates when first used (`client:lab`) and adopts the session the page's
 * script started.
 */
export default function LabTerminal({
  name,
  lang,
  next,
  webContainer = false,
  assignment,
  exercise,
  labels,
}: LabTerminalProps) {
  const host = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const workspace = useWorkspace(frame);
  // The first render matches the server's markup (hydration); the session's state comes in after.
  /** The terminal is open: its own text area takes the focus, so the screen leaves the Tab order. */
  const [opened, setOpened] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [ready, setReady] = useState(false);
  const [screenReader, setScreenReader] = useState(false);
  const [tab, setTab] = useState<'terminal' | 'files' | 'dashboard'>('terminal');
  const [snapshot, setSnapshot] = useState<ResourceSnapshot | null>(null);
  /** The WebContainer switch: idle, booting, on, or the one-line reason it fell back. */
  const [backend, setBackend] = useState<
    { state: 'builtin' | 'booting' | 'on' } | { state: 'failed'; reason: string }
  >({ state: 'builtin' });
  const [cwd, setCwd] = useState('/home/learner');
  const [revision, setRevision] = useState(0);
  /** What the sandbox satisfies now, of the checks the page knows; sealed tasks need the server too. */
  const [live, setLive] = useState<Record<string, boolean>>({});
  /** Sealed tasks the server found done at the last submission. */
  const [confirmed, setConfirmed] = useState<Record<string, boolean>>({});
  const passing = useMemo(
    () =>
      Object.fromEntries(
        (exercise?.checks ?? []).map((t) => [
          t.id,
          live[t.id] === true && (!t.sealed || confirmed[t.id] === true),
        ]),
      ),
    [exercise, live, confirmed],
  );
  const [revealed, setRevealed] = useState<string[]>([]);
  /** The lab's terminal session, started by the page's script before this hydrated. */
  const session = useRef<LabSession | null>(null);

  // Adopts the running session (never a second terminal or worker) and follows it.
  useEffect(() => {
    const section = host.current?.closest<HTMLElement>('section.lab');
    if (!section) return;
    let stop = () => {};
    let disposed = false;
    // Imported here, not at the top: the session opens xterm, which has no place in server rendering.
    void import('./lab-session.ts')
      .then(({ labSession }) => labSession(section))
      .then((adopted) => {
        if (disposed) return;
        session.current = adopted;
        markLabPhase('hydrated');
        setOpened(true);
        setReady(adopted.ready);
        setCwd(adopted.cwd);
        setLive(adopted.live);
        setRevealed(adopted.revealed);
        setSnapshot(adopted.snapshot);
        stop = adopted.subscribe((m) => {
          if (m.type === 'idle') {
            setReady(true);
            setCwd(m.cwd);
            setRevision((r) => r + 1);
          } else if (m.type === 'reset') {
            setReady(false);
            setRevealed([]);
            setLive({});
          } else if (m.type === 'tasks') setLive(adopted.live);
          else if (m.type === 'resources') setSnapshot(m.snapshot);
          // A saved file is part of the evidence too: a verdict from before it is out of date.
          else if (m.type === 'written') setRevision((r) => r + 1);
        });
        // Clicks that woke the interface are played again now that it can answer them.
        frame.current?.dispatchEvent(new Event(LAB_ADOPTED_EVENT, { bubbles: true }));
      });
    return () => {
      disposed = true;
      stop();
    };
  }, []);

  const switchToWebContainer = async () => {
    if (!session.current) return;
    setBackend({ state: 'booting' });
    const { scenario } = session.current;
    const switched = await session.current.switchTo((terminal) =>
      startWebContainer({ ...scenario, ...terminal, timeoutMs: WEBCONTAINER_TIMEOUT_MS }),
    );
    setBackend(switched.ok ? { state: 'on' } : { state: 'failed', reason: switched.reason });
  };

  // Opening a workspace is for working in the terminal: it takes the focus there.
  useEffect(() => {
    if (workspace.mode !== 'page' && tab === 'terminal') session.current?.focus();
  }, [workspace.mode, tab]);

  const solutions = useSolutions(exercise && `/api/exercises/${exercise.id}/solution`, revealed);

  const reveal = (taskId: string) => {
    session.current?.reveal(taskId);
    setRevealed(session.current?.revealed ?? []);
  };

  /** The idempotency key of a submission the server has not acknowledged yet: a retry reuses it. */
  const pendingKey = useRef<string | null>(null);

  /** Sends the evidence (the learner's transcript) for the server to replay and grade. */
  const submit = async (): Promise<Submitted> => {
    const saved = session.current?.latest;
    const seen = session.current?.revealed ?? [];
    if (!exercise || !saved) return { ok: false, reason: labels.loading };
    const evidence = {
      exercise: exercise.id,
      exerciseVersion: exercise.version,
      engine: saved.state.engine,
      transcript: saved.transcript.slice(saved.learnerStart ?? 0),
      revealed: seen,
    };
    pendingKey.current ??= crypto.randomUUID();
    // Practice answers with the tasks; an assignment with the stored submission's visible result.
    const sent = assignment
      ? await postJson<{ result?: { tasks?: GradedTask[] } }>(`/api/assignments/${assignment}/submissions`, {
          idempotencyKey: pendingKey.current,
          evidence,
        })
      : await postJson<{ tasks?: GradedTask[] }>(`/api/exercises/${exercise.id}/verify`, evidence);
    if (!sent.ok) return { ok: false, reason: sent.error };
    pendingKey.current = null;
    const tasks =
      'result' in sent.value ? sent.value.result?.tasks : (sent.value as { tasks?: GradedTask[] }).tasks;
    if (!tasks) return { ok: false, reason: labels.loading };
    setConfirmed(Object.fromEntries(tasks.map((t) => [t.id, t.pass])));
    recordExercise(exercise.id, tasks, seen.length);
    return { ok: true, tasks };
  };

  // The dashboard follows the sandbox: after every command, and each second (a VM boots meanwhile).
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is the trigger, not an input
  useEffect(() => {
    if (tab !== 'dashboard') return;
    session.current?.post({ type: 'resources' });
    const timer = setInterval(() => session.current?.post({ type: 'resources' }), 1000);
    return () => clearInterval(timer);
  }, [tab, revision]);

  // The session answers for the files; until it is adopted the Files tab asks nothing.
  const files = useMemo<FileApi>(
    () => ({
      ls: (path) => session.current?.files.ls(path) ?? Promise.resolve({ error: 'no answer' }),
      read: (path) => session.current?.files.read(path) ?? Promise.resolve({ error: 'no answer' }),
      write: (path, text) =>
        session.current?.files.write(path, text) ?? Promise.resolve({ error: 'no answer' }),
    }),
    [],
  );

  const hint = workspace.mode === 'page' ? labels.leaveHint : labels.workspaceHint;
  return (
    <div className="lab-terminal" data-workspace={workspace.mode}>
      <LabFrame
        workspace={workspace}
        frame={frame}
        name={name}
        labels={labels}
        tabs={
          <div className="lab-tabs">
            <button type="button" aria-pressed={tab === 'terminal'} onClick={() => setTab('terminal')}>
              {labels.terminalTab}
            </button>
            <button type="button" aria-pressed={tab === 'files'} onClick={() => setTab('files')}>
              {labels.files}
            </button>
            <button type="button" aria-pressed={tab === 'dashboard'} onClick={() => setTab('dashboard')}>
              {labels.dashboard}
            </button>
          </div>
        }
      >
        {exercise && (
          <div className="lab-side-pane">
            <TaskList
              exercise={exercise}
              passing={passing}
              revealed={revealed}
              solutions={solutions}
              onReveal={reveal}
              onSubmit={submit}
              lang={lang}
              changes={revision}
              next={next}
              sealed={(exercise.checks ?? []).filter((t) => t.sealed).map((t) => t.id)}
              labels={labels}
            />
          </div>
        )}
        <div className="lab-main-pane">
          {/* Focusable before the terminal loads, so the first Tab pass reaches every lab. */}
          {/* biome-ignore lint/a11y/useSemanticElements: it holds a terminal, not a form's fields */}
          <div
            ref={host}
            className="lab-screen"
            role="group"
            aria-label={`${name} — ${labels.terminal}`}
            tabIndex={opened ? -1 : 0}
            data-ready={ready ? 'true' : 'false'}
            // The terminal the session opened here is not React's: hydration leaves it in place.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant empty string
            dangerouslySetInnerHTML={TERMINAL_PLACE}
            hidden={tab !== 'terminal'}
          />
          {tab === 'dashboard' && snapshot && (
            <Suspense fallback={<p className="lab-loading">{labels.loading}</p>}>
              <Dashboard snapshot={snapshot} labels={labels} />
            </Suspense>
          )}
          {tab === 'files' && (
            <Suspense fallback={<p className="lab-loading">{labels.loading}</p>}>
              <FilePanel api={files} cwd={cwd} revision={revision} labels={labels} />
            </Suspense>
          )}
          {!ready && <p className="lab-loading">{labels.loading}</p>}
          <div className="lab-toolbar">
            <ConfirmButton
              label={labels.reset}
              question={labels.confirmReset}
              yes={labels.reset}
              no={labels.cancel}
              className="qs-button"
              onConfirm={() => void session.current?.reset()}
            />
            <label className="lab-field">
              {labels.speed}{' '}
              <select
                value={speed}
                onChange={(e) => {
                  const factor = Number(e.target.value);
                  setSpeed(factor);
                  session.current?.post({ type: 'speed', factor });
                }}
              >
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {s === 1000 ? '⏭' : `${s}×`}
                  </option>
                ))}
              </select>
            </label>
            <label className="lab-field">
              <input
                type="checkbox"
                checked={screenReader}
                onChange={(e) => {
                  setScreenReader(e.target.checked);
                  session.current?.setScreenReader(e.target.checked);
                }}
              />{' '}
              {labels.screenReader}
            </label>
            {webContainer && backend.state !== 'on' && (
              <button
                type="button"
                className="qs-button"
                disabled={backend.state === 'booting'}
                onClick={() => void switchToWebContainer()}
              >
                {backend.state === 'booting' ? labels.webContainerStarting : labels.webContainer}
              </button>
            )}
            {backend.state === 'on' && <span role="status">{labels.webContainerOn}</span>}
            {backend.state === 'failed' && (
              <span className="lab-notice lab-fallback" role="status">
                {labels.webContainerFailed.replace('{reason}', backend.reason)}
              </span>
            )}
            {speed > 1 && (
              <span className="lab-notice">
                {labels.fastNotice.replace('{speed}', speed === 1000 ? '⏭' : `${speed}×`)}
              </span>
            )}
          </div>
          <p className="lab-hint">{hint}</p>
        </div>
      </LabFrame>
    </div>
  );
}
