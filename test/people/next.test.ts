import { describe, expect, it } from 'vitest';
import { sameSitePath } from '../../src/people/next';

const FALLBACK = '/classes/';

describe('sameSitePath', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    for (const path of [
      '/',
      '/classes/',
      '/zh-cn/classes/join/?code=AB12-CD34',
      '/assignments/1/#top',
      // Encoded, a backslash or slash stays part of one path segment on this site.
      '/%5Cevil.example/',
      '/%2F%2Fevil.example/',
    ])
      expect(sameSitePath(path, FALLBACK), path).toBe(path);
  });

  it('refuses every way out of the site, as the account page receives it (decoded once)', () => {
    const hostile = [
      // ?next=/%5Cevil.example/ : browsers read the backslash as a slash, so this is //evil.example/.
      new URLSearchParams('next=/%5Cevil.example/').get('next'),
      new URLSearchParams('next=%2F%2Fevil.example').get('next'),
      new URLSearchParams('next=/%09/evil.example').get('next'),
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\\/evil.example',
      '\\/evil.example',
      'https://evil.example',
      'HTTPS://evil.example',
      'http:evil.example',
      '//evil.example/%2F..',
      'javascript:alert(document.domain)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      // Browsers drop tabs and line breaks from URLs: these become //evil.example.
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r/evil.example',
      ' /classes/',
      '/\u0000/evil.example',
      '/\u200b/evil.example',
      'evil.example',
      '.',
      '',
      null,
      undefined,
    ];
    for (const next of hostile) expect(sameSitePath(next, FALLBACK), JSON.stringify(next)).toBe(FALLBACK);
  });

  it('only ever answers something a browser resolves on this origin', () => {
    const base = 'https://quayside.test/account/';
    for (const next of ['/x', '//x', '/\\x', '/\t/x', 'https://x', '/%5Cx', '/..//x', '/./\\x'])
      expect(new URL(sameSitePath(next, FALLBACK), base).origin, next).toBe('https://quayside.test');
  });
});
