import type { APIRoute } from 'astro';
import { currentUser } from '../../../../server/auth/current.ts';
import { database } from '../../../../server/db/open.ts';
import { exercises } from '../../../../server/exercises.ts';
import { isUuid } from '../../../../server/ids.ts';
import { readLimited } from '../../../../server/json.ts';
import { catalogue } from '../../../../server/lti/catalogue.ts';
import {
  attemptsAllowed,
  contentItem,
  deepLinkingResponse,
  deepLinkRequest,
  takeDeepLinkRequest,
} from '../../../../server/lti/deep-linking.ts';
import { courseLessons } from '../../../../server/lti/lessons.ts';
import { autoPostPage, errorPage } from '../../../../server/lti/page.ts';
import { platformById } from '../../../../server/lti/platforms.ts';
import { LTI_STRINGS } from '../../../../server/lti/strings.ts';
import { quizzes } from '../../../../server/quizzes.ts';

export const prerender = false;

/**
 * The instructor's choice from the deep-linking page (a same-site form post): signed as an
 * `LtiDeepLinkingResponse` and posted back to the platform's return address.
 */
export const POST: APIRoute = async ({ request, params, url, cookies }) => {
  const text = await readLimited(request, 16 * 1024).catch(() => undefined);
  if (text === undefined) return errorPage(413, 'the choice is too large');
  const form = new URLSearchParams(text);
  const lang = form.get('lang') === 'zh-cn' ? 'zh-cn' : 'en';
  const t = LTI_STRINGS[lang];
  const user = await currentUser({ cookies });
  if (!user) return errorPage(401, 'sign in through your course first', lang);
  const db = await database();
  const pending = isUuid(params.id) ? await deepLinkRequest(db, params.id, user.id) : undefined;
  if (!pending) return errorPage(404, t.expired, lang);
  const chosen = [...new Set(form.getAll('item'))];
  if (chosen.length === 0) return errorPage(400, t.nothingPicked, lang);
  if (chosen.length > 1 && !pending.acceptMultiple) return errorPage(400, t.oneOnly, lang);
  const known = new Map(
    catalogue(lang, courseLessons(lang), exercises().values(), quizzes().values()).map((e) => [
      `${e.kind}:${e.id}`,
      e,
    ]),
  );
  const picks = chosen.flatMap((key) => known.get(key) ?? []);
  if (picks.length < chosen.length) return errorPage(400, "that is not in Quayside's catalogue", lang);
  const due = form.get('due') ?? '';
  const dueAt = /^\d{4}-\d{2}-\d{2}$/.test(due) ? `${due}T23:59:59Z` : undefined;
  const maxAttempts = attemptsAllowed(form.get('attempts') ?? 1);
  const platform = await platformById(db, pending.platformId);
  if (!platform || !(await takeDeepLinkRequest(db, pending.id, user.id)))
    return errorPage(404, t.expired, lang);
  const items = picks.map((p) =>
    contentItem(url, { activity: { kind: p.kind, id: p.id }, title: p.title, dueAt, maxAttempts }),
  );
  const jwt = await deepLinkingResponse(db, platform, pending, items);
  return autoPostPage(pending.returnUrl, { JWT: jwt }, platform.frameOrigins);
};
