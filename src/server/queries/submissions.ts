import { combineAttempts, type GradingMethod } from '../../grading/policy.ts';
import type { TaskAttempt, TaskLearner } from '../../grading/task-results.ts';
import type { Queryable } from '../db/database.ts';
import { isUuid } from '../ids.ts';
import { ASSIGNMENT, type Assignment } from './assignments.ts';
import { teaches } from './teaching.ts';

export interface Submission {
  id: string;
  assignmentId: string;
  userId: string;
  attempt: number;
  /** The verified score, 0 to 1, before any late penalty. */
  score: number;
  daysLate: number;
  /** The score after the late penalty: what the grade is made of. */
  finalScore: number;
  result: unknown;
  submittedAt: string;
}

const SUBMISSION = `s.id, s.assignment_id as "assignmentId", s.user_id as "userId", s.attempt,
  s.score::float8 as score, s.days_late as "daysLate", s.final_score::float8 as "finalScore", s.result,
  s.submitted_at as "submittedAt"`;

/** The submission a learner already made with this key: a retry gets the same answer. */
export async function submissionByKey(
  db: Queryable,
  userId: string,
  key: string,
): Promise<Submission | undefined> {
  const rows = await db.query<Submission>(
    `select ${SUBMISSION} from submissions s where s.user_id = $1 and s.idempotency_key = $2`,
    [userId, key],
  );
  return rows[0];
}

export type RecordOutcome =
  | { ok: true; submission: Submission; duplicate: boolean }
  | { ok: false; reason: 'attempts'; used: number };

const UNIQUE_VIOLATION = '23505';

/**
 * Stores a verified submission as the learner's next attempt, in one statement: the attempt number
 * and the attempt limit are decided by the database, and a repeated idempotency key stores nothing
 * and returns the first submission. Two different submissions racing for the same attempt number
 * are retried.
 */
export async function recordSubmission(
  db: Queryable,
  input: {
    assignmentId: string;
    userId: string;
    key: string;
    maxAttempts: number | null;
    score: number;
    daysLate: number;
    finalScore: number;
    result: unknown;
    evidence: unknown;
  },
): Promise<RecordOutcome> {
  for (let retry = 0; ; retry++) {
    try {
      const rows = await db.query<Submission>(
        `with s as (
           insert into submissions (assignment_id, user_id, idempotency_key, attempt, score, days_late,
             final_score, result, evidence)
           select $1, $2, $3, coalesce(max(p.attempt), 0) + 1, $5, $6, $7, $8, $9
           from submissions p where p.assignment_id = $1 and p.user_id = $2
           having $4::int is null or count(*) < $4::int
           on conflict (user_id, idempotency_key) do nothing
           returning *)
         select ${SUBMISSION} from s`,
        [
          input.assignmentId,
          input.userId,
          input.key,
          input.maxAttempts,
          input.score,
          input.daysLate,
          input.finalScore,
          JSON.stringify(input.result),
          JSON.stringify(input.evidence),
        ],
      );
      if (rows[0]) return { ok: true, submission: rows[0], duplicate: false };
      const earlier = await submissionByKey(db, input.userId, input.key);
      if (earlier) return { ok: true, submission: earlier, duplicate: true };
      const [count] = await db.query<{ used: number }>(
        'select count(*)::int as used from submissions where assignment_id = $1 and user_id = $2',
        [input.assignmentId, input.userId],
      );
      return { ok: false, reason: 'attempts', used: count?.used ?? 0 };
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION || retry >= 5) throw error;
    }
  }
}

/** One learner's attempts at an assignment, oldest first: their own, or any learner's for the class's instructor. */
export async function attemptsOf(
  db: Queryable,
  viewerId: string,
  assignmentId: string,
  learnerId: string | undefined,
): Promise<(Submission & { evidence: unknown })[] | undefined> {
  if (!isUuid(learnerId)) return undefined;
  const allowed = await db.query(
    `select 1 from assignments a join classes c on c.id = a.class_id
     where a.id = $1 and ($2::uuid = $3::uuid or ${teaches('c', '$2::uuid')})
       and exists (select 1 from enrolments e where e.class_id = a.class_id and e.user_id = $3::uuid)`,
    [assignmentId, viewerId, learnerId],
  );
  if (allowed.length === 0) return undefined;
  return db.query(
    `select ${SUBMISSION}, s.evidence from submissions s
     where s.assignment_id = $1 and s.user_id = $2 order by s.attempt`,
    [assignmentId, learnerId],
  );
}

/**
 * A learner's email for their instructor: their account's, or for an account a learning platform made
 * (which has none of its own) the one the platform gave; empty when neither is known.
 */
export const LEARNER_EMAIL =
  "coalesce(u.email, (select la.email from lti_accounts la where la.user_id = u.id), '')";

export interface GradebookCell {
  /** The grade by the assignment's grading method; null before any attempt. */
  grade: number | null;
  attempts: number;
  late: boolean;
}

export interface Gradebook {
  assignments: Assignment[];
  learners: { id: string; name: string; email: string }[];
  /** cells[learnerId][assignmentId] */
  cells: Record<string, Record<string, GradebookCell & { solutionsOpened: number }>>;
}

/**
 * Every learner of the class against every assignment (archived ones too: their grades stay), for
 * its instructor only. Each cell also counts the reference solutions of the exercise's tasks that
 * the server recorded the learner opening.
 */
export async function gradebook(
  db: Queryable,
  instructorId: string,
  classId: string,
): Promise<Gradebook | undefined> {
  const owned = await db.query(`select 1 from classes c where c.id = $1 and ${teaches('c', '$2')}`, [
    classId,
    instructorId,
  ]);
  if (owned.length === 0) return undefined;
  const assignments = await db.query<Assignment>(
    `select ${ASSIGNMENT} from assignments a where a.class_id = $1 order by a.due_at nulls last, a.created_at`,
    [classId],
  );
  const learners = await db.query<{ id: string; name: string; email: string }>(
    `select u.id, u.name, ${LEARNER_EMAIL} as email from enrolments e join users u on u.id = e.user_id
     where e.class_id = $1 order by u.name, u.email`,
    [classId],
  );
  const rows = await db.query<{ userId: string; assignmentId: string; finalScore: number; daysLate: number }>(
    `select s.user_id as "userId", s.assignment_id as "assignmentId", s.final_score::float8 as "finalScore",
       s.days_late as "daysLate"
     from submissions s join assignments a on a.id = s.assignment_id
     where a.class_id = $1 order by s.attempt`,
    [classId],
  );
  const opened = await db.query<{ userId: string; assignmentId: string; n: number }>(
    `select v.user_id as "userId", a.id as "assignmentId", count(*)::int as n
     from assignments a
     join enrolments e on e.class_id = a.class_id
     join solution_views v on v.user_id = e.user_id and v.exercise = a.content_id
     where a.class_id = $1 and a.kind = 'exercise'
     group by v.user_id, a.id`,
    [classId],
  );
  const cells: Gradebook['cells'] = {};
  for (const learner of learners) {
    const row: Gradebook['cells'][string] = {};
    cells[learner.id] = row;
    for (const a of assignments) {
      const mine = rows.filter((r) => r.userId === learner.id && r.assignmentId === a.id);
      row[a.id] = {
        grade:
          combineAttempts(
            mine.map((r) => r.finalScore),
            a.grading,
          ) ?? null,
        attempts: mine.length,
        late: mine.some((r) => r.daysLate > 0),
        solutionsOpened: opened.find((o) => o.userId === learner.id && o.assignmentId === a.id)?.n ?? 0,
      };
    }
  }
  return { assignments, learners, cells };
}

/** A learner's assignments across their classes, with their own attempts and grade; nothing archived. */
export async function assignmentsOfLearner(
  db: Queryable,
  learnerId: string,
): Promise<(Assignment & { className: string; effectiveDueAt: string | null } & GradebookCell)[]> {
  const rows = await db.query<
    Assignment & {
      className: string;
      effectiveDueAt: string | null;
      scores: number[] | null;
      lateAny: boolean | null;
    }
  >(
    `select ${ASSIGNMENT}, c.name as "className", coalesce(x.due_at, a.due_at) as "effectiveDueAt",
       (select array_agg(s.final_score::float8 order by s.attempt) from submissions s
        where s.assignment_id = a.id and s.user_id = $1) as scores,
       (select bool_or(s.days_late > 0) from submissions s where s.assignment_id = a.id and s.user_id = $1) as "lateAny"
     from enrolments e join classes c on c.id = e.class_id join assignments a on a.class_id = c.id
     left join extensions x on x.assignment_id = a.id and x.user_id = $1
     where e.user_id = $1 and c.archived_at is null and a.archived_at is null
     order by coalesce(x.due_at, a.due_at) nulls last, a.created_at`,
    [learnerId],
  );
  return rows.map(({ scores, lateAny, ...a }) => ({
    ...a,
    grade: combineAttempts(scores ?? [], a.grading as GradingMethod) ?? null,
    attempts: scores?.length ?? 0,
    late: lateAny ?? false,
  }));
}

/** Each learner's latest attempt at an assignment, with its evidence and result, for the instructor. */
export async function latestAttempts(
  db: Queryable,
  instructorId: string,
  assignmentId: string,
): Promise<{ evidence: unknown; result: unknown }[]> {
  return db.query(
    `select distinct on (s.user_id) s.evidence, s.result
     from submissions s join assignments a on a.id = s.assignment_id
     join classes c on c.id = a.class_id and ${teaches('c', '$2')}
     where s.assignment_id = $1 order by s.user_id, s.attempt desc`,
    [assignmentId, instructorId],
  );
}

/**
 * An exercise assignment's learners and the server's verdict on each task of each of their attempts,
 * for the instructor of its class only; undefined for anyone else or for a quiz.
 */
export async function taskVerdicts(
  db: Queryable,
  instructorId: string,
  assignmentId: string,
): Promise<{ learners: TaskLearner[]; attempts: TaskAttempt[] } | undefined> {
  const owned = await db.query(
    `select 1 from assignments a join classes c on c.id = a.class_id and ${teaches('c', '$2')}
     where a.id = $1 and a.kind = 'exercise'`,
    [assignmentId, instructorId],
  );
  if (owned.length === 0) return undefined;
  const learners = await db.query<TaskLearner>(
    `select u.id, u.name, ${LEARNER_EMAIL} as email
     from assignments a join classes c on c.id = a.class_id and ${teaches('c', '$2')}
     join enrolments e on e.class_id = a.class_id join users u on u.id = e.user_id
     where a.id = $1 order by u.name, u.email`,
    [assignmentId, instructorId],
  );
  const attempts = await db.query<TaskAttempt>(
    `select s.user_id as "userId", s.attempt, s.final_score::float8 as "finalScore",
       coalesce(s.result->'tasks', '[]'::jsonb) as tasks
     from submissions s join assignments a on a.id = s.assignment_id
     join classes c on c.id = a.class_id and ${teaches('c', '$2')}
     where s.assignment_id = $1 order by s.attempt`,
    [assignmentId, instructorId],
  );
  return { learners, attempts };
}

/** How many attempts the learner has stored for an assignment: checked before any grading work. */
export async function attemptsUsed(db: Queryable, assignmentId: string, userId: string): Promise<number> {
  const [row] = await db.query<{ used: number }>(
    'select count(*)::int as used from submissions where assignment_id = $1 and user_id = $2',
    [assignmentId, userId],
  );
  return row?.used ?? 0;
}
