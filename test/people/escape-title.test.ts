import { describe, expect, it } from 'vitest';
import { escapeHtml, onRequest } from '../../src/people/escape-title';

describe('escapeHtml', () => {
  it('leaves no markup', () => {
    expect(escapeHtml(`</title><img src=x onerror="alert('x')">&amp;`)).toBe(
      '&lt;/title&gt;&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;amp;',
    );
    expect(escapeHtml('Containers, spring term 容器')).toBe('Containers, spring term 容器');
  });
});

describe('the title route middleware', () => {
  it('escapes the <title> that Starlight writes as raw HTML, and nothing else', async () => {
    const head = [
      { tag: 'title', content: '</title><img src=x onerror=alert(document.domain)>: Eve | Quayside' },
      { tag: 'script', content: 'console.log("<kept>")' },
      { tag: 'meta', attrs: { property: 'og:title', content: '</title>' } },
    ];
    await onRequest({ locals: { starlightRoute: { head } } } as never, async () => {});
    expect(head[0]?.content).toBe(
      '&lt;/title&gt;&lt;img src=x onerror=alert(document.domain)&gt;: Eve | Quayside',
    );
    expect(head[1]?.content).toBe('console.log("<kept>")');
    expect(head[2]).toEqual({ tag: 'meta', attrs: { property: 'og:title', content: '</title>' } });
  });
});
