import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';

/** Where a lab is shown: in the lesson's flow, beside the lesson (the page scrolls on), or over all of it. */
export type WorkspaceMode = 'page' | 'side' | 'full';

/** The lab holding a workspace now: only one lab at a time leaves the page's flow. */
let current: { close(): void } | undefined;

/**
 * Makes everything outside `frame` inert (its ancestors' other children), so a full-screen lab is
 * modal: Tab and screen readers stay in it. Returns what undoes it.
 */
function inertOutside(frame: HTMLElement): () => void {
  const made: HTMLElement[] = [];
  for (let node: HTMLElement | null = frame; node && node !== document.body; node = node.parentElement) {
    for (const sibling of node.parentElement?.children ?? []) {
      if (sibling !== node && sibling instanceof HTMLElement && !sibling.inert) {
        sibling.inert = true;
        made.push(sibling);
      }
    }
  }
  return () => {
    for (const element of made) element.inert = false;
  };
}

/**
 * A lab's workspace: the mode, and what opens and leaves it. The page's root element carries the
 * mode (`data-lab-workspace`) so the lesson can make room beside a side-by-side lab or stop
 * scrolling under a full-screen one. Escape anywhere in the frame leaves the workspace.
 */
export function useWorkspace(frame: RefObject<HTMLElement | null>): {
  mode: WorkspaceMode;
  open(mode: Exclude<WorkspaceMode, 'page'>): void;
  close(): void;
} {
  const [mode, setMode] = useState<WorkspaceMode>('page');
  const self = useRef({ close: () => setMode('page') });

  const open = useCallback((next: Exclude<WorkspaceMode, 'page'>) => {
    if (current && current !== self.current) current.close();
    current = self.current;
    setMode(next);
  }, []);
  const close = useCallback(() => setMode('page'), []);

  useEffect(() => {
    const element = frame.current;
    if (mode === 'page' || !element) return;
    const root = document.documentElement;
    root.dataset.labWorkspace = mode;
    const restore = mode === 'full' ? inertOutside(element) : () => {};
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      setMode('page');
    };
    element.addEventListener('keydown', onKey);
    return () => {
      element.removeEventListener('keydown', onKey);
      restore();
      delete root.dataset.labWorkspace;
      if (current === self.current) current = undefined;
    };
  }, [mode, frame]);

  // Leaving the page (a client-side navigation, the island unmounting) leaves the workspace too.
  useEffect(
    () => () => {
      if (current === self.current) current = undefined;
    },
    [],
  );

  return { mode, open, close };
}
