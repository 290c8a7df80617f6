import { type Verification, verifySubmission } from '../../grading/exercises.ts';
import { type ReplayStep, replaySteps } from '../../grading/replay.ts';
import type { Exercise } from '../../schemas/exercise.ts';
import type { Submission } from '../../schemas/transcript.ts';

/** Work a replay worker does: plain data in, plain data out (it crosses a thread boundary). */
export type ReplayJob =
  | { kind: 'verify'; exercise: Exercise; body: unknown }
  | { kind: 'steps'; exercise: Exercise; transcript: Submission['transcript'] };

/** Runs one job on the calling thread: what a worker does with each message. */
export async function runJob(job: ReplayJob): Promise<Verification | ReplayStep[]> {
  return job.kind === 'verify'
    ? verifySubmission(job.exercise, job.body)
    : replaySteps(job.exercise, job.transcript);
}
