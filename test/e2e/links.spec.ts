import { expect, test } from '@playwright/test';

/** Every page the sitemap lists, as a path. */
async function sitePages(request: import('@playwright/test').APIRequestContext): Promise<string[]> {
  const xml = await (await request.get('/sitemap-0.xml')).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] as string).pathname);
}

test('no internal link is broken, in either language: every target page exists and holds its anchor', async ({
  request,
}) => {
  test.setTimeout(120_000);
  const pages = await sitePages(request);
  expect(pages.length).toBeGreaterThan(25);
  const html = new Map<string, string>();
  const fetchPage = async (path: string) => {
    if (!html.has(path)) {
      const response = await request.get(path);
      html.set(path, response.ok() ? await response.text() : '');
    }
    return html.get(path) as string;
  };
  const broken: string[] = [];
  let anchors = 0;
  for (const page of pages) {
    const text = await fetchPage(page);
    for (const [, href] of text.matchAll(/href="(\/[^"]*|#[^"]*)"/g)) {
      const link = (href as string).replaceAll('&amp;', '&');
      if (/^\/(_astro|pagefind)\//.test(link) || /\.(css|js|svg|png|xml|ico|webmanifest)$/.test(link))
        continue;
      const [path = '', anchor] = link.startsWith('#') ? [page, link.slice(1)] : link.split('#');
      const target = await fetchPage(path || page);
      if (!target) broken.push(`${page} → ${link} (no such page)`);
      else if (anchor && ++anchors && !target.includes(`id="${decodeURIComponent(anchor)}"`))
        broken.push(`${page} → ${link} (no such anchor)`);
    }
  }
  expect(broken).toEqual([]);
  // Lessons link glossary entries and each other by anchor: the check must have seen them.
  expect(anchors).toBeGreaterThan(100);
});
