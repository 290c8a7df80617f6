import { describe, expect, it } from 'vitest';
import { signedInPage } from '../../src/people/page';

/** Just enough of Astro's global for a visitor without a session cookie. */
const visit = (locale: string | undefined, address: string) => ({
  params: { locale },
  url: new URL(address),
  cookies: { get: () => undefined } as never,
  redirect: (path: string) => new Response(null, { status: 302, headers: { location: path } }),
});

describe('signedInPage', () => {
  it('answers 404 for a locale the site does not have', async () => {
    const page = await signedInPage(visit('fr', 'http://q.test/fr/classes/') as never);
    expect(page.ok).toBe(false);
    if (!page.ok) expect(page.response.status).toBe(404);
  });

  it('sends a visitor to sign in, in their language, with the way back and its query', async () => {
    const page = await signedInPage(
      visit('zh-cn', 'http://q.test/zh-cn/classes/join/?code=AB12-CD34') as never,
    );
    expect(page.ok).toBe(false);
    if (!page.ok) {
      expect(page.response.status).toBe(302);
      expect(page.response.headers.get('location')).toBe(
        `/zh-cn/account/?next=${encodeURIComponent('/zh-cn/classes/join/?code=AB12-CD34')}`,
      );
    }
  });
});
