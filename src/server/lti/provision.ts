import {
  CLAIM,
  isDeepLinking,
  type LaunchMessage,
  type ResourceLinkLaunch,
} from '../../schemas/lti-message.ts';
import type { Database, Queryable } from '../db/database.ts';
import { exercises } from '../exercises.ts';
import { newJoinCode } from '../queries/classes.ts';
import { quizzes } from '../quizzes.ts';
import { type Activity, activityOf } from './activity.ts';
import { attemptsAllowed } from './deep-linking.ts';
import type { Platform } from './platforms.ts';
import { type CourseRole, courseRole } from './roles.ts';

export type Landing =
  | { kind: 'assignment'; assignmentId: string }
  | { kind: 'lesson'; slug: string }
  | { kind: 'deep-link'; requestId: string };

export type Provisioned =
  | { ok: true; userId: string; classId: string; role: CourseRole; landing: Landing }
  | { ok: false; status: number; error: string };

class Refusal extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** A person as a platform describes them, in a launch or a roster. */
export interface PlatformPerson {
  sub: string;
  name?: string | undefined;
  given_name?: string | undefined;
  family_name?: string | undefined;
  email?: string | undefined;
}

/** The person's name as the platform gives it, or a stand-in the instructor can still tell apart. */
function displayName(p: PlatformPerson): string {
  const joined = [p.given_name, p.family_name].filter(Boolean).join(' ');
  return (p.name ?? joined).trim() || `Learner ${p.sub.slice(0, 8)}`;
}

/**
 * The account of (platform, subject): made on first sight, its name and email kept current. A staff
 * role makes it an instructor account; nothing ever makes one a learner again.
 */
export async function platformAccount(
  tx: Queryable,
  platformId: string,
  p: PlatformPerson,
  role: CourseRole,
): Promise<string> {
  const staff = role !== 'learner';
  const [known] = await tx.query<{ userId: string }>(
    `update lti_accounts set email = $3 where platform_id = $1 and subject = $2 returning user_id as "userId"`,
    [platformId, p.sub, p.email ?? null],
  );
  if (known) {
    await tx.query(
      `update users set name = $2, role = case when $3 then 'instructor' else role end where id = $1`,
      [known.userId, displayName(p), staff],
    );
    return known.userId;
  }
  const [made] = await tx.query<{ id: string }>(
    'insert into users (email, name, password_hash, role) values (null, $1, null, $2) returning id',
    [displayName(p), staff ? 'instructor' : 'learner'],
  );
  const userId = (made as { id: string }).id;
  await tx.query('insert into lti_accounts (platform_id, subject, user_id, email) values ($1, $2, $3, $4)', [
    platformId,
    p.sub,
    userId,
    p.email ?? null,
  ]);
  return userId;
}

/** The class of the platform's course (context), made by its first instructor's launch. */
async function courseClass(
  tx: Queryable,
  platform: Platform,
  m: LaunchMessage,
  userId: string,
  role: CourseRole,
): Promise<string> {
  const context = m[CLAIM.context];
  if (!context) throw new Refusal(400, 'the launch names no course (context claim)');
  const deployment = m[CLAIM.deploymentId];
  const membershipsUrl = m[CLAIM.nrps]?.context_memberships_url ?? null;
  const [known] = await tx.query<{ classId: string }>(
    `update lti_contexts set memberships_url = coalesce($4, memberships_url)
     where platform_id = $1 and deployment_id = $2 and context_id = $3 returning class_id as "classId"`,
    [platform.id, deployment, context.id, membershipsUrl],
  );
  let classId = known?.classId;
  if (!classId) {
    if (role === 'learner')
      throw new Refusal(409, 'your instructor has not opened Quayside in this course yet');
    const [made] = await tx.query<{ id: string }>(
      `insert into classes (instructor_id, name, join_code, join_enabled) values ($1, $2, $3, false) returning id`,
      [userId, (context.title ?? '').trim() || `${platform.name} course`, newJoinCode()],
    );
    classId = (made as { id: string }).id;
    await tx.query(
      `insert into lti_contexts (platform_id, deployment_id, context_id, class_id, memberships_url)
       values ($1, $2, $3, $4, $5)`,
      [platform.id, deployment, context.id, classId, membershipsUrl],
    );
  }
  if (role === 'learner') {
    await tx.query('insert into enrolments (class_id, user_id) values ($1, $2) on conflict do nothing', [
      classId,
      userId,
    ]);
  } else {
    await tx.query(
      `insert into class_staff (class_id, user_id, role)
       select $1, $2, $3 where not exists (select 1 from classes where id = $1 and instructor_id = $2)
       on conflict (class_id, user_id) do update set role = excluded.role`,
      [classId, userId, role],
    );
  }
  return classId;
}

/** The assignment behind a graded resource link: made on its first launch, its line item kept current. */
async function linkedAssignment(
  tx: Queryable,
  platform: Platform,
  m: ResourceLinkLaunch,
  classId: string,
  activity: Activity & { kind: 'exercise' | 'quiz' },
): Promise<string> {
  const deployment = m[CLAIM.deploymentId];
  const link = m[CLAIM.resourceLink];
  const lineitem = m[CLAIM.ags]?.lineitem ?? null;
  const [known] = await tx.query<{ assignmentId: string; classId: string }>(
    `update lti_links l set lineitem_url = coalesce($4, l.lineitem_url)
     from assignments a where a.id = l.assignment_id
       and l.platform_id = $1 and l.deployment_id = $2 and l.resource_link_id = $3
     returning l.assignment_id as "assignmentId", a.class_id as "classId"`,
    [platform.id, deployment, link.id, lineitem],
  );
  if (known) {
    if (known.classId !== classId) throw new Refusal(400, 'this link belongs to another course');
    return known.assignmentId;
  }
  const content = activity.kind === 'exercise' ? exercises().get(activity.id) : quizzes().get(activity.id);
  if (!content) throw new Refusal(404, `Quayside has no ${activity.kind} called ${activity.id}`);
  const [made] = await tx.query<{ id: string }>(
    `insert into assignments (class_id, kind, content_id, content_version, title, due_at, max_attempts)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [
      classId,
      activity.kind,
      activity.id,
      content.version,
      (link.title ?? '').trim() || content.title.en,
      dueAt(m[CLAIM.custom]?.quayside_due_at),
      attemptsAllowed(m[CLAIM.custom]?.quayside_max_attempts),
    ],
  );
  const assignmentId = (made as { id: string }).id;
  await tx.query(
    `insert into lti_links (platform_id, deployment_id, resource_link_id, assignment_id, lineitem_url)
     values ($1, $2, $3, $4, $5)`,
    [platform.id, deployment, link.id, assignmentId, lineitem],
  );
  return assignmentId;
}

/** The due date a deep link carried (custom `quayside_due_at`), when it is a real moment. */
function dueAt(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const time = Date.parse(value);
  const year = new Date(time).getUTCFullYear();
  return Number.isNaN(time) || year < 1970 || year > 9999 ? null : new Date(time).toISOString();
}

/** How long a deep-linking request waits for the instructor's choice. */
const DEEP_LINK_MINUTES = 60;

/**
 * Turns a verified launch into Quayside's own records, all or nothing: the account (by platform and
 * subject, never by email), the course's class and the person's place in it, and what to open.
 */
export async function provision(
  db: Database,
  platform: Platform,
  m: LaunchMessage,
  site: URL,
): Promise<Provisioned> {
  const role = courseRole(m[CLAIM.roles]);
  if (!role) return { ok: false, status: 403, error: 'the platform did not give you a role in this course' };
  try {
    return await db.transaction(async (tx) => {
      if (isDeepLinking(m) && role === 'learner')
        throw new Refusal(403, "only the course's instructors can add Quayside activities");
      const userId = await platformAccount(tx, platform.id, m, role);
      const classId = await courseClass(tx, platform, m, userId, role);
      let landing: Landing;
      if (isDeepLinking(m)) {
        const settings = m[CLAIM.deepLinkingSettings];
        const [request] = await tx.query<{ id: string }>(
          `insert into lti_deep_links (platform_id, deployment_id, user_id, return_url, data, accept_multiple, expires_at)
           values ($1, $2, $3, $4, $5, $6, now() + make_interval(mins => $7)) returning id`,
          [
            platform.id,
            m[CLAIM.deploymentId],
            userId,
            settings.deep_link_return_url,
            settings.data ?? null,
            settings.accept_multiple ?? false,
            DEEP_LINK_MINUTES,
          ],
        );
        landing = { kind: 'deep-link', requestId: (request as { id: string }).id };
      } else {
        const activity = activityOf(m[CLAIM.targetLinkUri], site);
        if (!activity) throw new Refusal(404, 'the link does not name a Quayside lesson, exercise or quiz');
        landing =
          activity.kind === 'lesson'
            ? { kind: 'lesson', slug: activity.id }
            : {
                kind: 'assignment',
                assignmentId: await linkedAssignment(tx, platform, m, classId, {
                  kind: activity.kind,
                  id: activity.id,
                }),
              };
      }
      return { ok: true as const, userId, classId, role, landing };
    });
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, status: error.status, error: error.message };
    throw error;
  }
}
