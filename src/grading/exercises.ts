import { ENGINE_VERSION, type Sandbox } from '../sandbox/sandbox.ts';
import { type Exercise, exercise as exerciseSchema } from '../schemas/exercise.ts';
import { type Submission, submission as submissionSchema } from '../schemas/transcript.ts';
import { normaliseLine } from './argv.ts';
import { evaluate, type Verdict } from './checks.ts';
import { replayTranscript, startExercise } from './replay.ts';

export interface TaskResult {
  id: string;
  pass: boolean;
  verdicts: Verdict[];
}

/** Validates an exercise file's parsed content; the message names what is wrong and where. */
export function parseExercise(
  data: unknown,
  source: string,
): { ok: true; exercise: Exercise } | { ok: false; error: string } {
  const result = exerciseSchema.safeParse(data);
  if (result.success) {
    for (const task of result.data.tasks) {
      for (const check of task.checks) {
        const pattern = check.type === 'ran' ? normaliseLine(check.command) : undefined;
        if (pattern && !pattern.ok)
          return { ok: false, error: `${source}: tasks.${task.id}: ran: ${pattern.error}` };
      }
    }
    return { ok: true, exercise: result.data };
  }
  const issue = result.error.issues[0];
  return {
    ok: false,
    error: `${source}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid exercise'}`,
  };
}

/** Every task's checks against the sandbox as it is now. */
export function gradeTasks(exercise: Exercise, sandbox: Sandbox): TaskResult[] {
  return exercise.tasks.map((task) => {
    const verdicts = task.checks.map((check) => evaluate(check, sandbox));
    return { id: task.id, pass: verdicts.every((v) => v.pass), verdicts };
  });
}

export type Verification =
  | { ok: true; tasks: TaskResult[]; score: number; revealed: string[] }
  | { ok: false; status: 400 | 409 | 422; reason: string };

/**
 * Grades a submission from evidence: replays the learner's transcript in a fresh sandbox of the
 * exercise's scenario, in this engine version, and runs the checks. The browser's own view is ignored.
 */
export async function verifySubmission(exercise: Exercise, body: unknown): Promise<Verification> {
  const parsed = submissionSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      status: 400,
      reason: `invalid submission: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    };
  }
  const s: Submission = parsed.data;
  if (s.exercise !== exercise.id)
    return {
      ok: false,
      status: 400,
      reason: `submission is for exercise "${s.exercise}", not "${exercise.id}"`,
    };
  if (s.exerciseVersion !== exercise.version) {
    return {
      ok: false,
      status: 409,
      reason: `exercise "${exercise.id}" is at version ${exercise.version}; the submission was made against version ${s.exerciseVersion}`,
    };
  }
  if (s.engine !== ENGINE_VERSION) {
    return {
      ok: false,
      status: 409,
      reason: `the transcript was recorded by engine version ${s.engine}; this server replays with version ${ENGINE_VERSION}`,
    };
  }
  const replayed = await replayTranscript(exercise, s.transcript);
  if (!replayed.ok) return { ok: false, status: 422, reason: replayed.reason };
  const tasks = gradeTasks(exercise, replayed.sandbox);
  const score = tasks.filter((t) => t.pass).length / tasks.length;
  return {
    ok: true,
    tasks,
    score,
    revealed: s.revealed.filter((id) => exercise.tasks.some((t) => t.id === id)),
  };
}

/**
 * What `npm run exercises:check` asserts for one exercise: the untouched start fails every task,
 * the reference solution, task by task, makes each pass, and every task still passes at the end
 * (submissions are graded on the final state). Returns the problems found.
 */
export async function selfCheck(exercise: Exercise): Promise<string[]> {
  const problems: string[] = [];
  const sandbox = await startExercise(exercise);
  for (const result of gradeTasks(exercise, sandbox)) {
    if (result.pass)
      problems.push(`${exercise.id}/${result.id}: passes before the learner does anything (a vacuous check)`);
  }
  for (const task of exercise.tasks) {
    await sandbox.run(task.solution.join('\n'));
    const result = gradeTasks({ ...exercise, tasks: [task] }, sandbox)[0];
    for (const v of result?.verdicts ?? []) {
      if (!v.pass) problems.push(`${exercise.id}/${task.id}: the reference solution fails: ${v.message.en}`);
    }
  }
  // Grading looks at the final state, so a later task must not undo an earlier one.
  for (const result of gradeTasks(exercise, sandbox)) {
    for (const v of result.verdicts) {
      if (!v.pass)
        problems.push(`${exercise.id}/${result.id}: fails once the whole solution has run: ${v.message.en}`);
    }
  }
  return problems;
}

export { type ReplayStep, replaySteps, startExercise } from './replay.ts';
