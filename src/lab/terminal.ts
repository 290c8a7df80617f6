import type { Terminal } from '@xterm/xterm';

/** Reads Starlight's theme colours so a terminal matches light and dark mode. */
export function themeFromPage() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    background: v('--sl-color-bg-nav') || '#1e1e1e',
    foreground: v('--sl-color-white') || '#e6e6e6',
    cursor: v('--sl-color-accent') || '#888',
    selectionBackground: v('--sl-color-accent-low') || '#444',
  };
}

export interface PageTerminal {
  term: Terminal;
  /** Fits the terminal to its element; called on resize. */
  fit(): void;
  dispose(): void;
}

/**
 * An xterm.js terminal in `host`, the way every lab has one: the page's theme (kept in step with it),
 * clickable links, fitted to its element, labelled for screen readers, and Escape then Tab to leave
 * it, so keyboard users are never trapped. The xterm code is loaded only when this is called.
 */
export async function openTerminal(
  host: HTMLElement,
  options: { label: string; convertEol?: boolean; onResize?: (term: Terminal) => void },
): Promise<PageTerminal> {
  const [{ Terminal }, { FitAddon }, { WebLinksAddon }] = await Promise.all([
    import('@xterm/xterm'),
    import('@xterm/addon-fit'),
    import('@xterm/addon-web-links'),
  ]);
  const term = new Terminal({
    convertEol: options.convertEol ?? true,
    cursorBlink: true,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    fontSize: 14,
    scrollback: 5000,
    theme: themeFromPage(),
  });
  const fitAddon = new FitAddon();
  term.loadAddon(fitAddon);
  term.loadAddon(new WebLinksAddon());
  term.open(host);
  let escaped = false;
  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown') return true;
    if (event.key === 'Escape') {
      escaped = true;
      return false;
    }
    if (event.key === 'Tab' && escaped) {
      escaped = false;
      return false;
    }
    escaped = false;
    return true;
  });
  fitAddon.fit();
  term.textarea?.setAttribute('aria-label', options.label);
  const resize = new ResizeObserver(() => {
    fitAddon.fit();
    options.onResize?.(term);
  });
  resize.observe(host);
  const themeWatch = new MutationObserver(() => {
    term.options.theme = themeFromPage();
  });
  themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return {
    term,
    fit: () => fitAddon.fit(),
    dispose: () => {
      resize.disconnect();
      themeWatch.disconnect();
      term.dispose();
    },
  };
}
