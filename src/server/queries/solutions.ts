import type { Queryable } from '../db/database.ts';

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

/** Whether the learner is enrolled in a class that has this exercise assigned. */
export async function hasExerciseAssigned(db: Queryable, userId: string, exercise: string): Promise<boolean> {
  const rows = await db.query(
    `select 1 from assignments a join enrolments e on e.class_id = a.class_id
     where e.user_id = $1 and a.kind = 'exercise' and a.content_id = $2 limit 1`,
    [userId, exercise],
  );
  return rows.length > 0;
}
