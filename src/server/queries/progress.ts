import { randomBytes } from 'node:crypto';
import type { ProgressItem, ProgressKind } from '../../schemas/progress.ts';
import type { Queryable } from '../db/database.ts';

/** One result the server graded itself, to fold into the learner's progress. */
export interface GradedWork {
  kind: ProgressKind;
  id: string;
  version: number;
  /** 0 to 1. */
  score: number;
  /** An exercise with every task passed, or a quiz finished. */
  done: boolean;
}

/**
 * Folds a graded result into the learner's progress. Until it is done, the best score so far is
 * kept; the first time it is done fixes the record (its score, its date, and for an exercise the
 * reference solutions the server saw the learner open by then), so a quiz retaken once its key is
 * known cannot improve it. Later finishes only add to the count of attempts.
 */
export async function recordProgress(db: Queryable, userId: string, work: GradedWork): Promise<void> {
  await db.query(
    `insert into progress as p (user_id, kind, content_id, content_version, score, solutions_opened, done_at,
       finished)
     values ($1, $2, $3, $4, $5,
       case when $2 = 'exercise'
         then (select count(*)::int from solution_views v where v.user_id = $1 and v.exercise = $3) else 0 end,
       case when $6::boolean then now() end, case when $6::boolean then 1 else 0 end)
     on conflict (user_id, kind, content_id) do update set
       (content_version, score, solutions_opened) = (
         select case when p.done_at is null and excluded.score >= p.score then excluded.content_version
                     else p.content_version end,
                case when p.done_at is null then greatest(p.score, excluded.score) else p.score end,
                case when p.done_at is null then excluded.solutions_opened else p.solutions_opened end),
       done_at = coalesce(p.done_at, excluded.done_at),
       finished = p.finished + excluded.finished,
       updated_at = now()`,
    [userId, work.kind, work.id, work.version, work.score, work.done],
  );
}

const ITEM = `kind, content_id as id, score::float8 as score, solutions_opened as "solutionsOpened",
  done_at as "doneAt", finished`;

function items(rows: (Omit<ProgressItem, 'doneAt'> & { doneAt: Date | null })[]): ProgressItem[] {
  return rows.map((r) => ({ ...r, doneAt: r.doneAt ? new Date(r.doneAt).toISOString() : null }));
}

/** A learner's progress from their practice and the real machine (assignments: `assignmentWork`). */
export async function progressOf(db: Queryable, userId: string): Promise<ProgressItem[]> {
  return items(
    await db.query(`select ${ITEM} from progress where user_id = $1 order by kind, content_id`, [userId]),
  );
}

/** A learner's submission to an assignment, with what deciding whether they may see its score needs. */
export interface AssignmentWork {
  kind: ProgressKind;
  contentId: string;
  maxAttempts: number | null;
  closesAt: string | null;
  score: number;
  submittedAt: string;
}

/** Every submission of the learner's to the assignments of their classes still in sight, oldest first. */
export async function assignmentWork(db: Queryable, userId: string): Promise<AssignmentWork[]> {
  return db.query<AssignmentWork>(
    `select a.kind, a.content_id as "contentId", a.max_attempts as "maxAttempts",
       case when a.due_at is null then null
         else greatest(a.due_at, (select max(o.due_at) from extensions o where o.assignment_id = a.id))
       end as "closesAt",
       s.score::float8 as score, s.submitted_at as "submittedAt"
     from submissions s
     join assignments a on a.id = s.assignment_id and a.archived_at is null
     join classes c on c.id = a.class_id and c.archived_at is null
     where s.user_id = $1
     order by s.submitted_at`,
    [userId],
  );
}

/** The address of the learner's shared record, if they share one. */
export async function shareOf(db: Queryable, userId: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>('select id from progress_shares where user_id = $1', [userId]);
  return rows[0]?.id ?? null;
}

/** Shares the learner's record at a new unguessable address (an old address stops working). */
export async function startSharing(db: Queryable, userId: string): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  await db.query(
    `insert into progress_shares (id, user_id) values ($1, $2)
     on conflict (user_id) do update set id = excluded.id, created_at = now()`,
    [id, userId],
  );
  return id;
}

export async function stopSharing(db: Queryable, userId: string): Promise<void> {
  await db.query('delete from progress_shares where user_id = $1', [userId]);
}

/** The learner behind a shared record's address; undefined once it is no longer shared. */
export async function sharedRecordOwner(
  db: Queryable,
  shareId: string,
): Promise<{ userId: string; name: string } | undefined> {
  const [owner] = await db.query<{ userId: string; name: string }>(
    `select u.id as "userId", u.name from progress_shares s join users u on u.id = s.user_id where s.id = $1`,
    [shareId],
  );
  return owner;
}
