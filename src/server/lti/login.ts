import { createHash, randomBytes } from 'node:crypto';
import type { AstroCookies } from 'astro';
import type { LoginInitiation } from '../../schemas/lti-login.ts';
import type { Queryable } from '../db/database.ts';
import { type Platform, platformFor } from './platforms.ts';

/** How long a platform has to answer a login with its launch. */
export const LOGIN_MINUTES = 10;

export interface PendingLogin {
  platformId: string;
  nonce: string;
  params: LoginInitiation;
}

export const stateHash = (state: string) => createHash('sha256').update(state).digest('hex');

/** The cookie that ties a login to the browser that began it: one per login, as frames may launch side by side. */
export const stateCookie = (state: string) => `quayside_lti_${stateHash(state).slice(0, 16)}`;

/**
 * Cookies a platform's frame must carry back: on HTTPS they are `SameSite=None; Secure`, or a
 * cross-site frame would drop them, and `Partitioned` (CHIPS), so a browser that blocks third-party
 * cookies still keeps them, for that platform's pages only. Over plain HTTP (development, same-site
 * tests) browsers refuse `SameSite=None`, so they are `Lax` there.
 */
export function crossSiteCookie(url: URL) {
  const secure = url.protocol === 'https:';
  return {
    httpOnly: true,
    secure,
    sameSite: secure ? ('none' as const) : ('lax' as const),
    partitioned: secure,
  };
}

/**
 * Begins an OpenID Connect login for a platform's launch: checks that the platform is registered and
 * that the launch targets this site, stores a one-time state and nonce, and returns the platform's
 * authorisation address to send the browser to.
 */
export async function beginLogin(
  db: Queryable,
  params: LoginInitiation,
  site: URL,
): Promise<
  | { ok: true; redirect: string; state: string; platform: Platform }
  | { ok: false; status: number; error: string }
> {
  if (new URL(params.target_link_uri).origin !== site.origin)
    return { ok: false, status: 400, error: 'the launch targets another site than Quayside' };
  const platform = await platformFor(db, params.iss, params.client_id);
  if (!platform)
    return {
      ok: false,
      status: 400,
      error: `no platform with the issuer ${params.iss}${params.client_id ? ` and client ID ${params.client_id}` : ''} is registered with Quayside`,
    };
  if (params.lti_deployment_id && !platform.deploymentIds.includes(params.lti_deployment_id))
    return {
      ok: false,
      status: 403,
      error: `the deployment ${params.lti_deployment_id} is not registered with Quayside`,
    };
  const state = randomBytes(32).toString('base64url');
  const nonce = randomBytes(24).toString('base64url');
  await db.query('delete from lti_logins where expires_at < now()');
  await db.query(
    `insert into lti_logins (state_hash, nonce, platform_id, params, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
    [stateHash(state), nonce, platform.id, JSON.stringify(params), LOGIN_MINUTES],
  );
  const redirect = new URL(platform.authLoginUrl);
  for (const [key, value] of Object.entries({
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: new URL('/lti/launch', site).href,
    login_hint: params.login_hint,
    lti_message_hint: params.lti_message_hint,
    state,
    nonce,
  }))
    if (value !== undefined) redirect.searchParams.set(key, value);
  return { ok: true, redirect: redirect.href, state, platform };
}

export function setStateCookie(cookies: AstroCookies, url: URL, state: string): void {
  cookies.set(stateCookie(state), state, {
    ...crossSiteCookie(url),
    path: '/lti/',
    maxAge: LOGIN_MINUTES * 60,
  });
}

/** The login a state names, without using it up (to begin it again elsewhere). */
export async function peekLogin(db: Queryable, state: string): Promise<PendingLogin | undefined> {
  const [row] = await db.query<PendingLogin>(
    `select platform_id as "platformId", nonce, params from lti_logins
     where state_hash = $1 and expires_at > now()`,
    [stateHash(state)],
  );
  return row;
}

/**
 * A one-time token for a login whose frame has no cookie but whose platform offers storage
 * (`lti_storage_target`): the page that finds the state in the platform's storage posts it back.
 * Made once: undefined when the login is unknown, expired, already given one, or its platform
 * offers no storage.
 */
export async function resumeToken(db: Queryable, state: string): Promise<string | undefined> {
  const token = randomBytes(24).toString('base64url');
  const rows = await db.query(
    `update lti_logins set resume_hash = $2 where state_hash = $1 and expires_at > now()
       and params ? 'lti_storage_target' and resume_hash is null returning 1`,
    [stateHash(state), stateHash(token)],
  );
  return rows.length > 0 ? token : undefined;
}

/** Whether a resume token is the one made for this login. */
export async function resumes(db: Queryable, state: string, token: string): Promise<boolean> {
  const rows = await db.query('select 1 from lti_logins where state_hash = $1 and resume_hash = $2', [
    stateHash(state),
    stateHash(token),
  ]);
  return rows.length > 0;
}

/** The login a state names, used up: a second launch with the same state finds nothing. */
export async function takeLogin(db: Queryable, state: string): Promise<PendingLogin | undefined> {
  const [row] = await db.query<PendingLogin & { live: boolean }>(
    `delete from lti_logins where state_hash = $1
     returning platform_id as "platformId", nonce, params, expires_at > now() as live`,
    [stateHash(state)],
  );
  return row?.live ? row : undefined;
}
