/**
 * Stands in for `@pagefind/default-ui` in Starlight's search (aliased in astro.config.mjs). Starlight
 * builds Pagefind's interface when the browser is first idle, on every page: 21 kB of script (Brotli)
 * that most readers never use. This stand-in takes Starlight's options at once but fetches the real
 * interface only when a reader reaches for search: pointing at or focusing the button, opening it, or
 * pressing its shortcut. Once built, the interface's input takes the focus if the dialog is open.
 */
export class PagefindUI {
  constructor(options: { element: string } & Record<string, unknown>) {
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      // @ts-expect-error: Pagefind ships no types (Starlight's own import says the same).
      void import('@pagefind/default-ui/npm_dist/mjs/ui-core.mjs').then(({ PagefindUI: Real }) => {
        // Pagefind deletes the options it reads, so the element is looked up first.
        const dialog = document.querySelector<HTMLElement>(options.element)?.closest('dialog');
        new Real(options);
        // The interface may draw its input a frame or two later; look for it for at most a second.
        let frames = 60;
        const focus = () => {
          const input = dialog?.querySelector('input');
          if (input && dialog?.open && document.activeElement !== input) input.focus();
          else if (!input && frames-- > 0) requestAnimationFrame(focus);
        };
        focus();
      });
    };
    // Starlight builds this when the browser is first idle: a reader may have opened search already.
    if (document.querySelector<HTMLElement>(options.element)?.closest('dialog')?.open) start();
    const button = document.querySelector('button[data-open-modal]');
    for (const event of ['pointerenter', 'focus', 'click', 'touchstart'])
      button?.addEventListener(event, start, { once: true, passive: true });
    window.addEventListener('keydown', (event) => {
      if ((event.metaKey || event.ctrlKey) && event.key === 'k') start();
    });
  }
}
