import { useEffect, useRef, useState } from 'react';
import LabFrame from '../lab/LabFrame.tsx';
import { useSolutions } from '../lab/solutions.ts';
import TaskList, { type LabExercise, type TaskListLabels } from '../lab/TaskList.tsx';
import type { PageTerminal } from '../lab/terminal.ts';
import type { WorkspaceLabels } from '../lab/WorkspaceControls.tsx';
import { useWorkspace } from '../lab/workspace.ts';
import { recordExercise } from '../progress/browser-store';
import type { Localized } from '../schemas/exercise.ts';
import type { RealMachineExercise } from '../schemas/real-machine.ts';
import { postJson } from '../utils/post-json.ts';
import { followGrading, gradingProgress } from './follow-grading.ts';
import type { BootStage, BootTimes } from './machine.ts';
import type { AssetFile, ConsoleSize, MachineFromWorker, MachineToWorker, ResumeTimes } from './protocol.ts';

export interface RealMachineLabels extends TaskListLabels, WorkspaceLabels {
  terminal: string;
  leaveHint: string;
  /** The hint while the machine is out of the page's flow: Escape brings it back. */
  workspaceHint: string;
  /** Where the machine was in the lesson, while it is open beside it. */
  away: string;
  boot: string;
  resume: string;
  restoring: string;
  downloading: string;
  stages: Record<BootStage | 'shell', string>;
  ready: string;
  failed: string;
  noWasm: string;
  measured: string;
  vmBoot: string;
  vmResume: string;
  /** What a resume skipped, under its figures. */
  resumed: string;
  containerStart: string;
  faster: string;
  seconds: string;
  milliseconds: string;
  /**
   * While a submission waits for the grader ({n}: learners ahead; `next` when none are) and while it
   * is graded ({n}: seconds).
   */
  queued: string;
  next: string;
  grading: string;
  /** Why a grading counted less than it might: cut short at its deadline, or the agent was forged. */
  stopped: string;
  tampered: string;
}

export interface RealMachineLabProps {
  /** The lab's accessible name, unique on its page. */
  name: string;
  /** The lesson after this one, for the step after a finished exercise. */
  next?: { href: string; label: string } | undefined;
  /** What "Watch it boot" downloads, and what "Resume a booted machine" does when the site has a saved state. */
  files: { boot: AssetFile[]; resume?: AssetFile[] | undefined };
  /** The exercise: page texts for the task list, and the checks the worker runs. */
  exercise?: { view: LabExercise; checks: RealMachineExercise } | undefined;
  lang: keyof Localized;
  labels: RealMachineLabels;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'downloading'; loaded: number; total: number }
  | { kind: 'booting'; stage: BootStage | 'shell' }
  | { kind: 'restoring' }
  | { kind: 'ready' }
  | { kind: 'failed'; reason: string };

/** The terminal's answers to the shell's cursor-position queries: not typed, so not evidence. */
const CURSOR_REPORT = new RegExp(`${String.fromCharCode(27)}\\[\\d+;\\d+R`, 'g');

const STAGES: (BootStage | 'shell')[] = ['firmware', 'kernel', 'init', 'shell'];
const MB = (bytes: number) => (bytes / 1e6).toFixed(1);
const seconds = (labels: Pick<RealMachineLabels, 'seconds'>, ms: number) =>
  labels.seconds.replace('{n}', (ms / 1000).toFixed(1));
const bytesOf = (files: AssetFile[]) => files.reduce((n, f) => n + f.bytes, 0);

/** A real Linux machine in the page: v86 in a worker, its console in a terminal, the boot timed. */
export default function RealMachineLab({ name, next, files, exercise, lang, labels }: RealMachineLabProps) {
  const host = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const workspace = useWorkspace(frame);
  /** Lines entered at the console: a verdict from before the last one is out of date. */
  const [lines, setLines] = useState(0);
  const worker = useRef<Worker | null>(null);
  const terminal = useRef<PageTerminal | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [times, setTimes] = useState<BootTimes | null>(null);
  const [resuming, setResuming] = useState(false);
  const [resumed, setResumed] = useState<(ResumeTimes & { clickToShell: number }) | null>(null);
  const [container, setContainer] = useState<number | null>(null);
  const [done, setDone] = useState<string[]>([]);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [revealed, setRevealed] = useState<string[]>([]);
  const solutions = useSolutions(exercise && `/api/real-machine/${exercise.view.id}/solution`, revealed);
  const doneRef = useRef<string[]>([]);
  /** Everything typed at the console: the evidence the server replays to grade. */
  const typed = useRef('');

  // The server-rendered button says it cannot act yet (still focusable) until this island can.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const poll = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  useEffect(
    () => () => {
      clearInterval(poll.current);
      worker.current?.terminate();
      terminal.current?.dispose();
    },
    [],
  );

  const check = () => {
    if (!exercise || doneRef.current.length === exercise.checks.tasks.length) return;
    const message: MachineToWorker = {
      type: 'check',
      id: Date.now(),
      exercise: exercise.checks,
      done: doneRef.current,
    };
    worker.current?.postMessage(message);
  };

  const start = async (mode: 'boot' | 'resume', assets: AssetFile[]) => {
    const clicked = performance.now();
    if (typeof WebAssembly !== 'object') {
      setPhase({ kind: 'failed', reason: labels.noWasm });
      return;
    }
    setResuming(mode === 'resume');
    setPhase({ kind: 'downloading', loaded: 0, total: bytesOf(assets) });
    const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (event: MessageEvent<MachineFromWorker>) => {
      const m = event.data;
      if (m.type === 'progress') setPhase({ kind: 'downloading', loaded: m.loaded, total: m.total });
      else if (m.type === 'stage')
        setPhase(m.stage === 'shell' ? { kind: 'ready' } : { kind: 'booting', stage: m.stage });
      else if (m.type === 'restoring') setPhase({ kind: 'restoring' });
      else if (m.type === 'output') terminal.current?.term.write(m.text);
      else if (m.type === 'booted' || m.type === 'resumed') {
        if (m.type === 'booted') setTimes(m.times);
        else setResumed({ ...m.times, clickToShell: performance.now() - clicked });
        setPhase({ kind: 'ready' });
        terminal.current?.term.focus();
      } else if (m.type === 'container') {
        setContainer(m.ms);
        check();
        poll.current = setInterval(check, 4000);
      } else if (m.type === 'checked') {
        const finished = Object.entries(m.states).flatMap(([id, s]) => (s.done ? [id] : []));
        doneRef.current = [...new Set([...doneRef.current, ...finished])];
        setDone(doneRef.current);
        setMissing(
          Object.fromEntries(
            Object.entries(m.states).flatMap(([id, s]) => (s.done ? [] : [[id, s.missing[lang]]])),
          ),
        );
        if (exercise && doneRef.current.length === exercise.checks.tasks.length) clearInterval(poll.current);
      } else if (m.type === 'failed') setPhase({ kind: 'failed', reason: m.reason });
    };
    if (host.current) {
      // Imported here: xterm has no place in server rendering.
      const { openTerminal } = await import('../lab/terminal.ts');
      terminal.current = openTerminal(host.current, {
        label: `${name} — ${labels.terminal}. ${labels.leaveHint}`,
        convertEol: false,
        onResize: (term) =>
          w.postMessage({
            type: 'resize',
            size: { rows: term.rows, cols: term.cols },
          } satisfies MachineToWorker),
      });
      terminal.current.term.onData((text) => {
        w.postMessage({ type: 'input', text } satisfies MachineToWorker);
        typed.current += text.replace(CURSOR_REPORT, '');
        if (text.includes('\r')) {
          setLines((n) => n + 1);
          setTimeout(check, 700);
        }
      });
    }
    const term = terminal.current?.term;
    const size: ConsoleSize = term ? { rows: term.rows, cols: term.cols } : { rows: 24, cols: 80 };
    w.postMessage({ type: mode, files: assets, size } satisfies MachineToWorker);
  };

  const status =
    phase.kind === 'downloading'
      ? labels.downloading.replace('{loaded}', MB(phase.loaded)).replace('{total}', MB(phase.total))
      : phase.kind === 'booting'
        ? labels.stages[phase.stage]
        : phase.kind === 'restoring'
          ? labels.restoring
          : phase.kind === 'ready'
            ? labels.ready
            : phase.kind === 'failed'
              ? labels.failed.replace('{reason}', phase.reason)
              : '';
  const reached =
    phase.kind === 'ready' ? STAGES.length : phase.kind === 'booting' ? STAGES.indexOf(phase.stage) : -1;

  // Opening a workspace is for working at the console: it takes the focus there.
  useEffect(() => {
    if (workspace.mode !== 'page') terminal.current?.term.focus();
  }, [workspace.mode]);

  return (
    <div className="lab-terminal machine" data-phase={phase.kind} data-workspace={workspace.mode}>
      <LabFrame workspace={workspace} frame={frame} name={name} labels={labels}>
        {exercise ? (
          <div className="lab-side-pane">
            <TaskList
              exercise={exercise.view}
              passing={Object.fromEntries(done.map((id) => [id, true]))}
              missing={missing}
              revealed={revealed}
              solutions={solutions}
              onReveal={(id) => setRevealed([...revealed, id])}
              lang={lang}
              changes={lines}
              next={next}
              onSubmit={async (progress) => {
                const queued = await postJson<{ job: string }>(
                  `/api/real-machine/${exercise.view.id}/verify`,
                  {
                    input: typed.current,
                  },
                );
                if (!queued.ok) return { ok: false, reason: queued.error };
                const graded = await followGrading(
                  queued.value.job,
                  (status) => progress(gradingProgress(status, labels)),
                  labels,
                );
                if (graded.ok) recordExercise(exercise.view.id, graded.tasks, revealed.length);
                return graded;
              }}
              labels={labels}
            />
          </div>
        ) : null}
        <div className="lab-main-pane">
          <div className="lab-toolbar machine-toolbar">
            {phase.kind === 'idle' ? (
              // Focusable before the island wakes (the first Tab pass reaches it); they act once it has.
              <>
                {files.resume ? (
                  <button
                    type="button"
                    className="qs-button qs-button-primary"
                    aria-disabled={hydrated ? undefined : 'true'}
                    onClick={() => files.resume && void start('resume', files.resume)}
                  >
                    {labels.resume.replace('{size}', MB(bytesOf(files.resume)))}
                  </button>
                ) : null}
                <button
                  type="button"
                  className={files.resume ? 'qs-button' : 'qs-button qs-button-primary'}
                  aria-disabled={hydrated ? undefined : 'true'}
                  onClick={() => void start('boot', files.boot)}
                >
                  {labels.boot.replace('{size}', MB(bytesOf(files.boot)))}
                </button>
              </>
            ) : null}
            <span role="status" aria-live="polite" className="machine-status">
              {status}
            </span>
          </div>
          {phase.kind === 'downloading' ? (
            <progress
              className="machine-progress"
              max={phase.total}
              value={phase.loaded}
              aria-label={status}
            />
          ) : null}
          {phase.kind !== 'idle' && !resuming ? (
            <ol className="machine-stages">
              {STAGES.map((stage, i) => (
                <li key={stage} data-state={i < reached ? 'done' : i === reached ? 'now' : 'later'}>
                  {i < reached ? '✓ ' : i === reached ? '▸ ' : ''}
                  {labels.stages[stage]}
                  {times && stage !== 'shell' ? ` · ${seconds(labels, times[stage])}` : ''}
                </li>
              ))}
            </ol>
          ) : null}
          <div
            ref={host}
            className="lab-screen machine-screen"
            data-ready={phase.kind === 'ready' ? 'true' : 'false'}
          />
          {resumed ? (
            <CompareFigure
              data={{
                'data-fetch-ms': Math.round(resumed.fetch),
                'data-decompress-ms': Math.round(resumed.decompress),
                'data-restore-ms': Math.round(resumed.restore),
                'data-prompt-ms': Math.round(resumed.prompt),
                'data-resume-ms': Math.round(resumed.clickToShell),
              }}
              vm={labels.vmResume}
              vmMs={resumed.restore + resumed.prompt}
              container={container}
              labels={labels}
              note={labels.resumed}
            />
          ) : null}
          {times ? (
            <CompareFigure
              data={{
                'data-firmware-ms': Math.round(times.firmware),
                'data-kernel-ms': Math.round(times.kernel),
                'data-init-ms': Math.round(times.init),
                'data-boot-ms': Math.round(times.total),
              }}
              vm={labels.vmBoot}
              vmMs={times.total}
              container={container}
              labels={labels}
              note={
                container !== null
                  ? labels.faster.replace('{n}', String(Math.round(times.total / container)))
                  : undefined
              }
            />
          ) : null}
          <p className="lab-hint">{workspace.mode === 'page' ? labels.leaveHint : labels.workspaceHint}</p>
        </div>
      </LabFrame>
    </div>
  );
}

/**
 * The lesson's comparison, as measured in this page: the virtual machine's time to a shell (a boot,
 * or a resume) as a full bar, the container's start as a bar of the same scale.
 */
function CompareFigure({
  data,
  vm,
  vmMs,
  container,
  labels,
  note,
}: {
  data: Record<`data-${string}`, number>;
  vm: string;
  vmMs: number;
  container: number | null;
  labels: RealMachineLabels;
  note: string | undefined;
}) {
  return (
    <figure
      className="machine-compare"
      {...data}
      data-container-ms={container === null ? undefined : Math.round(container)}
    >
      <figcaption>{labels.measured}</figcaption>
      <dl>
        <dt>{vm}</dt>
        <dd>
          <span className="machine-bar" style={{ inlineSize: '100%' }} />
          {seconds(labels, vmMs)}
        </dd>
        <dt>{labels.containerStart}</dt>
        <dd>
          {container === null ? (
            '…'
          ) : (
            <>
              <span
                className="machine-bar machine-bar-container"
                style={{ inlineSize: `${Math.min(100, Math.max(0.5, (container / vmMs) * 100))}%` }}
              />
              {labels.milliseconds.replace('{n}', String(Math.round(container)))}
            </>
          )}
        </dd>
      </dl>
      {note ? <p>{note}</p> : null}
    </figure>
  );
}
