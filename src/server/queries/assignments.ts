import type { GradingMethod } from '../../grading/policy.ts';
import type { CreateAssignmentRequest } from '../../schemas/assignment.ts';
import type { Queryable } from '../db/database.ts';

export interface Assignment {
  id: string;
  classId: string;
  kind: 'exercise' | 'quiz';
  contentId: string;
  contentVersion: number;
  title: string;
  opensAt: string;
  dueAt: string | null;
  maxAttempts: number | null;
  grading: GradingMethod;
  latePercentPerDay: number;
  lateFloorPercent: number;
}

export const ASSIGNMENT = `a.id, a.class_id as "classId", a.kind, a.content_id as "contentId",
  a.content_version as "contentVersion", a.title, a.opens_at as "opensAt", a.due_at as "dueAt",
  a.max_attempts as "maxAttempts", a.grading, a.late_percent_per_day::float8 as "latePercentPerDay",
  a.late_floor_percent::float8 as "lateFloorPercent"`;

/** Sets an exercise or quiz for a class the instructor owns; undefined for anyone else's class. */
export async function createAssignment(
  db: Queryable,
  instructorId: string,
  classId: string,
  input: CreateAssignmentRequest & { title: string; contentVersion: number },
): Promise<Assignment | undefined> {
  const rows = await db.query<Assignment>(
    `with a as (
       insert into assignments (class_id, kind, content_id, content_version, title, opens_at, due_at,
         max_attempts, grading, late_percent_per_day, late_floor_percent)
       select c.id, $3, $4, $5, $6, coalesce($7::timestamptz, now()), $8, $9, $10, $11, $12
       from classes c where c.id = $1 and c.instructor_id = $2
       returning *)
     select ${ASSIGNMENT} from a`,
    [
      classId,
      instructorId,
      input.kind,
      input.contentId,
      input.contentVersion,
      input.title,
      input.opensAt ?? null,
      input.dueAt ?? null,
      input.maxAttempts ?? null,
      input.grading,
      input.latePercentPerDay,
      input.lateFloorPercent,
    ],
  );
  return rows[0];
}

/** A class's assignments, for its instructor or one of its learners; undefined for anyone else. */
export async function assignmentsOfClass(
  db: Queryable,
  userId: string,
  classId: string,
): Promise<Assignment[] | undefined> {
  const allowed = await db.query(
    `select 1 from classes c where c.id = $1 and (c.instructor_id = $2
       or exists (select 1 from enrolments e where e.class_id = c.id and e.user_id = $2))`,
    [classId, userId],
  );
  if (allowed.length === 0) return undefined;
  return db.query<Assignment>(
    `select ${ASSIGNMENT} from assignments a where a.class_id = $1 order by a.due_at nulls last, a.created_at`,
    [classId],
  );
}

/** An assignment as one enrolled learner sees it: with their own due date (extension) if any. */
export async function assignmentForLearner(
  db: Queryable,
  learnerId: string,
  assignmentId: string,
): Promise<(Assignment & { effectiveDueAt: string | null; closesAt: string | null }) | undefined> {
  const rows = await db.query<Assignment & { effectiveDueAt: string | null; closesAt: string | null }>(
    `select ${ASSIGNMENT}, coalesce(x.due_at, a.due_at) as "effectiveDueAt",
       case when a.due_at is null then null
         else greatest(a.due_at, (select max(o.due_at) from extensions o where o.assignment_id = a.id))
       end as "closesAt"
     from assignments a
     join enrolments e on e.class_id = a.class_id and e.user_id = $2
     left join extensions x on x.assignment_id = a.id and x.user_id = $2
     where a.id = $1`,
    [assignmentId, learnerId],
  );
  return rows[0];
}

/** An assignment of one of the instructor's classes. */
export async function assignmentForInstructor(
  db: Queryable,
  instructorId: string,
  assignmentId: string,
): Promise<Assignment | undefined> {
  const rows = await db.query<Assignment>(
    `select ${ASSIGNMENT} from assignments a join classes c on c.id = a.class_id
     where a.id = $1 and c.instructor_id = $2`,
    [assignmentId, instructorId],
  );
  return rows[0];
}

/** Gives one learner of the class a later due date; undefined unless the instructor owns it and the learner is in it. */
export async function setExtension(
  db: Queryable,
  instructorId: string,
  assignmentId: string,
  learnerId: string,
  dueAt: string,
): Promise<{ learnerId: string; dueAt: string } | undefined> {
  const rows = await db.query<{ learnerId: string; dueAt: string }>(
    `insert into extensions (assignment_id, user_id, due_at)
     select a.id, e.user_id, $4 from assignments a
     join classes c on c.id = a.class_id and c.instructor_id = $2
     join enrolments e on e.class_id = a.class_id and e.user_id = $3
     where a.id = $1
     on conflict (assignment_id, user_id) do update set due_at = excluded.due_at
     returning user_id as "learnerId", due_at as "dueAt"`,
    [assignmentId, instructorId, learnerId, dueAt],
  );
  return rows[0];
}

/**
 * Whether content is assigned in a class that has not closed for everyone, and until when: the
 * latest of the due date and every learner's extension, or null when it has no due date. Undefined
 * when nothing holds it. While it holds, nothing public may reveal the content's keys.
 */
export async function assignedUntil(
  db: Queryable,
  kind: 'exercise' | 'quiz',
  contentId: string,
  now = new Date(),
): Promise<Date | null | undefined> {
  const [row] = await db.query<{ open: boolean; until: Date | string | null }>(
    `with closing as (
       select a.due_at is null as endless,
              greatest(a.due_at, (select max(e.due_at) from extensions e where e.assignment_id = a.id)) as until
       from assignments a
       where a.kind = $1 and a.content_id = $2)
     select bool_or(endless) or coalesce(max(until) > $3, false) as open,
            case when bool_or(endless) then null else max(until) end as until
     from closing`,
    [kind, contentId, now],
  );
  if (!row?.open) return undefined;
  return row.until === null ? null : new Date(row.until);
}

/**
 * Whether content is assigned, and still open, in a class the user does not teach: then its keys
 * are another class's secret, which even an instructor's export must not reveal.
 */
export async function openElsewhere(
  db: Queryable,
  kind: 'exercise' | 'quiz',
  contentId: string,
  userId: string,
  now = new Date(),
): Promise<boolean> {
  const rows = await db.query(
    `select 1 from assignments a join classes c on c.id = a.class_id
     where a.kind = $1 and a.content_id = $2 and c.instructor_id <> $3
       and not exists (select 1 from class_staff t where t.class_id = c.id and t.user_id = $3)
       and (a.due_at is null
         or greatest(a.due_at, (select max(e.due_at) from extensions e where e.assignment_id = a.id)) > $4)
     limit 1`,
    [kind, contentId, userId, now],
  );
  return rows.length > 0;
}
