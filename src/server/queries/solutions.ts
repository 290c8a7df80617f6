import type { Queryable } from '../db/database.ts';
import { teaches } from './teaching.ts';

/** Records that a learner opened a task's reference solution (once; the first time is kept). */
export async function recordSolutionView(
  db: Queryable,
  userId: string,
  exercise: string,
  task: string,
): Promise<void> {
  await db.query(
    'insert into solution_views (user_id, exercise, task) values ($1, $2, $3) on conflict do nothing',
    [userId, exercise, task],
  );
}

/** The tasks of an exercise whose solution the learner has opened, as the server recorded them. */
export async function solutionsViewed(db: Queryable, userId: string, exercise: string): Promise<string[]> {
  const rows = await db.query<{ task: string }>(
    'select task from solution_views where user_id = $1 and exercise = $2 order by at, task',
    [userId, exercise],
  );
  return rows.map((r) => r.task);
}

/** Whether the learner is enrolled in a class that has this exercise assigned (and not archived). */
export async function hasExerciseAssigned(db: Queryable, userId: string, exercise: string): Promise<boolean> {
  const rows = await db.query(
    `select 1 from assignments a join enrolments e on e.class_id = a.class_id
     join classes c on c.id = a.class_id and c.archived_at is null
     where e.user_id = $1 and a.kind = 'exercise' and a.content_id = $2 and a.archived_at is null limit 1`,
    [userId, exercise],
  );
  return rows.length > 0;
}

/**
 * The reference solutions of an exercise assignment's tasks that one learner opened, and when, for
 * the instructor of the learner's class only; undefined for anyone else.
 */
export async function solutionViewsFor(
  db: Queryable,
  instructorId: string,
  assignmentId: string,
  learnerId: string,
): Promise<{ task: string; at: string }[] | undefined> {
  const allowed = await db.query(
    `select 1 from assignments a join classes c on c.id = a.class_id and ${teaches('c', '$2')}
     join enrolments e on e.class_id = a.class_id and e.user_id = $3 where a.id = $1`,
    [assignmentId, instructorId, learnerId],
  );
  if (allowed.length === 0) return undefined;
  return db.query(
    `select v.task, v.at from assignments a
     join solution_views v on v.exercise = a.content_id and v.user_id = $2
     where a.id = $1 and a.kind = 'exercise' order by v.at, v.task`,
    [assignmentId, learnerId],
  );
}
