import type { GradingMethod } from '../../grading/policy.ts';
import type { CreateAssignmentRequest, UpdateAssignmentRequest } from '../../schemas/assignment.ts';
import type { Queryable } from '../db/database.ts';
import { isUuid } from '../ids.ts';
import type { DeleteOutcome } from './classes.ts';
import { teaches } from './teaching.ts';

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
  /** When the instructor archived it: learners no longer see it; its submissions stay. */
  archivedAt: string | null;
}

export const ASSIGNMENT = `a.id, a.class_id as "classId", a.kind, a.content_id as "contentId",
  a.content_version as "contentVersion", a.title, a.opens_at as "opensAt", a.due_at as "dueAt",
  a.max_attempts as "maxAttempts", a.grading, a.late_percent_per_day::float8 as "latePercentPerDay",
  a.late_floor_percent::float8 as "lateFloorPercent", a.archived_at as "archivedAt"`;

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
       from classes c where c.id = $1 and ${teaches('c', '$2')}
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

/**
 * A class's assignments, for its instructor (archived ones included) or one of its learners (neither
 * an archived class nor archived assignments); undefined for anyone else.
 */
export async function assignmentsOfClass(
  db: Queryable,
  userId: string,
  classId: string,
): Promise<Assignment[] | undefined> {
  const [allowed] = await db.query<{ instructor: boolean }>(
    `select ${teaches('c', '$2')} as instructor from classes c where c.id = $1 and (${teaches('c', '$2')}
       or (c.archived_at is null
           and exists (select 1 from enrolments e where e.class_id = c.id and e.user_id = $2)))`,
    [classId, userId],
  );
  if (!allowed) return undefined;
  return db.query<Assignment>(
    `select ${ASSIGNMENT} from assignments a where a.class_id = $1 and ($2::boolean or a.archived_at is null)
     order by a.due_at nulls last, a.created_at`,
    [classId, allowed.instructor],
  );
}

/**
 * An assignment as one enrolled learner sees it: with their own due date (extension) if any. An
 * archived assignment, or one of an archived class, is no longer theirs to see or submit.
 */
export async function assignmentForLearner(
  db: Queryable,
  learnerId: string,
  assignmentId: string | undefined,
): Promise<(Assignment & { effectiveDueAt: string | null; closesAt: string | null }) | undefined> {
  if (!isUuid(assignmentId)) return undefined;
  const rows = await db.query<Assignment & { effectiveDueAt: string | null; closesAt: string | null }>(
    `select ${ASSIGNMENT}, coalesce(x.due_at, a.due_at) as "effectiveDueAt",
       case when a.due_at is null then null
         else greatest(a.due_at, (select max(o.due_at) from extensions o where o.assignment_id = a.id))
       end as "closesAt"
     from assignments a
     join classes c on c.id = a.class_id and c.archived_at is null
     join enrolments e on e.class_id = a.class_id and e.user_id = $2
     left join extensions x on x.assignment_id = a.id and x.user_id = $2
     where a.id = $1 and a.archived_at is null`,
    [assignmentId, learnerId],
  );
  return rows[0];
}

/** An assignment of one of the instructor's classes; none for a route parameter that is no id. */
export async function assignmentForInstructor(
  db: Queryable,
  instructorId: string,
  assignmentId: string | undefined,
): Promise<Assignment | undefined> {
  if (!isUuid(assignmentId)) return undefined;
  const rows = await db.query<Assignment>(
    `select ${ASSIGNMENT} from assignments a join classes c on c.id = a.class_id
     where a.id = $1 and ${teaches('c', '$2')}`,
    [assignmentId, instructorId],
  );
  return rows[0];
}

/**
 * Changes an assignment's settings (a field left out stays; null clears the due date or the attempt
 * limit), archives it or restores it. Only the instructor of its class finds it. What it assigns is
 * pinned: neither the content nor its version changes.
 */
export async function updateAssignment(
  db: Queryable,
  instructorId: string,
  assignmentId: string,
  change: UpdateAssignmentRequest,
): Promise<Assignment | undefined> {
  const rows = await db.query<Assignment>(
    `with a as (
       update assignments a set
         title = coalesce($3, a.title),
         opens_at = coalesce($4::timestamptz, a.opens_at),
         due_at = case when $5::boolean then $6::timestamptz else a.due_at end,
         max_attempts = case when $7::boolean then $8::int else a.max_attempts end,
         grading = coalesce($9, a.grading),
         late_percent_per_day = coalesce($10::numeric, a.late_percent_per_day),
         late_floor_percent = coalesce($11::numeric, a.late_floor_percent),
         archived_at = case when $12::boolean is null then a.archived_at
                            when $12::boolean then coalesce(a.archived_at, now()) end
       from classes c
       where a.id = $1 and c.id = a.class_id and ${teaches('c', '$2')}
       returning a.*)
     select ${ASSIGNMENT} from a`,
    [
      assignmentId,
      instructorId,
      change.title ?? null,
      change.opensAt ?? null,
      change.dueAt !== undefined,
      change.dueAt ?? null,
      change.maxAttempts !== undefined,
      change.maxAttempts ?? null,
      change.grading ?? null,
      change.latePercentPerDay ?? null,
      change.lateFloorPercent ?? null,
      change.archived ?? null,
    ],
  );
  return rows[0];
}

/**
 * Deletes an assignment with its submissions and extensions, if it is archived or nobody has
 * submitted to it: work is never lost to one click. The owner and the rule are in the statement.
 */
export async function deleteAssignment(
  db: Queryable,
  instructorId: string,
  assignmentId: string | undefined,
): Promise<DeleteOutcome> {
  if (!isUuid(assignmentId)) return 'not-found';
  const [row] = await db.query<{ found: boolean; deleted: boolean }>(
    `with target as (
       select a.id, a.archived_at is not null
         or not exists (select 1 from submissions s where s.assignment_id = a.id) as deletable
       from assignments a join classes c on c.id = a.class_id and ${teaches('c', '$2')}
       where a.id = $1),
     gone as (delete from assignments a using target t where a.id = t.id and t.deletable returning a.id)
     select exists (select 1 from target) as found, exists (select 1 from gone) as deleted`,
    [assignmentId, instructorId],
  );
  return row?.deleted ? 'deleted' : row?.found ? 'keeps-submissions' : 'not-found';
}

/** Gives one learner of the class a later due date; undefined unless the instructor owns it and the learner is in it. */
export async function setExtension(
  db: Queryable,
  instructorId: string,
  assignmentId: string | undefined,
  learnerId: string,
  dueAt: string,
): Promise<{ learnerId: string; dueAt: string } | undefined> {
  if (!isUuid(assignmentId)) return undefined;
  const rows = await db.query<{ learnerId: string; dueAt: string }>(
    `insert into extensions (assignment_id, user_id, due_at)
     select a.id, e.user_id, $4 from assignments a
     join classes c on c.id = a.class_id and ${teaches('c', '$2')}
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
     where a.kind = $1 and a.content_id = $2 and not ${teaches('c', '$3')}
       and (a.due_at is null
         or greatest(a.due_at, (select max(e.due_at) from extensions e where e.assignment_id = a.id)) > $4)
     limit 1`,
    [kind, contentId, userId, now],
  );
  return rows.length > 0;
}
