import { combineAttempts, type GradingMethod } from '../../grading/policy.ts';
import { percentOf } from '../../utils/display.ts';
import { scoreVisible } from '../assignment-grading.ts';
import type { Database, Queryable } from '../db/database.ts';
import { teaches } from '../queries/teaching.ts';
import { SCORE_MAXIMUM } from './deep-linking.ts';
import { platformById } from './platforms.ts';
import { dropServiceToken, SCOPE, SERVICE_TIMEOUT_MS, serviceToken } from './service-token.ts';

/** Waits before each retry of a failed post, then hourly; after the last the post is marked failed. */
const BACKOFF_SECONDS = [10, 30, 60, 120, 300, 600, 1800];
const MAX_TRIES = 80; // about three days of hourly retries: an outage over a weekend loses nothing
/** A post claimed by a process that then stopped is taken again after this long. */
const LEASE_SECONDS = 300;

export function retryDelaySeconds(tries: number): number {
  return BACKOFF_SECONDS[tries - 1] ?? 3600;
}

/**
 * Notes that a learner's grade on an LTI-linked assignment must go to the platform, for a reason
 * (`submission:<id>`, `extension:<due>`, `closes:<time>`). One row per reason: asking twice posts once.
 * Does nothing for an assignment no platform linked, or a learner no platform knows.
 */
export async function oweScore(
  db: Queryable,
  assignmentId: string,
  userId: string,
  reason: string,
  at: Date | null = null,
): Promise<void> {
  await db.query(
    `insert into lti_score_posts (assignment_id, user_id, reason, next_try_at)
     select $1, $2, $3, coalesce($4::timestamptz, now()) from lti_links l
     join lti_accounts la on la.user_id = $2 and la.platform_id = l.platform_id
     where l.assignment_id = $1 and l.lineitem_url is not null
     on conflict (assignment_id, user_id, reason) do nothing`,
    [assignmentId, userId, reason, at],
  );
}

interface DuePost {
  id: string;
  assignmentId: string;
  userId: string;
  reason: string;
  tries: number;
}

/** Takes the oldest post that is due, leasing it to this process. */
async function claim(db: Queryable): Promise<DuePost | undefined> {
  const [row] = await db.query<DuePost>(
    `update lti_score_posts set status = 'sending', tries = tries + 1,
       next_try_at = now() + make_interval(secs => $1)
     where id = (select id from lti_score_posts
                 where (status = 'queued' or status = 'sending') and next_try_at <= now()
                 order by next_try_at for update skip locked limit 1)
     returning id, assignment_id as "assignmentId", user_id as "userId", reason, tries`,
    [LEASE_SECONDS],
  );
  return row;
}

interface Facts {
  platformId: string;
  lineitemUrl: string;
  subject: string;
  kind: 'exercise' | 'quiz';
  maxAttempts: number | null;
  grading: GradingMethod;
  closesAt: string | null;
  scores: number[] | null;
}

/** What a post needs, read when it is sent: the grade is always the gradebook's current one. */
async function facts(db: Queryable, post: DuePost): Promise<Facts | undefined> {
  const [row] = await db.query<Facts>(
    `select l.platform_id as "platformId", l.lineitem_url as "lineitemUrl", la.subject, a.kind,
       a.max_attempts as "maxAttempts", a.grading,
       case when a.due_at is null then null
         else greatest(a.due_at, (select max(o.due_at) from extensions o where o.assignment_id = a.id)) end as "closesAt",
       (select array_agg(s.final_score::float8 order by s.attempt) from submissions s
        where s.assignment_id = a.id and s.user_id = $2) as scores
     from lti_links l join assignments a on a.id = l.assignment_id
     join lti_accounts la on la.platform_id = l.platform_id and la.user_id = $2
     where l.assignment_id = $1`,
    [post.assignmentId, post.userId],
  );
  return row;
}

/** The AGS score for a grade: the gradebook's percentage, or "pending" while the grade is not to be shown. */
export function scoreBody(
  subject: string,
  grade: number,
  visible: boolean,
  timestamp: string,
): Record<string, unknown> {
  return visible
    ? {
        userId: subject,
        scoreGiven: percentOf(grade),
        scoreMaximum: SCORE_MAXIMUM,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        timestamp,
      }
    : { userId: subject, activityProgress: 'Submitted', gradingProgress: 'Pending', timestamp };
}

/** The line item's scores address: `/scores` after its path, its query kept. */
export function scoresUrl(lineitem: string): string {
  const url = new URL(lineitem);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/scores`;
  return url.href;
}

async function settle(db: Queryable, id: string, update: string, values: unknown[]): Promise<void> {
  await db.query(`update lti_score_posts set ${update} where id = $1`, [id, ...values]);
}

/** Sends one post; what happened, for the log and the tests. */
async function send(db: Database, post: DuePost, timeoutMs: number): Promise<'sent' | 'retry' | 'failed'> {
  const now = Date.now();
  const f = await facts(db, post);
  const grade = f ? combineAttempts(f.scores ?? [], f.grading) : undefined;
  if (!f || grade === undefined) {
    await settle(db, post.id, `status = 'sent', sent_at = now(), last_error = $2`, [
      f ? 'no attempt to report yet' : 'the link or the account is gone',
    ]);
    return 'sent';
  }
  const visible = scoreVisible(f, now, f.closesAt);
  const body = scoreBody(f.subject, grade, visible, new Date(now).toISOString());
  const platform = await platformById(db, f.platformId);
  try {
    if (!platform) throw new Error('the platform is no longer registered');
    let token = await serviceToken(db, platform, SCOPE.score);
    const post = () =>
      fetch(scoresUrl(f.lineitemUrl), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/vnd.ims.lis.v1.score+json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    let response = await post();
    if (response.status === 401) {
      dropServiceToken(platform, SCOPE.score);
      token = await serviceToken(db, platform, SCOPE.score);
      response = await post();
    }
    if (!response.ok) throw new Error(`the platform answered HTTP ${response.status}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failed = post.tries >= MAX_TRIES;
    await settle(
      db,
      post.id,
      `status = $2, last_error = $3, next_try_at = now() + make_interval(secs => $4)`,
      [failed ? 'failed' : 'queued', reason.slice(0, 500), retryDelaySeconds(post.tries)],
    );
    return failed ? 'failed' : 'retry';
  }
  await settle(
    db,
    post.id,
    `status = 'sent', sent_at = now(), last_error = null, score_given = $2, score_maximum = $3`,
    [visible ? percentOf(grade) : null, SCORE_MAXIMUM],
  );
  // A hidden grade is "pending" until the assignment closes for everyone; then it is posted.
  if (!visible && f.closesAt)
    await oweScore(
      db,
      post.assignmentId,
      post.userId,
      `closes:${new Date(f.closesAt).toISOString()}`,
      new Date(f.closesAt),
    );
  return 'sent';
}

/**
 * Sends every post that is due now, one after another (at most `limit`), each given `timeoutMs`
 * before it counts as failed; returns how each went.
 */
export async function sendDueScores(
  db: Database,
  { limit = 50, timeoutMs = SERVICE_TIMEOUT_MS } = {},
): Promise<('sent' | 'retry' | 'failed')[]> {
  const outcomes: ('sent' | 'retry' | 'failed')[] = [];
  for (let i = 0; i < limit; i++) {
    const post = await claim(db);
    if (!post) break;
    outcomes.push(await send(db, post, timeoutMs));
  }
  return outcomes;
}

export interface ScorePostView {
  learner: string;
  assignment: string;
  reason: string;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  tries: number;
  scoreGiven: number | null;
  lastError: string | null;
  sentAt: string | null;
  nextTryAt: string;
}

/** A class's score posts, newest first, for its teachers only. */
export function scorePostsOfClass(
  db: Queryable,
  teacherId: string,
  classId: string,
): Promise<ScorePostView[]> {
  return db.query<ScorePostView>(
    `select u.name as learner, a.title as assignment, p.reason, p.status, p.tries,
       p.score_given::float8 as "scoreGiven", p.last_error as "lastError", p.sent_at as "sentAt",
       p.next_try_at as "nextTryAt"
     from lti_score_posts p join assignments a on a.id = p.assignment_id
     join classes c on c.id = a.class_id join users u on u.id = p.user_id
     where c.id = $1 and ${teaches('c', '$2')}
     order by p.created_at desc limit 500`,
    [classId, teacherId],
  );
}

/** Sends the class's failed posts again now. */
export async function retryFailedPosts(db: Queryable, teacherId: string, classId: string): Promise<number> {
  const rows = await db.query(
    `update lti_score_posts p set status = 'queued', tries = 0, next_try_at = now()
     from assignments a join classes c on c.id = a.class_id
     where p.assignment_id = a.id and p.status = 'failed' and c.id = $1 and ${teaches('c', '$2')}
     returning p.id`,
    [classId, teacherId],
  );
  return rows.length;
}

let sender: ReturnType<typeof setInterval> | undefined;

/**
 * Sends due posts every few seconds in this process. Every app process may run one: posts are
 * claimed with SKIP LOCKED, so two never send the same one.
 */
export function startScoreSender(db: () => Promise<Database>, everyMs = 5000): void {
  if (sender || process.env.QUAYSIDE_LTI_SENDER === 'off') return;
  let busy = false;
  sender = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      await sendDueScores(await db());
    } catch (error) {
      console.error('LTI score sender:', error);
    } finally {
      busy = false;
    }
  }, everyMs);
  sender.unref();
}
