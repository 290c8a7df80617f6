import type { ReactNode, RefObject } from 'react';
import WorkspaceControls, { type WorkspaceLabels } from './WorkspaceControls.tsx';
import type { WorkspaceMode } from './workspace.ts';

/**
 * A lab's frame, the same for the simulated lab and the real machine: while it sits beside the
 * lesson, a note in the lesson with the way back; the bar (its name, `tabs`, the workspace buttons),
 * then its panes. Over the whole page it is a modal dialog named like the lab.
 */
export default function LabFrame({
  workspace,
  frame,
  name,
  labels,
  tabs,
  children,
}: {
  workspace: { mode: WorkspaceMode; open(mode: Exclude<WorkspaceMode, 'page'>): void; close(): void };
  frame: RefObject<HTMLDivElement | null>;
  name: string;
  labels: WorkspaceLabels & { away: string };
  tabs?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      {workspace.mode === 'side' ? (
        <p className="lab-away">
          {labels.away}{' '}
          <button type="button" className="qs-button qs-button-small" onClick={workspace.close}>
            {labels.leaveWorkspace}
          </button>
        </p>
      ) : null}
      <div
        ref={frame}
        className="lab-frame"
        {...(workspace.mode === 'full' ? { role: 'dialog', 'aria-modal': true, 'aria-label': name } : {})}
      >
        <div className="lab-bar">
          <span className="lab-name" aria-hidden="true">
            {name}
          </span>
          {tabs}
          <WorkspaceControls
            mode={workspace.mode}
            onOpen={workspace.open}
            onClose={workspace.close}
            labels={labels}
          />
        </div>
        <div className="lab-panes">{children}</div>
      </div>
    </>
  );
}
