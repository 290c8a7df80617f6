import type { GradedTask } from '../lab/feedback.ts';
import type { Submitted } from '../lab/TaskList.tsx';
import type { RealMachineLabels } from './RealMachineLab.tsx';

export interface GradingStatus {
  status: 'queued' | 'running' | 'done' | 'failed';
  position?: number;
  runningMs?: number;
  passed?: number;
  total?: number;
  tasks?: GradedTask[];
  error?: string;
  stopped?: 'deadline' | 'cancelled';
  tampered?: boolean;
}

/**
 * What the page says while a grading is under way: its place in the queue (the learners ahead, or
 * that it is next), then the seconds the server's machine has been replaying the console input.
 */
export function gradingProgress(
  status: GradingStatus,
  labels: Pick<RealMachineLabels, 'queued' | 'next' | 'grading'>,
): string {
  if (status.status === 'queued') {
    const ahead = status.position ?? 0;
    return ahead > 0 ? labels.queued.replace('{n}', String(ahead)) : labels.next;
  }
  return labels.grading.replace('{n}', String(Math.floor((status.runningMs ?? 0) / 1000)));
}

/** Asks the server about a queued grading once a second until it is done, reporting each step. */
export async function followGrading(
  job: string,
  onStatus: (status: GradingStatus) => void,
  labels: Pick<RealMachineLabels, 'stopped' | 'tampered'>,
): Promise<Submitted> {
  for (;;) {
    const response = await fetch(`/api/real-machine/jobs/${job}`).catch(() => undefined);
    const status = (await response?.json().catch(() => undefined)) as GradingStatus | undefined;
    if (!response?.ok || !status) return { ok: false, reason: status?.error ?? 'the grader did not answer' };
    if (status.status === 'done') {
      const note = status.tampered
        ? labels.tampered
        : status.stopped === 'deadline'
          ? labels.stopped
          : undefined;
      return { ok: true, tasks: status.tasks ?? [], ...(note ? { note } : {}) };
    }
    if (status.status === 'failed') return { ok: false, reason: status.error ?? 'the grading failed' };
    onStatus(status);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
