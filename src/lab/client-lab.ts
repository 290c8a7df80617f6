import type { ClientDirective } from 'astro';

/**
 * Dispatched (bubbling, from the terminal's screen) when a lab's session has something only the
 * lab's full interface shows: a task ticked, a solution seen before a reload.
 */
export const LAB_INTERFACE_EVENT = 'quayside:lab-interface';
/** Dispatched (bubbling) by the lab's interface once it has hydrated and adopted the session. */
export const LAB_ADOPTED_EVENT = 'quayside:lab-adopted';

/** What a learner does to a lab's controls that wakes its interface: a pointer coming over them
 * gives it a head start on the click. */
const FIRST_USE = ['pointerover', 'pointerdown', 'focusin', 'keydown'] as const;

/** The terminal's screen belongs to the session, which needs no interface to answer it. */
const onControls = (event: Event) => event.target instanceof Element && !event.target.closest('.lab-screen');

/**
 * `client:lab`: hydrates a lab's interface when the learner first uses its controls (a pointer
 * over them or pressed, a focus or a key anywhere in the lab but its terminal's screen) or when its session asks
 * (`LAB_INTERFACE_EVENT`), so a lab's prompt never waits for the interface's code. A click that
 * lands before the interface has adopted the session is held and played again afterwards, so no
 * button the server rendered is dead; a select changed meanwhile reports its change then.
 */
const labDirective: ClientDirective = (load, _options, island) => {
  let woken = false;
  let held: HTMLElement | undefined;
  const wake = async () => {
    if (woken) return;
    woken = true;
    for (const type of FIRST_USE) island.removeEventListener(type, onUse, true);
    island.removeEventListener(LAB_INTERFACE_EVENT, wake);
    const hydrate = await load();
    await hydrate();
  };
  const onUse = (event: Event) => {
    if (onControls(event)) void wake();
  };
  const hold = (event: MouseEvent) => {
    if (!onControls(event) || !(event.target instanceof HTMLElement) || event.target.closest('select'))
      return;
    event.preventDefault();
    event.stopImmediatePropagation();
    held = event.target;
    void wake();
  };
  for (const type of FIRST_USE) island.addEventListener(type, onUse, true);
  island.addEventListener(LAB_INTERFACE_EVENT, wake);
  island.addEventListener('click', hold, true);
  island.addEventListener(
    LAB_ADOPTED_EVENT,
    () => {
      island.removeEventListener('click', hold, true);
      for (const select of island.querySelectorAll('select')) {
        const chosen = [...select.options].find((option) => option.defaultSelected) ?? select.options[0];
        if (chosen && !chosen.selected) select.dispatchEvent(new Event('change', { bubbles: true }));
      }
      held?.click();
    },
    { once: true },
  );
};

export default labDirective;

declare global {
  namespace Astro {
    interface ClientDirectives {
      /** Hydrate a lab's interface on first use (see `src/lab/client-lab.ts`). */
      'client:lab'?: boolean;
    }
  }
}
