import { type Membership, membershipContainer } from '../../schemas/lti-membership.ts';
import type { Database } from '../db/database.ts';
import { teaches } from '../queries/teaching.ts';
import { platformById } from './platforms.ts';
import { platformAccount } from './provision.ts';
import { courseRole } from './roles.ts';
import { SCOPE, SERVICE_TIMEOUT_MS, serviceToken } from './service-token.ts';

/** A roster is read a page at a time, up to this many pages or members; past them it is cut short, and says so. */
const MAX_PAGES = 50;
const MAX_MEMBERS = 5000;
const MEDIA_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';

/** The `rel="next"` address of a Link header, if any. */
export function nextLink(header: string | null): string | undefined {
  for (const part of header?.split(',') ?? []) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

export type RosterSync =
  | { ok: true; learners: number; added: number; staff: number; truncated: boolean }
  | { ok: false; status: number; error: string };

/**
 * Reads the course's members from the platform (NRPS) and enrols every active learner, so the
 * gradebook lists those who have not launched yet. Nobody is removed: a learner who left keeps their
 * submitted work. Only a teacher of the class may ask.
 */
export async function syncRoster(db: Database, teacherId: string, classId: string): Promise<RosterSync> {
  const [link] = await db.query<{ platformId: string; url: string | null }>(
    `select x.platform_id as "platformId", x.memberships_url as url from lti_contexts x
     join classes c on c.id = x.class_id
     where c.id = $1 and ${teaches('c', '$2')}`,
    [classId, teacherId],
  );
  if (!link) return { ok: false, status: 404, error: 'no class of yours is linked to a learning platform' };
  if (!link.url)
    return { ok: false, status: 409, error: 'the platform does not offer its roster to Quayside' };
  const platform = await platformById(db, link.platformId);
  if (!platform) return { ok: false, status: 404, error: 'the platform is no longer registered' };
  const members: Membership[] = [];
  let next: string | undefined = link.url;
  let pages = 0;
  try {
    const token = await serviceToken(db, platform, SCOPE.memberships);
    for (; next && pages < MAX_PAGES && members.length < MAX_MEMBERS; pages++) {
      const response: Response = await fetch(next, {
        headers: { authorization: `Bearer ${token}`, accept: MEDIA_TYPE },
        signal: AbortSignal.timeout(SERVICE_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`the platform answered HTTP ${response.status}`);
      const page = membershipContainer.safeParse(await response.json().catch(() => undefined));
      if (!page.success) throw new Error('the platform answered with something else than a roster');
      members.push(...page.data.members);
      next = nextLink(response.headers.get('link'));
    }
  } catch (error) {
    return { ok: false, status: 502, error: `the roster could not be read: ${(error as Error).message}` };
  }
  const truncated = next !== undefined || members.length > MAX_MEMBERS;
  members.length = Math.min(members.length, MAX_MEMBERS);
  let added = 0;
  let learners = 0;
  let staff = 0;
  await db.transaction(async (tx) => {
    for (const m of members) {
      const role = courseRole(m.roles);
      if (m.status !== 'Active' || !role) continue;
      if (role !== 'learner') {
        staff++;
        continue; // teachers get their rights when they launch, with the launch's own say
      }
      learners++;
      const userId = await platformAccount(tx, platform.id, { ...m, sub: m.user_id }, role);
      const enrolled = await tx.query(
        'insert into enrolments (class_id, user_id) values ($1, $2) on conflict do nothing returning user_id',
        [classId, userId],
      );
      added += enrolled.length;
    }
  });
  return { ok: true, learners, added, staff, truncated };
}

/** The platform course a class stands for, for its teachers; undefined when it is not linked or not theirs. */
export async function platformCourse(
  db: Database,
  teacherId: string,
  classId: string,
): Promise<{ className: string; platform: string; contextId: string; roster: boolean } | undefined> {
  const [row] = await db.query<{ className: string; platform: string; contextId: string; roster: boolean }>(
    `select c.name as "className", p.name as platform, x.context_id as "contextId",
       x.memberships_url is not null as roster
     from classes c join lti_contexts x on x.class_id = c.id join lti_platforms p on p.id = x.platform_id
     where c.id = $1 and ${teaches('c', '$2')}`,
    [classId, teacherId],
  );
  return row;
}
