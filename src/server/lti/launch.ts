import { createRemoteJWKSet, decodeJwt, errors, type JWTPayload, jwtVerify } from 'jose';
import { CLAIM, type LaunchMessage, launchMessage } from '../../schemas/lti-message.ts';
import type { Queryable } from '../db/database.ts';
import type { PendingLogin } from './login.ts';
import { type Platform, platformById } from './platforms.ts';

/** Seconds of clock difference tolerated between platform and tool. */
const CLOCK_TOLERANCE = 60;
/** An id_token older than this is refused even before it expires. */
const MAX_TOKEN_AGE = '10m';
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'];

// One key set per platform address: jose caches the keys and refetches when an unknown `kid` appears.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function keySet(url: string) {
  let set = keySets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    keySets.set(url, set);
  }
  return set;
}

export type Verified =
  | { ok: true; platform: Platform; message: LaunchMessage }
  | { ok: false; status: number; error: string };

const refuse = (status: number, error: string): Verified => ({ ok: false, status, error });

/** Why jose refused a token, in words for the error page. */
function explain(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the launch has expired (its id_token is past its exp time)';
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'the launch was signed with a key the platform does not publish in its key set';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the launch signature does not verify';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'the launch is addressed to another tool (aud is not this client ID)';
    if (error.claim === 'iss')
      return 'the launch comes from another issuer than the one that began the login';
    if (error.claim === 'iat') return 'the launch was issued too long ago or in the future';
    return `the launch's ${error.claim} claim is not valid`;
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
    return "the platform's key set could not be read";
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'the launch is signed with an algorithm Quayside does not accept';
  return 'the launch is not a valid signed id_token';
}

/**
 * Verifies a launch's id_token against the login that asked for it: the platform's published keys,
 * issuer, audience (and `azp` where several), expiry and age, the login's nonce used once, a
 * registered deployment, and the message type and version. Stores nothing but the used nonce, and
 * that only once everything else holds.
 */
export async function verifyLaunch(db: Queryable, idToken: string, login: PendingLogin): Promise<Verified> {
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(idToken);
  } catch {
    return refuse(400, 'the launch is not a valid signed id_token');
  }
  const platform = await platformById(db, login.platformId);
  if (!platform) return refuse(400, 'the platform that began this login is no longer registered');
  if (unverified.iss !== platform.issuer)
    return refuse(401, 'the launch comes from another issuer than the one that began the login');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keySet(platform.jwksUrl), {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE,
      maxTokenAge: MAX_TOKEN_AGE,
      requiredClaims: ['iat', 'exp', 'nonce', 'sub'],
    }));
  } catch (error) {
    return refuse(401, explain(error));
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== platform.clientId)
    return refuse(401, 'the launch names another authorised party (azp is not this client ID)');
  if (payload.nonce !== login.nonce) return refuse(401, 'the launch does not carry the nonce of its login');
  const parsed = launchMessage.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const claim = issue?.path.map(String).join('.') || '(message)';
    return refuse(400, `the launch is not an LTI 1.3 message Quayside handles: ${claim}: ${issue?.message}`);
  }
  const message = parsed.data;
  const deployment = message[CLAIM.deploymentId];
  if (!platform.deploymentIds.includes(deployment))
    return refuse(403, `the deployment ${deployment} is not registered with Quayside`);
  const fresh = await db.query(
    `insert into lti_nonces (platform_id, nonce, expires_at) values ($1, $2, to_timestamp($3))
     on conflict do nothing returning nonce`,
    [platform.id, message.nonce, message.exp + CLOCK_TOLERANCE],
  );
  if (fresh.length === 0) return refuse(401, 'this launch was already used (its nonce was seen before)');
  await db.query('delete from lti_nonces where expires_at < now()');
  return { ok: true, platform, message };
}
