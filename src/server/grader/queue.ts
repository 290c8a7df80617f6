import type { RealMachineExercise } from '../../schemas/real-machine.ts';
import type { Queryable } from '../db/database.ts';
import { keepProgress } from '../progress.ts';

/** What a finished real-machine grading says: tasks passed, and whether it was cut short or cheated. */
export interface GradingResult {
  done: string[];
  stopped?: 'deadline' | 'cancelled';
  tampered?: boolean;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface GradingJob {
  id: string;
  exercise: string;
  spec: RealMachineExercise;
  input: string;
  status: JobStatus;
  result: GradingResult | null;
  error: string | null;
  worker: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A job's columns from the table as `t`, named as `GradingJob` names them. */
const job = (
  t: string,
) => `${t}.id, ${t}.exercise, ${t}.spec, ${t}.input, ${t}.status, ${t}.result, ${t}.error,
  ${t}.worker, ${t}.created_at as "createdAt", ${t}.started_at as "startedAt", ${t}.finished_at as "finishedAt"`;

/** How long a job stays wanted after the page last asked about it; after that nobody is waiting. */
export const WANTED_MS = 30_000;
/** A running job whose worker has not reported for this long is given to another (it died). */
export const STALE_MS = 120_000;
/** Jobs waiting before new ones are turned away (503): a class at a deadline fits, a flood does not. */
export const MAX_QUEUED = 500;

/** Queues a grading; undefined when the queue is full. */
export async function enqueueGrading(
  db: Queryable,
  job: { spec: RealMachineExercise; input: string; userId?: string | undefined },
  now = new Date(),
): Promise<{ id: string } | undefined> {
  const rows = await db.query<{ id: string }>(
    `insert into grading_jobs (exercise, spec, input, user_id, wanted_until)
     select $1, $2, $3, $4, $5
     where (select count(*) from grading_jobs where status = 'queued') < $6
     returning id`,
    [
      job.spec.id,
      JSON.stringify(job.spec),
      job.input,
      job.userId ?? null,
      new Date(now.getTime() + WANTED_MS),
      MAX_QUEUED,
    ],
  );
  return rows[0];
}

/**
 * Takes the oldest job still wanted for `worker`, or undefined. A job nobody waits for any more is
 * dropped as failed; one whose worker stopped reporting goes back to the queue (twice at most).
 */
export async function claimGrading(
  db: Queryable,
  worker: string,
  now = new Date(),
): Promise<GradingJob | undefined> {
  await db.query(
    `update grading_jobs set status = 'failed', error = 'nobody was waiting for this grading any more',
       finished_at = $1
     where status = 'queued' and wanted_until < $1`,
    [now],
  );
  await db.query(
    `update grading_jobs set status = case when tries >= 2 then 'failed' else 'queued' end,
       error = case when tries >= 2 then 'the grader stopped twice while grading this' end, worker = null
     where status = 'running' and heartbeat_at < $1`,
    [new Date(now.getTime() - STALE_MS)],
  );
  const rows = await db.query<GradingJob>(
    `update grading_jobs g set status = 'running', worker = $1, started_at = $2, heartbeat_at = $2,
       tries = tries + 1
     where g.id = (select id from grading_jobs where status = 'queued' order by created_at
                   for update skip locked limit 1)
     returning ${job('g')}`,
    [worker, now],
  );
  return rows[0];
}

/** The worker is still at it; false once the page has stopped asking (the learner left). */
export async function heartbeat(db: Queryable, id: string, now = new Date()): Promise<boolean> {
  const rows = await db.query<{ wanted: boolean }>(
    `update grading_jobs set heartbeat_at = $2 where id = $1 and status = 'running'
     returning wanted_until > $2 as wanted`,
    [id, now],
  );
  return rows[0]?.wanted ?? false;
}

/** Records how a job ended; a graded one counts towards the progress of the learner who asked. */
export async function finishGrading(
  db: Queryable,
  id: string,
  outcome: { result: GradingResult } | { error: string },
  now = new Date(),
): Promise<void> {
  const [ended] = await db.query<{ userId: string | null; spec: RealMachineExercise }>(
    `update grading_jobs set status = $2, result = $3, error = $4, finished_at = $5 where id = $1
     returning user_id as "userId", spec`,
    [
      id,
      'result' in outcome ? 'done' : 'failed',
      'result' in outcome ? JSON.stringify(outcome.result) : null,
      'error' in outcome ? outcome.error : null,
      now,
    ],
  );
  if (!ended?.userId || !('result' in outcome)) return;
  const { spec } = ended;
  const passed = outcome.result.tampered
    ? 0
    : spec.tasks.filter((t) => outcome.result.done.includes(t.id)).length;
  await keepProgress(db, ended.userId, {
    kind: 'exercise',
    id: spec.id,
    version: spec.version,
    score: passed / spec.tasks.length,
    done: passed === spec.tasks.length,
  });
}

/**
 * A job as the page that queued it sees it, with its place in the queue; asking keeps it wanted.
 * Job ids are random UUIDs: knowing one is the permission to read it.
 */
export async function gradingStatus(
  db: Queryable,
  id: string,
  now = new Date(),
): Promise<(GradingJob & { position: number | null }) | undefined> {
  const rows = await db.query<GradingJob & { position: number | null }>(
    `update grading_jobs j set wanted_until = greatest(j.wanted_until, $2)
     where j.id = $1
     returning ${job('j')},
       case when j.status = 'queued' then
         (select count(*)::int from grading_jobs q where q.status = 'queued' and q.created_at < j.created_at)
       end as position`,
    [id, new Date(now.getTime() + WANTED_MS)],
  );
  return rows[0];
}
