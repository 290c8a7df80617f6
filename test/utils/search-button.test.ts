import { describe, expect, it } from 'vitest';
import { searchButtonNamedByItsText } from '../../src/utils/search-button';

// Starlight 0.42's Search, as it renders (scoping classes and the icon's path shortened).
const starlight =
  '<site-search class="astro-ukby4i6r" data-translations="{}"><button data-open-modal disabled aria-label="Search" aria-keyshortcuts="Control+K" class="astro-ukby4i6r"><svg aria-hidden="true" class="astro-ukby4i6r" width="16" height="16" viewBox="0 0 24 24"><path d="M21 20Z"/></svg><span class="sl-hidden md:sl-block astro-ukby4i6r" aria-hidden="true">Search</span><kbd class="sl-hidden md:sl-flex astro-ukby4i6r" style="display: none;"><kbd class="astro-ukby4i6r">Ctrl</kbd><kbd class="astro-ukby4i6r">K</kbd></kbd></button><dialog style="padding:0" aria-label="Search" class="astro-ukby4i6r"><span aria-hidden="true">x</span></dialog></site-search>';

describe('searchButtonNamedByItsText', () => {
  const fixed = searchButtonNamedByItsText(starlight);
  const button = fixed.slice(fixed.indexOf('<button'), fixed.indexOf('</button>'));

  it('drops the aria-label, so the button is named by what it shows', () => {
    expect(button).not.toContain('aria-label');
    expect(button).toContain('aria-keyshortcuts="Control+K"');
  });

  it('lets screen readers read the word and hides the shortcut, which aria-keyshortcuts announces', () => {
    expect(button).toContain('<span class="sl-hidden md:sl-block astro-ukby4i6r">Search</span>');
    expect(button).toContain('<kbd aria-hidden="true" class="sl-hidden md:sl-flex astro-ukby4i6r"');
    expect(button.match(/aria-hidden/g)).toHaveLength(2);
  });

  it('changes nothing outside the button', () => {
    expect(fixed.slice(fixed.indexOf('</button>'))).toBe(starlight.slice(starlight.indexOf('</button>')));
    expect(fixed.slice(0, fixed.indexOf('<button'))).toBe(starlight.slice(0, starlight.indexOf('<button')));
  });

  it('fails loudly when Starlight’s markup no longer has what it changes', () => {
    expect(() => searchButtonNamedByItsText('<site-search></site-search>')).toThrow(/no button/);
    expect(() =>
      searchButtonNamedByItsText(starlight.replace(' aria-label="Search" aria-key', ' aria-key')),
    ).toThrow(/aria-label/);
  });
});
