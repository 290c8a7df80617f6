import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';

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

const FONT_FAMILY = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

/** The smallest type a terminal shrinks to on a narrow screen: still readable on a phone. */
export const MIN_FONT_PX = 12;
/** The type a terminal uses wherever 80 columns fit. */
export const MAX_FONT_PX = 14;

/**
 * The font size, in half pixels, that gives a terminal `width` pixels wide 80 columns, kept between
 * the readable minimum and the usual size; `advance` is one character's width per pixel of font size.
 * A wide pane keeps the usual size and gains columns; a phone gets the smaller type.
 */
export function terminalFontSize(width: number, advance: number): number {
  if (!(width > 0) || !(advance > 0)) return MAX_FONT_PX;
  const fits = Math.floor((width / (80 * advance)) * 2) / 2;
  return Math.min(MAX_FONT_PX, Math.max(MIN_FONT_PX, fits));
}

/** One monospace character's width per pixel of font size, as this browser draws the terminal's font. */
function measureAdvance(): number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return 0.6;
  context.font = `100px ${FONT_FAMILY}`;
  return context.measureText('0123456789').width / 1000 || 0.6;
}

/**
 * Makes the links in `term` clickable once a pointer comes over `host`: only a mouse follows them,
 * so the addon is not part of what a terminal needs before its first prompt.
 */
function linksOnPointer(term: Terminal, host: HTMLElement): void {
  host.addEventListener(
    'pointerenter',
    () => {
      void import('@xterm/addon-web-links').then(({ WebLinksAddon }) => term.loadAddon(new WebLinksAddon()));
    },
    { once: true },
  );
}

export interface PageTerminal {
  term: Terminal;
  /** Fits the terminal to its element; called on resize. */
  fit(): void;
  dispose(): void;
}

/**
 * An xterm.js terminal in `host`, the way every lab has one: the page's theme (kept in step with it),
 * clickable links (`linksOnPointer`), type sized and columns fitted to its element whenever that
 * changes size (a rotated phone, a workspace opened), labelled for screen readers. Tab stays in the terminal for
 * completion; Shift+Tab, or Escape then Tab, moves on, so keyboard users are never trapped. Escape
 * goes to `onEscape` first (a workspace closes), unless `escapeIsTyped` says a program reads it (vi):
 * then it is typed, and Escape then Tab still moves on.
 */
export function openTerminal(
  host: HTMLElement,
  options: {
    label: string;
    convertEol?: boolean;
    onResize?: (term: Terminal) => void;
    /** Returns true when it used the key (the lab left its workspace). */
    onEscape?: () => boolean;
    /** Whether Escape is a key for the program in the terminal now (a full-screen editor). */
    escapeIsTyped?: () => boolean;
  },
): PageTerminal {
  const advance = measureAdvance();
  // The room for type: the host's width less the padding of the terminal's own element once it is
  // open (the fit takes that padding off too), else of the host.
  const width = () => {
    const style = getComputedStyle(host.querySelector('.xterm') ?? host);
    return host.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
  };
  const term = new Terminal({
    convertEol: options.convertEol ?? true,
    cursorBlink: true,
    fontFamily: FONT_FAMILY,
    fontSize: terminalFontSize(width(), advance),
    scrollback: 5000,
    theme: themeFromPage(),
  });
  const fitAddon = new FitAddon();
  term.loadAddon(fitAddon);
  term.open(host);
  linksOnPointer(term, host);
  let escaped = false;
  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown') return true;
    if (event.key === 'Escape') {
      if (options.escapeIsTyped?.()) {
        escaped = true;
        return true;
      }
      escaped = !options.onEscape?.();
      return false;
    }
    // Returning false leaves the key to the browser, which moves the focus.
    if (event.key === 'Tab' && (event.shiftKey || escaped)) {
      escaped = false;
      return false;
    }
    escaped = false;
    return true;
  });
  const fitToHost = () => {
    const size = terminalFontSize(width(), advance);
    if (term.options.fontSize !== size) term.options.fontSize = size;
    fitAddon.fit();
    // The size the programs in it see, for anyone checking how much fits.
    host.dataset.columns = String(term.cols);
  };
  fitToHost();
  term.textarea?.setAttribute('aria-label', options.label);
  let last = `${term.cols}x${term.rows}`;
  const resize = new ResizeObserver(() => {
    if (host.clientWidth === 0) return; // hidden (another tab is showing): keep the last size
    fitToHost();
    const now = `${term.cols}x${term.rows}`;
    if (now !== last) options.onResize?.(term);
    last = now;
  });
  resize.observe(host);
  const themeWatch = new MutationObserver(() => {
    term.options.theme = themeFromPage();
  });
  themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return {
    term,
    fit: fitToHost,
    dispose: () => {
      resize.disconnect();
      themeWatch.disconnect();
      term.dispose();
    },
  };
}
