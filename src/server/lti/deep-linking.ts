import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { CLAIM } from '../../schemas/lti-message.ts';
import type { Queryable } from '../db/database.ts';
import { type Activity, activityUrl } from './activity.ts';
import { SIGNING_ALG, signingKey } from './keys.ts';
import type { Platform } from './platforms.ts';

/**
 * The attempts an instructor allowed, from the picker's form or a deep link's custom parameter
 * (`quayside_max_attempts`): 1 to 100, otherwise no limit.
 */
export function attemptsAllowed(value: unknown): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : null;
}

/** The grade a linked exercise or quiz reports out of: the gradebook's percentage. */
export const SCORE_MAXIMUM = 100;

export interface DeepLinkRequest {
  id: string;
  platformId: string;
  deploymentId: string;
  userId: string;
  returnUrl: string;
  data: string | null;
  acceptMultiple: boolean;
}

/** A waiting deep-linking request, for the instructor who began it and only while it lasts. */
export async function deepLinkRequest(
  db: Queryable,
  id: string,
  userId: string,
): Promise<DeepLinkRequest | undefined> {
  const [row] = await db.query<DeepLinkRequest>(
    `select id, platform_id as "platformId", deployment_id as "deploymentId", user_id as "userId",
       return_url as "returnUrl", data, accept_multiple as "acceptMultiple"
     from lti_deep_links where id = $1 and user_id = $2 and expires_at > now()`,
    [id, userId],
  );
  return row;
}

/** Uses a request up: the second answer to one request finds nothing. */
export async function takeDeepLinkRequest(db: Queryable, id: string, userId: string): Promise<boolean> {
  return (
    (
      await db.query(
        'delete from lti_deep_links where id = $1 and user_id = $2 and expires_at > now() returning id',
        [id, userId],
      )
    ).length > 0
  );
}

export interface Pick {
  activity: Activity;
  title: string;
  /** When submissions are due, for graded activities; the platform shows it and Quayside applies it. */
  dueAt?: string | undefined;
  /** Attempts allowed (null: no limit); a quiz of one attempt reports its score at once. */
  maxAttempts?: number | null | undefined;
}

/** One LTI Deep Linking 2.0 content item: a resource link, with a line item when it is graded. */
export function contentItem(site: URL, pick: Pick): Record<string, unknown> {
  const graded = pick.activity.kind !== 'lesson';
  return {
    type: 'ltiResourceLink',
    title: pick.title,
    url: activityUrl(site, pick.activity),
    custom: {
      quayside_activity: `${pick.activity.kind}:${pick.activity.id}`,
      ...(graded && pick.dueAt ? { quayside_due_at: pick.dueAt } : {}),
      ...(graded && pick.maxAttempts ? { quayside_max_attempts: String(pick.maxAttempts) } : {}),
    },
    ...(graded
      ? {
          lineItem: {
            scoreMaximum: SCORE_MAXIMUM,
            label: pick.title,
            resourceId: `${pick.activity.kind}:${pick.activity.id}`,
            tag: 'quayside',
          },
          ...(pick.dueAt ? { submission: { endDateTime: pick.dueAt } } : {}),
        }
      : // A lesson page is static and not framed by other sites: it opens in a window of its own.
        { window: { targetName: '_blank' } }),
  };
}

/** The signed `LtiDeepLinkingResponse` that carries the instructor's choice back to the platform. */
export async function deepLinkingResponse(
  db: Queryable,
  platform: Platform,
  request: DeepLinkRequest,
  items: Record<string, unknown>[],
): Promise<string> {
  const { kid, key } = await signingKey(db);
  return new SignJWT({
    nonce: randomBytes(16).toString('base64url'),
    [CLAIM.messageType]: 'LtiDeepLinkingResponse',
    [CLAIM.version]: '1.3.0',
    [CLAIM.deploymentId]: request.deploymentId,
    [CLAIM.contentItems]: items,
    ...(request.data === null ? {} : { [CLAIM.data]: request.data }),
  })
    .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setAudience(platform.issuer)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
}
