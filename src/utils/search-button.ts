/**
 * Starlight's search button (in its `Search` component's HTML) named by its own words. Starlight
 * labels it `aria-label="Search"` while it shows "Search" and the shortcut (Ctrl K): a name that
 * leaves out words on the button breaks WCAG's "label in name", since someone who speaks commands
 * says what they see. Here the button takes its name from its contents: the word, which Starlight
 * already prints and which now also reaches screen readers, and not the shortcut, which
 * `aria-keyshortcuts` announces already. Throws when Starlight's markup no longer has what this
 * changes, so an upgrade fails the build rather than undoing it unnoticed.
 */
export function searchButtonNamedByItsText(html: string): string {
  const button = /<button data-open-modal\b[^>]*>[\s\S]*?<\/button>/.exec(html);
  if (!button) throw new Error("Starlight's Search has no button[data-open-modal]");
  const steps: [what: string, from: RegExp, to: string][] = [
    ['the button’s aria-label', /^(<button\b[^>]*?)\saria-label="[^"]*"/, '$1'],
    ['aria-hidden on the word it shows', /(<span\b[^>]*?)\saria-hidden="true"/, '$1'],
    ['the shortcut’s <kbd>', /<kbd\b(?![^>]*aria-hidden)/, '<kbd aria-hidden="true"'],
  ];
  let fixed = button[0];
  for (const [what, from, to] of steps) {
    const next = fixed.replace(from, to);
    if (next === fixed) throw new Error(`Starlight's search button changed: cannot find ${what}`);
    fixed = next;
  }
  return html.slice(0, button.index) + fixed + html.slice(button.index + button[0].length);
}
