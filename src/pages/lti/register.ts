import type { APIRoute } from 'astro';
import { z } from 'zod';
import { database } from '../../server/db/open.ts';
import { tooMany } from '../../server/json.ts';
import { errorPage, registeredPage } from '../../server/lti/page.ts';
import { registerDynamically } from '../../server/lti/registration.ts';
import { RateLimiter } from '../../server/rate-limit.ts';

export const prerender = false;

const limiter = new RateLimiter('lti-register', 10, 1 / 60);

const query = z.object({
  invite: z.string().min(1).max(100),
  openid_configuration: z.url({ protocol: /^https?$/ }).max(2048),
  registration_token: z.string().min(1).max(8192).optional(),
});

/**
 * LTI Dynamic Registration: the address an administrator pastes into the platform (with Quayside's
 * one-time invite); the platform opens it with its configuration address and a registration token.
 */
export const GET: APIRoute = async ({ url, clientAddress }) => {
  const parsed = query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success)
    return errorPage(
      400,
      'a registration needs Quayside\'s invite and the platform\'s openid_configuration address; paste the whole link from "npm run lti -- invite" into the platform',
    );
  const wait = await limiter.takeForAddress(clientAddress);
  if (wait > 0) return tooMany(wait, 'too many registrations from this address');
  const done = await registerDynamically(
    await database(),
    {
      invite: parsed.data.invite,
      configurationUrl: parsed.data.openid_configuration,
      registrationToken: parsed.data.registration_token,
    },
    url,
  );
  if (!done.ok) return errorPage(done.status, done.error);
  return registeredPage(done.platform);
};
