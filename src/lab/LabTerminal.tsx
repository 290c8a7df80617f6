import type { Terminal } from '@xterm/xterm';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { recordExercise } from '../progress/browser-store';
import { commonPrefix } from '../sandbox/core/common-prefix.ts';
import type { ResourceSnapshot } from '../sandbox/vm/resources.ts';
import { postJson } from '../utils/post-json.ts';
import ConfirmButton from './ConfirmButton.tsx';
import type { DashboardLabels } from './Dashboard.tsx';
import type { FileApi } from './FilePanel.tsx';
import type { GradedTask } from './feedback.ts';
import LabFrame from './LabFrame.tsx';
import { markLabPhase } from './lab-trace.ts';
import { LineEditor } from './line-editor.ts';
import { takeLabWorker } from './prestart.ts';
import type { FromWorker, SavedLab, TaskChecks, ToWorker } from './protocol.ts';
import { RawInput } from './raw-input.ts';
import { useSolutions } from './solutions.ts';
import { clearLab, loadLab, saveLab } from './storage.ts';
import TaskList, { type LabExercise, type Submitted, type TaskListLabels } from './TaskList.tsx';
import { openTerminal } from './terminal.ts';
import type { WorkspaceLabels } from './WorkspaceControls.tsx';
import { startWebContainer, type WebContainerSession } from './webcontainer.ts';
import { useWorkspace } from './workspace.ts';

export interface LabTerminalProps {
  /** Storage key: one saved sandbox per lab. */
  labId: string;
  /** The lab's accessible name, unique on its page ("Lab 2: Your first web server"). */
  name: string;
  /** The page's language: the server explains failed tasks in both. */
  lang: 'en' | 'zh-cn';
  /** The lesson after this one, for the step after a finished exercise. */
  next?: { href: string; label: string } | undefined;
  seed: string;
  setup: string[];
  machine: 'server' | 'desktop';
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
    engineUpdated: string;
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

type Pending = (m: FromWorker) => void;

const SPEEDS = [1, 4, 16, 1000];
/** How long a WebContainer may take to boot before the lab stays on the built-in sandbox. */
const WEBCONTAINER_TIMEOUT_MS = 20_000;

/** A terminal on the lab's sandbox, which runs in a Web Worker. */
export default function LabTerminal({
  labId,
  name,
  lang,
  next,
  seed,
  setup,
  machine,
  webContainer = false,
  assignment,
  exercise,
  labels,
}: LabTerminalProps) {
  const host = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const workspace = useWorkspace(frame);
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
  const requests = useRef(new Map<number, Pending>());
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
  const latest = useRef<SavedLab | null>(null);
  const revealedRef = useRef<string[]>([]);
  const nextRequest = useRef(1_000_000);
  const control = useRef<{
    post(m: ToWorker): void;
    reset(): void;
    focus(): void;
    screenReader(on: boolean): void;
    switchToWebContainer(): Promise<void>;
  } | null>(null);

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    (async () => {
      if (!host.current) return;
      markLabPhase('hydrated');
      let onResize = (_term: Terminal) => {};
      const screen = host.current;
      // The worker's code downloads and compiles while the terminal's does, not after it.
      const section = screen.closest<HTMLElement>('section.lab') ?? screen;
      const raw = new RawInput();
      const [first, opened, saved] = await Promise.all([
        takeLabWorker(section),
        openTerminal(screen, {
          label: `${name} — ${labels.terminal}. ${labels.leaveHint}`,
          onResize: (t) => onResize(t),
          escapeIsTyped: () => raw.active,
        }),
        loadLab(labId),
      ]);
      let worker = first;
      const { term } = opened;
      if (disposed) {
        worker.terminate();
        opened.dispose();
        return;
      }
      markLabPhase('terminal');
      // A learner who tabbed to the screen before the terminal loaded is now in it.
      if (document.activeElement === screen) term.focus();
      setOpened(true);

      revealedRef.current = saved?.revealed ?? [];
      setRevealed(revealedRef.current);
      const editor = new LineEditor(saved?.history ?? []);
      editor.columns = term.cols;
      let busy = true;
      let lastIdle = Date.now();
      let completionId = 0;
      const post = (m: ToWorker) => worker.postMessage(m);

      const send = (line: string) => {
        busy = true;
        const wait = Math.min(600_000, Date.now() - lastIdle);
        post({ type: 'input', text: line, wait });
      };
      const onMessage = (event: MessageEvent<FromWorker>) => {
        const m = event.data;
        if (m.type === 'output') term.write(m.text);
        else if (m.type === 'idle') {
          busy = false;
          lastIdle = Date.now();
          setCwd(m.cwd);
          setRevision((r) => r + 1);
          latest.current = m.saved;
          void saveLab(labId, { ...m.saved, history: editor.entries(), revealed: revealedRef.current });
          setReady(true);
          term.write(editor.begin(m.prompt));
          markLabPhase('prompt');
          drain();
        } else if (m.type === 'completion') {
          if (m.id !== completionId) return;
          completing = false;
          const word = editor.buffer.slice(m.start, editor.cursor);
          if (m.candidates.length === 1) {
            const only = m.candidates[0] as string;
            term.write(editor.insert(only.slice(word.length) + (only.endsWith('/') ? '' : ' ')));
          } else if (m.candidates.length > 1) {
            const prefix = commonPrefix(m.candidates);
            if (prefix.length > word.length) term.write(editor.insert(prefix.slice(word.length)));
            else term.write(`\r\n${m.candidates.join('  ')}\r\n${editor.redraw()}`);
          }
          drain();
        } else if (m.type === 'raw') {
          const unread = raw.update(m);
          if (unread) feed(unread);
          drain();
        } else if (m.type === 'resources') setSnapshot(m.snapshot);
        else if (m.type === 'tasks') setLive(Object.fromEntries(m.results.map((r) => [r.id, r.pass])));
        else if (m.type === 'listing' || m.type === 'file' || m.type === 'written') {
          // A saved file is part of the evidence too: a verdict from before it is out of date.
          if (m.type === 'written') setRevision((r) => r + 1);
          requests.current.get(m.id)?.(m);
          requests.current.delete(m.id);
        } else if (m.type === 'error') term.write(`\r\n\x1b[31m${m.message}\x1b[0m\r\n`);
        else if (m.type === 'trace') for (const p of m.phases) markLabPhase(p.name, p.at);
        else if (m.type === 'notice') term.write(`\x1b[33m${labels.engineUpdated}\x1b[0m\r\n`);
      };
      const start = (from?: SavedLab) => {
        worker.onmessage = onMessage;
        post({
          type: 'start',
          seed,
          columns: term.cols,
          rows: term.rows,
          setup,
          machine,
          ...(exercise ? { checks: exercise.checks } : {}),
          ...(from ? { saved: from } : {}),
        });
      };
      start(saved);

      // Keys typed while a command runs or a completion is pending wait their turn, as a tty's do.
      let typeahead = '';
      let completing = false;
      let external: WebContainerSession | undefined;
      const feed = (data: string) => {
        if (external) {
          external.write(data);
          return;
        }
        const keys = raw.route(data);
        if (keys) return post(keys);
        if (busy || completing) {
          if (data.includes('\x03')) {
            typeahead = '';
            if (busy) post({ type: 'interrupt' });
          } else typeahead += data;
          return;
        }
        // Enter and Tab each wait for their answer (the command's prompt, the completion): keys after
        // them in the same chunk (a paste, fast typing) go back to the type-ahead.
        const cut = data.search(/[\r\n\t]/);
        if (cut !== -1 && cut < data.length - 1) {
          const end = data[cut] === '\r' && data[cut + 1] === '\n' ? cut + 2 : cut + 1;
          feed(data.slice(0, end));
          if (end < data.length) feed(data.slice(end));
          return;
        }
        const { output, events } = editor.input(data);
        term.write(output);
        for (const e of events) {
          if (e.type === 'submit') send(e.line);
          else if (e.type === 'interrupt') term.write(editor.begin(editor.prompt));
          else if (e.type === 'clear') {
            term.clear();
            term.write(`\x1b[H\x1b[2J${editor.redraw()}`);
          } else if (e.type === 'complete') {
            completing = true;
            post({ type: 'complete', id: ++completionId, line: e.line, cursor: e.cursor });
          }
        }
      };
      const drain = () => {
        const pending = typeahead;
        typeahead = '';
        if (pending) feed(pending);
      };
      term.onData(feed);

      onResize = () => {
        editor.columns = term.cols;
        post({ type: 'resize', columns: term.cols, rows: term.rows });
        external?.resize(term.cols, term.rows);
      };

      control.current = {
        post,
        focus: () => term.focus(),
        reset: () => {
          setReady(false);
          revealedRef.current = [];
          setRevealed([]);
          typeahead = '';
          void clearLab(labId);
          worker.terminate();
          term.reset();
          busy = true;
          void takeLabWorker(section).then((next) => {
            worker = next;
            start(undefined);
          });
        },
        screenReader: (on) => {
          term.options.screenReaderMode = on;
        },
        switchToWebContainer: async () => {
          setBackend({ state: 'booting' });
          const started = await startWebContainer({
            machine,
            seed,
            setup,
            columns: term.cols,
            rows: term.rows,
            timeoutMs: WEBCONTAINER_TIMEOUT_MS,
            onOutput: (text) => term.write(text),
          });
          if (!started.ok) {
            setBackend({ state: 'failed', reason: started.reason });
            return;
          }
          external = started.session;
          worker.terminate();
          term.reset();
          setBackend({ state: 'on' });
        },
      };
      cleanup = () => {
        external?.dispose();
        worker.terminate();
        opened.dispose();
      };
    })();
    return () => {
      disposed = true;
      cleanup();
    };
  }, [labId, name, seed, setup, machine, exercise, labels]);

  // Opening a workspace is for working in the terminal: it takes the focus there.
  useEffect(() => {
    if (workspace.mode !== 'page' && tab === 'terminal') control.current?.focus();
  }, [workspace.mode, tab]);

  const solutions = useSolutions(exercise && `/api/exercises/${exercise.id}/solution`, revealed);

  const reveal = (taskId: string) => {
    revealedRef.current = [...revealedRef.current, taskId];
    setRevealed(revealedRef.current);
  };

  /** The idempotency key of a submission the server has not acknowledged yet: a retry reuses it. */
  const pendingKey = useRef<string | null>(null);

  /** Sends the evidence (the learner's transcript) for the server to replay and grade. */
  const submit = async (): Promise<Submitted> => {
    const saved = latest.current;
    if (!exercise || !saved) return { ok: false, reason: labels.loading };
    const evidence = {
      exercise: exercise.id,
      exerciseVersion: exercise.version,
      engine: saved.state.engine,
      transcript: saved.transcript.slice(saved.learnerStart ?? 0),
      revealed: revealedRef.current,
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
    recordExercise(exercise.id, tasks, revealedRef.current.length);
    return { ok: true, tasks };
  };

  // The dashboard follows the sandbox: after every command, and each second (a VM boots meanwhile).
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is the trigger, not an input
  useEffect(() => {
    if (tab !== 'dashboard') return;
    control.current?.post({ type: 'resources' });
    const timer = setInterval(() => control.current?.post({ type: 'resources' }), 1000);
    return () => clearInterval(timer);
  }, [tab, revision]);

  const files = useMemo<FileApi>(() => {
    const ask = <T,>(message: (id: number) => ToWorker, pick: (m: FromWorker) => T) =>
      new Promise<T>((resolve) => {
        const id = nextRequest.current++;
        requests.current.set(id, (m) => resolve(pick(m)));
        control.current?.post(message(id));
      });
    return {
      ls: (path) =>
        ask(
          (id) => ({ type: 'ls', id, path }),
          (m) => (m.type === 'listing' ? m.entries : { error: 'no answer' }),
        ),
      read: (path) =>
        ask(
          (id) => ({ type: 'read', id, path }),
          (m) => (m.type === 'file' ? m.result : { error: 'no answer' }),
        ),
      write: (path, text) =>
        ask(
          (id) => ({ type: 'write', id, path, text }),
          (m) => (m.type === 'written' ? m.result : { error: 'no answer' }),
        ),
    };
  }, []);

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
            onFocus={(event) => {
              if (event.target === event.currentTarget) control.current?.focus();
            }}
            data-ready={ready ? 'true' : 'false'}
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
              onConfirm={() => control.current?.reset()}
            />
            <label className="lab-field">
              {labels.speed}{' '}
              <select
                value={speed}
                onChange={(e) => {
                  const factor = Number(e.target.value);
                  setSpeed(factor);
                  control.current?.post({ type: 'speed', factor });
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
                  control.current?.screenReader(e.target.checked);
                }}
              />{' '}
              {labels.screenReader}
            </label>
            {webContainer && backend.state !== 'on' && (
              <button
                type="button"
                className="qs-button"
                disabled={backend.state === 'booting'}
                onClick={() => void control.current?.switchToWebContainer()}
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
