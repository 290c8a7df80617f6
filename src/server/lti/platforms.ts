import type { PlatformRegistration } from '../../schemas/lti-platform.ts';
import type { Queryable } from '../db/database.ts';

export interface Platform {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  authLoginUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  frameOrigins: string[];
  deploymentIds: string[];
}

const PLATFORM = `p.id, p.name, p.issuer, p.client_id as "clientId", p.auth_login_url as "authLoginUrl",
  p.token_url as "tokenUrl", p.jwks_url as "jwksUrl", p.frame_origins as "frameOrigins",
  coalesce((select array_agg(d.deployment_id order by d.deployment_id) from lti_deployments d
    where d.platform_id = p.id), '{}') as "deploymentIds"`;

/** The origins a platform frames pages from, unless told: its issuer's and its login endpoint's. */
export function defaultFrameOrigins(r: Pick<PlatformRegistration, 'issuer' | 'authLoginUrl'>): string[] {
  return [...new Set([new URL(r.issuer).origin, new URL(r.authLoginUrl).origin])];
}

/**
 * Registers a platform, or updates the one with the same issuer and client ID (its endpoints, and
 * more deployments: a deployment once registered stays until the platform is removed).
 */
export async function registerPlatform(db: Queryable, r: PlatformRegistration): Promise<Platform> {
  const [row] = await db.query<{ id: string }>(
    `insert into lti_platforms (name, issuer, client_id, auth_login_url, token_url, jwks_url, frame_origins)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (issuer, client_id) do update set name = excluded.name,
       auth_login_url = excluded.auth_login_url, token_url = excluded.token_url,
       jwks_url = excluded.jwks_url, frame_origins = excluded.frame_origins
     returning id`,
    [
      r.name,
      r.issuer,
      r.clientId,
      r.authLoginUrl,
      r.tokenUrl,
      r.jwksUrl,
      r.frameOrigins ?? defaultFrameOrigins(r),
    ],
  );
  const id = (row as { id: string }).id;
  await db.query(
    `insert into lti_deployments (platform_id, deployment_id) select $1, unnest($2::text[])
     on conflict do nothing`,
    [id, r.deploymentIds],
  );
  return (await platformById(db, id)) as Platform;
}

export async function platformById(db: Queryable, id: string): Promise<Platform | undefined> {
  const [row] = await db.query<Platform>(`select ${PLATFORM} from lti_platforms p where p.id = $1`, [id]);
  return row;
}

/**
 * The platform a login or launch names. A platform may register Quayside more than once under one
 * issuer; then the client ID tells them apart, and without one the issuer must be unambiguous.
 */
export async function platformFor(
  db: Queryable,
  issuer: string,
  clientId?: string,
): Promise<Platform | undefined> {
  const rows = await db.query<Platform>(
    `select ${PLATFORM} from lti_platforms p where p.issuer = $1 and ($2::text is null or p.client_id = $2)
     limit 2`,
    [issuer, clientId ?? null],
  );
  return rows.length === 1 ? rows[0] : undefined;
}

export function listPlatforms(db: Queryable): Promise<Platform[]> {
  return db.query<Platform>(`select ${PLATFORM} from lti_platforms p order by p.created_at`);
}

export async function removePlatform(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('delete from lti_platforms where id = $1 returning id', [id])).length > 0;
}
