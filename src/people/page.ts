import type { AstroGlobal } from 'astro';
import { currentUser } from '../server/auth/current.ts';
import type { User } from '../server/queries/users.ts';
import { localPath, type PeopleLang, type PeopleStrings, peopleLang, peopleStrings } from './strings.ts';

/**
 * How every page for people that needs an account starts: its language and words, and who is
 * signed in. Otherwise the Response to send: 404 for a locale the site has not, or the account page
 * with a way back here (query included) for someone not signed in.
 */
export async function signedInPage(
  astro: Pick<AstroGlobal, 'params' | 'url' | 'cookies' | 'redirect'>,
): Promise<{ ok: true; lang: PeopleLang; s: PeopleStrings; user: User } | { ok: false; response: Response }> {
  const lang = peopleLang(astro.params.locale);
  if (!lang) return { ok: false, response: new Response('Not found', { status: 404 }) };
  const user = await currentUser(astro);
  if (!user) {
    const here = encodeURIComponent(`${astro.url.pathname}${astro.url.search}`);
    return { ok: false, response: astro.redirect(`${localPath(lang, '/account/')}?next=${here}`) };
  }
  return { ok: true, lang, s: peopleStrings(lang), user };
}
