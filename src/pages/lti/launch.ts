import type { APIRoute } from 'astro';
import type { PeopleLang } from '../../people/strings.ts';
import { CLAIM } from '../../schemas/lti-message.ts';
import { newToken, SESSION_DAYS, setSessionCookie } from '../../server/auth/session.ts';
import { database } from '../../server/db/open.ts';
import { readForm } from '../../server/lti/form.ts';
import { verifyLaunch } from '../../server/lti/launch.ts';
import {
  crossSiteCookie,
  peekLogin,
  resumes,
  resumeToken,
  stateCookie,
  takeLogin,
} from '../../server/lti/login.ts';
import { errorPage, newWindowPage, pageLang, storageCheckPage } from '../../server/lti/page.ts';
import { platformById } from '../../server/lti/platforms.ts';
import { type Landing, provision } from '../../server/lti/provision.ts';
import { createSession } from '../../server/queries/users.ts';

export const prerender = false;

/** Where a launch lands, in the learner's language. */
function landingPath(landing: Landing, lang: PeopleLang): string {
  const prefix = lang === 'zh-cn' ? '/zh-cn' : '';
  switch (landing.kind) {
    case 'assignment':
      return `${prefix}/assignments/${landing.assignmentId}/`;
    case 'lesson':
      return `${prefix}/${landing.slug}/`;
    case 'deep-link':
      return `${prefix}/lti/deep-link/${landing.requestId}/`;
  }
}

/**
 * The platform's authorisation answer (form_post): the id_token and the state of the login that
 * asked for it. Verified, turned into Quayside's records, then a session and the activity.
 */
export const POST: APIRoute = async ({ request, url, cookies }) => {
  const form = await readForm(request);
  const idToken = form?.id_token;
  const state = form?.state;
  if (!idToken || !state) {
    const reason = form?.error_description ?? form?.error;
    return errorPage(
      400,
      reason ? `the platform answered: ${reason}` : 'the launch carries no id_token or state',
    );
  }
  const db = await database();
  const resumed = form.lti_resume ? await resumes(db, state, form.lti_resume) : false;
  if (form.lti_resume && !resumed)
    return errorPage(401, 'this launch has expired or was already used; open the activity again');
  if (cookies.get(stateCookie(state))?.value !== state && !resumed) {
    // The frame lost the login's cookie (third-party cookies blocked): the platform's storage may
    // vouch for the state; otherwise the same login begins again in a window of its own.
    const pending = await peekLogin(db, state);
    if (!pending)
      return errorPage(401, 'this launch has expired or was already used; open the activity again');
    const platform = await platformById(db, pending.platformId);
    const again = new URL('/lti/login', url);
    for (const [key, value] of Object.entries(pending.params))
      if (typeof value === 'string' && key !== 'lti_storage_target') again.searchParams.set(key, value);
    const frames = platform?.frameOrigins ?? [];
    const target = pending.params.lti_storage_target;
    const resume = target && platform ? await resumeToken(db, state) : undefined;
    if (target && platform && resume)
      return storageCheckPage(
        { target, origin: new URL(platform.authLoginUrl).origin, state },
        { id_token: idToken, state, lti_resume: resume },
        again.href,
        'en',
        frames,
      );
    return newWindowPage(again.href, 'en', frames);
  }
  cookies.delete(stateCookie(state), { ...crossSiteCookie(url), path: '/lti/' });
  const login = await takeLogin(db, state);
  if (!login) return errorPage(401, 'this launch has expired or was already used; open the activity again');
  const verified = await verifyLaunch(db, idToken, login);
  if (!verified.ok) return errorPage(verified.status, verified.error);
  const { platform, message } = verified;
  const lang = pageLang(message[CLAIM.launchPresentation]?.locale ?? message.locale);
  const made = await provision(db, platform, message, url);
  if (!made.ok) return errorPage(made.status, made.error, lang);
  const { token, hash } = newToken();
  const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await createSession(db, made.userId, hash, expires, platform.id);
  setSessionCookie(cookies, url, token, expires, { framed: true });
  return new Response(null, {
    status: 303,
    headers: { location: landingPath(made.landing, lang), 'cache-control': 'no-store' },
  });
};
