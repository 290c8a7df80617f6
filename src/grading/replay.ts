import { Sandbox, type SandboxOptions } from '../sandbox/sandbox.ts';
import type { Exercise } from '../schemas/exercise.ts';
import type { Submission } from '../schemas/transcript.ts';
import { stripSgr } from '../utils/ansi.ts';

/**
 * The whole-session budget of a replay on the server, in steps (commands, loop turns, 64 characters
 * of output). A lab's line may take 100,000; a transcript that needs more than this in all is
 * refused, not graded, so the worst submission costs about a second of one core.
 */
export const REPLAY_STEPS = 200_000;

/** A sandbox at the exercise's starting point: its machine, seed and setup commands. */
export async function startExercise(
  exercise: Exercise,
  options: Pick<SandboxOptions, 'limits'> = {},
): Promise<Sandbox> {
  // The lab's terminal is a TTY: `docker run -it` and `docker exec -it` open a session there, and must here too.
  const sandbox = Sandbox.create({
    seed: exercise.scenario.seed ?? exercise.id,
    machine: exercise.scenario.machine,
    tty: true,
    ...options,
  });
  if (exercise.scenario.setup.length > 0) await sandbox.run(exercise.scenario.setup.join('\n'));
  return sandbox;
}

/** What a replay keeps of the terminal for an instructor to read: per line, and in all. */
export const RECORD_LIMITS = { line: 64 * 1024, total: 1024 * 1024 } as const;

/** One typed line of a replayed transcript and what the terminal printed for it. */
export interface ReplayStep {
  /** The prompt the terminal showed before the line (no ANSI colours). */
  prompt: string;
  input: string;
  output: string;
}

export type Replay =
  | { ok: true; sandbox: Sandbox; steps: ReplayStep[] }
  | { ok: false; reason: string; steps: ReplayStep[] };

/**
 * Replays a transcript in a fresh sandbox of the exercise, line by line, under the replay budget.
 * The one replay of the project: the grader, the instructor's step-by-step view and the tests use it.
 * With `record`, each line's prompt and output are kept, exactly as the learner's terminal showed them.
 */
export async function replayTranscript(
  exercise: Exercise,
  transcript: Submission['transcript'],
  options: { record?: boolean } = {},
): Promise<Replay> {
  const sandbox = await startExercise(exercise, { limits: { totalSteps: REPLAY_STEPS } });
  for (const event of transcript) if (event.type === 'interrupt') sandbox.scheduleInterrupt(event);
  const steps: ReplayStep[] = [];
  let output = '';
  let left = RECORD_LIMITS.total;
  let dropped = 0;
  if (options.record)
    sandbox.onOutput((chunk) => {
      const room = Math.max(0, Math.min(RECORD_LIMITS.line - output.length, left));
      output += chunk.text.slice(0, room);
      left -= Math.min(room, chunk.text.length);
      dropped += Math.max(0, chunk.text.length - room);
    });
  /** A line's output as kept, saying how much was left out. */
  const kept = () => (dropped > 0 ? `${output}\n[${dropped} more characters not kept]\n` : output);
  for (const event of transcript) {
    await sandbox.whenIdle();
    if (sandbox.meter.total > REPLAY_STEPS) break;
    if (event.type === 'input') {
      output = '';
      dropped = 0;
      const prompt = options.record ? stripSgr(sandbox.prompt()) : '';
      sandbox.input(event.text, event.wait ? { wait: event.wait } : {});
      if (!options.record) continue;
      await sandbox.whenIdle();
      steps.push({ prompt, input: event.text, output: kept() });
    } else if (event.type === 'keys') sandbox.apply(event);
    else if (event.type === 'write') {
      const written = sandbox.apply(event);
      if ('error' in written)
        return {
          ok: false,
          reason: `the transcript writes ${event.path}, which this replay cannot: ${written.error}`,
          steps,
        };
      if (options.record) steps.push({ prompt: '', input: `(the editor saved ${event.path})`, output: '' });
    }
  }
  await sandbox.whenIdle();
  if (sandbox.meter.total > REPLAY_STEPS)
    return {
      ok: false,
      reason: `the transcript does more work than a grading replays (over ${REPLAY_STEPS} shell steps in all)`,
      steps,
    };
  return { ok: true, sandbox, steps };
}

/** Each typed line of a transcript with its prompt and output, for an instructor to read. */
export async function replaySteps(
  exercise: Exercise,
  transcript: Submission['transcript'],
): Promise<ReplayStep[]> {
  return (await replayTranscript(exercise, transcript, { record: true })).steps;
}
