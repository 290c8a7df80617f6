import { randomInt } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { LEARNER_EMAIL } from './submissions.ts';
import { teaches } from './teaching.ts';

export interface ClassSummary {
  id: string;
  name: string;
  learners: number;
}

export interface OwnedClass extends ClassSummary {
  joinCode: string;
  joinEnabled: boolean;
  joinExpiresAt: string | null;
  /** When the instructor archived it: learners no longer see it; its gradebook stays. */
  archivedAt: string | null;
  /** Submissions to its assignments: a class holding any is archived before it can be deleted. */
  submissions: number;
}

// No 0/O, 1/I/L: codes are read aloud and copied from slides.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A join code such as `K7QF-3MZP`: 8 characters, about 40 bits. */
export function newJoinCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** Codes compare without case, spaces or the dash, as people type them. */
export function normaliseJoinCode(code: string): string {
  const plain = code.toUpperCase().replace(/[\s-]/g, '');
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}

const OWNED = `c.id, c.name, c.join_code as "joinCode", c.join_enabled as "joinEnabled",
  c.join_expires_at as "joinExpiresAt", c.archived_at as "archivedAt",
  (select count(*)::int from enrolments e where e.class_id = c.id) as learners,
  (select count(*)::int from submissions s join assignments a on a.id = s.assignment_id
   where a.class_id = c.id) as submissions`;

export async function createClass(db: Queryable, instructorId: string, name: string): Promise<OwnedClass> {
  const rows = await db.query<OwnedClass>(
    `with c as (insert into classes (instructor_id, name, join_code) values ($1, $2, $3) returning *)
     select ${OWNED} from c`,
    [instructorId, name, newJoinCode()],
  );
  return rows[0] as OwnedClass;
}

/** An instructor's own classes, and only theirs: archived ones last. */
export function classesTaughtBy(db: Queryable, instructorId: string): Promise<OwnedClass[]> {
  return db.query<OwnedClass>(
    `select ${OWNED} from classes c where ${teaches('c', '$1')}
     order by c.archived_at is not null, c.created_at, c.name`,
    [instructorId],
  );
}

/** One of the instructor's classes; undefined for anyone else's. */
export async function classTaughtBy(
  db: Queryable,
  instructorId: string,
  classId: string,
): Promise<OwnedClass | undefined> {
  const rows = await db.query<OwnedClass>(
    `select ${OWNED} from classes c where c.id = $1 and ${teaches('c', '$2')}`,
    [classId, instructorId],
  );
  return rows[0];
}

/** The classes a learner has joined, except archived ones. */
export function classesJoinedBy(db: Queryable, userId: string): Promise<ClassSummary[]> {
  return db.query<ClassSummary>(
    `select c.id, c.name, (select count(*)::int from enrolments x where x.class_id = c.id) as learners
     from enrolments e join classes c on c.id = e.class_id
     where e.user_id = $1 and c.archived_at is null order by e.joined_at`,
    [userId],
  );
}

/**
 * Renames a class, archives it or restores it. The owner is part of the query: another
 * instructor's class is simply not found.
 */
export async function updateClass(
  db: Queryable,
  instructorId: string,
  classId: string,
  change: { name?: string | undefined; archived?: boolean | undefined },
): Promise<OwnedClass | undefined> {
  const rows = await db.query<OwnedClass>(
    `with c as (
       update classes set
         name = coalesce($3, name),
         archived_at = case when $4::boolean is null then archived_at
                            when $4::boolean then coalesce(archived_at, now()) end
       where id = $1 and instructor_id = $2 returning *)
     select ${OWNED} from c`,
    [classId, instructorId, change.name ?? null, change.archived ?? null],
  );
  return rows[0];
}

export type DeleteOutcome = 'deleted' | 'not-found' | 'keeps-submissions';

/**
 * Deletes a class with its assignments, enrolments and submissions, if it is archived or holds no
 * submission: work is never lost to one click. The owner and the rule are in the statement.
 */
export async function deleteClass(
  db: Queryable,
  instructorId: string,
  classId: string,
): Promise<DeleteOutcome> {
  const [row] = await db.query<{ found: boolean; deleted: boolean }>(
    `with target as (
       select c.id, c.archived_at is not null or not exists (
         select 1 from submissions s join assignments a on a.id = s.assignment_id where a.class_id = c.id
       ) as deletable
       from classes c where c.id = $1 and c.instructor_id = $2),
     gone as (delete from classes c using target t where c.id = t.id and t.deletable returning c.id)
     select exists (select 1 from target) as found, exists (select 1 from gone) as deleted`,
    [classId, instructorId],
  );
  return row?.deleted ? 'deleted' : row?.found ? 'keeps-submissions' : 'not-found';
}

/**
 * Rotates, disables or re-enables a class's join code, and sets or clears its expiry. The owner is
 * part of the query: another instructor's class is simply not found.
 */
export async function updateJoinCode(
  db: Queryable,
  instructorId: string,
  classId: string,
  change: { action: 'rotate' | 'disable' | 'enable'; expiresAt?: string | null | undefined },
): Promise<OwnedClass | undefined> {
  const rows = await db.query<OwnedClass>(
    `with c as (
       update classes set
         join_code = case when $3 = 'rotate' then $4 else join_code end,
         join_enabled = case when $3 = 'disable' then false when $3 = 'enable' then true else join_enabled end,
         join_expires_at = case when $5::boolean then $6::timestamptz else join_expires_at end
       where id = $1 and instructor_id = $2 returning *)
     select ${OWNED} from c`,
    [
      classId,
      instructorId,
      change.action,
      newJoinCode(),
      change.expiresAt !== undefined,
      change.expiresAt ?? null,
    ],
  );
  return rows[0];
}

export type JoinResult =
  | { ok: true; class: ClassSummary; already: boolean }
  | { ok: false; reason: 'unknown' | 'disabled' | 'expired' | 'instructor' };

/**
 * Joins the class whose code this is, if the code is open. Joining twice is harmless. Only learners
 * join: an instructor in another's class would see its assignments and sit in its gradebook, so that
 * needs the deployment's deliberate `instructorsMayJoin`. The rule is in the SQL of both queries.
 */
export async function joinClass(
  db: Queryable,
  userId: string,
  code: string,
  { instructorsMayJoin = false }: { instructorsMayJoin?: boolean } = {},
): Promise<JoinResult> {
  const found = await db.query<{ id: string; enabled: boolean; expired: boolean; allowed: boolean }>(
    `select id, join_enabled and archived_at is null as enabled,
       (join_expires_at is not null and join_expires_at <= now()) as expired,
       exists (select 1 from users u where u.id = $2 and (u.role = 'learner' or $3::boolean)) as allowed
     from classes where join_code = $1`,
    [normaliseJoinCode(code), userId, instructorsMayJoin],
  );
  const c = found[0];
  if (!c) return { ok: false, reason: 'unknown' };
  if (!c.allowed) return { ok: false, reason: 'instructor' };
  if (!c.enabled) return { ok: false, reason: 'disabled' };
  if (c.expired) return { ok: false, reason: 'expired' };
  const inserted = await db.query(
    `insert into enrolments (class_id, user_id)
     select $1, u.id from users u where u.id = $2 and (u.role = 'learner' or $3::boolean)
     on conflict do nothing returning class_id`,
    [c.id, userId, instructorsMayJoin],
  );
  const [summary] = await db.query<ClassSummary>(
    'select id, name, (select count(*)::int from enrolments e where e.class_id = $1) as learners from classes where id = $1',
    [c.id],
  );
  return { ok: true, class: summary as ClassSummary, already: inserted.length === 0 };
}

/** A class's learners, for its owner only. */
export async function roster(
  db: Queryable,
  instructorId: string,
  classId: string,
): Promise<{ id: string; name: string; email: string; joinedAt: string }[] | undefined> {
  const owned = await db.query(`select 1 from classes c where c.id = $1 and ${teaches('c', '$2')}`, [
    classId,
    instructorId,
  ]);
  if (owned.length === 0) return undefined;
  return db.query(
    `select u.id, u.name, ${LEARNER_EMAIL} as email, e.joined_at as "joinedAt" from enrolments e join users u on u.id = e.user_id
     where e.class_id = $1 order by u.name, u.email`,
    [classId],
  );
}
