import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ }).max(2048);
const origin = url.refine((u) => new URL(u).origin === u.replace(/\/$/, ''), 'an origin has no path');

/** A learning platform registered with Quayside, by a site administrator or by dynamic registration. */
export const platformRegistration = z.object({
  name: z.string().trim().min(1).max(200),
  issuer: url,
  clientId: z.string().min(1).max(255),
  // Dynamic registration may not name one yet: then launches are refused until one is added.
  deploymentIds: z.array(z.string().min(1).max(255)).max(100),
  authLoginUrl: url,
  tokenUrl: url,
  jwksUrl: url,
  /** Where the platform frames Quayside from; by default the issuer's and login endpoint's origins. */
  frameOrigins: z.array(origin).max(20).optional(),
});

export type PlatformRegistration = z.output<typeof platformRegistration>;
export type PlatformRegistrationInput = z.input<typeof platformRegistration>;

/** The platform's OpenID configuration, as LTI Dynamic Registration reads it. */
export const platformConfiguration = z.object({
  issuer: url,
  authorization_endpoint: url,
  token_endpoint: url,
  jwks_uri: url,
  registration_endpoint: url,
  'https://purl.imsglobal.org/spec/lti-platform-configuration': z
    .object({ product_family_code: z.string().max(100).optional() })
    .optional(),
});

export type PlatformConfiguration = z.output<typeof platformConfiguration>;

/** What the platform answers to a registration: the client ID, and the deployment it made. */
export const registrationResponse = z.object({
  client_id: z.string().min(1).max(255),
  'https://purl.imsglobal.org/spec/lti-tool-configuration': z
    .object({ deployment_id: z.string().min(1).max(255).optional() })
    .optional(),
});
