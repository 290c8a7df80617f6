import { defineRouteMiddleware } from '@astrojs/starlight/route-data';

/** Text made safe to write into HTML, as element content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/**
 * Starlight writes every head entry's content as raw HTML (`set:html`), the page title included, and
 * the pages for people put names that people chose in their titles (a display name, a class name, an
 * assignment title). A title is text, never markup, so it is escaped here, for every page.
 */
export const onRequest = defineRouteMiddleware((context) => {
  for (const entry of context.locals.starlightRoute.head) {
    if (entry.tag === 'title' && entry.content) entry.content = escapeHtml(entry.content);
  }
});
