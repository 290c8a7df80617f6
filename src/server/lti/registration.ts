import { createHash, randomBytes } from 'node:crypto';
import { platformConfiguration, registrationResponse } from '../../schemas/lti-platform.ts';
import type { Queryable } from '../db/database.ts';
import { type Platform, registerPlatform } from './platforms.ts';
import { SCOPE, SERVICE_TIMEOUT_MS } from './service-token.ts';

/** How long an administrator's registration link works. */
export const INVITE_DAYS = 7;
const MAX_ANSWER_BYTES = 256 * 1024;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A one-time registration link for a platform's administrator to paste (`npm run lti -- invite`). */
export async function createInvite(db: Queryable, site: URL): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db.query(
    `insert into lti_registration_invites (token_hash, expires_at) values ($1, now() + make_interval(days => $2))`,
    [hash(token), INVITE_DAYS],
  );
  const url = new URL('/lti/register', site);
  url.searchParams.set('invite', token);
  return url.href;
}

/** Whether an invite is still good (checked before Quayside fetches anything for it). */
export async function inviteValid(db: Queryable, token: string): Promise<boolean> {
  const rows = await db.query(
    'select 1 from lti_registration_invites where token_hash = $1 and used_at is null and expires_at > now()',
    [hash(token)],
  );
  return rows.length > 0;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length > MAX_ANSWER_BYTES) throw new Error('the platform answered with too much');
  return JSON.parse(text);
}

/** What Quayside asks a platform to register: LTI Dynamic Registration's tool configuration. */
export function toolRegistration(site: URL): Record<string, unknown> {
  const at = (path: string) => new URL(path, site).href;
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: at('/lti/login'),
    redirect_uris: [at('/lti/launch')],
    client_name: 'Quayside',
    jwks_uri: at('/lti/jwks'),
    logo_uri: at('/favicon.svg'),
    token_endpoint_auth_method: 'private_key_jwt',
    scope: [SCOPE.lineItem, SCOPE.score, SCOPE.memberships].join(' '),
    'https://purl.imsglobal.org/spec/lti-tool-configuration': {
      domain: site.host,
      description: 'A hands-on course on containers and virtual machines, with labs graded by Quayside.',
      target_link_uri: at('/lti/launch'),
      claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email', 'locale'],
      messages: [
        { type: 'LtiDeepLinkingRequest', target_link_uri: at('/lti/launch'), label: 'Quayside' },
        { type: 'LtiResourceLinkRequest', target_link_uri: at('/lti/launch') },
      ],
    },
  };
}

/**
 * LTI Dynamic Registration: reads the platform's OpenID configuration, registers Quayside there
 * with the platform's one-time registration token, and stores the platform with the client ID and
 * deployment it made. The invite is used up only when all of it worked.
 */
export async function registerDynamically(
  db: Queryable,
  input: { invite: string; configurationUrl: string; registrationToken?: string | undefined },
  site: URL,
): Promise<{ ok: true; platform: Platform } | { ok: false; status: number; error: string }> {
  const fail = (status: number, error: string) => ({ ok: false as const, status, error });
  if (!(await inviteValid(db, input.invite)))
    return fail(403, 'this registration link has expired or was already used; ask for a new one');
  let configuration: ReturnType<typeof platformConfiguration.parse>;
  try {
    const response = await fetch(input.configurationUrl, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(SERVICE_TIMEOUT_MS),
    });
    if (!response.ok) return fail(502, `the platform's configuration answered HTTP ${response.status}`);
    const parsed = platformConfiguration.safeParse(await readJson(response));
    if (!parsed.success)
      return fail(502, "the platform's configuration is not an LTI platform configuration");
    configuration = parsed.data;
  } catch (error) {
    return fail(502, `the platform's configuration could not be read: ${(error as Error).message}`);
  }
  let answer: ReturnType<typeof registrationResponse.parse>;
  try {
    const response = await fetch(configuration.registration_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(input.registrationToken ? { authorization: `Bearer ${input.registrationToken}` } : {}),
      },
      body: JSON.stringify(toolRegistration(site)),
      signal: AbortSignal.timeout(SERVICE_TIMEOUT_MS),
    });
    if (!response.ok) return fail(502, `the platform refused the registration: HTTP ${response.status}`);
    const parsed = registrationResponse.safeParse(await readJson(response));
    if (!parsed.success) return fail(502, 'the platform answered the registration without a client ID');
    answer = parsed.data;
  } catch (error) {
    return fail(502, `the registration could not be sent: ${(error as Error).message}`);
  }
  const deployment = answer['https://purl.imsglobal.org/spec/lti-tool-configuration']?.deployment_id;
  const used = await db.query(
    'update lti_registration_invites set used_at = now() where token_hash = $1 and used_at is null returning 1',
    [hash(input.invite)],
  );
  if (used.length === 0) return fail(403, 'this registration link was used meanwhile; ask for a new one');
  const platform = await registerPlatform(db, {
    name:
      configuration['https://purl.imsglobal.org/spec/lti-platform-configuration']?.product_family_code ??
      new URL(configuration.issuer).host,
    issuer: configuration.issuer,
    clientId: answer.client_id,
    deploymentIds: deployment ? [deployment] : [],
    authLoginUrl: configuration.authorization_endpoint,
    tokenUrl: configuration.token_endpoint,
    jwksUrl: configuration.jwks_uri,
  });
  return { ok: true, platform };
}
