import { useEffect, useRef } from 'react';
import type { WorkspaceMode } from './workspace.ts';

export interface WorkspaceLabels {
  /** Opens the lab beside the lesson (wide screens), or over the whole page. */
  sideBySide: string;
  fullScreen: string;
  /** Brings the lab back into the lesson. */
  leaveWorkspace: string;
}

/**
 * The buttons that move a lab out of the lesson's flow and back. Leaving gives the focus back to
 * the button that opened the workspace.
 */
export default function WorkspaceControls({
  mode,
  onOpen,
  onClose,
  labels,
}: {
  mode: WorkspaceMode;
  onOpen(mode: Exclude<WorkspaceMode, 'page'>): void;
  onClose(): void;
  labels: WorkspaceLabels;
}) {
  const group = useRef<HTMLDivElement>(null);
  const opened = useRef<WorkspaceMode>('page');
  useEffect(() => {
    if (mode !== 'page') opened.current = mode;
    else if (opened.current !== 'page' && !group.current?.closest('.lab')?.contains(document.activeElement)) {
      group.current?.querySelector<HTMLButtonElement>(`[data-open="${opened.current}"]`)?.focus();
    }
  }, [mode]);
  return (
    <div className="lab-views" ref={group}>
      {mode === 'page' ? (
        <>
          <button
            key="side"
            type="button"
            className="qs-button lab-side-button"
            data-open="side"
            onClick={() => onOpen('side')}
          >
            <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
              <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" fill="none" stroke="currentColor" />
              <path d="M8 2.5v11" stroke="currentColor" />
            </svg>
            {labels.sideBySide}
          </button>
          <button
            key="full"
            type="button"
            className="qs-button"
            data-open="full"
            onClick={() => onOpen('full')}
          >
            <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
              <path d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" fill="none" stroke="currentColor" />
            </svg>
            {labels.fullScreen}
          </button>
        </>
      ) : (
        // Keyed apart from the buttons that open: React must not reuse the focused button as one of them.
        <button key="leave" type="button" className="qs-button" aria-keyshortcuts="Escape" onClick={onClose}>
          <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
            <path d="M6 2v4H2M10 2v4h4M14 10h-4v4M2 10h4v4" fill="none" stroke="currentColor" />
          </svg>
          {labels.leaveWorkspace}
        </button>
      )}
    </div>
  );
}
