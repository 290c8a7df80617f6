import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite } from '../../../src/server/http/origin-check';

const at = (path: string, init: { method?: string; origin?: string; type?: string } = {}) => {
  const headers = new Headers();
  if (init.origin) headers.set('origin', init.origin);
  if (init.type) headers.set('content-type', init.type);
  const url = new URL(path, 'https://quayside.example');
  return isCrossSiteWrite(new Request(url, { method: init.method ?? 'POST', headers }), url);
};

describe('cross-site writes', () => {
  it('refuses a cross-site form post or bodiless post, as Astro did', () => {
    expect(at('/api/auth/logout', { origin: 'https://evil.example' })).toBe(true);
    expect(
      at('/api/classes', { origin: 'https://evil.example', type: 'application/x-www-form-urlencoded' }),
    ).toBe(true);
    expect(at('/lti/deep-link/x/respond', { type: 'multipart/form-data' })).toBe(true);
    expect(at('/api/classes', { origin: 'https://evil.example', type: 'text/plain;charset=utf-8' })).toBe(
      true,
    );
  });
  it('lets through this site, safe methods and the two LTI addresses platforms post to', () => {
    expect(
      at('/api/classes', { origin: 'https://quayside.example', type: 'application/x-www-form-urlencoded' }),
    ).toBe(false);
    expect(at('/api/classes', { method: 'GET', origin: 'https://evil.example' })).toBe(false);
    expect(
      at('/lti/launch', { origin: 'https://lms.example', type: 'application/x-www-form-urlencoded' }),
    ).toBe(false);
    expect(
      at('/lti/login/', { origin: 'https://lms.example', type: 'application/x-www-form-urlencoded' }),
    ).toBe(false);
    expect(at('/lti/launch/../api/classes', { origin: 'https://lms.example', type: 'text/plain' })).toBe(
      true,
    );
  });
});
