import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { z } from 'zod';
import type { Queryable } from '../db/database.ts';
import { SIGNING_ALG, signingKey } from './keys.ts';
import type { Platform } from './platforms.ts';

export const SCOPE = {
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  memberships: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

/** A platform service call gets this long before it counts as failed. */
export const SERVICE_TIMEOUT_MS = 10_000;

const tokenAnswer = z.object({
  access_token: z.string().min(1).max(8192),
  expires_in: z.number().optional(),
});

// Access tokens are a cache: losing one costs a new request, so they may live in one process.
const cache = new Map<string, { token: string; until: number }>();

/**
 * An access token for a platform's services, by the OAuth 2 client-credentials grant with a signed
 * JWT as the client's assertion (RFC 7523), kept until a minute before it expires.
 */
export async function serviceToken(db: Queryable, platform: Platform, scope: string): Promise<string> {
  const key = `${platform.id} ${scope}`;
  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) return cached.token;
  const signer = await signingKey(db);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: SIGNING_ALG, kid: signer.kid, typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenUrl)
    .setIssuedAt()
    .setExpirationTime('5m')
    .setJti(randomUUID())
    .sign(signer.key);
  const response = await fetch(platform.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope,
    }),
    signal: AbortSignal.timeout(SERVICE_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`the platform refused an access token: HTTP ${response.status}`);
  const answer = tokenAnswer.safeParse(await response.json().catch(() => undefined));
  if (!answer.success)
    throw new Error('the platform answered the token request with something else than a token');
  const seconds = answer.data.expires_in ?? 3600;
  cache.set(key, { token: answer.data.access_token, until: Date.now() + Math.max(0, seconds - 60) * 1000 });
  return answer.data.access_token;
}

/** Forgets a token the platform no longer accepts. */
export function dropServiceToken(platform: Platform, scope: string): void {
  cache.delete(`${platform.id} ${scope}`);
}
